import { AirlockError } from '../errors';

/**
 * Seals secrets at rest. The CLI uses a passphrase or the OS keyring; the Electron app will
 * plug in safeStorage behind the same interface. `id` is recorded in the vault file so the
 * right cipher is picked when it is opened again.
 */
export interface SecretCipher {
  readonly id: string;
  encrypt(plain: Buffer): Promise<Buffer>;
  /** Throws a VaultDecryptError (code VAULT_DECRYPT) on a wrong key or tampered data. */
  decrypt(sealed: Buffer): Promise<Buffer>;
}

/**
 * Why decryption failed. The vault treats them differently: a wrong key is the user's to fix
 * (other passphrase, other keyring), tampered data means the file itself is damaged.
 */
export type DecryptFailure = 'wrong-key' | 'tampered';

export class VaultDecryptError extends AirlockError {
  readonly reason: DecryptFailure;

  constructor(reason: DecryptFailure, message: string, hint?: string) {
    super('VAULT_DECRYPT', message, hint);
    this.name = 'VaultDecryptError';
    this.reason = reason;
  }
}

export function isWrongKey(err: unknown): err is VaultDecryptError {
  return err instanceof VaultDecryptError && err.reason === 'wrong-key';
}

export function tampered(what: string): VaultDecryptError {
  return new VaultDecryptError('tampered', `${what} failed its integrity check (damaged or tampered with)`);
}
