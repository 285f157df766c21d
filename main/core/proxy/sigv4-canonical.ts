/**
 * The canonical-request pieces of SigV4, computed from the request exactly as it arrived.
 *
 * Strings here are what Node's HTTP server hands over: the request target and header values
 * are "binary" strings (one char per byte, latin1). Percent-encoding therefore treats each
 * char below U+0100 as one byte; anything above (never produced by Node) is taken as UTF-8.
 */

// Services whose signers sign the path as sent (encoded once, not normalised): S3 and the
// services that share its signer (S3 Control signs as "s3" too).
const RAW_PATH_SERVICES = new Set(['s3', 's3-object-lambda', 's3-outposts', 's3express']);

const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;
const PATH_SAFE_ONLY = /^[A-Za-z0-9\-._~/]*$/;
const NON_BINARY_CHAR = /[\u0100-\uffff]/;
const HEADER_WHITESPACE_RUN = /[\t\n\r ]+/g;
const HEX_DIGITS = '0123456789ABCDEF';

function isUnreserved(b: number): boolean {
  return (
    (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) ||
    b === 0x2d || b === 0x2e || b === 0x5f || b === 0x7e
  );
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** The bytes a binary string stands for (see the file comment). */
function toBytes(s: string): Uint8Array {
  if (!NON_BINARY_CHAR.test(s)) return Buffer.from(s, 'latin1');
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x100) out.push(cp);
    else out.push(...Buffer.from(ch, 'utf8'));
  }
  return Uint8Array.from(out);
}

/** RFC 3986 encoding of bytes: unreserved kept, everything else %XX (upper-case hex). */
function encodeBytes(bytes: Iterable<number>, keepSlash: boolean): string {
  let out = '';
  for (const b of bytes) {
    if (isUnreserved(b) || (keepSlash && b === 0x2f)) out += String.fromCharCode(b);
    else out += `%${HEX_DIGITS[b >> 4]}${HEX_DIGITS[b & 15]}`;
  }
  return out;
}

/**
 * Bytes of a raw query component: `%XX` decoded, `+` read as a space (form encoding, as AWS and
 * most signers read it); a `%` not followed by two hex digits stays a literal `%`.
 */
function decodeQueryComponent(raw: string): number[] {
  const bytes = toBytes(raw);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x25 && i + 2 < bytes.length) {
      const hi = hexValue(bytes[i + 1] as number);
      const lo = hexValue(bytes[i + 2] as number);
      if (hi >= 0 && lo >= 0) {
        out.push(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out.push(b === 0x2b ? 0x20 : b);
  }
  return out;
}

/** A query key or value in canonical form: decoded, then RFC 3986 encoded. */
export function canonicalQueryComponent(raw: string): string {
  if (UNRESERVED_ONLY.test(raw)) return raw;
  return encodeBytes(decodeQueryComponent(raw), false);
}

/** A query component decoded to text (UTF-8), for reading X-Amz-* parameters. */
export function decodeQueryText(raw: string): string {
  if (UNRESERVED_ONLY.test(raw)) return raw;
  return Buffer.from(decodeQueryComponent(raw)).toString('utf8');
}

/** Raw `key=value` pairs of a query string, empty pieces dropped, `key` alone meaning `key=`. */
export function splitQuery(rawQuery: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (rawQuery === '') return pairs;
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    pairs.push(eq < 0 ? [piece, ''] : [piece.slice(0, eq), piece.slice(eq + 1)]);
  }
  return pairs;
}

/**
 * The canonical query string: each key and value canonically encoded, sorted by key then
 * value. `omitKey` (canonical form) is left out: presigned URLs sign all but X-Amz-Signature.
 */
export function canonicalQuery(rawQuery: string, omitKey?: string): string {
  const pairs: Array<[string, string]> = [];
  for (const [rawKey, rawValue] of splitQuery(rawQuery)) {
    const key = canonicalQueryComponent(rawKey);
    if (key === omitKey) continue;
    pairs.push([key, canonicalQueryComponent(rawValue)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let out = '';
  for (const [key, value] of pairs) out += `${out === '' ? '' : '&'}${key}=${value}`;
  return out;
}

/** RFC 3986 dot-segment removal plus dropping empty segments, as botocore and smithy do. */
function normalizePath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const lead = path.startsWith('/') ? '/' : '';
  const trail = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return lead + segments.join('/') + trail;
}

function encodePath(path: string): string {
  return PATH_SAFE_ONLY.test(path) ? path : encodeBytes(toBytes(path), true);
}

/**
 * The canonical URI(s) to try for a raw path, best first.
 * - S3 family: the raw path as sent, never normalised (`//` and `..` are part of a key).
 * - Every other service: dot segments and empty segments removed (what AWS, botocore and
 *   smithy do), then each byte that is not unreserved encoded again (`%3A` becomes `%253A`).
 *   Signers that skip the normalisation (the Go SDK v2) sign the un-normalised path, so when
 *   normalising changed something, that form is offered second. Both forms are computed from
 *   the same raw bytes, so accepting either lets no other request through.
 */
export function canonicalPaths(rawPath: string, service: string): string[] {
  const path = rawPath === '' ? '/' : rawPath;
  if (RAW_PATH_SERVICES.has(service)) return [path];
  const normalized = normalizePath(path);
  const first = encodePath(normalized);
  return normalized === path ? [first] : [first, encodePath(path)];
}

/** A header value as SigV4 canonicalises it: trimmed, inner whitespace runs made one space. */
export function canonicalHeaderValue(value: string): string {
  const collapsed = value.replace(HEADER_WHITESPACE_RUN, ' ');
  const start = collapsed.startsWith(' ') ? 1 : 0;
  const end = collapsed.length > start && collapsed.endsWith(' ') ? collapsed.length - 1 : collapsed.length;
  return collapsed.slice(start, end);
}

/**
 * The canonical header block (each `name:value\n`) for exactly the signed headers, in the
 * given (sorted) order; repeated headers are joined with ',' in arrival order.
 * Returns the first signed header the request lacks instead, if any.
 */
export function canonicalHeaders(
  rawHeaders: readonly string[],
  signedHeaders: readonly string[],
): { ok: true; text: string } | { ok: false; missing: string } {
  const values = new Map<string, string[]>();
  for (const name of signedHeaders) values.set(name, []);
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const list = values.get((rawHeaders[i] as string).toLowerCase());
    if (list) list.push(canonicalHeaderValue(rawHeaders[i + 1] as string));
  }
  let text = '';
  for (const name of signedHeaders) {
    const list = values.get(name);
    if (!list || list.length === 0) return { ok: false, missing: name };
    text += `${name}:${list.join(',')}\n`;
  }
  return { ok: true, text };
}

export function canonicalRequest(
  method: string,
  path: string,
  query: string,
  headerBlock: string,
  signedHeaders: string,
  payloadHash: string,
): string {
  return `${method}\n${path}\n${query}\n${headerBlock}\n${signedHeaders}\n${payloadHash}`;
}
