import { readFile } from 'node:fs/promises';
import { AirlockError } from '../errors';

/**
 * The vault file: a small plaintext JSON envelope around one sealed blob. Only `cipher` is
 * meaningful in clear (to pick the right cipher); the secrets are all inside `data`.
 */
export interface VaultEnvelope {
  format: 'airlock-vault';
  version: 1;
  cipher: string;
  /** base64 of the cipher's sealed blob */
  data: string;
}

export const VAULT_FORMAT = 'airlock-vault';
export const VAULT_VERSION = 1;

export function corruptVault(path: string, why: string): AirlockError {
  return new AirlockError('VAULT_CORRUPT', `the Airlock vault at ${path} is unreadable: ${why}`,
    `Airlock will not overwrite it. Move it away (e.g. mv "${path}" "${path}.broken") to start over with an empty vault.`);
}

export function serializeEnvelope(cipherId: string, sealed: Buffer): Buffer {
  const envelope: VaultEnvelope = { format: VAULT_FORMAT, version: VAULT_VERSION, cipher: cipherId, data: sealed.toString('base64') };
  return Buffer.from(`${JSON.stringify(envelope, null, 2)}\n`, 'utf8');
}

/** Parses and validates the envelope; any problem is a VAULT_CORRUPT naming the file. */
export function parseEnvelope(raw: Buffer, path: string): VaultEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw corruptVault(path, 'it is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { format?: unknown }).format !== VAULT_FORMAT) {
    throw corruptVault(path, 'it is not an Airlock vault file');
  }
  const { version, cipher, data } = parsed as Record<string, unknown>;
  if (version !== VAULT_VERSION) {
    throw corruptVault(path, `unsupported vault version ${JSON.stringify(version)} (a newer Airlock may have written it)`);
  }
  if (typeof cipher !== 'string' || cipher === '') throw corruptVault(path, 'it does not say which cipher sealed it');
  if (typeof data !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw corruptVault(path, 'its sealed data is not base64');
  return { format: VAULT_FORMAT, version: VAULT_VERSION, cipher, data };
}

export type VaultPeek = { exists: false } | { exists: true; cipher: string | null };

/**
 * Whether the vault file exists and which cipher it records; `cipher` is null when the file
 * cannot be parsed (opening it then reports the corruption properly).
 */
export async function peekVault(path: string): Promise<VaultPeek> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false };
    throw err;
  }
  try {
    return { exists: true, cipher: parseEnvelope(raw, path).cipher };
  } catch {
    return { exists: true, cipher: null };
  }
}
