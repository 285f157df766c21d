import { randomBytes, scrypt } from 'node:crypto';
import { AirlockError } from '../errors';
import { CHECK_LEN, IV_LEN, KEY_LEN, TAG_LEN, checkBlobHeader, gcmOpen, keyCheck, sameCheck, sealBlob } from './aes-gcm';
import { VaultDecryptError, tampered } from './cipher';
import type { SecretCipher } from './cipher';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** ~32 MiB and a fraction of a second per derivation: slow for guessing, paid once per process. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

// Blob layout (v1): magic(4) version(1) log2N(1) r(1) p(1) salt(16) check(16) iv(12) | tag(16) ciphertext.
// Everything before the tag is authenticated as AAD.
const MAGIC = Buffer.from('ALKP', 'ascii');
const VERSION = 1;
const SALT_LEN = 16;
const HEADER_LEN = 4 + 1 + 3 + SALT_LEN + CHECK_LEN + IV_LEN;

// Bounds for params read from a file: a tampered header must not make us allocate gigabytes.
const LOG2N_RANGE = [10, 20] as const;
const R_RANGE = [1, 32] as const;
const P_RANGE = [1, 16] as const;

interface Derived {
  key: Buffer;
  check: Buffer;
}

interface SealSpec {
  salt: Buffer;
  params: ScryptParams;
}

const WRONG_PASSPHRASE_HINT = 'check AIRLOCK_PASSPHRASE (or the passphrase you typed); it is the one the vault was created with';
const MAX_CACHED_KEYS = 8;

export class PassphraseCipher implements SecretCipher {
  readonly id = 'passphrase';
  private readonly passphrase: Buffer;
  private readonly params: ScryptParams;
  // Derived keys per salt+params, as promises so concurrent callers share one scrypt run.
  private readonly keys = new Map<string, Promise<Derived>>();
  // New blobs reuse the salt of the vault we last opened, so a write needs no fresh scrypt.
  private sealSpec: SealSpec | null = null;

  constructor(passphrase: string, params: Partial<ScryptParams> = {}) {
    if (passphrase.length === 0) {
      throw new AirlockError('VAULT_PASSPHRASE', 'the vault passphrase must not be empty');
    }
    this.passphrase = Buffer.from(passphrase.normalize('NFC'), 'utf8');
    this.params = { ...DEFAULT_SCRYPT, ...params };
    checkParams(this.params);
  }

  async encrypt(plain: Buffer): Promise<Buffer> {
    this.sealSpec ??= { salt: randomBytes(SALT_LEN), params: this.params };
    const { salt, params } = this.sealSpec;
    const { key, check } = await this.derive(salt, params);
    const prefix = Buffer.concat([MAGIC, Buffer.from([VERSION, Math.log2(params.N), params.r, params.p]), salt, check]);
    return sealBlob(key, plain, prefix);
  }

  async decrypt(sealed: Buffer): Promise<Buffer> {
    checkBlobHeader(sealed, MAGIC, VERSION, HEADER_LEN);
    const log2N = sealed[5] ?? 0;
    const params: ScryptParams = { N: 2 ** log2N, r: sealed[6] ?? 0, p: sealed[7] ?? 0 };
    if (!inRange(log2N, LOG2N_RANGE) || !inRange(params.r, R_RANGE) || !inRange(params.p, P_RANGE)) {
      throw tampered('the sealed vault data');
    }
    let at = 8;
    const salt = sealed.subarray(at, (at += SALT_LEN));
    const check = sealed.subarray(at, (at += CHECK_LEN));
    const iv = sealed.subarray(at, (at += IV_LEN));
    const tag = sealed.subarray(at, (at += TAG_LEN));
    const ciphertext = sealed.subarray(at);

    const derived = await this.derive(salt, params);
    if (!sameCheck(derived.check, check)) {
      throw new VaultDecryptError('wrong-key', 'wrong passphrase for the Airlock vault', WRONG_PASSPHRASE_HINT);
    }
    const plain = gcmOpen(derived.key, { iv, tag, ciphertext }, sealed.subarray(0, HEADER_LEN));
    if (!plain) throw tampered('the sealed vault data');
    this.sealSpec = { salt: Buffer.from(salt), params };
    return plain;
  }

  private derive(salt: Buffer, params: ScryptParams): Promise<Derived> {
    const id = `${salt.toString('hex')}:${params.N}:${params.r}:${params.p}`;
    let pending = this.keys.get(id);
    if (!pending) {
      pending = scryptKey(this.passphrase, Buffer.from(salt), params).then((key) => ({ key, check: keyCheck(key) }));
      pending.catch(() => this.keys.delete(id));
      if (this.keys.size >= MAX_CACHED_KEYS) {
        const oldest = this.keys.keys().next().value;
        if (oldest !== undefined) this.keys.delete(oldest);
      }
      this.keys.set(id, pending);
    }
    return pending;
  }
}

function scryptKey(passphrase: Buffer, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is exactly what N=2^15,r=8 needs, which it rejects: give headroom.
  const maxmem = 128 * N * r * p + 128 * N * r + 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase, salt, KEY_LEN, { N, r, p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function checkParams({ N, r, p }: ScryptParams): void {
  const log2N = Math.log2(N);
  if (!Number.isInteger(log2N) || !inRange(log2N, LOG2N_RANGE) || !inRange(r, R_RANGE) || !inRange(p, P_RANGE)) {
    throw new AirlockError('VAULT_PASSPHRASE', `unsupported scrypt parameters N=${N} r=${r} p=${p}`,
      `N must be a power of two between 2^${LOG2N_RANGE[0]} and 2^${LOG2N_RANGE[1]}`);
  }
}

function inRange(n: number, [lo, hi]: readonly [number, number]): boolean {
  return Number.isInteger(n) && n >= lo && n <= hi;
}
