// Options for a future in-app console window. Plain data (no electron import in main/core):
// the shell passes it to new BrowserWindow(); the security flags are unit-tested here.

/** The BrowserWindowConstructorOptions fields Airlock sets for a console window. */
export interface ConsoleWindowOptions {
  title: string;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  autoHideMenuBar: boolean;
  backgroundColor: string;
  webPreferences: {
    /** One persistent cookie jar per app and role: sessions never mix across apps or roles. */
    partition: string;
    /** The AWS console is a remote site: it gets no preload, hence no bridge to Airlock. */
    preload: undefined;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webviewTag: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    experimentalFeatures: false;
    navigateOnDragDrop: false;
    safeDialogs: true;
    spellcheck: false;
  };
}

export interface ConsoleWindowInput {
  app: string;
  roleName: string;
  accountId: string;
  /** Hue (0–359) of the window's colour; default hueForApp(app). */
  colorHue?: number;
}

/** 32-bit FNV-1a: small, stable across runs and platforms. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** 18 hues 20° apart: neighbours stay distinguishable. */
const HUE_STEPS = 18;

/** A stable colour (hue in degrees) for an app, so its console windows are recognisable. */
export function hueForApp(name: string): number {
  return (fnv1a(name) % HUE_STEPS) * (360 / HUE_STEPS);
}

/** Lower-case [a-z0-9-] only, at most `max` characters. */
function slug(text: string, max: number): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max) || 'x';
}

/**
 * The session partition of an app+role: `persist:console-<app>-<role>-<hash>`. The readable part is
 * sanitised (lower case, [a-z0-9-]); the hash of the exact app, account and role keeps apps or
 * roles that sanitise alike (Dev/dev, ReadOnly in two accounts) apart.
 */
export function consolePartition(app: string, accountId: string, roleName: string): string {
  const id = fnv1a(`${app}\u0000${accountId}\u0000${roleName}`).toString(36).padStart(7, '0');
  return `persist:console-${slug(app, 40)}-${slug(roleName, 40)}-${id}`;
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): string => {
    const k = (n + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

export function consoleWindowOptions(input: ConsoleWindowInput): ConsoleWindowOptions {
  const rawHue = input.colorHue ?? hueForApp(input.app);
  const hue = ((Math.round(rawHue) % 360) + 360) % 360;
  return {
    title: `${input.app} — ${input.roleName} (${input.accountId})`,
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 520,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: hslToHex(hue, 0.45, 0.3),
    webPreferences: {
      partition: consolePartition(input.app, input.accountId, input.roleName),
      preload: undefined,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
