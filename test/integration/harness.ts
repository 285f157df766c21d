import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const BIN = join(ROOT, 'main/cli/bin.js');

/** Debian's real clients, as users run them (not whatever a version manager put first on PATH). */
export const AWS_CLI = process.env.AIRLOCK_TEST_AWS_CLI ?? '/usr/bin/aws';
export const PYTHON = process.env.AIRLOCK_TEST_PYTHON ?? '/usr/bin/python3';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A throw-away AIRLOCK_HOME and the environment a user would have: source keys in the env, nothing else. */
export class TestHome {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;

  constructor(source: { accessKeyId: string; secretAccessKey: string }) {
    this.dir = mkdtempSync(join(tmpdir(), 'airlock-it-'));
    this.env = {
      PATH: `/usr/bin:/bin:${process.env.PATH ?? ''}`,
      HOME: this.dir,
      AIRLOCK_HOME: join(this.dir, 'airlock'),
      AIRLOCK_PASSPHRASE: 'correct horse battery staple (test only)',
      AIRLOCK_AWS_CLI: AWS_CLI,
      AWS_ACCESS_KEY_ID: source.accessKeyId,
      AWS_SECRET_ACCESS_KEY: source.secretAccessKey,
      AWS_CONFIG_FILE: join(this.dir, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(this.dir, 'no-aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      // Never the machine's own managed access policy (/etc/airlock/policy.yaml): tests that need one set it.
      AIRLOCK_MANAGED_POLICY: join(this.dir, 'no-managed-policy.yaml'),
      AWS_PAGER: '',
      NO_COLOR: '1',
    };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

export function airlock(home: TestHome, args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return run(process.execPath, [BIN, ...args], { ...home.env, ...extraEnv }, input);
}

export interface ProxyProcess {
  child: ChildProcess;
  env: Record<string, string>;
  output: () => string;
  stop(): Promise<number>;
}

export interface LongRunning<T> {
  child: ChildProcess;
  ready: T;
  output: () => string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number>;
}

/** Starts a long-running `airlock …` command and resolves once `ready` can parse what it printed. */
export function spawnAirlock<T>(env: NodeJS.ProcessEnv, args: string[], ready: (stdout: string) => T | undefined): Promise<LongRunning<T>> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let settled = false;
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (settled) return;
      const value = ready(out);
      if (value === undefined) return;
      settled = true;
      resolvePromise({
        child,
        ready: value,
        output: () => out + err,
        stop: () => new Promise((done) => {
          if (child.exitCode !== null) {
            done(child.exitCode);
            return;
          }
          child.once('exit', (code) => done(code ?? -1));
          child.kill('SIGTERM');
        }),
      });
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`airlock ${args.join(' ')} exited with ${code}: ${out}${err}`));
    });
  });
}

/** Starts `airlock proxy aws --format json …` and waits for the settings it prints. */
export async function startProxy(home: TestHome, args: string[] = []): Promise<ProxyProcess> {
  const p = await spawnAirlock(home.env, ['proxy', 'aws', '--format', 'json', ...args], (out) => {
    try {
      return JSON.parse(out) as Record<string, string>;
    } catch {
      return undefined; // not all of the JSON yet
    }
  });
  return { child: p.child, env: p.ready, output: p.output, stop: p.stop };
}

/** The client environment for a proxy: the user's env minus their AWS identity, plus the proxy's settings. */
export function clientEnv(home: TestHome, proxyEnv: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...home.env, ...proxyEnv };
  delete env.AWS_SESSION_TOKEN;
  return env;
}

export function awsCli(env: NodeJS.ProcessEnv, args: string[]): Promise<RunResult> {
  return run(AWS_CLI, [...args, '--output', 'json'], env);
}

export function python(env: NodeJS.ProcessEnv, script: string): Promise<RunResult> {
  return run(PYTHON, ['-c', script], env);
}
