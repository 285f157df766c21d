import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import lockfile from 'proper-lockfile';
import { AirlockError, errorMessage, isAirlockError } from '../errors';
import { ensurePrivateDir, writeFileAtomic } from './atomic-file';
import { isWrongKey, VaultDecryptError } from './cipher';
import type { SecretCipher } from './cipher';
import { corruptVault, parseEnvelope, serializeEnvelope } from './envelope';

export type VaultData = Map<string, unknown>;

export interface VaultOptions {
  /** How long `update` waits for another process's lock: retry count and backoff (ms). */
  lockRetries?: { retries: number; minTimeout: number; maxTimeout: number };
  /** A lock not refreshed for this long is considered left over by a dead process (ms). */
  lockStaleMs?: number;
}

const DEFAULT_RETRIES = { retries: 100, minTimeout: 10, maxTimeout: 250 };
const ABSENT = 'absent';

// Updates from several Vault objects in one process queue here first, so they do not spin on
// the cross-process lock against each other.
const queues = new Map<string, Promise<unknown>>();

/**
 * A small key → JSON value store of secrets, sealed as one file by a SecretCipher.
 * Reads are lock-free (files are replaced atomically) and cached until the file's stat changes;
 * writes are read-modify-write under a cross-process lock and never replace a file they could
 * not decrypt.
 */
export class Vault {
  readonly path: string;
  readonly cipher: SecretCipher;
  private readonly options: Required<VaultOptions>;
  private cache: { token: string; data: VaultData } | null = null;
  private watcher: FSWatcher | undefined;
  /** With a watcher: set when the folder changed since the cached read; a stat then confirms. */
  private dirty = true;
  private lastStat = 0;

  constructor(path: string, cipher: SecretCipher, options: VaultOptions = {}) {
    this.path = resolve(path);
    this.cipher = cipher;
    this.options = { lockRetries: DEFAULT_RETRIES, lockStaleMs: 10_000, ...options };
  }

  /** A copy of the value stored under `key`, or undefined. */
  async get<T = unknown>(key: string): Promise<T | undefined> {
    const data = await this.read();
    return data.has(key) ? structuredClone(data.get(key) as T) : undefined;
  }

  async keys(prefix = ''): Promise<string[]> {
    return [...(await this.read()).keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  async set(key: string, value: unknown): Promise<void> {
    if (value === undefined) throw new AirlockError('VAULT_VALUE', `cannot store undefined under "${key}"`, 'use delete() instead');
    await this.update((data) => {
      data.set(key, value);
    });
  }

  /** True when the key existed. */
  async delete(key: string): Promise<boolean> {
    return this.update((data) => data.delete(key));
  }

  /**
   * Read-modify-write under the cross-process lock: `fn` gets a private copy of the freshly read
   * contents to change in place; the vault is rewritten only if something changed.
   */
  async update<R>(fn: (data: VaultData) => R | Promise<R>): Promise<R> {
    const previous = queues.get(this.path) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.lockedUpdate(fn));
    const tail = run.catch(() => undefined);
    queues.set(this.path, tail);
    void tail.then(() => {
      if (queues.get(this.path) === tail) queues.delete(this.path);
    });
    return run;
  }

  /** A cheap token for the file's current state (no read, no decryption). */
  async version(): Promise<string> {
    return tokenOf(await statOrNull(this.path));
  }

  /** Whether another writer (this process or another) replaced the file since `token`. */
  async changedSince(token: string): Promise<boolean> {
    return (await this.version()) !== token;
  }

  /**
   * For long-running readers (a proxy reads the session on every request): let the OS say when
   * the vault file is replaced, instead of a stat per read. A stat still runs at least every
   * `maxStaleMs`, in case the file system does not deliver change events.
   */
  watchChanges(maxStaleMs = 1000): void {
    if (this.watcher) return;
    this.maxStaleMs = maxStaleMs;
    try {
      const name = basename(this.path);
      this.watcher = watch(dirname(this.path), { persistent: false }, (_event, file) => {
        if (!file || file === name) this.dirty = true;
      });
      this.watcher.on('error', () => this.unwatch());
    } catch {
      this.watcher = undefined; // no folder yet, or no watch support: keep stat-ing
    }
  }

  unwatch(): void {
    this.watcher?.close();
    this.watcher = undefined;
    this.dirty = true;
  }

  private maxStaleMs = 1000;

  private async read(): Promise<VaultData> {
    if (this.watcher && !this.dirty && this.cache && Date.now() - this.lastStat < this.maxStaleMs) return this.cache.data;
    this.dirty = false;
    this.lastStat = Date.now();
    const token = await this.version();
    if (this.cache?.token === token) return this.cache.data;
    return (await this.load()).data;
  }

  /** Reads the file and its stat from one handle, so the cached token matches the content. */
  private async load(): Promise<{ token: string; data: VaultData }> {
    let fh;
    try {
      fh = await open(this.path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.cache = { token: ABSENT, data: new Map() };
      return this.cache;
    }
    let raw: Buffer;
    let token: string;
    try {
      token = tokenOf(await fh.stat());
      raw = await fh.readFile();
    } finally {
      await fh.close();
    }
    this.cache = { token, data: await this.unseal(raw) };
    return this.cache;
  }

  private async unseal(raw: Buffer): Promise<VaultData> {
    const envelope = parseEnvelope(raw, this.path);
    if (envelope.cipher !== this.cipher.id) {
      throw new AirlockError('VAULT_CIPHER_MISMATCH',
        `the Airlock vault at ${this.path} is sealed with '${envelope.cipher}' but was opened with '${this.cipher.id}'`,
        `unset AIRLOCK_CIPHER (or set AIRLOCK_CIPHER=${envelope.cipher}) so the vault is opened with the cipher that sealed it`);
    }
    let plain: Buffer;
    try {
      plain = await this.cipher.decrypt(Buffer.from(envelope.data, 'base64'));
    } catch (err) {
      if (isWrongKey(err)) throw new VaultDecryptError('wrong-key', `${err.message} (${this.path})`, err.hint);
      // Not the data's fault: a locked keyring, a cancelled prompt…
      if (isAirlockError(err) && !(err instanceof VaultDecryptError)) throw err;
      throw corruptVault(this.path, isAirlockError(err) ? err.message : 'it could not be decrypted');
    }
    try {
      return parseData(plain, this.path);
    } finally {
      plain.fill(0);
    }
  }

  private async lockedUpdate<R>(fn: (data: VaultData) => R | Promise<R>): Promise<R> {
    await ensurePrivateDir(dirname(this.path));
    let compromised: Error | null = null;
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(this.path, {
        realpath: false, // the vault file may not exist yet
        stale: this.options.lockStaleMs,
        retries: { ...this.options.lockRetries, factor: 1.5, randomize: true },
        onCompromised: (err) => {
          compromised = err;
        },
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
      throw new AirlockError('VAULT_LOCKED', `the Airlock vault at ${this.path} is busy (locked by another Airlock process)`,
        `try again; if no other Airlock is running, remove the left-over lock folder ${this.path}.lock`);
    }
    try {
      // Always decrypt the current file first: a vault we cannot read is never overwritten.
      const current = await this.load();
      const draft: VaultData = structuredClone(current.data);
      const result = await fn(draft);
      const before = serializeData(current.data);
      const after = serializeData(draft);
      try {
        if (after.equals(before)) return result;
        const sealed = await this.cipher.encrypt(after);
        if (compromised) throw lockLost(this.path, compromised);
        await writeFileAtomic(this.path, serializeEnvelope(this.cipher.id, sealed));
      } finally {
        before.fill(0); // best effort: do not leave plaintext copies lying around in memory
        after.fill(0);
      }
      // A copy: `fn` may have kept a reference to its draft.
      this.cache = { token: tokenOf(await stat(this.path)), data: structuredClone(draft) };
      return result;
    } finally {
      await release().catch(() => undefined); // a compromised lock cannot be released: nothing to do
    }
  }
}

function parseData(plain: Buffer, path: string): VaultData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain.toString('utf8'));
  } catch {
    // Never echo the parser's message: it quotes the (secret) text.
    throw corruptVault(path, 'its decrypted contents are not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw corruptVault(path, 'its decrypted contents are not a key/value map');
  }
  return new Map(Object.entries(parsed));
}

function serializeData(data: VaultData): Buffer {
  // Object.fromEntries defines own properties, so a key like "__proto__" is stored as data.
  return Buffer.from(JSON.stringify(Object.fromEntries([...data.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))), 'utf8');
}

function lockLost(path: string, err: Error): AirlockError {
  return new AirlockError('VAULT_LOCKED', `lost the lock on the Airlock vault at ${path} (${errorMessage(err)}); nothing was written`,
    'try again');
}

function tokenOf(st: Stats | null): string {
  return st ? `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}` : ABSENT;
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
