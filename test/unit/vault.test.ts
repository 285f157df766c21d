import { describe, it, expect, afterEach, beforeEach } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Vault } from '../../main/core/credentials/vault';
import { PassphraseCipher } from '../../main/core/credentials/passphrase-cipher';
import { KeyringCipher } from '../../main/core/credentials/keyring-cipher';
import type { MasterKeyStore } from '../../main/core/credentials/keyring-cipher';
import type { SecretCipher } from '../../main/core/credentials/cipher';
import lockfile from 'proper-lockfile';

const run = promisify(execFile);
const FAST = { N: 2 ** 14 };
const PASS = 'test passphrase';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLETOKENvalue1234567890';
const isPosix = process.platform !== 'win32';

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-vault-'));
  path = join(dir, 'home', 'vault');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const cipher = (pass = PASS): PassphraseCipher => new PassphraseCipher(pass, FAST);

function memoryKeyring(): MasterKeyStore {
  let value: Buffer | null = null;
  return { label: 'test keyring entry', read: async () => value, write: async (k) => void (value = Buffer.from(k)) };
}

/** Counts decryptions, to check the cached read really skips them. */
function counting(inner: SecretCipher): SecretCipher & { decrypts: number } {
  const c = {
    id: inner.id,
    decrypts: 0,
    encrypt: (p: Buffer) => inner.encrypt(p),
    decrypt: (s: Buffer) => {
      c.decrypts++;
      return inner.decrypt(s);
    },
  };
  return c;
}

async function errorOf(p: Promise<unknown>): Promise<Error & { code?: string; hint?: string }> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(Error);
  return err as Error & { code?: string; hint?: string };
}

describe('Vault', () => {
  it('round-trips JSON values across instances', async () => {
    const v = new Vault(path, cipher());
    expect(await v.get('missing')).toBeUndefined();
    expect(await v.keys()).toEqual([]);
    await v.set('source/app1', { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET_KEY });
    await v.set('session/app1', { sessionToken: SESSION_TOKEN, expiration: '2030-01-01T00:00:00Z' });
    await v.set('ca/key', 'pem');

    const again = new Vault(path, cipher());
    expect(await again.get('source/app1')).toEqual({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET_KEY });
    expect(await again.keys()).toEqual(['ca/key', 'session/app1', 'source/app1']);
    expect(await again.keys('session/')).toEqual(['session/app1']);
    expect(await again.delete('session/app1')).toBe(true);
    expect(await again.delete('session/app1')).toBe(false);
    expect(await new Vault(path, cipher()).keys()).toEqual(['ca/key', 'source/app1']);
  });

  it('hands out copies, so callers cannot change the cached contents', async () => {
    const v = new Vault(path, cipher());
    await v.set('k', { a: 1 });
    const got = await v.get<{ a: number }>('k');
    got!.a = 2;
    expect(await v.get('k')).toEqual({ a: 1 });
  });

  it('stores a "__proto__" key as plain data', async () => {
    const v = new Vault(path, cipher());
    await v.set('__proto__', { polluted: true });
    expect(await new Vault(path, cipher()).get('__proto__')).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('returns what update() returns and only writes when something changed', async () => {
    const v = new Vault(path, cipher());
    await v.set('n', 1);
    const before = await v.version();
    expect(await v.update((d) => d.get('n'))).toBe(1);
    expect(await v.version()).toBe(before);
    expect(await v.update((d) => d.set('n', 2).size)).toBe(1);
    expect(await v.version()).not.toBe(before);
  });

  it.runIf(isPosix)('writes the file 0600 in a 0700 folder, leaving no temp files', async () => {
    const v = new Vault(path, cipher());
    await v.set('a', 1);
    await v.set('b', 2);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'home'))).mode & 0o777).toBe(0o700);
    expect((await readdir(join(dir, 'home'))).sort()).toEqual(['vault']);
  });

  it('never puts a secret on disk in clear', async () => {
    await new Vault(path, cipher()).set('s', { secretAccessKey: SECRET_KEY, sessionToken: SESSION_TOKEN, name: 'visible-key-name' });
    const raw = await readFile(path);
    for (const s of [SECRET_KEY, SESSION_TOKEN, 'visible-key-name', PASS]) {
      expect(raw.includes(Buffer.from(s))).toBe(false);
      expect(raw.includes(Buffer.from(s, 'utf16le'))).toBe(false);
    }
    const envelope = JSON.parse(raw.toString('utf8'));
    expect(envelope).toMatchObject({ format: 'airlock-vault', version: 1, cipher: 'passphrase' });
    expect(Object.keys(envelope).sort()).toEqual(['cipher', 'data', 'format', 'version']);
  });

  it('reports a wrong passphrase (and not as corruption), leaving the file alone', async () => {
    await new Vault(path, cipher()).set('s', SECRET_KEY);
    const bytes = await readFile(path);
    const wrong = new Vault(path, cipher('not it'));
    const err = await errorOf(wrong.get('s'));
    expect(err.code).toBe('VAULT_DECRYPT');
    expect(err.message).toMatch(/wrong passphrase for the Airlock vault/);
    expect(err.message).toContain(path);
    expect(err.message).not.toContain(SECRET_KEY);
    await expect(wrong.set('x', 1)).rejects.toMatchObject({ code: 'VAULT_DECRYPT' });
    expect((await readFile(path)).equals(bytes)).toBe(true);
  });

  it('reports tampered data as corrupt, naming the file, and refuses to overwrite it', async () => {
    await new Vault(path, cipher()).set('s', SECRET_KEY);
    const envelope = JSON.parse(await readFile(path, 'utf8'));
    const sealed = Buffer.from(envelope.data, 'base64');
    sealed[sealed.length - 3] = (sealed[sealed.length - 3] ?? 0) ^ 0x40;
    envelope.data = sealed.toString('base64');
    await writeFile(path, JSON.stringify(envelope));
    const bytes = await readFile(path);

    const v = new Vault(path, cipher());
    const err = await errorOf(v.get('s'));
    expect(err.code).toBe('VAULT_CORRUPT');
    expect(err.message).toContain(path);
    expect(err.hint).toMatch(/move it away/i);
    await expect(v.set('s', 'new')).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
    await expect(v.delete('s')).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
    expect((await readFile(path)).equals(bytes)).toBe(true);
  });

  it.each([
    ['not JSON', '{"format": "airlock-vault", '],
    ['an empty file', ''],
    ['another format', JSON.stringify({ format: 'something-else', version: 1, cipher: 'passphrase', data: '' })],
    ['an unknown version', JSON.stringify({ format: 'airlock-vault', version: 99, cipher: 'passphrase', data: '' })],
    ['non-base64 data', JSON.stringify({ format: 'airlock-vault', version: 1, cipher: 'passphrase', data: '!!!' })],
  ])('reports %s as corrupt and keeps it byte-identical after a failed write', async (_what, content) => {
    await mkdir(join(dir, 'home'), { recursive: true });
    await writeFile(path, content);
    const v = new Vault(path, cipher());
    await expect(v.get('a')).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
    await expect(v.set('a', 1)).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
    expect(await readFile(path, 'utf8')).toBe(content);
  });

  it('reports decrypted contents that are not a JSON map as corrupt, without quoting them', async () => {
    const c = cipher();
    for (const inner of [`{"secret": "${SECRET_KEY}"`, '[1,2]']) {
      const data = (await c.encrypt(Buffer.from(inner))).toString('base64');
      const content = JSON.stringify({ format: 'airlock-vault', version: 1, cipher: 'passphrase', data });
      await mkdir(join(dir, 'home'), { recursive: true });
      await writeFile(path, content);
      const err = await errorOf(new Vault(path, c).set('a', 1));
      expect(err.code).toBe('VAULT_CORRUPT');
      expect(err.message).not.toContain(SECRET_KEY);
      expect(await readFile(path, 'utf8')).toBe(content);
    }
  });

  it('names both ciphers when a vault is opened with the wrong kind', async () => {
    await new Vault(path, new KeyringCipher(path, memoryKeyring())).set('a', 1);
    const bytes = await readFile(path);
    const err = await errorOf(new Vault(path, cipher()).get('a'));
    expect(err.code).toBe('VAULT_CIPHER_MISMATCH');
    expect(err.message).toContain("'keyring'");
    expect(err.message).toContain("'passphrase'");
    await expect(new Vault(path, cipher()).set('a', 2)).rejects.toMatchObject({ code: 'VAULT_CIPHER_MISMATCH' });
    expect((await readFile(path)).equals(bytes)).toBe(true);
  });

  it('notices another writer by stat alone and re-decrypts only then', async () => {
    const writer = new Vault(path, cipher());
    const reader = counting(cipher());
    const readerVault = new Vault(path, reader);
    const absent = await readerVault.version();
    expect(absent).toBe('absent');

    await writer.set('session/app', 'one');
    expect(await readerVault.changedSince(absent)).toBe(true);
    const token = await readerVault.version();
    expect(await readerVault.get('session/app')).toBe('one');
    expect(await readerVault.get('session/app')).toBe('one');
    expect(await readerVault.keys()).toEqual(['session/app']);
    expect(reader.decrypts).toBe(1);
    expect(await readerVault.changedSince(token)).toBe(false);

    await writer.delete('session/app'); // e.g. a logout in another process
    expect(await readerVault.changedSince(token)).toBe(true);
    expect(await readerVault.get('session/app')).toBeUndefined();
    expect(reader.decrypts).toBe(2);
  });

  it('with watchChanges, learns of another writer from the OS without waiting for its stat interval', async () => {
    const writer = new Vault(path, cipher());
    await writer.set('session/app', 'one');
    const reader = new Vault(path, cipher());
    reader.watchChanges(60_000); // the stat fallback would take a minute: only the watch can be this quick
    try {
      expect(await reader.get('session/app')).toBe('one');
      await writer.delete('session/app'); // a logout in another process
      const deadline = Date.now() + 5000;
      let seen: unknown = 'one';
      while (seen !== undefined && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
        seen = await reader.get('session/app');
      }
      expect(seen).toBeUndefined();
    } finally {
      reader.unwatch();
    }
  });

  it('loses no key when several Vault objects update concurrently', async () => {
    const vaults = [0, 1, 2].map(() => new Vault(path, cipher()));
    await Promise.all(vaults.flatMap((v, i) => Array.from({ length: 10 }, (_, j) => v.set(`k/${i}/${j}`, { i, j }))));
    // Read-modify-write of one counter: lost updates would show as a smaller total.
    await Promise.all(vaults.flatMap((v) => Array.from({ length: 5 }, () => v.update((d) => void d.set('count', ((d.get('count') as number) ?? 0) + 1)))));
    const check = new Vault(path, cipher());
    expect((await check.keys('k/')).length).toBe(30);
    expect(await check.get('count')).toBe(15);
  });

  it('loses no key when two processes update at the same time', async () => {
    const vaultUrl = pathToFileURL(fileURLToPath(new URL('../../main/core/credentials/vault.ts', import.meta.url))).href;
    const cipherUrl = pathToFileURL(fileURLToPath(new URL('../../main/core/credentials/passphrase-cipher.ts', import.meta.url))).href;
    const script = `
      import { Vault } from ${JSON.stringify(vaultUrl)};
      import { PassphraseCipher } from ${JSON.stringify(cipherUrl)};
      const v = new Vault(process.env.VAULT_PATH, new PassphraseCipher(process.env.AIRLOCK_PASSPHRASE, { N: 2 ** 14 }));
      const who = process.env.WHO;
      for (let i = 0; i < 15; i++) {
        await v.update((d) => { d.set(who + '/' + i, i); d.set('count', (d.get('count') ?? 0) + 1); });
      }
    `;
    await new Vault(path, cipher()).set('seed', true);
    const child = (who: string) =>
      run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: { ...process.env, VAULT_PATH: path, AIRLOCK_PASSPHRASE: PASS, WHO: who },
      });
    await Promise.all([child('a'), child('b')]);
    const v = new Vault(path, cipher());
    expect((await v.keys('a/')).length).toBe(15);
    expect((await v.keys('b/')).length).toBe(15);
    expect(await v.get('count')).toBe(30);
  });

  it('gives up with VAULT_LOCKED while another process holds the lock, writing nothing', async () => {
    const v = new Vault(path, cipher(), { lockRetries: { retries: 2, minTimeout: 5, maxTimeout: 10 } });
    await v.set('a', 1);
    const bytes = await readFile(path);
    const release = await lockfile.lock(path, { realpath: false });
    try {
      const err = await errorOf(v.set('a', 2));
      expect(err).toMatchObject({ code: 'VAULT_LOCKED' });
      expect(err.hint).toContain(`${path}.lock`);
      expect(await v.get('a')).toBe(1); // reads need no lock
    } finally {
      await release();
    }
    expect((await readFile(path)).equals(bytes)).toBe(true);
    await v.set('a', 2);
    expect(await new Vault(path, cipher()).get('a')).toBe(2);
  });

  it('rejects undefined values instead of silently dropping them', async () => {
    await expect(new Vault(path, cipher()).set('a', undefined)).rejects.toMatchObject({ code: 'VAULT_VALUE' });
  });
});

