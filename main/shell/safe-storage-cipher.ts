import type { SafeStorage } from 'electron';
import { AirlockError, errorMessage } from '../core/errors';
import { VaultDecryptError } from '../core/credentials/cipher';
import type { SecretCipher } from '../core/credentials/cipher';

/** The part of Electron's safeStorage the cipher uses (a fake in tests). */
export type SafeStorageLike = Pick<SafeStorage, 'encryptStringAsync' | 'decryptStringAsync' | 'isAsyncEncryptionAvailable'> & {
  getSelectedStorageBackend?: () => string;
};

export type StoragePolicy = 'ok' | 'ask';

/**
 * Whether secrets may be stored without asking. On Linux, safeStorage falls back to
 * `basic_text` when no Secret Service or KWallet is found: the key is then a constant compiled
 * into Chromium, so the "encryption" protects nothing and the user must agree first.
 * `unknown` (no backend chosen yet) is treated the same way. macOS (Keychain) and Windows (DPAPI) are fine.
 */
export function storagePolicy(backend: string | undefined, platform: NodeJS.Platform): StoragePolicy {
  if (platform !== 'linux') return 'ok';
  return backend === undefined || backend === 'basic_text' || backend === 'unknown' ? 'ask' : 'ok';
}

/** Which cipher the app opens the vault with ('cli': the CLI's own, with the id the vault records or AIRLOCK_CIPHER names). */
export type CipherPlan = { use: 'safeStorage' } | { use: 'cli'; id: string; reason: string };

/**
 * The app seals a new vault with safeStorage. A vault the CLI made (OS keyring or passphrase)
 * is opened with its own cipher instead, so the app and the CLI keep sharing it; an explicit
 * AIRLOCK_CIPHER is honoured the same way. (The CLI, in turn, refuses a safeStorage vault and
 * says to use the app: see main/core/credentials/choose-cipher.ts.)
 */
export function appCipherPlan(recorded: string | null | undefined, forced: string | undefined): CipherPlan {
  const f = forced?.trim();
  if (f && f !== SAFE_STORAGE_ID) return { use: 'cli', id: f, reason: `AIRLOCK_CIPHER=${f}` };
  if (!f && (recorded === 'keyring' || recorded === 'passphrase')) return { use: 'cli', id: recorded, reason: `the vault is sealed with '${recorded}'` };
  return { use: 'safeStorage' };
}

/**
 * A cipher chosen on first use (the CLI's chooser, told never to prompt: the app has no
 * terminal to ask on). A failure (a locked keyring, no AIRLOCK_PASSPHRASE) is reported to the
 * call that needed the vault and retried on the next one.
 */
export function deferredCipher(id: string, create: () => Promise<SecretCipher>): SecretCipher {
  let chosen: Promise<SecretCipher> | undefined;
  const get = (): Promise<SecretCipher> => {
    chosen ??= create().catch((err: unknown) => {
      chosen = undefined;
      throw err;
    });
    return chosen;
  };
  return {
    id,
    encrypt: async (plain) => (await get()).encrypt(plain),
    decrypt: async (sealed) => (await get()).decrypt(sealed),
  };
}

export const SAFE_STORAGE_ID = 'safeStorage';

export interface SafeStorageCipherOptions {
  platform?: NodeJS.Platform;
  /**
   * Asked before the first secret is stored when the policy is 'ask' (Linux basic_text);
   * resolves true to store anyway. Asked again after a refusal, once per run after a yes.
   */
  confirmWeakStorage: (backend: string) => Promise<boolean>;
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The Electron app's SecretCipher: Electron safeStorage (Keychain, DPAPI, libsecret/KWallet).
 * safeStorage seals strings, so the vault's bytes go through it as base64.
 */
export class SafeStorageCipher implements SecretCipher {
  readonly id = SAFE_STORAGE_ID;
  private readonly platform: NodeJS.Platform;
  private approval: Promise<void> | undefined;

  constructor(private readonly storage: SafeStorageLike, private readonly opts: SafeStorageCipherOptions) {
    this.platform = opts.platform ?? process.platform;
  }

  /** The Linux backend safeStorage picked (undefined elsewhere). */
  backend(): string | undefined {
    return this.platform === 'linux' ? this.storage.getSelectedStorageBackend?.() : undefined;
  }

  async encrypt(plain: Buffer): Promise<Buffer> {
    await this.mayStore();
    if (!(await this.storage.isAsyncEncryptionAvailable())) {
      throw new AirlockError('SAFE_STORAGE_UNAVAILABLE', 'the system keychain is not available to Airlock, so secrets cannot be stored',
        this.platform === 'linux' ? 'install and unlock a Secret Service (gnome-keyring, KeePassXC) or KWallet, then restart Airlock' : 'unlock your keychain and try again');
    }
    try {
      return await this.storage.encryptStringAsync(plain.toString('base64'));
    } catch (err) {
      throw new AirlockError('SAFE_STORAGE_UNAVAILABLE', `the system keychain refused to encrypt: ${errorMessage(err)}`);
    }
  }

  async decrypt(sealed: Buffer): Promise<Buffer> {
    let text: string;
    try {
      text = (await this.storage.decryptStringAsync(sealed)).result;
    } catch (err) {
      throw new VaultDecryptError('wrong-key', `the system keychain could not decrypt the Airlock vault (${errorMessage(err)})`,
        'it was sealed for another user account, machine or keychain; move the vault away to start over');
    }
    if (!B64.test(text)) throw new VaultDecryptError('tampered', 'the sealed vault data failed its integrity check (damaged or tampered with)');
    return Buffer.from(text, 'base64');
  }

  private mayStore(): Promise<void> {
    const backend = this.backend();
    if (storagePolicy(backend, this.platform) === 'ok') return Promise.resolve();
    this.approval ??= this.opts.confirmWeakStorage(backend ?? 'unknown').then((yes) => {
      if (!yes) {
        this.approval = undefined; // ask again next time
        throw new AirlockError('VAULT_NOT_PROTECTED', 'nothing was stored: no system keyring protects secrets on this desktop',
          'install and unlock a Secret Service (gnome-keyring, KeePassXC) or KWallet and restart Airlock, or use the airlock CLI with a passphrase');
      }
    }, (err: unknown) => {
      this.approval = undefined;
      throw err;
    });
    return this.approval;
  }
}
