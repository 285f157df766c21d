/**
 * Verifies the SigV4 signature a client put on a request to the local proxy, from the raw
 * request as received (see design/PROXY-PITFALLS.md, "Verifying the client's signature").
 *
 * Two phases, so the proxy can refuse before reading a body:
 *   const pending = beginVerify({ request, secretFor, now });   // headers only
 *   if (!pending.ok) → answer pending.status / pending.code
 *   const result = pending.finish(pending.needsBodyHash ? sha256HexOfBody : undefined);
 * When the client declared its payload hash (x-amz-content-sha256) the signature is already
 * checked by beginVerify; finish() then only compares the body's hash with the declared one.
 */
import { canonicalHeaders, canonicalPaths, canonicalQuery, canonicalRequest } from './sigv4-canonical';
import { chunkSigner, hmacHex, signaturesEqual, signingKey, stringToSign, type ChunkSigner } from './sigv4-crypto';
import {
  SigV4Error, httpDateToAmz, parseAmzDate, parseAuthorization, parsePresigned, toAmzDate,
  type ParsedAuthorization, type ParsedPresigned,
} from './sigv4-parse';

export { SigV4Error, parseAuthorization };
export type { ParsedAuthorization, ChunkSigner };

/** The request as it came off the wire: Node's `req.method`, `req.url`, `req.rawHeaders`. */
export interface RawRequest {
  method: string;
  /** Origin-form request target, path and query exactly as sent. */
  target: string;
  /** Alternating names and values, repeats kept (Node's `req.rawHeaders`). */
  rawHeaders: readonly string[];
}

export interface BeginInput {
  request: RawRequest;
  /** The secret of a local access key, or undefined when the key is not this proxy's. */
  secretFor(accessKeyId: string): string | undefined;
  now: Date;
  /** Allowed clock difference; AWS allows 15 minutes. */
  maxSkewMs?: number;
}

export interface VerifyInput extends BeginInput {
  /** Hex sha256 of the body; needed only when the payload is declared as a hex hash or not at all. */
  payloadHash?: string;
}

/** How the body is covered by the signature: a hex hash, a literal, or nothing declared. */
export type DeclaredPayload =
  | { kind: 'hex'; value: string }
  | { kind: 'unsigned' | 'streaming'; value: string }
  | { kind: 'absent' };

export interface VerifyFailure {
  ok: false;
  /** AWS-style error code, e.g. SignatureDoesNotMatch. */
  code: string;
  message: string;
  status: number;
}

export interface Verified {
  ok: true;
  auth: ParsedAuthorization;
  /** The signing time, YYYYMMDDTHHMMSSZ. */
  amzDate: string;
  payload: DeclaredPayload;
  /** What the canonical request used: the literal, the declared hex hash, or the body's hash. */
  declaredPayloadHash: string;
  /** For STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] bodies: checks each chunk's signature. */
  chunkSigner?: ChunkSigner;
}

export type VerifyResult = Verified | VerifyFailure;

export interface PendingVerification {
  ok: true;
  auth: ParsedAuthorization;
  amzDate: string;
  payload: DeclaredPayload;
  /** True when finish() needs the sha256 of the body (payload kind 'hex' or 'absent'). */
  needsBodyHash: boolean;
  finish(bodySha256Hex?: string): VerifyResult;
}

export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

const HEX_HASH = /^[0-9a-fA-F]{64}$/;
const PRESIGN_MARKER = /(?:^|&)X-Amz-(?:Algorithm|Credential|Signature)=/;
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const STREAMING_PAYLOADS = new Set([
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
]);
const CHUNK_SIGNED_PAYLOADS = new Set(['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER']);
// S3 and the services sharing its signer presign with UNSIGNED-PAYLOAD; others hash the body.
const UNSIGNED_PRESIGN_SERVICES = new Set(['s3', 's3-object-lambda', 's3-outposts', 's3express']);

const incomplete = (message: string) => new SigV4Error('IncompleteSignature', message, 400);
const mismatch = (detail = '') =>
  new SigV4Error(
    'SignatureDoesNotMatch',
    `The request signature we calculated does not match the signature you provided.${detail} ` +
      'Check that the client uses the Airlock local access key and secret.',
    403,
  );

/** Classifies an x-amz-content-sha256 value. Throws SigV4Error for anything else. */
export function classifyPayloadHash(value: string): DeclaredPayload {
  if (HEX_HASH.test(value)) return { kind: 'hex', value };
  if (value === UNSIGNED_PAYLOAD) return { kind: 'unsigned', value };
  if (STREAMING_PAYLOADS.has(value)) return { kind: 'streaming', value };
  throw new SigV4Error(
    'InvalidArgument',
    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] or a SHA-256 hex digest.",
    400,
  );
}

interface KeyHeaders {
  authorization: string[];
  amzDate: string[];
  date: string[];
  contentSha256: string[];
}

// One pass over the raw headers for the few the verifier itself reads.
function keyHeaders(rawHeaders: readonly string[]): KeyHeaders {
  const found: KeyHeaders = { authorization: [], amzDate: [], date: [], contentSha256: [] };
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const value = rawHeaders[i + 1] as string;
    switch ((rawHeaders[i] as string).toLowerCase()) {
      case 'authorization': found.authorization.push(value); break;
      case 'x-amz-date': found.amzDate.push(value); break;
      case 'date': found.date.push(value); break;
      case 'x-amz-content-sha256': found.contentSha256.push(value); break;
    }
  }
  return found;
}

function single(name: string, values: string[]): string | undefined {
  if (values.length > 1) throw incomplete(`The ${name} header appears more than once.`);
  return values[0]?.trim();
}

/** The payload declaration of a header-signed request. Throws SigV4Error if it is invalid. */
export function declaredPayload(request: RawRequest): DeclaredPayload {
  const value = single('x-amz-content-sha256', keyHeaders(request.rawHeaders).contentSha256);
  return value === undefined ? { kind: 'absent' } : classifyPayloadHash(value);
}

function requireSigned(auth: ParsedAuthorization, header: string): void {
  if (!auth.signedHeaders.includes(header)) throw incomplete(`SignedHeaders must include '${header}'.`);
}

/** Timestamp of a header-signed request: X-Amz-Date, else the HTTP Date header. */
function headerTimestamp(auth: ParsedAuthorization, found: KeyHeaders): string {
  const amzDate = single('X-Amz-Date', found.amzDate);
  if (amzDate !== undefined) {
    if (parseAmzDate(amzDate) === undefined) throw incomplete('X-Amz-Date must be a date in the form YYYYMMDDTHHMMSSZ.');
    requireSigned(auth, 'x-amz-date');
    return amzDate;
  }
  const date = single('Date', found.date);
  if (date === undefined) throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  const converted = httpDateToAmz(date);
  if (converted === undefined) throw incomplete('The Date header is not a valid HTTP date.');
  requireSigned(auth, 'date');
  return converted;
}

function checkTime(auth: ParsedAuthorization, presigned: ParsedPresigned | undefined, amzDate: string, now: Date, maxSkewMs: number): void {
  if (amzDate.slice(0, 8) !== auth.date) {
    throw mismatch(
      ` Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}'.`,
    );
  }
  const signedAt = parseAmzDate(amzDate) as number;
  const nowMs = now.getTime();
  if (presigned) {
    if (signedAt - maxSkewMs > nowMs) throw new SigV4Error('AccessDenied', 'Request is not yet valid (X-Amz-Date is in the future).', 403);
    if (nowMs > signedAt + presigned.expiresSeconds * 1000) throw new SigV4Error('AccessDenied', 'Request has expired.', 403);
    return;
  }
  if (nowMs - signedAt > maxSkewMs) {
    throw new SigV4Error(
      'RequestTimeTooSkewed',
      `Signature expired: ${amzDate} is now earlier than ${toAmzDate(nowMs - maxSkewMs)}. Check the clock of this machine.`,
      403,
    );
  }
  if (signedAt - nowMs > maxSkewMs) {
    throw new SigV4Error(
      'RequestTimeTooSkewed',
      `Signature not yet current: ${amzDate} is still later than ${toAmzDate(nowMs + maxSkewMs)}. Check the clock of this machine.`,
      403,
    );
  }
}

function presignedPayload(auth: ParsedPresigned, found: KeyHeaders): DeclaredPayload {
  // A header declaration counts only if the client signed it; else the query's, else the default.
  const header = auth.signedHeaders.includes('x-amz-content-sha256') ? single('x-amz-content-sha256', found.contentSha256) : undefined;
  const declared = header ?? auth.contentSha256;
  if (declared !== undefined) return classifyPayloadHash(declared);
  return UNSIGNED_PRESIGN_SERVICES.has(auth.service) ? { kind: 'unsigned', value: UNSIGNED_PAYLOAD } : { kind: 'absent' };
}

function begin(input: BeginInput): PendingVerification {
  const { request, now } = input;
  const maxSkewMs = input.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const target = request.target;
  if (!target.startsWith('/')) throw new SigV4Error('InvalidRequest', 'The request target must be a path (origin form).', 400);
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const rawQuery = q < 0 ? '' : target.slice(q + 1);
  const found = keyHeaders(request.rawHeaders);

  const authorization = single('Authorization', found.authorization);
  let parsed: ParsedAuthorization;
  let presigned: ParsedPresigned | undefined;
  let amzDate: string;
  if (authorization !== undefined) {
    if (PRESIGN_MARKER.test(rawQuery)) {
      throw new SigV4Error('InvalidArgument', 'Only one auth mechanism allowed: the Authorization header or X-Amz-* query parameters, not both.', 400);
    }
    parsed = parseAuthorization(authorization);
    amzDate = headerTimestamp(parsed, found);
  } else {
    presigned = parsePresigned(rawQuery);
    if (!presigned) {
      throw new SigV4Error('MissingAuthenticationToken', 'Missing Authentication Token: sign requests with the Airlock local credentials.', 403);
    }
    parsed = presigned;
    amzDate = presigned.amzDate;
  }
  const auth: ParsedAuthorization = {
    accessKeyId: parsed.accessKeyId, date: parsed.date, region: parsed.region, service: parsed.service,
    scope: parsed.scope, signedHeaders: parsed.signedHeaders, signature: parsed.signature, presigned: parsed.presigned,
  };
  checkTime(auth, presigned, amzDate, now, maxSkewMs);

  const secret = input.secretFor(auth.accessKeyId);
  if (secret === undefined) {
    throw new SigV4Error('UnrecognizedClientException', 'The security token included in the request is invalid: the access key is not this proxy’s.', 403);
  }
  const payload = presigned ? presignedPayload(presigned, found) : declaredPayload(request);
  const headers = canonicalHeaders(request.rawHeaders, auth.signedHeaders);
  if (!headers.ok) throw mismatch(` The signed header '${headers.missing}' is missing from the request.`);

  const key = signingKey(secret, auth.date, auth.region, auth.service);
  const paths = canonicalPaths(rawPath, auth.service);
  const query = canonicalQuery(rawQuery, presigned ? 'X-Amz-Signature' : undefined);
  const signedHeaderList = auth.signedHeaders.join(';');
  const signatureMatches = (payloadHash: string): boolean =>
    paths.some((path) => {
      const canonical = canonicalRequest(request.method, path, query, headers.text, signedHeaderList, payloadHash);
      return signaturesEqual(hmacHex(key, stringToSign(amzDate, auth.scope, canonical)), auth.signature);
    });

  // With a declared hash or literal, the signature can be checked before the body is read.
  if (payload.kind !== 'absent' && !signatureMatches(payload.value)) throw mismatch();

  const verified = (declaredPayloadHash: string): Verified => {
    const result: Verified = { ok: true, auth, amzDate, payload, declaredPayloadHash };
    if (payload.kind === 'streaming' && CHUNK_SIGNED_PAYLOADS.has(payload.value)) {
      result.chunkSigner = chunkSigner(key, amzDate, auth.scope, auth.signature.toLowerCase());
    }
    return result;
  };
  const needBodyHash = (bodySha256Hex: string | undefined): string => {
    if (bodySha256Hex === undefined) throw new TypeError('finish() needs the sha256 of the body for this request.');
    return bodySha256Hex.toLowerCase();
  };

  return {
    ok: true,
    auth,
    amzDate,
    payload,
    needsBodyHash: payload.kind === 'hex' || payload.kind === 'absent',
    finish(bodySha256Hex?: string): VerifyResult {
      try {
        if (payload.kind === 'hex') {
          if (needBodyHash(bodySha256Hex) !== payload.value.toLowerCase()) {
            throw new SigV4Error('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
          }
          return verified(payload.value);
        }
        if (payload.kind === 'absent') {
          const bodyHash = needBodyHash(bodySha256Hex);
          if (!signatureMatches(bodyHash)) throw mismatch();
          return verified(bodyHash);
        }
        return verified(payload.value);
      } catch (err) {
        return asFailure(err);
      }
    },
  };
}

function asFailure(err: unknown): VerifyFailure {
  if (err instanceof SigV4Error) return { ok: false, code: err.code, message: err.message, status: err.status };
  throw err;
}

/** Phase one: everything that needs only the method, target and headers. */
export function beginVerify(input: BeginInput): PendingVerification | VerifyFailure {
  try {
    return begin(input);
  } catch (err) {
    return asFailure(err);
  }
}

/** One-shot verification, for callers that already hold the body's hash. */
export function verifySigV4(input: VerifyInput): VerifyResult {
  const pending = beginVerify(input);
  return pending.ok ? pending.finish(input.payloadHash) : pending;
}
