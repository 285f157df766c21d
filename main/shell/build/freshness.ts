import { readdirSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { join } from 'node:path';

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The newest modification time among files (directories walked; node_modules and dot-entries skipped); -1 when none. */
export function newestMtime(paths: string[]): number {
  let newest = -1;
  const visit = (p: string): void => {
    const st = statOrNull(p);
    if (!st) return;
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (!name.startsWith('.') && name !== 'node_modules') visit(join(p, name));
    } else {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  paths.forEach(visit);
  return newest;
}

/** The oldest modification time among output files; null when one is missing. */
export function oldestMtime(files: string[]): number | null {
  let oldest = Infinity;
  for (const f of files) {
    const st = statOrNull(f);
    if (!st?.isFile()) return null;
    oldest = Math.min(oldest, st.mtimeMs);
  }
  return oldest === Infinity ? null : oldest;
}

/** Outputs are up to date when they all exist and none is older than any input. */
export function isFresh(outputs: string[], inputs: string[]): boolean {
  const oldest = oldestMtime(outputs);
  if (oldest === null) return false;
  const newest = newestMtime(inputs);
  return newest !== -1 && newest <= oldest;
}

/** What the renderer build (vite build) reads, and what it writes. */
export function rendererBuildFiles(root: string): { inputs: string[]; outputs: string[] } {
  return {
    inputs: ['renderer', 'preload', 'vite.config.ts', 'tsconfig.renderer.json', 'package.json'].map((p) => join(root, p)),
    outputs: [join(root, 'dist', 'renderer', 'index.html')],
  };
}
