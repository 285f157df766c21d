import { BaseWindow, WebContentsView, session as sessions, shell } from 'electron';
import type { Session, WebContents, WebPreferences } from 'electron';
import type { ConsoleOwner } from '../api/context';
import { consoleWindowOptions } from '../core/console/window-options';
import { AirlockError } from '../core/errors';
import { bandDataUrl, consoleLayout } from './console-band';
import {
  consoleDownloadDialog, consoleNavigation, consoleWindowOpen, consoleWindowTitle, isConsolePermissionAllowed, isConsoleUrl,
} from './console-guard';
import type { ConsoleSite } from './console-guard';

/**
 * In-app AWS console windows. Each is a BaseWindow holding two views:
 *  - a thin band (app, role, account on the app's colour), a data: page with no script and a CSP
 *    that admits only its own stylesheet, in the default session (hardened like the Airlock window);
 *  - the console itself, in the app+role's own persistent partition, sandboxed, with no preload.
 * Two views rather than CSS injected into the AWS page: the remote page can neither hide nor fake
 * the band, and it never shares a renderer with Airlock's UI.
 *
 * Neither view has a preload, so neither can reach ipcRenderer; and bindIpc (ipc.ts) answers only
 * the Airlock window's own web contents showing our file:// page, so even a stray call is refused.
 */

/** Whose console, and where it may go: kept per partition session (a partition is one app+role). */
interface ConsoleContext {
  owner: ConsoleOwner;
  site: ConsoleSite;
}

export interface ConsoleWindowsDeps {
  /** Hands an https link to the default browser. */
  openExternal: (url: string) => void;
  /** Where the save dialog of a console download starts. */
  downloadsDir: () => string;
  /** Window icon (Linux and Windows). */
  iconPath?: string;
  /** Problems worth a line on stderr (never a URL: the sign-in URL is a secret). */
  report?: (why: string) => void;
}

/** The band shows static text: no script, no Node, nothing to navigate to. */
const BAND_PREFERENCES: WebPreferences = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  javascript: false,
  webSecurity: true,
  webviewTag: false,
  spellcheck: false,
  navigateOnDragDrop: false,
  devTools: false,
};

const NOT_CONSOLE = (): AirlockError => new AirlockError('CONSOLE_URL',
  "the console sign-in URL is not on the app's federation endpoint or console site", 'check the app\'s federation endpoint');

export class ConsoleWindows {
  private readonly contexts = new WeakMap<Session, ConsoleContext>();
  private readonly hardened = new WeakSet<Session>();
  /** Open console windows with their app and partition, so a logout can end them. */
  private readonly windows = new Set<{ win: BaseWindow; app: string; partition: string }>();

  constructor(private readonly deps: ConsoleWindowsDeps) {}

  /** Whether a web contents belongs to a console partition (then `harden` guards it, not the Airlock window's guard). */
  owns(contents: WebContents): boolean {
    return this.contexts.has(contents.session);
  }

  /** Opens a console sign-in URL in a new console window of the app and role. */
  open(url: string, owner: ConsoleOwner, site: ConsoleSite): void {
    if (!isConsoleUrl(url, site)) throw NOT_CONSOLE();
    const { webPreferences, ...frame } = consoleWindowOptions(owner);
    const ses = sessions.fromPartition(webPreferences.partition);
    // Before any view exists: web-contents-created looks the session up to pick the console guard.
    this.contexts.set(ses, { owner, site });
    this.hardenSession(ses);

    const win = new BaseWindow({ ...frame, ...(this.deps.iconPath ? { icon: this.deps.iconPath } : {}) });
    const entry = { win, app: owner.app, partition: webPreferences.partition };
    this.windows.add(entry);
    const band = new WebContentsView({ webPreferences: BAND_PREFERENCES });
    const view = new WebContentsView({ webPreferences });
    win.contentView.addChildView(band);
    win.contentView.addChildView(view);
    const layout = (): void => {
      const l = consoleLayout(win.getContentBounds());
      band.setBounds(l.band);
      view.setBounds(l.console);
    };
    layout();
    win.on('resize', layout);
    // Not every platform reports these as a resize.
    win.on('maximize', layout);
    win.on('unmaximize', layout);
    win.on('enter-full-screen', layout);
    win.on('leave-full-screen', layout);
    view.webContents.on('page-title-updated', (_event, title) => win.setTitle(consoleWindowTitle(frame.title, title)));
    // A BaseWindow does not destroy its views' web contents when it closes.
    win.on('closed', () => {
      this.windows.delete(entry);
      for (const v of [band, view]) if (!v.webContents.isDestroyed()) v.webContents.close();
    });

    band.webContents.loadURL(bandDataUrl(owner, frame.backgroundColor)).catch(() => this.deps.report?.('the console window band did not load'));
    view.webContents.loadURL(url).catch((err: unknown) => {
      // ERR_ABORTED is a navigation the guard refused (or the user stopped): not worth a line.
      const code = (err as { code?: unknown }).code;
      if (code !== 'ERR_ABORTED') this.deps.report?.(`the console of ${owner.app} did not load (${typeof code === 'string' ? code : 'error'})`);
    });
    win.show();
    view.webContents.focus();
  }

  /**
   * Logging out of an app (or removing it) ends its consoles too: its console windows close, and the
   * cookies and storage of its partitions (`partitions`: one per role it had, windows open or not,
   * since they persist across restarts) are cleared, so no console stays signed in after the session.
   */
  async endApp(app: string, partitions: readonly string[]): Promise<void> {
    const all = new Set(partitions);
    for (const entry of [...this.windows]) {
      if (entry.app !== app) continue;
      all.add(entry.partition);
      if (!entry.win.isDestroyed()) entry.win.close();
    }
    await Promise.all([...all].map((p) => sessions.fromPartition(p).clearStorageData()));
  }

  /** Opens a console sign-in URL in the default browser (after the same check as a window). */
  async openInBrowser(url: string, site: ConsoleSite): Promise<void> {
    if (!isConsoleUrl(url, site)) throw NOT_CONSOLE();
    await shell.openExternal(url);
  }

  /** Navigation and new-window guards of a console partition's web contents (wired from web-contents-created). */
  harden(contents: WebContents): void {
    const context = (): ConsoleContext | undefined => this.contexts.get(contents.session);
    const guard = (event: { url: string; preventDefault(): void }): void => {
      const ctx = context();
      const d = ctx ? consoleNavigation(event.url, ctx.site) : { allow: false as const, openExternal: null };
      if (d.allow) return;
      event.preventDefault();
      if (d.openExternal) this.deps.openExternal(d.openExternal);
    };
    contents.on('will-navigate', guard);
    // Redirects of the main frame too (the federation endpoint redirects to the console). Frames
    // inside the console are AWS's business: they live in its sandboxed renderer, with no preload.
    contents.on('will-redirect', (event) => {
      if (event.isMainFrame) guard(event);
    });
    contents.setWindowOpenHandler(({ url }) => {
      const ctx = context();
      const d = ctx ? consoleWindowOpen(url, ctx.site) : { open: 'none' as const };
      if (d.open === 'external') this.deps.openExternal(d.url);
      if (d.open === 'console' && ctx) {
        try {
          this.open(d.url, ctx.owner, ctx.site);
        } catch {
          this.deps.report?.('refused a console window for a URL outside the console site');
        }
      }
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  }

  /** Once per partition: no permission but clipboard writes, no devices or screen capture, downloads only through a save dialog. */
  private hardenSession(ses: Session): void {
    if (this.hardened.has(ses)) return;
    this.hardened.add(ses);
    const permits = (permission: string, requestingUrl: string | undefined): boolean => {
      const ctx = this.contexts.get(ses);
      return ctx !== undefined && isConsolePermissionAllowed(permission, requestingUrl, ctx.site);
    };
    ses.setPermissionRequestHandler((_wc, permission, callback, details) => callback(permits(permission, details.requestingUrl)));
    ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) => permits(permission, details.requestingUrl ?? requestingOrigin));
    ses.setDevicePermissionHandler(() => false);
    ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
    ses.on('will-download', (_event, item) => {
      const ctx = this.contexts.get(ses);
      if (!ctx) {
        item.cancel();
        return;
      }
      // No save path set: Electron asks the user where to save, starting from these options.
      item.setSaveDialogOptions(consoleDownloadDialog(item.getFilename(), this.deps.downloadsDir(), ctx.owner));
    });
  }
}
