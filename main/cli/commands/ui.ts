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

/** Serves the UI until SIGINT/SIGTERM; the first line printed is the URL (with its token). */
export async function runWebUi(host: CoreHost, o: { port?: number; open: boolean }): Promise<void> {
  // A first start opens on something that works without an AWS account.
  const local = host.offerLocalApp();
  if (local) process.stderr.write(`airlock: first start: added the app ${local.name} (an embedded Local DynamoDB with a sample table)\n`);
  const staticDir = rendererDir();
  const web = await startWebHost({ host, ...(o.port !== undefined ? { port: o.port } : {}), ...(staticDir ? { staticDir } : {}) });
  process.stdout.write(`${web.url}\n`);
  process.stdout.write('Airlock UI is running on 127.0.0.1 only; the URL carries a one-time token. Press Ctrl+C to stop.\n');
  // A Linux machine without a display has no browser to open; the printed URL is the way in.
  const canOpen = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (o.open && canOpen) {
    await open(web.url).catch((err: unknown) => process.stderr.write(`airlock: could not open a browser (${errorMessage(err)}); open the URL above\n`));
  }
  await untilStopSignal();
  await web.close();
}

export function registerUi(program: Command, host: () => CoreHost): void {
  program.command('ui')
    .description('serve the Airlock UI on 127.0.0.1 and open it in the default browser')
    .option('--port <port>', 'port on 127.0.0.1 (default: any free port)', parsePort)
    .option('--no-open', 'only print the URL')
    .action((o: { port?: number; open: boolean }) => runWebUi(host(), o));
}
