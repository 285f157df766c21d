import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BuildOptions, Metafile } from 'esbuild';
import { isFresh } from './freshness';

/** The repository (or packaged app) root: this file is main/shell/build/. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ElectronBuildOptions {
  root?: string;
  /** Where the bundles go (default <root>/out). */
  outDir?: string;
  /** Build even when the outputs are newer than every input. */
  force?: boolean;
  /** Minify and drop the source maps (packaged builds). */
  production?: boolean;
}

export interface ElectronBuildResult {
  built: boolean;
  main: string;
  preload: string;
}

const MANIFEST = '.build-inputs.json';

export function electronOutputs(root: string, outDir = join(root, 'out')): { main: string; preload: string; manifest: string } {
  return { main: join(outDir, 'main', 'index.js'), preload: join(outDir, 'preload', 'index.cjs'), manifest: join(outDir, MANIFEST) };
}

/** The files the last build read (from esbuild's metafiles), or null if unknown. */
function lastInputs(manifest: string, root: string): string[] | null {
  try {
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { inputs?: unknown };
    if (!Array.isArray(parsed.inputs) || !parsed.inputs.every((i) => typeof i === 'string')) return null;
    return (parsed.inputs as string[]).map((i) => (isAbsolute(i) ? i : join(root, i)));
  } catch {
    return null;
  }
}

/**
 * Bundles the Electron main process (ESM, out/main/index.js) and the preload (CommonJS, as a
 * sandboxed preload must be: out/preload/index.cjs). `electron` and every npm package stay
 * external: the main bundle loads them from node_modules like the CLI does, and the sandboxed
 * preload may require nothing but `electron`. Skipped when the outputs are newer than every
 * file the previous build read (fast restarts).
 */
export async function buildElectron(opts: ElectronBuildOptions = {}): Promise<ElectronBuildResult> {
  const root = opts.root ?? ROOT;
  const out = electronOutputs(root, opts.outDir);
  const inputs = lastInputs(out.manifest, root);
  const self = [fileURLToPath(import.meta.url), join(root, 'package.json')];
  if (!opts.force && inputs && isFresh([out.main, out.preload, out.manifest], [...inputs, ...self])) {
    return { built: false, main: out.main, preload: out.preload };
  }
  const common: BuildOptions = {
    absWorkingDir: root,
    bundle: true,
    metafile: true,
    logLevel: 'warning',
    sourcemap: opts.production ? false : 'linked',
    minify: opts.production === true,
    legalComments: 'none',
  };
  const [main, preload] = await Promise.all([
    build({
      ...common,
      entryPoints: [join(root, 'main', 'index.ts')],
      outfile: out.main,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
    }),
    build({
      ...common,
      entryPoints: [join(root, 'preload', 'index.ts')],
      outfile: out.preload,
      platform: 'browser',
      format: 'cjs',
      target: 'chrome140',
      external: ['electron'],
    }),
  ]);
  const read = (m: Metafile | undefined): string[] => Object.keys(m?.inputs ?? {}).filter((i) => !i.includes('node_modules/'));
  const all = [...new Set([...read(main.metafile), ...read(preload.metafile)])].sort()
    .map((i) => relative(root, resolve(root, i)));
  mkdirSync(dirname(out.manifest), { recursive: true });
  writeFileSync(out.manifest, `${JSON.stringify({ inputs: all }, null, 2)}\n`);
  return { built: true, main: out.main, preload: out.preload };
}
