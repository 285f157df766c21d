import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { tampered, VaultDecryptError } from './cipher';

// AES-256-GCM with a random 96-bit IV per message: safe for far more writes than a vault sees.
export const KEY_LEN = 32;
export const IV_LEN = 12;
export const TAG_LEN = 16;
export const CHECK_LEN = 16;

export interface GcmSealed {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/** Encrypts `plain`; `aad` (the blob header) is authenticated too, so header edits are caught. */
export function gcmSeal(key: Buffer, plain: Buffer, aadOf: (iv: Buffer) => Buffer): GcmSealed {
  const iv = randomBytes(IV_LEN);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LEN });
  cipher.setAAD(aadOf(iv));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

/** The plaintext, or null when authentication fails. */
export function gcmOpen(key: Buffer, sealed: GcmSealed, aad: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_LEN });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * A short value derived from the key and stored in the header. It tells "wrong key" apart from
 * "damaged data" and reveals nothing an attacker could not already test against the GCM tag.
 */
export function keyCheck(key: Buffer): Buffer {
  return createHmac('sha256', key).update('airlock-vault-key-check').digest().subarray(0, CHECK_LEN);
}

export function sameCheck(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A sealed blob: the cipher's own header (authenticated as AAD with the IV), then IV, tag, ciphertext. */
export function sealBlob(key: Buffer, plain: Buffer, header: Buffer): Buffer {
  const sealed = gcmSeal(key, plain, (iv) => Buffer.concat([header, iv]));
  return Buffer.concat([header, sealed.iv, sealed.tag, sealed.ciphertext]);
}

/** Refuses a blob that is too short, of another cipher (magic) or of an unknown format version. */
export function checkBlobHeader(sealed: Buffer, magic: Buffer, version: number, headerLen: number): void {
  if (sealed.length < headerLen + TAG_LEN || !sealed.subarray(0, magic.length).equals(magic)) {
    throw tampered('the sealed vault data');
  }
  if (sealed[magic.length] !== version) {
    throw new VaultDecryptError('tampered', `the sealed vault data has an unknown format version (${sealed[magic.length]})`,
      'it may have been written by a newer Airlock');
  }
}
