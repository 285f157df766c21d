import { describe, it, expect, afterEach, beforeEach } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseCipher } from '../../main/core/credentials/choose-cipher';
import type { ChooseCipherOptions } from '../../main/core/credentials/choose-cipher';
import { KeyringCipher } from '../../main/core/credentials/keyring-cipher';
import type { MasterKeyStore } from '../../main/core/credentials/keyring-cipher';
import { PassphraseCipher } from '../../main/core/credentials/passphrase-cipher';
import { Vault } from '../../main/core/credentials/vault';

const FAST = { N: 2 ** 14 };
// This machine is headless (no Secret Service); on a desktop the fake-keyring tests below cover the same paths.
const realKeyring = await KeyringCipher.probe(join(tmpdir(), 'airlock-probe', 'vault'));
let dir: string;
let vaultPath: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-choose-'));
  vaultPath = join(dir, 'vault');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function memoryKeyring(): MasterKeyStore {
  let value: Buffer | null = null;
  return { label: 'test keyring entry', read: async () => value, write: async (k) => void (value = Buffer.from(k)) };
}
const keyringUp = (): ChooseCipherOptions['keyring'] => ({
  probe: async () => ({ available: true }),
  create: () => new KeyringCipher(vaultPath, memoryKeyring()),
});
const keyringDown: ChooseCipherOptions['keyring'] = {
  probe: async () => ({ available: false, reason: "Couldn't access platform storage: AccessDenied" }),
  create: () => {
    throw new Error('must not be created');
  },
};
/** A prompt that answers from a script and records the questions. */
function scripted(...answers: string[]): { prompt: (q: string) => Promise<string>; asked: string[] } {
  const asked: string[] = [];
  return { asked, prompt: async (q) => (asked.push(q), answers.shift() ?? '') };
}
const choose = (o: Partial<ChooseCipherOptions>) => chooseCipher({ vaultPath, env: {}, interactive: false, scrypt: FAST, ...o });

describe('chooseCipher', () => {
  it('uses AIRLOCK_PASSPHRASE for a new vault even when a keyring is available', async () => {
    const c = await choose({ env: { AIRLOCK_PASSPHRASE: 'pw' }, keyring: keyringUp() });
    expect(c.id).toBe('passphrase');
    await new Vault(vaultPath, c).set('a', 1);
    expect(await new Vault(vaultPath, new PassphraseCipher('pw', FAST)).get('a')).toBe(1);
  });

  it('uses the keyring for a new vault when no passphrase is set', async () => {
    expect((await choose({ keyring: keyringUp() })).id).toBe('keyring');
  });

  it.runIf(!realKeyring.available)('falls back to AIRLOCK_PASSPHRASE when the real OS keyring is unavailable', async () => {
    expect((await choose({ env: { AIRLOCK_PASSPHRASE: 'pw' } })).id).toBe('passphrase');
    const err = await choose({}).then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'VAULT_NO_CIPHER' });
    expect((err as Error).message).toMatch(/AIRLOCK_PASSPHRASE is not set and the OS keyring is unavailable/);
  });

  it('errors clearly without a passphrase, a keyring or a terminal', async () => {
    const err = await choose({ keyring: keyringDown }).then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'VAULT_NO_CIPHER' });
    expect((err as Error).message).toContain('AccessDenied');
    expect((err as { hint: string }).hint).toMatch(/AIRLOCK_PASSPHRASE/);
    expect((err as { hint: string }).hint).toMatch(/Secret Service/);
  });

  it('asks twice for a new vault on a terminal and refuses a mismatch', async () => {
    const ok = scripted('s3cret', 's3cret');
    expect((await choose({ keyring: keyringDown, interactive: true, prompt: ok.prompt })).id).toBe('passphrase');
    expect(ok.asked).toHaveLength(2);

    const bad = scripted('s3cret', 'other');
    await expect(choose({ keyring: keyringDown, interactive: true, prompt: bad.prompt })).rejects.toMatchObject({ code: 'VAULT_PASSPHRASE' });
    const empty = scripted('');
    await expect(choose({ keyring: keyringDown, interactive: true, prompt: empty.prompt })).rejects.toMatchObject({ code: 'VAULT_PASSPHRASE' });
  });

  it('asks once for an existing passphrase vault, and the answer opens it', async () => {
    await new Vault(vaultPath, new PassphraseCipher('s3cret', FAST)).set('a', 1);
    const p = scripted('s3cret');
    const c = await choose({ keyring: keyringUp(), interactive: true, prompt: p.prompt });
    expect(p.asked).toHaveLength(1);
    expect(await new Vault(vaultPath, c).get('a')).toBe(1);
  });

  it('follows the cipher an existing vault records', async () => {
    await new Vault(vaultPath, new PassphraseCipher('pw', FAST)).set('a', 1);
    // A keyring is available, but the vault says passphrase.
    expect((await choose({ env: { AIRLOCK_PASSPHRASE: 'pw' }, keyring: keyringUp() })).id).toBe('passphrase');
    await expect(choose({ keyring: keyringUp() })).rejects.toMatchObject({ code: 'VAULT_NO_PASSPHRASE' });
  });

  it('keeps a keyring vault on the keyring even when a passphrase is set, and says so when it is gone', async () => {
    const keyring = keyringUp();
    await new Vault(vaultPath, keyring!.create()).set('a', 1);
    expect((await choose({ env: { AIRLOCK_PASSPHRASE: 'pw' }, keyring })).id).toBe('keyring');
    const err = await choose({ env: { AIRLOCK_PASSPHRASE: 'pw' }, keyring: keyringDown }).then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'KEYRING_UNAVAILABLE' });
    expect((err as Error).message).toMatch(/sealed with the OS keyring/);
  });

  it('lets AIRLOCK_CIPHER force a cipher; forcing the wrong one for a vault fails on open naming both', async () => {
    expect((await choose({ env: { AIRLOCK_CIPHER: 'keyring', AIRLOCK_PASSPHRASE: 'pw' }, keyring: keyringUp() })).id).toBe('keyring');
    await expect(choose({ env: { AIRLOCK_CIPHER: 'keyring' }, keyring: keyringDown })).rejects.toMatchObject({ code: 'KEYRING_UNAVAILABLE' });
    await expect(choose({ env: { AIRLOCK_CIPHER: 'rot13' } })).rejects.toMatchObject({ code: 'VAULT_CIPHER' });

    await new Vault(vaultPath, keyringUp()!.create()).set('a', 1);
    const forced = await choose({ env: { AIRLOCK_CIPHER: 'passphrase', AIRLOCK_PASSPHRASE: 'pw' }, keyring: keyringUp() });
    expect(forced.id).toBe('passphrase');
    await expect(new Vault(vaultPath, forced).get('a')).rejects.toMatchObject({ code: 'VAULT_CIPHER_MISMATCH' });
  });

  it('refuses a vault sealed by a cipher only the app has', async () => {
    await writeFile(vaultPath, JSON.stringify({ format: 'airlock-vault', version: 1, cipher: 'safeStorage', data: '' }));
    const err = await choose({ env: { AIRLOCK_PASSPHRASE: 'pw' } }).then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'VAULT_CIPHER' });
    expect((err as Error).message).toContain('safeStorage');
  });
});
