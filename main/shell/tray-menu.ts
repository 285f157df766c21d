import type { MenuItemConstructorOptions } from 'electron';
import type { AppView, ProxyView, RoleView } from '../../preload/contract';

/**
 * The tray menu, built by a pure function from state (unit-tested). Items carry an `id` naming
 * their action instead of a click closure; the binding (tray.ts) maps ids back to actions.
 */
export type TrayAction =
  | { type: 'login'; app: string; role: string }
  /** The role needs MFA: the window's role selector asks for the code. */
  | { type: 'select-role'; app: string; role: string }
  /** A local DynamoDB app: no role, no login; just its proxy. */
  | { type: 'start-local'; app: string }
  | { type: 'copy-env'; app: string }
  | { type: 'stop'; app: string }
  /** The AWS console of the app's live session: an in-app console window, or the default browser. */
  | { type: 'console'; app: string; target: ConsoleOpenIn }
  | { type: 'open' }
  | { type: 'quit' };

export type ConsoleOpenIn = 'window' | 'browser';

// App names are [A-Za-z0-9._-] and role ARNs never contain "|": a safe separator.
const SEP = '|';

export function actionId(a: TrayAction): string {
  switch (a.type) {
    case 'login':
    case 'select-role':
      return [a.type, a.app, a.role].join(SEP);
    case 'start-local':
    case 'copy-env':
    case 'stop':
      return [a.type, a.app].join(SEP);
    case 'console':
      return [a.type, a.app, a.target].join(SEP);
    case 'open':
    case 'quit':
      return a.type;
  }
}

export function parseActionId(id: string): TrayAction | null {
  const [type, app, ...rest] = id.split(SEP);
  const role = rest.join(SEP);
  switch (type) {
    case 'login':
    case 'select-role':
      return app && role ? { type, app, role } : null;
    case 'start-local':
    case 'copy-env':
    case 'stop':
      return app && rest.length === 0 ? { type, app } : null;
    case 'console':
      return app && (role === 'window' || role === 'browser') ? { type, app, target: role } : null;
    case 'open':
    case 'quit':
      return app === undefined ? { type } : null;
    default:
      return null;
  }
}

export interface TrayState {
  apps: AppView[];
  proxies: ProxyView[];
  /** ms since the epoch */
  now: number;
  /** Why the apps could not be listed (a locked vault…). */
  error?: string;
  /** Apps with a tray login in progress. */
  busy?: string[];
}

/** "42m left", "1h 05m left", "<1m left"; null once expired (or unparsable). */
export function timeLeft(expiration: string, now: number): string | null {
  const ms = Date.parse(expiration) - now;
  if (!Number.isFinite(ms) || ms <= 0) return null;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '<1m left';
  if (minutes < 60) return `${minutes}m left`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m left`;
}

function activeSession(app: AppView, now: number): { role: string; left: string } | null {
  if (!app.session) return null;
  const left = timeLeft(app.session.expiration, now);
  return left ? { role: app.session.roleArn, left } : null;
}

function roleLabel(r: RoleView): string {
  return r.accountId ? `${r.name} (${r.accountId})` : r.name;
}

function roleItems(app: AppView, role: RoleView, state: TrayState, proxies: ProxyView[]): MenuItemConstructorOptions[] {
  const active = activeSession(app, state.now);
  const current = active?.role === role.arn;
  const running = current && proxies.length > 0;
  const busy = state.busy?.includes(app.name) ?? false;
  const login: TrayAction = app.mfaSerial ? { type: 'select-role', app: app.name, role: role.arn } : { type: 'login', app: app.name, role: role.arn };
  // The console is the live session's: offered on that role only.
  const consoleItems: MenuItemConstructorOptions[] = current ? [
    { id: actionId({ type: 'console', app: app.name, target: 'window' }), label: 'Open console' },
    { id: actionId({ type: 'console', app: app.name, target: 'browser' }), label: 'Open console in browser' },
  ] : [];
  return [
    {
      id: actionId(login),
      label: busy ? 'Logging in…' : app.mfaSerial ? 'Log in and start proxy (MFA)…' : running ? 'Log in again' : 'Log in and start proxy',
      enabled: !busy,
    },
    ...consoleItems,
    { id: actionId({ type: 'copy-env', app: app.name }), label: 'Copy env', enabled: running },
    { id: actionId({ type: 'stop', app: app.name }), label: 'Stop', enabled: running },
  ];
}

function localAppItem(app: AppView, state: TrayState): MenuItemConstructorOptions {
  const running = state.proxies.some((p) => p.app === app.name);
  return {
    label: `${app.name} (local)${running ? ' ●' : ''}`,
    submenu: [
      { id: actionId({ type: 'start-local', app: app.name }), label: 'Start proxy', enabled: !running },
      { id: actionId({ type: 'copy-env', app: app.name }), label: 'Copy env', enabled: running },
      { id: actionId({ type: 'stop', app: app.name }), label: 'Stop', enabled: running },
    ],
  };
}

function appItem(app: AppView, state: TrayState): MenuItemConstructorOptions {
  if (app.kind === 'local') return localAppItem(app, state);
  const proxies = state.proxies.filter((p) => p.app === app.name);
  const active = activeSession(app, state.now);
  const submenu: MenuItemConstructorOptions[] = app.roles.length === 0
    ? [{ label: 'No roles yet: add role ARNs in Airlock', enabled: false }, { id: actionId({ type: 'open' }), label: 'Open Airlock' }]
    : app.roles.map((role) => ({
      label: active?.role === role.arn ? `${roleLabel(role)} — ${active.left}` : roleLabel(role),
      submenu: roleItems(app, role, state, proxies),
    }));
  return { label: active ? `${app.name} ●` : app.name, submenu };
}

function sessionLine(app: AppView, state: TrayState): MenuItemConstructorOptions | null {
  const active = activeSession(app, state.now);
  if (!active || !app.session) return null;
  const proxies = state.proxies.filter((p) => p.app === app.name);
  const proxy = proxies.length ? ` · proxy :${proxies.map((p) => p.port).join(', :')}` : '';
  return { label: `${app.name} — ${app.session.roleName}, ${active.left}${proxy}`, enabled: false };
}

export function buildTrayMenu(state: TrayState): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (state.error) {
    items.push({ label: state.error.length > 90 ? `${state.error.slice(0, 89)}…` : state.error, enabled: false });
  } else {
    const sessions = state.apps.map((a) => sessionLine(a, state)).filter((i): i is MenuItemConstructorOptions => i !== null);
    if (sessions.length) items.push({ label: 'Active sessions', enabled: false }, ...sessions, { type: 'separator' });
    items.push({ label: 'Apps', enabled: false });
    if (state.apps.length === 0) items.push({ label: 'No apps yet: add one in Airlock', enabled: false });
    else items.push(...state.apps.map((a) => appItem(a, state)));
  }
  items.push(
    { type: 'separator' },
    { id: actionId({ type: 'open' }), label: 'Open Airlock' },
    { id: actionId({ type: 'quit' }), label: 'Quit Airlock' },
  );
  return items;
}

/** The tray's tooltip: a glance at what is running. */
export function trayTooltip(state: TrayState): string {
  if (state.error) return 'Airlock';
  const n = state.apps.filter((a) => activeSession(a, state.now)).length;
  const p = state.proxies.length;
  if (n === 0) return 'Airlock — no active session';
  return `Airlock — ${n} active session${n === 1 ? '' : 's'}${p ? `, ${p} prox${p === 1 ? 'y' : 'ies'}` : ''}`;
}

/** Gives every item with an action id a click that runs it (the template itself stays data). */
export function withClicks(template: MenuItemConstructorOptions[], run: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return template.map((item) => {
    const out: MenuItemConstructorOptions = { ...item };
    if (Array.isArray(item.submenu)) out.submenu = withClicks(item.submenu, run);
    const action = item.id ? parseActionId(item.id) : null;
    if (action) out.click = () => run(action);
    return out;
  });
}

/**
 * The window fragment that opens the role selector for an app (and pre-selects a role): the tray
 * uses it for roles that need an MFA code. The renderer reads it on load and on hashchange.
 */
export function roleSelectorHash(app: string, role?: string): string {
  return `login=${encodeURIComponent(app)}${role ? `&role=${encodeURIComponent(role)}` : ''}`;
}
