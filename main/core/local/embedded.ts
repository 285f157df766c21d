import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { AirlockError, errorMessage } from '../errors';
import { createEmbeddedDynamo } from './embedded-server';
import { seedSampleTable } from './sample';

interface ServerFile {
  url: string;
  pid: number;
}

export interface EmbeddedOptions {
  /** Told when the sample table could not be created (the emulator still works). */
  onWarning?: (message: string) => void;
}

/**
 * The embedded Local DynamoDB: dynalite over LevelDB under AIRLOCK_HOME/local-dynamodb, started
 * on demand. LevelDB allows one process per folder, so the first Airlock process to need it (the
 * desktop app, `airlock ui`, a CLI proxy) owns it and says where it listens in server.json; the
 * others use that URL. A new data folder gets the sample table.
 */
export class EmbeddedDynamo {
  private starting: Promise<string> | undefined;
  private owned: { close(): Promise<void>; release(): Promise<void> } | undefined;

  constructor(private readonly dir: string, private readonly opts: EmbeddedOptions = {}) {}

  /** The emulator's URL, starting it (or finding the process that runs it) first. */
  url(): Promise<string> {
    this.starting ??= this.start().catch((err: unknown) => {
      this.starting = undefined;
      throw err;
    });
    return this.starting;
  }

  /**
   * The emulator's URL after its URL stopped answering: ours if we own it; else the other process
   * that ran it quit or died, so find who runs it now, or take it over (its data stays).
   */
  relocate(): Promise<string> {
    if (this.owned && this.starting) return this.starting;
    this.starting = undefined;
    return this.url();
  }

  get isOwner(): boolean {
    return this.owned !== undefined;
  }

  async close(): Promise<void> {
    const owned = this.owned;
    this.owned = undefined;
    this.starting = undefined;
    if (!owned) return;
    await rm(this.serverFile, { force: true });
    await owned.close();
    await owned.release();
  }

  private get serverFile(): string {
    return join(this.dir, 'server.json');
  }

  private async start(retried = false): Promise<string> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    let release: (() => Promise<void>) | undefined;
    try {
      release = await lockfile.lock(this.dir, {
        lockfilePath: join(this.dir, 'owner.lock'),
        realpath: false,
        stale: 15_000,
        update: 5_000,
        // Another process took over after we stalled: it serves the data now; ours keeps running for our proxies.
        onCompromised: (err) => this.opts.onWarning?.(`lost the Local DynamoDB lock: ${errorMessage(err)}`),
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      const owner = await this.findOwner();
      if (owner !== 'dead' || retried) {
        if (owner === 'dead') throw this.busy();
        return owner;
      }
      // The owner died without releasing its lock (killed, crashed): take over its data.
      await lockfile.unlock(this.dir, { lockfilePath: join(this.dir, 'owner.lock'), realpath: false }).catch(() => undefined);
      return this.start(true);
    }
    const dataDir = join(this.dir, 'data');
    const fresh = !existsSync(dataDir);
    const server = createEmbeddedDynamo({ path: dataDir });
    let url: string;
    try {
      ({ url } = await server.listen(0));
    } catch (err) {
      await release();
      throw new AirlockError('LOCAL_DYNAMODB', `could not start the embedded Local DynamoDB: ${errorMessage(err)}`);
    }
    this.owned = { close: () => server.close(), release };
    const info: ServerFile = { url, pid: process.pid };
    await writeFile(this.serverFile, JSON.stringify(info), { mode: 0o600 });
    if (fresh) {
      await seedSampleTable(url).catch((err: unknown) => this.opts.onWarning?.(`could not create the sample table: ${errorMessage(err)}`));
    }
    return url;
  }

  /** Another Airlock process runs the emulator: wait for it to say where (it may be starting), or find it gone. */
  private async findOwner(): Promise<string | 'dead'> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const info = await readFile(this.serverFile, 'utf8').then((t) => JSON.parse(t) as ServerFile, () => undefined);
      if (info && !alive(info.pid)) return 'dead';
      if (info && (await reachable(info.url))) return info.url;
      await new Promise((r) => setTimeout(r, 200));
    }
    return 'dead';
  }

  private busy(): AirlockError {
    return new AirlockError('LOCAL_DYNAMODB', 'the embedded Local DynamoDB is held by another Airlock process that does not answer',
      `quit the other Airlock process, or remove ${join(this.dir, 'owner.lock')} if none runs`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const sock = net.connect({ host: hostname, port: Number(port) });
    sock.setTimeout(1000);
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('timeout', () => {
      sock.destroy();
      resolve(false);
    });
    sock.once('error', () => resolve(false));
  });
}
