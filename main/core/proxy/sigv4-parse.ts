/**
 * Parsing of the SigV4 credentials a client sends: the Authorization header, the
 * query-string (presigned URL) form, and the request timestamp.
 */
import { AirlockError } from '../errors';
import { decodeQueryText, splitQuery } from './sigv4-canonical';
import { ALGORITHM } from './sigv4-crypto';

/** A refusal carrying the AWS-style error code and HTTP status the proxy should answer with. */
export class SigV4Error extends AirlockError {
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(code, message);
    this.name = 'SigV4Error';
    this.status = status;
  }
}

export interface ParsedAuthorization {
  accessKeyId: string;
  /** Credential-scope date, YYYYMMDD. */
  date: string;
  region: string;
  service: string;
  /** `date/region/service/aws4_request`. */
  scope: string;
  /** Lower-case, sorted, unique; always includes `host`. */
  signedHeaders: string[];
  /** Hex signature as sent. Never log it. */
  signature: string;
  presigned: boolean;
}

export interface ParsedPresigned extends ParsedAuthorization {
  presigned: true;
  /** X-Amz-Date, YYYYMMDDTHHMMSSZ. */
  amzDate: string;
  expiresSeconds: number;
  /** X-Amz-Content-Sha256 from the query, when the signer put it there. */
  contentSha256: string | undefined;
}

const DATE8 = /^\d{8}$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const SIGNATURE_HEX = /^[0-9a-fA-F]{64}$/;
const SCOPE_PART = /^[A-Za-z0-9._-]+$/;
const ACCESS_KEY_ID = /^[\x21-\x7e]+$/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;
const WHITESPACE = /\s/;
const EXPIRES = /^\d{1,7}$/;
const ISO_PUNCTUATION = /[-:]/g;
const ISO_MILLIS = /\.\d{3}Z$/;
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

const incomplete = (message: string) => new SigV4Error('IncompleteSignature', message, 400);

/** Access key, date, region and service from `AKID/YYYYMMDD/region/service/aws4_request`. */
function parseCredential(credential: string): Pick<ParsedAuthorization, 'accessKeyId' | 'date' | 'region' | 'service' | 'scope'> {
  const parts = credential.split('/');
  const [accessKeyId, date, region, service, terminator] = parts;
  if (
    parts.length !== 5 || accessKeyId === undefined || date === undefined || region === undefined ||
    service === undefined || terminator !== 'aws4_request' || !ACCESS_KEY_ID.test(accessKeyId) ||
    !DATE8.test(date) || !SCOPE_PART.test(region) || !SCOPE_PART.test(service)
  ) {
    throw incomplete('Credential must have the form ACCESS_KEY/YYYYMMDD/REGION/SERVICE/aws4_request.');
  }
  return { accessKeyId, date, region, service, scope: `${date}/${region}/${service}/aws4_request` };
}

/** SignedHeaders must be lower-case header names, sorted, unique, and include `host`. */
function parseSignedHeaders(list: string): string[] {
  const names = list.split(';');
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (!HEADER_NAME.test(name)) throw incomplete(`SignedHeaders has an invalid header name: '${name}'.`);
    if (i > 0 && !((names[i - 1] as string) < name)) {
      throw incomplete('SignedHeaders must be sorted and must not repeat a header.');
    }
  }
  if (!names.includes('host')) throw incomplete("SignedHeaders must include 'host'.");
  return names;
}

function parseSignature(signature: string): string {
  if (!SIGNATURE_HEX.test(signature)) throw incomplete('Signature must be 64 hexadecimal characters.');
  return signature;
}

/**
 * Parses `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` (with or without spaces
 * after the commas, parameters in any order). Throws SigV4Error.
 */
export function parseAuthorization(header: string): ParsedAuthorization {
  const value = header.trim();
  const space = value.search(WHITESPACE);
  const algorithm = space < 0 ? value : value.slice(0, space);
  if (algorithm !== ALGORITHM) {
    const what = algorithm === 'AWS4-ECDSA-P256-SHA256' ? 'SigV4a' : algorithm === 'AWS' ? 'Signature Version 2' : `'${algorithm}'`;
    throw incomplete(`Unsupported authorization type ${what}: the local proxy accepts only AWS4-HMAC-SHA256.`);
  }
  const params = new Map<string, string>();
  for (const item of value.slice(algorithm.length).split(',')) {
    const eq = item.indexOf('=');
    const name = (eq < 0 ? item : item.slice(0, eq)).trim();
    if (eq < 0 || params.has(name)) throw incomplete(`Authorization header is malformed near '${name.slice(0, 40)}'.`);
    params.set(name, item.slice(eq + 1).trim());
  }
  const credential = params.get('Credential');
  const signedHeaders = params.get('SignedHeaders');
  const signature = params.get('Signature');
  if (credential === undefined || signedHeaders === undefined || signature === undefined || params.size !== 3) {
    throw incomplete("Authorization header requires exactly the 'Credential', 'SignedHeaders' and 'Signature' parameters.");
  }
  return {
    ...parseCredential(credential),
    signedHeaders: parseSignedHeaders(signedHeaders),
    signature: parseSignature(signature),
    presigned: false,
  };
}

const PRESIGN_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature'];
const PRESIGN_PARAM_SET = new Set([...PRESIGN_PARAMS, 'X-Amz-Content-Sha256']);

/**
 * The presigned-URL form, from the raw query string; undefined when the query carries no
 * signature parameters at all. Throws SigV4Error when it carries some but not a valid set.
 */
export function parsePresigned(rawQuery: string): ParsedPresigned | undefined {
  if (!rawQuery.includes('X-Amz-')) return undefined;
  const found = new Map<string, string>();
  for (const [rawKey, rawValue] of splitQuery(rawQuery)) {
    const key = decodeQueryText(rawKey);
    if (!PRESIGN_PARAM_SET.has(key)) continue;
    if (found.has(key)) throw incomplete(`Query parameter ${key} appears more than once.`);
    found.set(key, decodeQueryText(rawValue));
  }
  if (!found.has('X-Amz-Algorithm') && !found.has('X-Amz-Credential') && !found.has('X-Amz-Signature')) return undefined;
  const value = (name: string): string => {
    const v = found.get(name);
    if (v === undefined) throw incomplete(`Query-string authentication requires the ${PRESIGN_PARAMS.join(', ')} parameters.`);
    return v;
  };
  if (value('X-Amz-Algorithm') !== ALGORITHM) {
    throw incomplete('X-Amz-Algorithm must be AWS4-HMAC-SHA256: the local proxy accepts nothing else.');
  }
  const amzDate = value('X-Amz-Date');
  if (parseAmzDate(amzDate) === undefined) throw incomplete('X-Amz-Date must be a date in the form YYYYMMDDTHHMMSSZ.');
  const expires = value('X-Amz-Expires');
  const expiresSeconds = EXPIRES.test(expires) ? Number(expires) : NaN;
  if (!(expiresSeconds >= 1 && expiresSeconds <= MAX_PRESIGN_SECONDS)) {
    throw incomplete(`X-Amz-Expires must be a number of seconds from 1 to ${MAX_PRESIGN_SECONDS}.`);
  }
  return {
    ...parseCredential(value('X-Amz-Credential')),
    signedHeaders: parseSignedHeaders(value('X-Amz-SignedHeaders')),
    signature: parseSignature(value('X-Amz-Signature')),
    presigned: true,
    amzDate,
    expiresSeconds,
    contentSha256: found.get('X-Amz-Content-Sha256'),
  };
}

/** Milliseconds since the epoch of a `YYYYMMDDTHHMMSSZ` timestamp; undefined if not a real date. */
export function parseAmzDate(amzDate: string): number | undefined {
  const m = AMZ_DATE.exec(amzDate);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Date.UTC rolls 31 February into March: insist on a round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return undefined;
  }
  return ms;
}

/** `YYYYMMDDTHHMMSSZ` for a time in milliseconds. */
export function toAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(ISO_PUNCTUATION, '').replace(ISO_MILLIS, 'Z');
}

/** An HTTP `Date` header (IMF-fixdate, or RFC 2822 with a numeric zone) in `YYYYMMDDTHHMMSSZ`. */
export function httpDateToAmz(value: string): string | undefined {
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? toAmzDate(ms) : undefined;
}
