import type { Session, WebContents, WindowOpenHandlerResponse } from 'electron';

/**
 * Navigation, new-window and permission guards for every web contents of the app. The window
 * shows exactly one page, our own file:// index.html; anything else is refused. The decisions
 * are pure functions (unit-tested); `harden` and `hardenSession` only wire them.
 */

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True when `url` is the app's own page (any fragment: the renderer routes with it). */
export function isAppPage(url: string, appUrl: string): boolean {
  const u = parse(url);
  const app = parse(appUrl);
  if (!u || !app || app.protocol !== 'file:') return false;
  return u.protocol === 'file:' && u.host === app.host && u.username === '' && u.password === '' &&
    u.pathname === app.pathname && u.search === '';
}

/** Navigation of the window: only to our own page (a reload or a fragment change). */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  return isAppPage(url, appUrl);
}

/** A link worth handing to the default browser: https only, no credentials in it. */
export function externalUrl(url: string): string | null {
  const u = parse(url);
  if (!u || u.protocol !== 'https:' || u.username !== '' || u.password !== '' || u.hostname === '') return null;
  return u.href;
}

export type NavigationDecision = { allow: true } | { allow: false; openExternal: string | null };

/** What to do with a navigation the page starts: stay (our page), or refuse and maybe open https links outside. */
export function navigationDecision(url: string, appUrl: string, isMainFrame = true): NavigationDecision {
  if (isMainFrame && isAllowedNavigation(url, appUrl)) return { allow: true };
  return { allow: false, openExternal: isMainFrame ? externalUrl(url) : null };
}

/** window.open and target=_blank: never a new app window; https links go to the default browser. */
export function windowOpenDecision(url: string): { response: WindowOpenHandlerResponse; openExternal: string | null } {
  return { response: { action: 'deny' }, openExternal: externalUrl(url) };
}

/**
 * Permission requests and checks. Everything is denied, except two harmless ones the UI needs,
 * and only for our own page's main frame: writing text to the clipboard (the env "copy" buttons;
 * Chromium still requires a user gesture) and notifications (session expiry warnings).
 */
export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write', 'notifications'];

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, isMainFrame: boolean, appUrl: string): boolean {
  return GRANTED_PERMISSIONS.includes(permission) && isMainFrame && requestingUrl !== undefined && isAppPage(requestingUrl, appUrl);
}

export interface HardenOptions {
  appUrl: string;
  /** shell.openExternal; only ever called with https URLs. */
  openExternal: (url: string) => void;
}

function openIfAny(url: string | null, opts: HardenOptions): void {
  if (url) opts.openExternal(url);
}

/** Wires the guards to one web contents (the app calls it for every web contents created). */
export function harden(contents: WebContents, opts: HardenOptions): void {
  contents.on('will-navigate', (event) => {
    const d = navigationDecision(event.url, opts.appUrl, true);
    if (!d.allow) {
      event.preventDefault();
      openIfAny(d.openExternal, opts);
    }
  });
  contents.on('will-frame-navigate', (event) => {
    // Main-frame navigations were handled by will-navigate; frames other than the main one are never ours.
    if (event.isMainFrame ? !isAllowedNavigation(event.url, opts.appUrl) : true) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, opts.appUrl)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const d = windowOpenDecision(url);
    openIfAny(d.openExternal, opts);
    return d.response;
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Session-wide: permissions denied (but the two above), no downloads, no device access. */
export function hardenSession(session: Session, appUrl: string): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, details.isMainFrame, appUrl));
  });
  session.setPermissionCheckHandler((_wc, permission, _origin, details) =>
    isPermissionAllowed(permission, details.requestingUrl, details.isMainFrame, appUrl));
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.on('will-download', (event) => event.preventDefault());
}
