/**
 * The cryptographic half of SigV4: key derivation (cached), string-to-sign, signature
 * comparison and the per-chunk signatures of aws-chunked uploads. Pure node:crypto.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
/** sha256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const HEX_SIGNATURE = /^[0-9a-fA-F]{64}$/;

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hmacHex(key: Uint8Array, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

function hmac(key: string | Uint8Array, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

// Deriving a key costs four HMACs; a proxy sees the same (secret, day, region, service)
// over and over, so keep a small cache. Bounded so that odd scopes cannot grow it.
const KEY_CACHE_LIMIT = 64;
const keyCache = new Map<string, Buffer>();

/** The SigV4 signing key for one credential scope (cached). */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${date}\n${region}\n${service}\n${secret}`;
  const cached = keyCache.get(cacheKey);
  if (cached) return cached;
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  if (keyCache.size >= KEY_CACHE_LIMIT) {
    const oldest = keyCache.keys().next();
    if (!oldest.done) keyCache.delete(oldest.value);
  }
  keyCache.set(cacheKey, key);
  return key;
}

export function credentialScope(date: string, region: string, service: string): string {
  return `${date}/${region}/${service}/aws4_request`;
}

export function stringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
}

/** Constant-time comparison of two hex signatures (case-insensitive, as hex decoding is). */
export function signaturesEqual(expectedHex: string, givenHex: string): boolean {
  if (!HEX_SIGNATURE.test(givenHex) || !HEX_SIGNATURE.test(expectedHex)) return false;
  return timingSafeEqual(Buffer.from(expectedHex, 'hex'), Buffer.from(givenHex, 'hex'));
}

/**
 * Signatures of an aws-chunked body (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]): each chunk
 * is signed over the previous signature, starting from the request's own ("seed") signature.
 * The key stays inside the closure so a logged result never shows it.
 */
export interface ChunkSigner {
  readonly seedSignature: string;
  /** Expected `chunk-signature` of a chunk whose data hashes to `chunkSha256Hex`. */
  chunk(previousSignature: string, chunkSha256Hex: string): string;
  /**
   * Expected `x-amz-trailer-signature`; `trailerText` is the trailing headers as sent, each
   * `name:value\n` (e.g. `x-amz-checksum-crc32c:sOO8/Q==\n`).
   */
  trailer(previousSignature: string, trailerText: string): string;
  /** Constant-time check of a signature the client sent against an expected one. */
  matches(expectedHex: string, givenHex: string): boolean;
}

export function chunkSigner(key: Uint8Array, amzDate: string, scope: string, seedSignature: string): ChunkSigner {
  return {
    seedSignature,
    chunk: (previous, chunkHash) =>
      hmacHex(key, `AWS4-HMAC-SHA256-PAYLOAD\n${amzDate}\n${scope}\n${previous}\n${EMPTY_SHA256}\n${chunkHash}`),
    trailer: (previous, trailerText) =>
      hmacHex(key, `AWS4-HMAC-SHA256-TRAILER\n${amzDate}\n${scope}\n${previous}\n${sha256Hex(trailerText)}`),
    matches: signaturesEqual,
  };
}
