import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseCipher } from '../../main/core/credentials/choose-cipher';
import { Vault } from '../../main/core/credentials/vault';
import { PassphraseCipher } from '../../main/core/credentials/passphrase-cipher';
import { SafeStorageCipher, appCipherPlan, deferredCipher, storagePolicy } from '../../main/shell/safe-storage-cipher';
import type { SafeStorageLike } from '../../main/shell/safe-storage-cipher';

describe('storagePolicy', () => {
  it('asks on Linux when safeStorage fell back to basic_text (or has not picked a backend)', () => {
    expect(storagePolicy('basic_text', 'linux')).toBe('ask');
    expect(storagePolicy('unknown', 'linux')).toBe('ask');
    expect(storagePolicy(undefined, 'linux')).toBe('ask');
  });

  it('is fine with a real Linux keyring', () => {
    for (const b of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) expect(storagePolicy(b, 'linux'), b).toBe('ok');
  });

  it('is fine on macOS (Keychain) and Windows (DPAPI)', () => {
    expect(storagePolicy(undefined, 'darwin')).toBe('ok');
    expect(storagePolicy('basic_text', 'win32')).toBe('ok');
  });
});

describe('appCipherPlan', () => {
  it('uses safeStorage for a new vault or one the app sealed', () => {
    expect(appCipherPlan(undefined, undefined)).toEqual({ use: 'safeStorage' });
    expect(appCipherPlan('safeStorage', undefined)).toEqual({ use: 'safeStorage' });
    expect(appCipherPlan(null, undefined)).toEqual({ use: 'safeStorage' }); // unreadable: the vault reports it
  });

  it('opens a vault the CLI made with its own cipher, and honours AIRLOCK_CIPHER', () => {
    expect(appCipherPlan('keyring', undefined)).toMatchObject({ use: 'cli', id: 'keyring' });
    expect(appCipherPlan('passphrase', undefined)).toMatchObject({ use: 'cli', id: 'passphrase' });
    expect(appCipherPlan(undefined, 'passphrase')).toMatchObject({ use: 'cli', id: 'passphrase' });
    expect(appCipherPlan('safeStorage', 'keyring')).toMatchObject({ use: 'cli', id: 'keyring' });
    expect(appCipherPlan('keyring', 'safeStorage').use).toBe('safeStorage');
  });
});

describe('deferredCipher', () => {
  it('opens a CLI vault in the app without prompting, choosing on first use and retrying after a failure', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'airlock-deferred-'));
    try {
      const vaultPath = join(dir, 'vault');
      await new Vault(vaultPath, new PassphraseCipher('pw', { N: 2 ** 14 })).set('k', 'v');
      const env: NodeJS.ProcessEnv = {};
      let created = 0;
      const cipher = deferredCipher('passphrase', () => (created++, chooseCipher({ env, vaultPath, interactive: false, scrypt: { N: 2 ** 14 } })));
      expect(created).toBe(0);
      await expect(new Vault(vaultPath, cipher).get('k')).rejects.toMatchObject({ code: 'VAULT_NO_PASSPHRASE' });
      env.AIRLOCK_PASSPHRASE = 'pw';
      expect(await new Vault(vaultPath, cipher).get('k')).toBe('v');
      expect(await new Vault(vaultPath, cipher).get('k')).toBe('v');
      expect(created).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** A stand-in for Electron's safeStorage: reversible, recognisably sealed. */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike & { sealed: string[] } {
  const sealed: string[] = [];
  return {
    sealed,
    getSelectedStorageBackend: () => backend,
    isAsyncEncryptionAvailable: async () => available,
    encryptStringAsync: async (s: string) => {
      sealed.push(s);
      return Buffer.from(`v11${Buffer.from(s).toString('hex')}`);
    },
    decryptStringAsync: async (b: Buffer) => {
      const t = b.toString();
      if (!t.startsWith('v11')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { result: Buffer.from(t.slice(3), 'hex').toString(), shouldReEncrypt: false };
    },
  };
}

describe('SafeStorageCipher', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'airlock-safe-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('seals the vault through safeStorage as base64, and reads it back', async () => {
    const storage = fakeSafeStorage();
    const cipher = new SafeStorageCipher(storage, { platform: 'linux', confirmWeakStorage: async () => { throw new Error('not asked'); } });
    const vault = new Vault(join(dir, 'vault'), cipher);
    await vault.set('source/prod', { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x'.repeat(40) });
    expect(storage.sealed.every((s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s))).toBe(true);
    const envelope = JSON.parse(await readFile(join(dir, 'vault'), 'utf8')) as { cipher: string; data: string };
    expect(envelope.cipher).toBe('safeStorage');
    expect(await readFile(join(dir, 'vault'), 'utf8')).not.toContain('AKIAEXAMPLE');
    expect(await new Vault(join(dir, 'vault'), cipher).get('source/prod')).toEqual({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x'.repeat(40) });
  });

  it('the CLI refuses a safeStorage vault and says to use the app', async () => {
    const vault = new Vault(join(dir, 'vault'), new SafeStorageCipher(fakeSafeStorage(), { platform: 'darwin', confirmWeakStorage: async () => true }));
    await vault.set('k', 1);
    await expect(chooseCipher({ env: {}, vaultPath: join(dir, 'vault'), interactive: false })).rejects.toMatchObject({
      code: 'VAULT_CIPHER',
      hint: expect.stringContaining('use the app'),
    });
  });

  it('asks before storing with basic_text; a no stores nothing and asks again next time', async () => {
    const answers = [false, true];
    const asked: string[] = [];
    const cipher = new SafeStorageCipher(fakeSafeStorage('basic_text'), {
      platform: 'linux',
      confirmWeakStorage: async (backend) => (asked.push(backend), answers.shift()!),
    });
    const vault = new Vault(join(dir, 'vault'), cipher);
    await expect(vault.set('k', 'v')).rejects.toMatchObject({ code: 'VAULT_NOT_PROTECTED' });
    await expect(readFile(join(dir, 'vault'))).rejects.toMatchObject({ code: 'ENOENT' });
    await vault.set('k', 'v');
    await vault.set('k2', 'v2'); // a yes holds for the rest of the run
    expect(asked).toEqual(['basic_text', 'basic_text']);
    expect(await vault.get('k2')).toBe('v2');
  });

  it('one question for concurrent writes', async () => {
    let asks = 0;
    const cipher = new SafeStorageCipher(fakeSafeStorage('basic_text'), { platform: 'linux', confirmWeakStorage: async () => (asks++, true) });
    await Promise.all([cipher.encrypt(Buffer.from('a')), cipher.encrypt(Buffer.from('b')), cipher.encrypt(Buffer.from('c'))]);
    expect(asks).toBe(1);
  });

  it('never asks where the keychain is real', async () => {
    const cipher = new SafeStorageCipher(fakeSafeStorage('basic_text'), { platform: 'darwin', confirmWeakStorage: async () => { throw new Error('asked'); } });
    await expect(cipher.encrypt(Buffer.from('x'))).resolves.toBeInstanceOf(Buffer);
  });

  it('reports an unavailable keychain, and data it cannot decrypt as a wrong key', async () => {
    const off = new SafeStorageCipher(fakeSafeStorage('gnome_libsecret', false), { platform: 'linux', confirmWeakStorage: async () => true });
    await expect(off.encrypt(Buffer.from('x'))).rejects.toMatchObject({ code: 'SAFE_STORAGE_UNAVAILABLE' });
    const on = new SafeStorageCipher(fakeSafeStorage(), { platform: 'linux', confirmWeakStorage: async () => true });
    await expect(on.decrypt(Buffer.from('garbage'))).rejects.toMatchObject({ code: 'VAULT_DECRYPT', reason: 'wrong-key' });
    expect(Buffer.from(await on.decrypt(await on.encrypt(Buffer.from([0, 255, 7]))))).toEqual(Buffer.from([0, 255, 7]));
  });
});
