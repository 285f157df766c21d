import { join } from 'node:path';
import { Menu, Tray, clipboard, nativeImage } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { AppView, ErrorView, ProxyView } from '../../preload/contract';
import { invoke } from '../api';
import type { InvokeResult } from '../api';
import type { Handlers } from '../api/handler-types';
import { buildTrayMenu, roleSelectorHash, trayTooltip, withClicks } from './tray-menu';
import type { TrayAction, TrayState } from './tray-menu';

/** Template images on macOS (black + alpha, adapted to the menu bar); the colored icon elsewhere. */
export function trayIconPath(dir: string, platform: NodeJS.Platform): string {
  return join(dir, platform === 'darwin' ? 'trayTemplate.png' : 'tray.png');
}

export interface TrayDeps {
  iconDir: string;
  handlers: Handlers;
  /** Shows the window, optionally on an in-app route (URL fragment). */
  openWindow: (hash?: string) => void;
  quit: () => void;
  /** Tells the window something changed (a proxy the tray started). */
  changed: (app: string) => void;
  /** Shows an error to the user. */
  report: (title: string, error: ErrorView) => void;
  /** A short notice (e.g. why a console session is shorter than the app session); optional. */
  notify?: (title: string, body: string) => void;
  /** Session length for tray logins (seconds). */
  durationSeconds?: number;
}

class CallError extends Error {
  constructor(readonly view: ErrorView) {
    super(view.message);
  }
}

async function call<T>(handlers: Handlers, channel: string, payload: unknown): Promise<T> {
  const r: InvokeResult = await invoke(handlers, channel, payload);
  if (!r.ok) throw new CallError(r.error);
  return r.value as T;
}

/**
 * The tray icon and its quick-login menu. The menu is rebuilt from state (apps, proxies, now)
 * after every change and every 30 s (time left); actions go through the same contract handlers
 * as the window.
 */
export class AirlockTray {
  private readonly tray: Tray;
  private readonly busy = new Set<string>();
  private state: TrayState = { apps: [], proxies: [], now: Date.now() };
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> | undefined;
  private again = false;

  constructor(private readonly deps: TrayDeps) {
    const image = nativeImage.createFromPath(trayIconPath(deps.iconDir, process.platform));
    if (process.platform === 'darwin') image.setTemplateImage(true);
    this.tray = new Tray(image);
    this.tray.setToolTip('Airlock');
    // Windows opens the window on a click; macOS and Linux show the menu.
    if (process.platform === 'win32') this.tray.on('click', () => deps.openWindow());
    this.render();
    this.timer = setInterval(() => void this.refresh(), 30_000);
    this.timer.unref();
  }

  /** Rebuilds the menu from fresh state; calls during a refresh coalesce into one more. */
  refresh(): Promise<void> {
    if (this.pending) {
      this.again = true;
      return this.pending;
    }
    this.pending = (async () => {
      do {
        this.again = false;
        this.state = await this.load();
        this.render();
      } while (this.again);
    })().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** For tests and diagnostics: what the tray shows. */
  snapshot(): { tooltip: string; labels: string[] } {
    const labels: string[] = [];
    const walk = (items: MenuItemConstructorOptions[]): void => {
      for (const i of items) {
        if (i.label) labels.push(i.label);
        if (Array.isArray(i.submenu)) walk(i.submenu);
      }
    };
    walk(buildTrayMenu(this.state));
    return { tooltip: trayTooltip(this.state), labels };
  }

  destroy(): void {
    if (this.timer) clearInterval(this.timer);
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private async load(): Promise<TrayState> {
    const busy = [...this.busy];
    try {
      const [apps, proxies] = await Promise.all([
        call<AppView[]>(this.deps.handlers, 'apps.list', {}),
        call<ProxyView[]>(this.deps.handlers, 'proxies.list', {}),
      ]);
      return { apps, proxies, now: Date.now(), busy };
    } catch (err) {
      const message = err instanceof CallError ? err.view.message : String(err);
      return { apps: [], proxies: [], now: Date.now(), busy, error: message };
    }
  }

  private render(): void {
    if (this.tray.isDestroyed()) return;
    const template = withClicks(buildTrayMenu(this.state), (a) => void this.run(a));
    this.tray.setContextMenu(Menu.buildFromTemplate(template));
    this.tray.setToolTip(trayTooltip(this.state));
  }

  private async run(action: TrayAction): Promise<void> {
    const h = this.deps.handlers;
    try {
      switch (action.type) {
        case 'open':
          this.deps.openWindow();
          return;
        case 'quit':
          this.deps.quit();
          return;
        case 'select-role':
          this.deps.openWindow(roleSelectorHash(action.app, action.role));
          return;
        case 'login':
          this.busy.add(action.app);
          void this.refresh();
          try {
            await this.loginAndStart(action.app, action.role);
          } finally {
            this.busy.delete(action.app);
          }
          return;
        case 'start-local':
          await call(h, 'proxies.start', { app: action.app, mode: 'forward' });
          this.deps.changed(action.app);
          return;
        case 'copy-env': {
          const proxy = this.state.proxies.find((p) => p.app === action.app);
          if (proxy) clipboard.writeText(process.platform === 'win32' ? proxy.envText.powershell : proxy.envText.sh);
          return;
        }
        case 'stop':
          for (const p of this.state.proxies.filter((x) => x.app === action.app)) await call(h, 'proxies.stop', { id: p.id });
          return;
        case 'console': {
          const r = await call<{ durationNote?: string }>(h, 'console.open', { app: action.app, target: action.target, destination: 'home' });
          if (r.durationNote) this.deps.notify?.(`AWS console of ${action.app}`, sentence(r.durationNote));
          return;
        }
      }
    } catch (err) {
      if (err instanceof CallError && action.type === 'login' && err.view.code === 'MFA_REQUIRED') {
        this.deps.openWindow(roleSelectorHash(action.app, action.role));
      } else {
        this.deps.report(`Airlock could not ${describe(action)}`, err instanceof CallError ? err.view : { code: 'INTERNAL', message: String(err) });
      }
    } finally {
      await this.refresh();
    }
  }

  private async loginAndStart(app: string, role: string): Promise<void> {
    const h = this.deps.handlers;
    await call(h, 'sessions.login', { app, role, durationSeconds: this.deps.durationSeconds ?? 3600 });
    // A running proxy picks up the new session by itself; start one only if there is none.
    const proxies = await call<ProxyView[]>(h, 'proxies.list', {});
    if (!proxies.some((p) => p.app === app)) {
      await call(h, 'proxies.start', { app, mode: 'forward' });
      this.deps.changed(app);
    }
  }
}

function describe(a: TrayAction): string {
  switch (a.type) {
    case 'login':
    case 'select-role':
      return `log in to ${a.app}`;
    case 'start-local':
      return `start the proxy of ${a.app}`;
    case 'copy-env':
      return `copy the env of ${a.app}`;
    case 'stop':
      return `stop the proxy of ${a.app}`;
    case 'console':
      return `open the AWS console of ${a.app}`;
    default:
      return a.type;
  }
}

function sentence(text: string): string {
  return text ? `${text[0]!.toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}` : text;
}
