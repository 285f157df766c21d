import type { EventName, EventPayload } from '../../preload/contract';
import type { CoreHost } from '../core/host';
import type { ProxyRegistry } from '../core/proxy/registry';

/** What every handler may use: the core services of one host process. */
export interface ApiContext {
  host: CoreHost;
  proxies: ProxyRegistry;
  /** Tells subscribers that something changed (the transport pushes it to the renderer). */
  emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void;
  /** Registers (or removes) Airlock as a login item; only a host that can (the desktop app) passes one. */
  applyLaunchAtLogin?: (on: boolean) => void;
  /**
   * The desktop app's native file dialog. With it, export and import accept only the paths it
   * returned (and the default export folder): a renderer cannot name files by itself.
   */
  chooseFile?: (purpose: 'export' | 'import', suggestedName?: string) => Promise<string | null>;
  /**
   * The desktop app opens a console sign-in URL itself: in an isolated console window per app and
   * role, or in the default browser. Without it (the web UI), the URL goes back to the page.
   */
  openConsole?: (target: 'window' | 'browser', url: string, who: ConsoleOwner) => Promise<'window' | 'browser'>;
  /** Ends the app's in-app consoles (windows closed, their partitions cleared): on logout and removal. */
  endConsoles?: (app: string) => Promise<void>;
}

/** Whose console a window shows: its title and colour band name them. */
export interface ConsoleOwner {
  app: string;
  roleName: string;
  accountId: string;
}
