import 'reflect-metadata';
import { randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import * as x509 from '@peculiar/x509';
import { AirlockError } from '../errors';

// @peculiar/x509 does the ASN.1; Node's WebCrypto does the maths.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

// No DOM lib in this project: name the WebCrypto types through Node.
export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;

export const EC_KEY_ALG = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const SIGNING_ALG = { name: 'ECDSA', hash: 'SHA-256' } as const;
export const DAY_MS = 24 * 60 * 60 * 1000;
/** Backdating absorbs clock skew between this machine and e.g. a VM or container using the bundle. */
export const BACKDATE_MS = DAY_MS;
/** Apple and browsers reject TLS leaves valid for more than 398 days; stay under it. */
export const LEAF_LIFETIME_MS = 397 * DAY_MS;

/** A positive, non-zero-leading 128-bit serial (DER integers must be minimal and positive). */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return bytes.toString('hex');
}

export async function generateEcKeyPair(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(EC_KEY_ALG, true, ['sign', 'verify']);
}

export async function exportPkcs8Pem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY') + '\n';
}

export interface TlsName {
  /** Canonical form: lower-case DNS name without trailing dot, or an IP literal without brackets. */
  name: string;
  kind: 'dns' | 'ip';
}

const DNS_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * Canonicalises what a client asked for (SNI, Host header or CONNECT target) so the cache
 * key is stable, and refuses anything that cannot be a certificate name: the input comes
 * from local clients and must not reach the ASN.1 encoder unchecked.
 */
export function normalizeTlsName(input: string): TlsName {
  let name = input.trim().toLowerCase();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  const ipVersion = isIP(name);
  if (ipVersion === 4) return { name, kind: 'ip' };
  if (ipVersion === 6) {
    // The URL parser canonicalises IPv6 (e.g. '::ffff:127.0.0.1' -> '::ffff:7f00:1'), which the encoder needs.
    return { name: new URL(`http://[${name}]/`).hostname.slice(1, -1), kind: 'ip' };
  }
  if (name.endsWith('.')) name = name.slice(0, -1);
  const labels = name.split('.');
  if (name.length === 0 || name.length > 253 || !labels.every((l) => DNS_LABEL.test(l))) {
    throw new AirlockError('TLS_BAD_NAME', `Cannot issue a certificate for "${input.slice(0, 80)}": not a host name or IP address.`);
  }
  return { name, kind: 'dns' };
}

/** The signing side of the local CA, as the leaf issuer needs it. */
export interface CaSigner {
  cert: x509.X509Certificate;
  key: CryptoKey;
}

export interface IssuedLeaf {
  /** PKCS#8 PEM of the shared leaf key. */
  key: string;
  /** PEM chain: leaf then CA, so clients that only trust the CA can build the path. */
  cert: string;
  notAfter: Date;
}

/**
 * Issues TLS server certificates under the CA. One key pair serves every leaf of this
 * instance: EC key generation is cheap but signing-only is cheaper, and the key never
 * leaves memory.
 */
export class LeafIssuer {
  private constructor(
    private readonly ca: CaSigner,
    private readonly caPem: string,
    private readonly keys: CryptoKeyPair,
    private readonly keyPem: string,
    private readonly authorityKeyId: x509.AuthorityKeyIdentifierExtension,
    private readonly subjectKeyId: x509.SubjectKeyIdentifierExtension,
  ) {}

  static async create(ca: CaSigner): Promise<LeafIssuer> {
    const keys = await generateEcKeyPair();
    const caSki = ca.cert.getExtension(x509.SubjectKeyIdentifierExtension);
    const aki = caSki
      ? new x509.AuthorityKeyIdentifierExtension(caSki.keyId)
      : await x509.AuthorityKeyIdentifierExtension.create(ca.cert.publicKey);
    const ski = await x509.SubjectKeyIdentifierExtension.create(keys.publicKey);
    return new LeafIssuer(ca, ca.cert.toString('pem') + '\n', keys, await exportPkcs8Pem(keys.privateKey), aki, ski);
  }

  async issue(target: TlsName, now: Date): Promise<IssuedLeaf> {
    const notBefore = new Date(now.getTime() - BACKDATE_MS);
    // Never outlive the CA: clients would reject the chain once the CA expires anyway.
    const notAfter = new Date(Math.min(notBefore.getTime() + LEAF_LIFETIME_MS, this.ca.cert.notAfter.getTime()));
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: [{ CN: [target.name] }],
      issuer: this.ca.cert.subjectName,
      notBefore,
      notAfter,
      signingAlgorithm: SIGNING_ALG,
      publicKey: this.keys.publicKey,
      signingKey: this.ca.key,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([{ type: target.kind, value: target.name }]),
        this.authorityKeyId,
        this.subjectKeyId,
      ],
    });
    return { key: this.keyPem, cert: cert.toString('pem') + '\n' + this.caPem, notAfter };
  }
}
