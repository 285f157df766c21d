import type { AppView } from '../../../preload/contract';
import type { View } from '../../state/ui';
import type { IconName } from '../../components/Icon';
import { formatDurationLabel } from '../../lib/format';

export interface Command {
  id: string;
  title: string;
  /** Secondary text: account, ARN, what Enter does. */
  detail?: string;
  group: 'Roles' | 'Apps' | 'Go to' | 'Actions';
  icon: IconName;
  /** Lower-case text the query is matched against. */
  haystack: string;
  run: () => void;
}

export interface CommandActions {
  login(app: string, roleArn: string): void;
  openRoleSelector(app: string): void;
  logout(app: string): void;
  startProxy(app: string): void;
  navigate(view: View): void;
  addApp(): void;
  editApp(app: string): void;
  /** The Tables view on this app. */
  openTables(app: string): void;
  /** The AWS console of the app's live session (home, or the DynamoDB console of its region). */
  openConsole(app: string, destination: 'home' | 'dynamodb'): void;
}

export function buildCommands(apps: readonly AppView[], act: CommandActions, durationLabel: string): Command[] {
  const out: Command[] = [];
  for (const app of apps) {
    const labels = Object.entries(app.labels).map(([k, v]) => `${k}=${v}`).join(' ');
    for (const r of app.roles) {
      out.push({
        id: `role:${app.name}:${r.arn}`,
        title: `${app.name} › ${r.name}`,
        // The role's own duration and MFA device win over the default and the app's (quick login uses them).
        detail: `Account ${r.accountId} · log in for ${r.durationSeconds ? formatDurationLabel(r.durationSeconds) : durationLabel}${r.mfaSerial || app.mfaSerial ? ' (asks for MFA)' : ''}`,
        group: 'Roles',
        icon: 'login',
        haystack: `${app.name} ${r.name} ${r.accountId} ${r.arn} ${labels} ${app.region} login`.toLowerCase(),
        run: () => act.login(app.name, r.arn),
      });
    }
    out.push({
      id: `app:${app.name}`,
      title: `Log in to ${app.name}…`,
      detail: app.session ? `Signed in as ${app.session.roleName} · choose a role` : 'Choose a role',
      group: 'Apps',
      icon: 'apps',
      haystack: `${app.name} ${labels} ${app.region} ${app.partition} login role`.toLowerCase(),
      run: () => act.openRoleSelector(app.name),
    });
    out.push({
      id: `edit:${app.name}`,
      title: `Edit ${app.name}…`,
      detail: 'Region, roles, labels, endpoints',
      group: 'Actions',
      icon: 'edit',
      haystack: `${app.name} edit change settings ${labels}`.toLowerCase(),
      run: () => act.editApp(app.name),
    });
    if (app.session || app.kind === 'local') {
      out.push({
        id: `tables:${app.name}`,
        title: `Browse tables of ${app.name}`,
        detail: app.kind === 'local' ? 'DynamoDB (local)' : `DynamoDB in ${app.region}`,
        group: 'Actions',
        icon: 'layers',
        haystack: `${app.name} tables dynamodb browse explore query items partiql ${labels}`.toLowerCase(),
        run: () => act.openTables(app.name),
      });
    }
    if (app.session) {
      out.push({
        id: `proxy:${app.name}`,
        title: `Start proxy for ${app.name}`,
        group: 'Actions',
        icon: 'play',
        haystack: `${app.name} start proxy ${labels}`.toLowerCase(),
        run: () => act.startProxy(app.name),
      });
      if (app.kind === 'aws') {
        out.push({
          id: `console:${app.name}`,
          title: `Open the AWS console of ${app.name}`,
          detail: `As ${app.session.roleName} · account ${app.session.accountId}`,
          group: 'Actions',
          icon: 'monitor',
          haystack: `${app.name} aws console open web sign in ${app.session.roleName} ${labels}`.toLowerCase(),
          run: () => act.openConsole(app.name, 'home'),
        });
        out.push({
          id: `console-dynamodb:${app.name}`,
          title: `Open the DynamoDB console of ${app.name}`,
          detail: `As ${app.session.roleName} · ${app.region}`,
          group: 'Actions',
          icon: 'monitor',
          haystack: `${app.name} aws console dynamodb tables open ${app.region} ${labels}`.toLowerCase(),
          run: () => act.openConsole(app.name, 'dynamodb'),
        });
      }
      out.push({
        id: `logout:${app.name}`,
        title: `Log out of ${app.name}`,
        group: 'Actions',
        icon: 'logout',
        haystack: `${app.name} logout log out sign out ${labels}`.toLowerCase(),
        run: () => act.logout(app.name),
      });
    }
  }
  out.push({ id: 'add-app', title: 'Add app…', group: 'Actions', icon: 'plus', haystack: 'add app new create', run: act.addApp });
  for (const [view, title, icon] of [['apps', 'Apps', 'apps'], ['tables', 'Tables', 'layers'], ['proxies', 'Proxies', 'proxy'], ['policy', 'Access policy', 'shield'], ['audit', 'Audit', 'audit'], ['settings', 'Settings', 'settings']] as const) {
    out.push({ id: `go:${view}`, title, detail: 'Go to page', group: 'Go to', icon, haystack: `go to ${view} ${title}`.toLowerCase(), run: () => act.navigate(view) });
  }
  return out;
}

/** Every word of the query must occur; titles that start with the query rank first. */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const q = query.trim().toLowerCase();
  if (!q) return commands.filter((c) => c.group !== 'Roles' || commands.length < 40);
  const words = q.split(/\s+/);
  const hits = commands.filter((c) => words.every((w) => c.haystack.includes(w) || c.title.toLowerCase().includes(w)));
  const score = (c: Command): number => {
    const t = c.title.toLowerCase();
    if (t.startsWith(q)) return 0;
    if (t.includes(q)) return 1;
    return c.group === 'Roles' ? 2 : 3;
  };
  return hits.map((c, i) => ({ c, i, s: score(c) })).sort((a, b) => a.s - b.s || a.i - b.i).map((x) => x.c);
}
