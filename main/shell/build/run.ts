// npm run build:electron — bundles main/index.ts and preload/index.ts for Electron (see electron-build.ts).
import { errorMessage } from '../../core/errors';
import { buildElectron } from './electron-build';

const force = process.argv.includes('--force') || !process.argv.includes('--if-stale');
const production = process.argv.includes('--production');
try {
  const r = await buildElectron({ force, production });
  process.stdout.write(r.built ? `built ${r.main} and ${r.preload}\n` : 'Electron bundles are up to date\n');
} catch (err) {
  process.stderr.write(`build:electron failed: ${errorMessage(err)}\n`);
  process.exitCode = 1;
}
