import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the Electron binary of this checkout is, without side effects. (`require('electron')`
 * would do the same, but when the binary is missing it tries to download it first.)
 */
export type ElectronBinary = { path: string } | { missing: string };

export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json'))) return { missing: 'the electron package is not installed' };
  let rel: string | undefined;
  try {
    rel = readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    rel = undefined;
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron');
    return existsSync(p) ? { path: p } : { missing: `no Electron binary at ${p} (ELECTRON_OVERRIDE_DIST_PATH)` };
  }
  if (!rel) return { missing: 'the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD, or its download failed)' };
  const p = join(pkg, 'dist', rel);
  return existsSync(p) ? { path: p } : { missing: `the Electron binary is missing (${p})` };
}

export interface LaunchFacts {
  binary: ElectronBinary;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** process.getuid?.() */
  uid?: number | undefined;
}

/** Why the desktop app cannot run here (one line), or null when it can. */
export function electronBlocker(f: LaunchFacts): string | null {
  if ('missing' in f.binary) return f.binary.missing;
  if (f.platform === 'linux' || f.platform === 'freebsd' || f.platform === 'openbsd') {
    if (!f.env.DISPLAY && !f.env.WAYLAND_DISPLAY) return 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
    if (f.uid === 0) return "running as root, where Electron's sandbox refuses to start";
  }
  return null;
}

/**
 * Whether `npm start` should fetch the Electron binary first: only when it is missing, the user
 * did not opt out (ELECTRON_SKIP_BINARY_DOWNLOAD) and a display exists to show the app on.
 */
export function shouldDownloadElectron(binary: ElectronBinary, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  if (!('missing' in binary) || env.ELECTRON_OVERRIDE_DIST_PATH) return false;
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD && env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '0') return false;
  if (binary.missing === 'the electron package is not installed') return false;
  const unixLike = platform === 'linux' || platform === 'freebsd' || platform === 'openbsd';
  return !unixLike || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
