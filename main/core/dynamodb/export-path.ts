import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** Where exports go when the user names no folder: Downloads, like a browser (the home folder without one). */
export function exportFolder(home = homedir()): string {
  const downloads = join(home, 'Downloads');
  return existsSync(downloads) ? downloads : home;
}

const stamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** A file path the user typed: `~/…` is their home, a bare name lands in the export folder. */
export function resolveUserPath(path: string, home = homedir()): string {
  if (path === '~' || path.startsWith('~/')) return join(home, path.slice(1));
  return isAbsolute(path) ? path : resolve(exportFolder(home), path);
}

export function defaultExportPath(table: string, format: 'jsonl' | 'csv', now = new Date(), home = homedir()): string {
  return join(exportFolder(home), `${table}-${stamp(now)}.${format}`);
}
