import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Command } from 'commander';
import { CoreHost } from '../../core/host';
import { ROOT, buildElectron } from '../../shell/build/electron-build';
import { buildRenderer } from '../../shell/build/renderer-build';
import { electronBlocker, findElectronBinary, shouldDownloadElectron } from '../../shell/launch';
import { parsePort } from './proxy';
import { runWebUi } from './ui';

/** An Electron that exits this fast with an error never really ran (missing libraries, no GPU/display access…). */
const STARTUP_MS = 5000;

type ElectronRun = { ran: true; code: number } | { ran: false; why: string };

/** Runs Electron's own installer (it fetches the binary for this platform); failures fall through to the web UI. */
function downloadElectron(): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'electron', 'install.js')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', () => resolve());
    child.on('exit', () => resolve());
  });
}

/** Runs the desktop app until it quits; reports a start-up failure instead of exiting with it. */
function runElectron(binary: string): Promise<ElectronRun> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    const started = Date.now();
    const child = spawn(binary, [ROOT], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const done = (r: ElectronRun): void => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(r);
    };
    child.on('error', (err) => done({ ran: false, why: `the Electron binary could not start (${err.message})` }));
    child.on('exit', (code, signal) => {
      const failed = code !== 0 && !(signal === 'SIGINT' || signal === 'SIGTERM');
      if (failed && Date.now() - started < STARTUP_MS) {
        done({ ran: false, why: `the Electron app exited at start-up (${signal ?? `code ${code}`})` });
      } else {
        done({ ran: true, code: code ?? 0 });
      }
    });
  });
}

/**
 * `npm start`: builds what is stale (renderer, Electron bundles) and launches the desktop app.
 * Where Electron cannot run (binary not installed, no display, root on Linux, a crash at
 * start-up) it says why in one line and serves the same UI with `airlock ui` instead.
 */
export function registerStart(program: Command): void {
  program.command('start')
    .description('build and start the desktop app (or, where Electron cannot run, the web UI)')
    .option('--port <port>', 'web UI fallback: port on 127.0.0.1 (default: any free port)', parsePort)
    .option('--no-open', 'web UI fallback: only print the URL')
    .action(async (o: { port?: number; open: boolean }) => {
      let binary = findElectronBinary(ROOT);
      if (shouldDownloadElectron(binary, process.platform, process.env)) {
        // Electron's package downloads its binary on first use, not at npm install: do it here, visibly.
        process.stdout.write('Airlock: downloading the Electron binary (first start)…\n');
        await downloadElectron();
        binary = findElectronBinary(ROOT);
      }
      let why = electronBlocker({ binary, platform: process.platform, env: process.env, uid: process.getuid?.() });
      await buildRenderer();
      if (why === null && 'path' in binary) {
        await buildElectron({ root: ROOT });
        const run = await runElectron(binary.path);
        if (run.ran) {
          process.exitCode = run.code;
          return;
        }
        why = run.why;
      }
      process.stdout.write(`Airlock: cannot run the desktop app here: ${why ?? 'unknown reason'}; starting the web UI (airlock ui) instead.\n`);
      const host = new CoreHost();
      try {
        await runWebUi(host, o);
      } finally {
        await host.close();
      }
    });
}
