import { existsSync } from 'node:fs';
import { BrowserWindow, nativeTheme } from 'electron';
import type { Session } from 'electron';
import { mainWindowOptions, withSecurityHeaders } from './window-options';

export interface MainWindowOptions {
  /** dist/renderer/index.html */
  indexHtml: string;
  preloadPath: string;
  iconPath?: string;
  dev: boolean;
  /** Asked when the window's close button is pressed: true hides it (the app stays in the tray). */
  keepInTray: () => boolean;
  /** Called the first time the window is hidden instead of closed. */
  onHiddenToTray?: () => void;
}

/** A strict CSP (the web host's policy) on every response the app's session receives. */
export function installCsp(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  });
}

export const NOT_BUILT_HINT = 'The Airlock UI is not built in this checkout: run npm run build (npm start does it), then start Airlock again.';

/**
 * Creates the main window on our own page (optionally on an in-app route: a URL fragment);
 * hidden, not closed, while the app keeps running in the tray.
 */
export function createMainWindow(o: MainWindowOptions, hash?: string): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions({
    preloadPath: o.preloadPath,
    dev: o.dev,
    dark: nativeTheme.shouldUseDarkColors,
    ...(o.iconPath && process.platform !== 'darwin' ? { iconPath: o.iconPath } : {}),
  }));
  win.once('ready-to-show', () => win.show());
  let told = false;
  win.on('close', (event) => {
    if (!o.keepInTray()) return;
    event.preventDefault();
    win.hide();
    if (!told) {
      told = true;
      o.onHiddenToTray?.();
    }
  });
  if (!existsSync(o.indexHtml)) process.stderr.write(`airlock: ${NOT_BUILT_HINT}\n`);
  win.loadFile(o.indexHtml, hash ? { hash } : undefined).catch((err: unknown) => {
    process.stderr.write(`airlock: could not load the window (${err instanceof Error ? err.message : String(err)})\n`);
  });
  return win;
}

/** Brings the window to the front (restored, shown, focused), optionally on an in-app route (URL fragment). */
export function showWindow(win: BrowserWindow, indexHtml: string, hash?: string): void {
  if (hash !== undefined) {
    // Same page, new fragment: a same-document navigation the renderer sees as hashchange.
    win.loadFile(indexHtml, { hash }).catch(() => undefined);
  }
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
