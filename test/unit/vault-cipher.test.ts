import { describe, it, expect } from 'vitest';
import { PassphraseCipher } from '../../main/core/credentials/passphrase-cipher';
import { KeyringCipher, keyringAccount } from '../../main/core/credentials/keyring-cipher';
import type { MasterKeyStore } from '../../main/core/credentials/keyring-cipher';
import { VaultDecryptError } from '../../main/core/credentials/cipher';

// Realistic shape, cheaper cost: keeps the suite fast.
const FAST = { N: 2 ** 14 };
const SECRET = Buffer.from('{"source/app":{"secretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}}');

function memoryStore(initial: Buffer | null = null): MasterKeyStore & { writes: number; value: Buffer | null } {
  return {
    label: 'test keyring entry',
    value: initial,
    writes: 0,
    async read() {
      return this.value;
    },
    async write(key) {
      this.writes++;
      this.value = Buffer.from(key);
    },
  };
}

async function rejection(p: Promise<unknown>): Promise<VaultDecryptError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(VaultDecryptError);
  return err as VaultDecryptError;
}

describe('PassphraseCipher', () => {
  it('round-trips and never leaves the plaintext in the sealed blob', async () => {
    const cipher = new PassphraseCipher('correct horse', FAST);
    const sealed = await cipher.encrypt(SECRET);
    expect(sealed.includes(Buffer.from('wJalrXUtnFEMI'))).toBe(false);
    expect(sealed.subarray(0, 4).toString()).toBe('ALKP');
    expect(await new PassphraseCipher('correct horse', FAST).decrypt(sealed)).toEqual(SECRET);
  });

  it('uses a fresh IV each time, so equal plaintexts seal differently', async () => {
    const cipher = new PassphraseCipher('pw', FAST);
    const a = await cipher.encrypt(SECRET);
    const b = await cipher.encrypt(SECRET);
    expect(a.equals(b)).toBe(false);
    expect(await cipher.decrypt(a)).toEqual(SECRET);
    expect(await cipher.decrypt(b)).toEqual(SECRET);
  });

  it('reports a wrong passphrase as such', async () => {
    const sealed = await new PassphraseCipher('right', FAST).encrypt(SECRET);
    const err = await rejection(new PassphraseCipher('wrong', FAST).decrypt(sealed));
    expect(err.code).toBe('VAULT_DECRYPT');
    expect(err.reason).toBe('wrong-key');
    expect(err.message).toMatch(/wrong passphrase for the Airlock vault/);
  });

  it('detects a tampered ciphertext, tag or header', async () => {
    const cipher = new PassphraseCipher('pw', FAST);
    const sealed = await cipher.encrypt(SECRET);
    for (const at of [sealed.length - 1, 52, 50 /* iv */]) {
      const bad = Buffer.from(sealed);
      bad[at] = (bad[at] ?? 0) ^ 0x01;
      const err = await rejection(cipher.decrypt(bad));
      expect(err.reason).toBe('tampered');
    }
    const truncated = await rejection(cipher.decrypt(sealed.subarray(0, 20)));
    expect(truncated.reason).toBe('tampered');
  });

  it('refuses absurd scrypt costs from a tampered header instead of allocating them', async () => {
    const cipher = new PassphraseCipher('pw', FAST);
    const bad = Buffer.from(await cipher.encrypt(SECRET));
    bad[5] = 40; // log2N
    expect((await rejection(cipher.decrypt(bad))).reason).toBe('tampered');
  });

  it('opens blobs sealed with other scrypt costs (the header records them)', async () => {
    const sealed = await new PassphraseCipher('pw', { N: 2 ** 12, r: 4 }).encrypt(SECRET);
    expect(await new PassphraseCipher('pw', FAST).decrypt(sealed)).toEqual(SECRET);
  });

  it('rejects an empty passphrase and unusable params', () => {
    expect(() => new PassphraseCipher('')).toThrow(/must not be empty/);
    expect(() => new PassphraseCipher('pw', { N: 1000 })).toThrow(/scrypt/);
  });

  it('works with the default (realistic) cost', async () => {
    const cipher = new PassphraseCipher('pw');
    expect(await cipher.decrypt(await cipher.encrypt(SECRET))).toEqual(SECRET);
  });
});

describe('KeyringCipher (in-memory key store)', () => {
  it('creates one master key on first use and round-trips', async () => {
    const store = memoryStore();
    const cipher = new KeyringCipher('/x/vault', store);
    const sealed = await cipher.encrypt(SECRET);
    await cipher.encrypt(SECRET);
    expect(store.writes).toBe(1);
    expect(store.value?.length).toBe(32);
    expect(sealed.includes(Buffer.from('wJalrXUtnFEMI'))).toBe(false);
    expect(await new KeyringCipher('/x/vault', store).decrypt(sealed)).toEqual(SECRET);
  });

  it('keeps an existing master key', async () => {
    const key = Buffer.alloc(32, 7);
    const store = memoryStore(key);
    await new KeyringCipher('/x/vault', store).encrypt(SECRET);
    expect(store.writes).toBe(0);
    expect(store.value).toEqual(key);
  });

  it('reports a missing or different key as a wrong key, and tampering as tampering', async () => {
    const sealed = await new KeyringCipher('/x/vault', memoryStore()).encrypt(SECRET);
    const missing = await rejection(new KeyringCipher('/x/vault', memoryStore()).decrypt(sealed));
    expect(missing.reason).toBe('wrong-key');
    expect(missing.message).toMatch(/missing/);
    const other = await rejection(new KeyringCipher('/x/vault', memoryStore(Buffer.alloc(32, 1))).decrypt(sealed));
    expect(other.reason).toBe('wrong-key');

    const store = memoryStore();
    const cipher = new KeyringCipher('/x/vault', store);
    const bad = Buffer.from(await cipher.encrypt(SECRET));
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0xff;
    expect((await rejection(cipher.decrypt(bad))).reason).toBe('tampered');
  });

  it('turns a keyring failure into KEYRING_UNAVAILABLE without creating a key', async () => {
    const broken: MasterKeyStore = {
      label: 'test keyring entry',
      read: () => Promise.reject(new Error('AccessDenied')),
      write: () => Promise.reject(new Error('should not be called')),
    };
    await expect(new KeyringCipher('/x/vault', broken).encrypt(SECRET)).rejects.toMatchObject({ code: 'KEYRING_UNAVAILABLE' });
    expect(await KeyringCipher.probe('/x/vault', broken)).toEqual({ available: false, reason: 'AccessDenied' });
  });

  it('derives a distinct keyring account per vault path', () => {
    expect(keyringAccount('/home/a/vault')).not.toBe(keyringAccount('/home/b/vault'));
    expect(keyringAccount('/home/a/vault')).toBe(keyringAccount('/home/a/./vault'));
  });

  it('probes the real OS keyring without throwing', async () => {
    const probe = await KeyringCipher.probe('/nonexistent/airlock-probe/vault');
    // Headless CI has no Secret Service; a desktop has one. Either way probe answers, never throws.
    if (!probe.available) expect(probe.reason.length).toBeGreaterThan(0);
    else expect(probe).toEqual({ available: true });
  });
});
