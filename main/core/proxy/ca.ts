import { createPrivateKey, createPublicKey, randomBytes, webcrypto } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createSecureContext } from 'node:tls';
import type { SecureContext } from 'node:tls';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import lockfile from 'proper-lockfile';
import { AirlockError, errorMessage } from '../errors';
import {
  BACKDATE_MS, DAY_MS, EC_KEY_ALG, LeafIssuer, SIGNING_ALG, exportPkcs8Pem, generateEcKeyPair, normalizeTlsName, randomSerial,
} from './leaf-certs';
import type { CaSigner, CryptoKey } from './leaf-certs';

/** Where the CA private key lives; the encrypted vault implements it. The key is never written anywhere else. */
export interface CaKeyStore {
  load(): Promise<string | undefined>;
  save(pkcs8Pem: string): Promise<void>;
}

export interface LocalCaOptions {
  /** Public CA certificate, the file clients point AWS_CA_BUNDLE at. */
  certPath: string;
  keyStore: CaKeyStore;
  now?: () => Date;
  /** Leaf cache bound (LRU); a client cycling SNI names must not grow memory without limit. */
  maxLeaves?: number;
}

/** Why open() made a new CA, for logs and the UI ("clients must re-read the bundle"). */
export type CaRenewReason = 'first-run' | 'key-missing' | 'cert-missing' | 'mismatch' | 'invalid' | 'expiring';

export interface LeafMaterial {
  key: string;
  cert: string;
}

const CA_LIFETIME_MS = 3650 * DAY_MS;
const CA_RENEW_BEFORE_MS = 30 * DAY_MS;
/** Regenerate a cached leaf this long before it expires, for proxies that run for a year. */
const LEAF_RENEW_BEFORE_MS = DAY_MS;

interface LeafEntry {
  promise: Promise<LeafMaterial & { notAfter: Date }>;
  expiresAt?: number;
  context?: SecureContext;
}

export class LocalCa {
  private readonly leaves = new Map<string, LeafEntry>();

  private constructor(
    readonly certPem: string,
    readonly certPath: string,
    /** Set when open() generated a new CA (and replaced the cert file); undefined when it reused one. */
    readonly renewedBecause: CaRenewReason | undefined,
    private readonly issuer: LeafIssuer,
    private readonly now: () => Date,
    private readonly maxLeaves: number,
  ) {}

  static async open(opts: LocalCaOptions): Promise<LocalCa> {
    const now = opts.now ?? (() => new Date());
    const dir = dirname(opts.certPath);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // The CLI and the app may start at the same moment; without the lock both could generate
    // a CA and leave the vault holding one key and the cert file the other.
    const release = await lockfile
      .lock(opts.certPath, { realpath: false, retries: { retries: 40, minTimeout: 25, maxTimeout: 250 } })
      .catch((err: unknown) => {
        throw new AirlockError('CA_LOCKED', `Cannot lock the Airlock CA: ${errorMessage(err)}`, `Another Airlock process may be starting; retry, or remove ${opts.certPath}.lock if none is running.`);
      });
    let signer: CaSigner;
    let certPem: string;
    let reason: CaRenewReason | undefined;
    try {
      const [existingCert, existingKey] = await Promise.all([readCertFile(opts.certPath), opts.keyStore.load()]);
      const reused = await tryReuse(existingCert, existingKey, now());
      if ('signer' in reused) {
        ({ signer, certPem } = reused);
      } else {
        // Half a CA is useless: a cert without its key cannot sign, and a key without its cert
        // is trusted by nobody. Replace both so the vault and the bundle file agree again.
        reason = reused.reason;
        const fresh = await generateCa(now());
        await opts.keyStore.save(fresh.keyPem);
        await writeFileAtomic(opts.certPath, fresh.certPem, 0o644);
        ({ signer, certPem } = fresh);
      }
    } finally {
      await release().catch(() => undefined);
    }
    const issuer = await LeafIssuer.create(signer);
    return new LocalCa(certPem, opts.certPath, reason, issuer, now, opts.maxLeaves ?? 1000);
  }

  /** TLS material for a host name or an IP literal ('127.0.0.1', '::1', 'localhost'); cached per name. */
  async leafFor(name: string): Promise<LeafMaterial> {
    const { key, cert } = await this.entryFor(name).promise;
    return { key, cert };
  }

  /** A ready SecureContext for SNICallback; cached with the leaf. */
  async secureContextFor(name: string): Promise<SecureContext> {
    const entry = this.entryFor(name);
    const leaf = await entry.promise;
    entry.context ??= createSecureContext({ key: leaf.key, cert: leaf.cert });
    return entry.context;
  }

  private entryFor(rawName: string): LeafEntry {
    const target = normalizeTlsName(rawName);
    const cached = this.leaves.get(target.name);
    const nowMs = this.now().getTime();
    if (cached && (cached.expiresAt === undefined || cached.expiresAt - LEAF_RENEW_BEFORE_MS > nowMs)) {
      // Re-insert to mark it most recently used.
      this.leaves.delete(target.name);
      this.leaves.set(target.name, cached);
      return cached;
    }
    // Store the promise itself so concurrent handshakes for one host sign a single certificate.
    const entry: LeafEntry = { promise: this.issuer.issue(target, this.now()) };
    entry.promise.then(
      (leaf) => { entry.expiresAt = leaf.notAfter.getTime(); },
      () => { if (this.leaves.get(target.name) === entry) this.leaves.delete(target.name); },
    );
    this.leaves.delete(target.name);
    this.leaves.set(target.name, entry);
    while (this.leaves.size > this.maxLeaves) {
      const oldest = this.leaves.keys().next().value;
      if (oldest === undefined) break;
      this.leaves.delete(oldest);
    }
    return entry;
  }
}

type ReuseResult = { signer: CaSigner; certPem: string } | { reason: CaRenewReason };

async function tryReuse(certPem: string | undefined, keyPem: string | undefined, now: Date): Promise<ReuseResult> {
  if (certPem === undefined && keyPem === undefined) return { reason: 'first-run' };
  if (keyPem === undefined) return { reason: 'key-missing' };
  if (certPem === undefined) return { reason: 'cert-missing' };
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(certPem);
    if (!cert.getExtension(x509.BasicConstraintsExtension)?.ca) return { reason: 'invalid' };
  } catch {
    return { reason: 'invalid' };
  }
  if (cert.notAfter.getTime() - now.getTime() < CA_RENEW_BEFORE_MS || cert.notBefore.getTime() > now.getTime()) {
    return { reason: 'expiring' };
  }
  let key: CryptoKey;
  try {
    const keyObject = createPrivateKey(keyPem);
    if (keyObject.asymmetricKeyType !== 'ec' || keyObject.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return { reason: 'mismatch' };
    const spki = createPublicKey(keyObject).export({ type: 'spki', format: 'der' });
    if (!spki.equals(Buffer.from(cert.publicKey.rawData))) return { reason: 'mismatch' };
    const pkcs8 = keyObject.export({ type: 'pkcs8', format: 'der' });
    key = await webcrypto.subtle.importKey('pkcs8', pkcs8, EC_KEY_ALG, false, ['sign']);
  } catch {
    return { reason: 'mismatch' };
  }
  return { signer: { cert, key }, certPem: cert.toString('pem') + '\n' };
}

async function generateCa(now: Date): Promise<{ signer: CaSigner; certPem: string; keyPem: string }> {
  const keys = await generateEcKeyPair();
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const ski = await x509.SubjectKeyIdentifierExtension.create(keys.publicKey);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    // The random id tells apart CAs from different machines or regenerations in trust-store UIs.
    name: [{ CN: [`Airlock Local CA (${randomBytes(4).toString('hex')})`] }, { O: ['Airlock'] }],
    notBefore,
    notAfter: new Date(notBefore.getTime() + CA_LIFETIME_MS),
    signingAlgorithm: SIGNING_ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ski,
      new x509.AuthorityKeyIdentifierExtension(ski.keyId),
    ],
  });
  return { signer: { cert, key: keys.privateKey }, certPem: cert.toString('pem') + '\n', keyPem: await exportPkcs8Pem(keys.privateKey) };
}

async function readCertFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AirlockError('CA_IO', `Cannot read the Airlock CA certificate: ${errorMessage(err)}`, `Check the permissions of ${dirname(path)}.`);
  }
}

/** Write-then-rename so a client reading AWS_CA_BUNDLE never sees a half-written file. */
async function writeFileAtomic(path: string, content: string, mode: number): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, content, { mode });
    await chmod(tmp, mode); // the umask may have narrowed it
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new AirlockError('CA_IO', `Cannot write the Airlock CA certificate: ${errorMessage(err)}`, `Check the permissions of ${dirname(path)}.`);
  }
}
