import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import open from 'open';
import type { CoreHost } from '../../core/host';
import { untilStopSignal } from '../signals';
import { errorMessage } from '../../core/errors';
import { startWebHost } from '../../web/server';
import { parsePort } from './proxy';

/** The built renderer of this checkout or package (npm run build writes it). */
export function rendererDir(): string | undefined {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../../dist/renderer');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

export function registerUi(program: Command, host: () => CoreHost): void {
  program.command('ui')
    .description('serve the Airlock UI on 127.0.0.1 and open it in the default browser')
    .option('--port <port>', 'port on 127.0.0.1 (default: any free port)', parsePort)
    .option('--no-open', 'only print the URL')
    .action(async (o: { port?: number; open: boolean }) => {
      const staticDir = rendererDir();
      const web = await startWebHost({ host: host(), ...(o.port !== undefined ? { port: o.port } : {}), ...(staticDir ? { staticDir } : {}) });
      // The first line is the URL (with its token): scripts and tests read it.
      process.stdout.write(`${web.url}\n`);
      process.stdout.write('Airlock UI is running on 127.0.0.1 only; the URL carries a one-time token. Press Ctrl+C to stop.\n');
      if (o.open) await open(web.url).catch((err: unknown) => process.stderr.write(`airlock: could not open a browser (${errorMessage(err)}); open the URL above\n`));
      await untilStopSignal();
      await web.close();
    });
}
