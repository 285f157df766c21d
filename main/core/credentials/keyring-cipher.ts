import { createHash, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { AsyncEntry } from '@napi-rs/keyring';
import type { EntryOptions } from '@napi-rs/keyring';
import { AirlockError, errorMessage } from '../errors';
import { CHECK_LEN, IV_LEN, KEY_LEN, TAG_LEN, checkBlobHeader, gcmOpen, keyCheck, sameCheck, sealBlob } from './aes-gcm';
import { VaultDecryptError, tampered } from './cipher';
import type { SecretCipher } from './cipher';

export const KEYRING_SERVICE = 'Airlock';

/** Where the master key lives. The OS keyring in production; tests pass an in-memory one. */
export interface MasterKeyStore {
  /** A human description for messages, e.g. "OS keyring entry Airlock/vault-…". */
  readonly label: string;
  read(): Promise<Buffer | null>;
  write(key: Buffer): Promise<void>;
}

export type KeyringProbe = { available: true } | { available: false; reason: string };

// Blob layout (v1): magic(4) version(1) check(16) iv(12) | tag(16) ciphertext; the header is AAD.
const MAGIC = Buffer.from('ALKK', 'ascii');
const VERSION = 1;
const HEADER_LEN = 4 + 1 + CHECK_LEN + IV_LEN;

/** One keyring account per vault file, so two AIRLOCK_HOMEs never share or clobber a key. */
export function keyringAccount(vaultPath: string): string {
  return `vault-${createHash('sha256').update(resolve(vaultPath)).digest('hex').slice(0, 32)}`;
}

// On Linux, pin the Secret Service: the fallback (kernel keyutils) forgets keys at logout or
// reboot, which would make the vault unreadable for good. Ignored on macOS and Windows.
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

export function osKeyStore(vaultPath: string): MasterKeyStore {
  const account = keyringAccount(vaultPath);
  // Created lazily: with no reachable Secret Service even the constructor throws, and that
  // must surface as "keyring unavailable", not as a crash while merely choosing a cipher.
  let entry: AsyncEntry | null = null;
  const open = (): AsyncEntry => (entry ??= new AsyncEntry(KEYRING_SERVICE, account, ENTRY_OPTIONS));
  return {
    label: `OS keyring entry ${KEYRING_SERVICE}/${account}`,
    async read() {
      const secret = await open().getSecret();
      return secret ? Buffer.from(secret) : null;
    },
    async write(key) {
      await open().setSecret(key);
    },
  };
}

/** A random 32-byte master key held by the OS keyring, then AES-256-GCM. */
export class KeyringCipher implements SecretCipher {
  readonly id = 'keyring';
  private readonly store: MasterKeyStore;
  // Loaded once: the proxy must not hit the keyring (or a macOS prompt) per request.
  private key: Promise<Buffer | null> | null = null;

  constructor(vaultPath: string, store: MasterKeyStore = osKeyStore(vaultPath)) {
    this.store = store;
  }

  /** Whether the OS keyring can be used here; a read-only probe that never creates a key. */
  static async probe(vaultPath: string, store: MasterKeyStore = osKeyStore(vaultPath)): Promise<KeyringProbe> {
    try {
      await store.read();
      return { available: true };
    } catch (err) {
      return { available: false, reason: errorMessage(err) };
    }
  }

  async encrypt(plain: Buffer): Promise<Buffer> {
    const key = (await this.loadKey()) ?? (await this.createKey());
    const prefix = Buffer.concat([MAGIC, Buffer.from([VERSION]), keyCheck(key)]);
    return sealBlob(key, plain, prefix);
  }

  async decrypt(sealed: Buffer): Promise<Buffer> {
    checkBlobHeader(sealed, MAGIC, VERSION, HEADER_LEN);
    const key = await this.loadKey();
    if (!key) {
      throw new VaultDecryptError('wrong-key', `the ${this.store.label} holding the vault key is missing`,
        'the vault cannot be opened without it (was the keyring reset, or the vault copied from another machine?)');
    }
    let at = 5;
    const check = sealed.subarray(at, (at += CHECK_LEN));
    const iv = sealed.subarray(at, (at += IV_LEN));
    const tag = sealed.subarray(at, (at += TAG_LEN));
    if (!sameCheck(keyCheck(key), check)) {
      throw new VaultDecryptError('wrong-key', `the key in the ${this.store.label} does not match the vault`,
        'the vault was sealed with another key (copied from another machine or another AIRLOCK_HOME?)');
    }
    const plain = gcmOpen(key, { iv, tag, ciphertext: sealed.subarray(at) }, sealed.subarray(0, HEADER_LEN));
    if (!plain) throw tampered('the sealed vault data');
    return plain;
  }

  private loadKey(): Promise<Buffer | null> {
    this.key ??= this.readKey().catch((err: unknown) => {
      this.key = null; // a locked keyring may be unlocked later: retry next time
      throw err;
    });
    return this.key;
  }

  private async readKey(): Promise<Buffer | null> {
    let key: Buffer | null;
    try {
      key = await this.store.read();
    } catch (err) {
      throw unavailable(this.store.label, err);
    }
    if (key && key.length !== KEY_LEN) {
      throw new VaultDecryptError('wrong-key', `the ${this.store.label} does not hold a valid Airlock key`);
    }
    return key;
  }

  // Only called when no key exists; vault writes hold the vault lock, so two processes cannot race here.
  private async createKey(): Promise<Buffer> {
    try {
      await this.store.write(randomBytes(KEY_LEN));
    } catch (err) {
      throw unavailable(this.store.label, err);
    }
    this.key = null;
    const key = await this.loadKey();
    if (!key) throw unavailable(this.store.label, new Error('the key was not kept'));
    return key;
  }
}

function unavailable(label: string, err: unknown): AirlockError {
  return new AirlockError('KEYRING_UNAVAILABLE', `cannot use the ${label}: ${errorMessage(err)}`,
    'unlock your OS keyring (on Linux a Secret Service such as gnome-keyring or KeePassXC must be running and unlocked)');
}
