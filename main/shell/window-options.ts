import type { BrowserWindowConstructorOptions } from 'electron';
import { SECURITY_HEADERS } from '../web/static';

export interface WindowOptionsInput {
  /** Absolute path of the bundled, sandboxed preload (out/preload/index.cjs). */
  preloadPath: string;
  /** Window icon (Linux and Windows; macOS takes the bundle's icon). */
  iconPath?: string;
  /** Development checkout: DevTools allowed. */
  dev?: boolean;
  dark?: boolean;
}

/**
 * The main window's options. Pure, so the security flags are unit-tested: the renderer gets no
 * Node, runs sandboxed and isolated from the preload, and only sees what contextBridge exposes.
 */
export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Airlock',
    width: 1200,
    height: 800,
    minWidth: 880,
    minHeight: 560,
    show: false, // shown on ready-to-show: no white flash
    backgroundColor: input.dark ? '#0f1722' : '#ffffff',
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: input.dev === true,
    },
  };
}

/** The same policy the web host sends (main/web/static.ts): only our own scripts, styles and calls. */
export const APP_CSP: string = SECURITY_HEADERS['content-security-policy'];

const OURS: Record<string, string> = {
  'content-security-policy': APP_CSP,
  'x-content-type-options': SECURITY_HEADERS['x-content-type-options'],
  'referrer-policy': SECURITY_HEADERS['referrer-policy'],
};

/**
 * Response headers with our CSP (and nosniff, no-referrer) set, whatever the response carried:
 * any existing spelling of those headers is replaced, never merged.
 */
export function withSecurityHeaders(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!(name.toLowerCase() in OURS)) out[name] = value;
  }
  for (const [name, value] of Object.entries(OURS)) out[name] = [value];
  return out;
}
