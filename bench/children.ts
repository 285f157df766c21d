// Child processes of the benchmark (fixture, bare forwarder, airlock CLI and proxies) and the
// temporary directories they use: every one is registered here so cleanup() can end them all,
// whether the bench finishes, fails or is interrupted.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const BIN = join(ROOT, 'main/cli/bin.js');
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;
const OUTPUT_CAP = 64 * 1024;

const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let stopping = false;

export interface JsonChild<T> {
  name: string;
  pid: number;
  value: T;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}

function tail(text: string): string {
  return text.length > 2000 ? `…${text.slice(-2000)}` : text;
}

/** The first complete JSON value in `out` (a single line or pretty-printed), or undefined while incomplete. */
function parseJson<T>(out: string): T | undefined {
  try {
    return JSON.parse(out) as T;
  } catch {
    return undefined;
  }
}

/**
 * Spawns `node ...args` and resolves with the first complete JSON value it prints on stdout
 * (a single line or pretty-printed), or with what `parse` finds there (undefined: not yet).
 * The child keeps running until stop() or cleanup().
 */
export function startJsonChild<T>(name: string, args: string[], env: NodeJS.ProcessEnv,
  parse: (out: string) => T | undefined = parseJson): Promise<JsonChild<T>> {
  return new Promise((resolvePromise, reject) => {
    if (stopping) {
      reject(new Error(`not starting ${name}: cleaning up`));
      return;
    }
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    let out = '';
    let err = '';
    let settled = false;
    let stopAsked = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      void stopChild(child);
      reject(new Error(`${name} printed no settings within ${STARTUP_TIMEOUT_MS / 1000}s:\n${tail(out + err)}`));
    }, STARTUP_TIMEOUT_MS);
    child.stderr.on('data', (c: Buffer) => { if (err.length < OUTPUT_CAP) err += c.toString(); });
    child.stdout.on('data', (c: Buffer) => {
      if (settled) return;
      out += c.toString();
      const value = parse(out);
      if (value === undefined) return; // not all of it yet
      settled = true;
      clearTimeout(timer);
      resolvePromise({ name, pid: child.pid!, value, stop: () => {
        stopAsked = true;
        return stopChild(child);
      } });
    });
    child.once('error', (e) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      live.delete(child);
      const how = signal ?? `code ${code}`;
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        reject(new Error(`${name} exited (${how}) before printing its settings:\n${tail(out + err)}`));
      } else if (!stopping && !stopAsked) {
        process.stderr.write(`bench: ${name} exited unexpectedly (${how}):\n${tail(err)}\n`);
      }
    });
  });
}

/** Runs `node main/cli/bin.js ...args` to completion; rejects with its output if it fails. */
export function runAirlock(home: BenchHome, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    if (stopping) {
      reject(new Error(`not running airlock ${args[0]}: cleaning up`));
      return;
    }
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: home.env, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { out += c.toString(); });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      live.delete(child);
      if (code === 0) resolvePromise(out);
      else reject(new Error(`airlock ${args.slice(0, 2).join(' ')} failed (${signal ?? `code ${code}`}):\n${tail(out)}`));
    });
  });
}

/**
 * Runs `node ...args` to completion (a bench side that measures itself) and resolves with the JSON
 * value on the last line of its stdout; its stderr (progress) is passed through to ours.
 */
export function runJsonChild<T>(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    if (stopping) {
      reject(new Error(`not running ${name}: cleaning up`));
      return;
    }
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    live.add(child);
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out = (out + c.toString()).slice(-OUTPUT_CAP); });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      live.delete(child);
      const last = out.trim().split('\n').pop() ?? '';
      const value = code === 0 ? parseJson<T>(last) : undefined;
      if (value !== undefined) resolvePromise(value);
      else reject(new Error(`${name} failed (${signal ?? `code ${code}`}):\n${tail(out)}`));
    });
  });
}

export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** A throw-away user: AIRLOCK_HOME in a temp dir, source keys in the env, no AWS config files. */
export class BenchHome {
  readonly dir = makeTempDir('airlock-bench-');
  readonly env: NodeJS.ProcessEnv;

  constructor(source: { accessKeyId: string; secretAccessKey: string }) {
    this.env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: this.dir,
      AIRLOCK_HOME: join(this.dir, 'airlock'),
      AIRLOCK_PASSPHRASE: 'bench only, not a secret',
      AIRLOCK_CIPHER: 'passphrase',
      AWS_ACCESS_KEY_ID: source.accessKeyId,
      AWS_SECRET_ACCESS_KEY: source.secretAccessKey,
      AWS_CONFIG_FILE: join(this.dir, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(this.dir, 'no-aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      NO_COLOR: '1',
    };
  }
}

export interface FixtureSettings {
  stsUrl: string;
  dynamodbUrl: string;
  sourceCredentials: { accessKeyId: string; secretAccessKey: string };
}

export function startFixture(): Promise<JsonChild<FixtureSettings>> {
  return startJsonChild('fixture', ['--import', 'tsx', 'test/fixtures/serve.ts'], { PATH: process.env.PATH ?? '/usr/bin:/bin' });
}

export function startBareForwarder(target: string): Promise<JsonChild<{ url: string; ca: string }>> {
  return startJsonChild('bare forwarder', ['--import', 'tsx', 'bench/bare-forwarder.ts', target], { PATH: process.env.PATH ?? '/usr/bin:/bin' });
}

/** Node flags for the proxy children, e.g. BENCH_PROFILE_DIR=/tmp/prof → --cpu-prof into it. */
function proxyNodeFlags(): string[] {
  const dir = process.env.BENCH_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(dir)}`] : [];
}

/** `airlock proxy aws --format json ...args`, as a user would start it. */
export function startAirlockProxy(name: string, home: BenchHome, args: string[]): Promise<JsonChild<Record<string, string>>> {
  return startJsonChild(name, [...proxyNodeFlags(), BIN, 'proxy', 'aws', '--format', 'json', ...args], home.env);
}

/** Ends every child still running (SIGTERM, then SIGKILL after 5 s) and removes the temp dirs. Idempotent. */
export async function cleanup(): Promise<void> {
  stopping = true;
  await Promise.all([...live].map(stopChild));
  live.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}
