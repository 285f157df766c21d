import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from '../credentials/types';

/** Never forwarded: hop-by-hop, proxy-only, and the client's own signature material. */
const DROP = new Set([
  'connection', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-authorization',
  'proxy-authenticate', 'proxy-connection', 'authorization', 'x-amz-date', 'x-amz-security-token',
  'x-amz-content-sha256', 'host', 'expect',
]);

/** Never signed even if the client signed them (Teleport #19649: a signed Expect broke Athena). */
const NEVER_SIGN = new Set(['expect', 'user-agent', 'x-amzn-trace-id', 'content-length']);

export interface ResignInput {
  method: string;
  /** Raw path as received (encoded once), without the query. */
  path: string;
  /** Raw query string without '?', or ''. */
  query: string;
  /** Request headers, names lower-cased (Node's req.headers). */
  headers: Record<string, string | string[] | undefined>;
  /** Headers the client signed: these (minus the replaced ones) are signed again. */
  clientSignedHeaders: readonly string[];
  /** Upstream Host header value (host, plus :port when not the scheme's default). */
  upstreamHost: string;
  service: string;
  region: string;
  credentials: AwsCredentials;
  /** Hex SHA-256 of the body, or a literal such as UNSIGNED-PAYLOAD. */
  payloadHash: string;
  signingDate: Date;
}

/** Node's native SHA-256 (the SDK's choice under Node); the pure-JS one costs a lot per request. */
const Sha256 = Hash.bind(null, 'sha256');

/** Signers keyed by service, region and key id: building one per request would redo its setup. */
const signers = new Map<string, SignatureV4>();
const MAX_SIGNERS = 256;

function signerFor(service: string, region: string, credentials: AwsCredentials): SignatureV4 {
  const key = `${service}/${region}/${credentials.accessKeyId}/${credentials.sessionToken ?? ''}`;
  let s = signers.get(key);
  if (!s) {
    if (signers.size >= MAX_SIGNERS) signers.clear();
    // S3 signs the path as sent; every other service double-encodes and normalises it.
    s = new SignatureV4({ service, region, sha256: Sha256, uriEscapePath: service !== 's3', applyChecksum: false, credentials });
    signers.set(key, s);
  }
  return s;
}

function parseQuery(raw: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!raw) return out;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/**
 * Signs the request again with the session's credentials using @smithy/signature-v4, for the
 * upstream Host (set before signing: Teleport #20798). Returns the complete header set to send.
 */
export async function resign(input: ResignInput): Promise<Record<string, string>> {
  const toSign: Record<string, string> = {};
  const unsigned: Record<string, string> = {};
  const signedByClient = new Set(input.clientSignedHeaders);
  for (const [name, value] of Object.entries(input.headers)) {
    if (value === undefined || DROP.has(name) || name.startsWith('proxy-')) continue;
    const signed = signedByClient.has(name);
    // An x-amz-* header the client did not sign was added after signing: it must not ride along.
    if (!signed && name.startsWith('x-amz-')) continue;
    const v = Array.isArray(value) ? value.join(',') : value;
    if (signed && !NEVER_SIGN.has(name)) toSign[name] = v;
    else unsigned[name] = v;
  }
  toSign.host = input.upstreamHost;
  toSign['x-amz-content-sha256'] = input.payloadHash;
  const request = new HttpRequest({
    method: input.method,
    protocol: 'https:',
    hostname: input.upstreamHost,
    path: input.path,
    query: parseQuery(input.query),
    headers: toSign,
  });
  const signed = await signerFor(input.service, input.region, input.credentials).sign(request, {
    signingDate: input.signingDate,
    signableHeaders: new Set(Object.keys(toSign)),
  });
  return { ...unsigned, ...(signed.headers as Record<string, string>) };
}
