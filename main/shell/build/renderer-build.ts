import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AirlockError } from '../../core/errors';
import { ROOT } from './electron-build';
import { isFresh, rendererBuildFiles } from './freshness';

/**
 * `vite build` of the renderer into dist/renderer, skipped when the output is newer than its
 * sources, or when this checkout has no renderer. Returns whether it built.
 */
export async function buildRenderer(root = ROOT): Promise<boolean> {
  if (!existsSync(join(root, 'renderer', 'index.html'))) return false;
  const files = rendererBuildFiles(root);
  if (isFresh(files.outputs, files.inputs)) return false;
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('vite/package.json');
  const bin = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin: { vite: string } }).bin.vite;
  process.stderr.write('Building the Airlock UI…\n');
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [join(dirname(pkgPath), bin), 'build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
      // React's production build, whatever NODE_ENV the caller has (test runners set "test").
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.on('error', reject);
    child.on('exit', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new AirlockError('BUILD_FAILED', 'building the Airlock UI failed (vite build)', 'fix the errors above, then run npm start again');
  return true;
}
