import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import aws4 from 'aws4';
import { DynamoDBClient, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import {
  beginVerify, classifyPayloadHash, declaredPayload, parseAuthorization, verifySigV4,
  type RawRequest, type VerifyResult,
} from '../../main/core/proxy/sigv4-verify';
import { canonicalHeaderValue, canonicalPaths, canonicalQuery } from '../../main/core/proxy/sigv4-canonical';
import { parsePresigned } from '../../main/core/proxy/sigv4-parse';

// A local key pair as the proxy would mint it; the secret has '/', '+' and '=' on purpose.
const AKID = 'AKIDAIRLOCKTEST01';
const SECRET = 'l0cal/Secret+Key=ForTests/abcdefghij';
const secretFor = (id: string): string | undefined => (id === AKID ? SECRET : undefined);
const T0 = new Date('2024-05-01T12:00:00Z'); // signing time of the deterministic cases
const NOW = new Date('2024-05-01T12:03:00Z');
const MINUTE = 60_000;

const sha256 = (body: string | Uint8Array) => createHash('sha256').update(body).digest('hex');

function verify(request: RawRequest, body: string | Uint8Array = '', now = NOW, secrets = secretFor): VerifyResult {
  return verifySigV4({ request, secretFor: secrets, now, payloadHash: sha256(body) });
}

/** 'ok', or the failure, so a failed expectation shows why. */
function outcome(result: VerifyResult): string {
  return result.ok ? 'ok' : `${result.code}: ${result.message}`;
}

function code(result: VerifyResult): string {
  return result.ok ? 'ok' : result.code;
}

function withHeader(request: RawRequest, name: string, value: string | undefined): RawRequest {
  const raw: string[] = [];
  let replaced = false;
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const n = request.rawHeaders[i] as string;
    if (n.toLowerCase() === name.toLowerCase()) {
      if (value !== undefined && !replaced) raw.push(n, value);
      replaced = true;
    } else {
      raw.push(n, request.rawHeaders[i + 1] as string);
    }
  }
  if (!replaced && value !== undefined) raw.push(name, value);
  return { ...request, rawHeaders: raw };
}

function header(request: RawRequest, name: string): string | undefined {
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    if ((request.rawHeaders[i] as string).toLowerCase() === name) return request.rawHeaders[i + 1];
  }
  return undefined;
}

/** Splits `scheme://authority/path?query` without any URL normalisation (WHATWG URL would resolve `..`). */
function splitUrl(url: string): { host: string; target: string } {
  const m = /^https?:\/\/([^/?#]+)(.*)$/.exec(url);
  if (!m) throw new Error(`not an absolute URL: ${url}`);
  const rest = m[2] ?? '';
  return { host: m[1] ?? '', target: rest === '' || rest.startsWith('?') ? `/${rest}` : rest };
}

// ---------------------------------------------------------------- smithy (the JS SDK's signer)

/** What @smithy/util-uri-escape does: encodeURIComponent plus !'()* . */
const escapeUri = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The wire query as the node-http-handler builds it (deliberately not sorted). */
function wireQuery(query: Record<string, string | string[] | null>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const v of value) parts.push(`${escapeUri(key)}=${escapeUri(v)}`);
    else parts.push(value === null ? escapeUri(key) : `${escapeUri(key)}=${escapeUri(value)}`);
  }
  return parts.join('&');
}

function rawFromSmithy(req: HttpRequest): RawRequest {
  const query = wireQuery(req.query as Record<string, string | string[] | null>);
  const rawHeaders: string[] = [];
  for (const [name, value] of Object.entries(req.headers)) rawHeaders.push(name, value);
  return { method: req.method, target: query ? `${req.path}?${query}` : req.path, rawHeaders };
}

interface SmithyCase {
  service: string;
  method: string;
  host: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers?: Record<string, string>;
  body?: string;
  uriEscapePath?: boolean;
  applyChecksum?: boolean;
  signableHeaders?: Set<string>;
  secret?: string;
  presignExpires?: number;
}

async function smithy(c: SmithyCase): Promise<RawRequest> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: AKID, secretAccessKey: c.secret ?? SECRET },
    region: 'us-east-1',
    service: c.service,
    sha256: Sha256,
    uriEscapePath: c.uriEscapePath ?? c.service !== 's3',
    ...(c.applyChecksum === undefined ? {} : { applyChecksum: c.applyChecksum }),
  });
  const request = new HttpRequest({
    method: c.method,
    protocol: 'https:',
    hostname: c.host,
    path: c.path,
    query: c.query ?? {},
    headers: { host: c.host, ...c.headers },
    ...(c.body === undefined ? {} : { body: c.body }),
  });
  const signed = c.presignExpires === undefined
    ? await signer.sign(request, { signingDate: T0, ...(c.signableHeaders ? { signableHeaders: c.signableHeaders } : {}) })
    : await signer.presign(request, { signingDate: T0, expiresIn: c.presignExpires });
  return rawFromSmithy(signed as HttpRequest);
}

/** How the JS SDK puts an S3 key in the path: each segment encoded, '/' kept. */
const s3Path = (bucket: string, key: string) => `/${bucket}/${key.split('/').map(escapeUri).join('/')}`;

// ---------------------------------------------------------------- botocore (the aws CLI's and boto3's signer)

const PYTHON = '/usr/bin/python3';
const hasBotocore = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import botocore']).status === 0;
const AWS_CLI = '/usr/bin/aws';
const hasAwsCli = hasBotocore && existsSync(AWS_CLI);

// Signs each case with botocore's own signer classes at a fixed time and prints what it sent.
const BOTOCORE_SIGNER = String.raw`
import base64, datetime as _dt, json, sys, types
import botocore.auth as A
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

class _Fixed(_dt.datetime):
    @classmethod
    def utcnow(cls):
        return _dt.datetime(2024, 5, 1, 12, 0, 0)
A.datetime = types.SimpleNamespace(datetime=_Fixed, timedelta=_dt.timedelta)
DEFAULT_BLACKLIST = list(A.SIGNED_HEADERS_BLACKLIST)

job = json.load(sys.stdin)
creds = Credentials(job['akid'], job['secret'])
out = {}
for c in job['cases']:
    req = AWSRequest(method=c['method'], url=c['url'], data=c.get('body', '').encode('utf-8'))
    for k, v in c.get('headers', []):
        req.headers[k] = v  # HTTPHeaders appends: repeated names stay repeated
    req.context.update(c.get('context', {}))
    if c.get('s3_unsigned'):
        req.context['client_config'] = types.SimpleNamespace(s3={'payload_signing_enabled': False})
    A.SIGNED_HEADERS_BLACKLIST[:] = [h for h in DEFAULT_BLACKLIST if h not in c.get('sign_also', [])]
    cls = {'v4': A.SigV4Auth, 's3v4': A.S3SigV4Auth, 'query': A.SigV4QueryAuth, 's3query': A.S3SigV4QueryAuth}[c['signer']]
    if c['signer'] in ('query', 's3query'):
        signer = cls(creds, c['service'], c['region'], expires=c.get('expires', 3600))
    else:
        signer = cls(creds, c['service'], c['region'])
    signer.add_auth(req)
    out[c['name']] = {'method': req.method, 'url': req.url, 'headers': list(req.headers.items())}
print(json.dumps(out))
`;

interface BotoCase {
  name: string;
  signer: 'v4' | 's3v4' | 'query' | 's3query';
  service: string;
  region: string;
  method: string;
  url: string;
  headers?: Array<[string, string]>;
  body?: string;
  context?: Record<string, unknown>;
  s3_unsigned?: boolean;
  sign_also?: string[];
  expires?: number;
}

const BOTO_CASES: BotoCase[] = [
  { name: 'sts-form', signer: 'v4', service: 'sts', region: 'us-east-1', method: 'POST', url: 'https://sts.amazonaws.com/',
    headers: [['Content-Type', 'application/x-www-form-urlencoded; charset=utf-8']], body: 'Action=GetCallerIdentity&Version=2011-06-15' },
  { name: 'ddb-json', signer: 'v4', service: 'dynamodb', region: 'eu-west-3', method: 'POST', url: 'https://dynamodb.eu-west-3.amazonaws.com/',
    headers: [['Content-Type', 'application/x-amz-json-1.0'], ['X-Amz-Target', 'DynamoDB_20120810.GetItem']],
    body: '{"TableName":"Orders","Key":{"pk":{"S":"caf\u00e9 \u2603"}}}' },
  { name: 'user-agent-signed', signer: 'v4', service: 'dynamodb', region: 'us-east-1', method: 'POST', url: 'https://dynamodb.us-east-1.amazonaws.com/',
    headers: [['User-Agent', 'aws-cli/2.9.19 Python/3.11.2  Linux/6   exec-env/x'], ['X-Amz-Target', 'DynamoDB_20120810.ListTables']],
    body: '{}', sign_also: ['user-agent'] },
  { name: 'spaces-and-repeats', signer: 'v4', service: 'execute-api', region: 'us-east-1', method: 'GET', url: 'https://api.example.com/prod/items',
    headers: [['X-Note', '  a   b \t  c  '], ['X-Custom', 'one'], ['X-Custom', 'two   three'], ['X-Latin', 'caf\u00e9']] },
  { name: 'lambda-arn-path', signer: 'v4', service: 'lambda', region: 'us-east-1', method: 'POST',
    url: 'https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Ademo/invocations?Qualifier=%24LATEST',
    body: '{"k":"v"}' },
  { name: 'non-s3-dot-segments', signer: 'v4', service: 'execute-api', region: 'us-east-1', method: 'GET',
    url: 'https://api.example.com/prod//a%20b/./c/../d%2Fe/' },
  { name: 's3-odd-key', signer: 's3v4', service: 's3', region: 'us-east-1', method: 'GET',
    url: 'https://s3.us-east-1.amazonaws.com/bkt/dir//a%20b%2Bc/../%C3%BCn%C3%AF%20%281%29%21.txt' },
  { name: 's3-query', signer: 's3v4', service: 's3', region: 'us-east-1', method: 'GET',
    url: 'https://bkt.s3.us-east-1.amazonaws.com/?list-type=2&prefix=a%20b%2F%C3%BC&delimiter=%2F&x=2&x=1&x-y=0&empty=' },
  { name: 's3-uploads', signer: 's3v4', service: 's3', region: 'us-east-1', method: 'POST',
    url: 'https://bkt.s3.us-east-1.amazonaws.com/big%20file.bin?uploads' },
  { name: 's3-put-unsigned', signer: 's3v4', service: 's3', region: 'us-east-1', method: 'PUT',
    url: 'https://bkt.s3.us-east-1.amazonaws.com/k.txt', body: 'hello body', s3_unsigned: true,
    headers: [['Content-MD5', 'XUFAKrxLKna5cZ2REBfFkg==']] },
  { name: 's3-put-trailer', signer: 's3v4', service: 's3', region: 'us-east-1', method: 'PUT',
    url: 'https://bkt.s3.us-east-1.amazonaws.com/k.txt', body: '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n',
    headers: [['Content-Encoding', 'aws-chunked'], ['X-Amz-Trailer', 'x-amz-checksum-crc32'], ['X-Amz-Decoded-Content-Length', '5']],
    context: { checksum: { request_algorithm: { in: 'trailer', name: 'x-amz-checksum-crc32' } } } },
  { name: 'date-header', signer: 'v4', service: 'sqs', region: 'us-east-1', method: 'POST', url: 'https://sqs.us-east-1.amazonaws.com/',
    headers: [['Date', 'replaced by botocore'], ['Content-Type', 'application/x-www-form-urlencoded; charset=utf-8']],
    body: 'Action=ListQueues&Version=2012-11-05' },
  { name: 's3-presign', signer: 's3query', service: 's3', region: 'us-east-1', method: 'GET',
    url: 'https://bkt.s3.us-east-1.amazonaws.com/a%20b%2Bc//d.txt?versionId=v%2B1', expires: 600 },
  { name: 'sts-presign', signer: 'query', service: 'sts', region: 'us-east-1', method: 'GET',
    url: 'https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15',
    headers: [['x-k8s-aws-id', 'demo-cluster']], expires: 900 },
];

interface BotoSigned { method: string; url: string; headers: Array<[string, string]> }

function runBotocore(): Record<string, BotoSigned> {
  const run = spawnSync(PYTHON, ['-c', BOTOCORE_SIGNER], {
    input: JSON.stringify({ akid: AKID, secret: SECRET, cases: BOTO_CASES }),
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin' },
  });
  if (run.status !== 0) throw new Error(`botocore signer failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, BotoSigned>;
}

/** The request as it reaches the proxy: the HTTP client adds Host from the URL. */
function rawFromBoto(signed: BotoSigned): RawRequest {
  const { host, target } = splitUrl(signed.url);
  const rawHeaders = signed.headers.flat();
  if (!signed.headers.some(([n]) => n.toLowerCase() === 'host')) rawHeaders.unshift('Host', host);
  return { method: signed.method, target, rawHeaders };
}

// ---------------------------------------------------------------- real clients over real HTTP

interface Captured { request: RawRequest; body: Buffer; at: Date }

/** Runs `client` against a loopback server that records each request and refuses it. */
async function captureFrom(client: (endpoint: string) => Promise<unknown>): Promise<Captured[]> {
  const seen: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ request: { method: req.method ?? '', target: req.url ?? '', rawHeaders: req.rawHeaders }, body: Buffer.concat(chunks), at: new Date() });
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'CapturedByTest' });
      res.end('{"__type":"CapturedByTest","message":"captured"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await client(`http://127.0.0.1:${port}`).catch(() => undefined);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return seen;
}

function cliEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8',
    AWS_ACCESS_KEY_ID: AKID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
    AWS_EC2_METADATA_DISABLED: 'true', AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'standard', AWS_PAGER: '',
  };
}

function runCli(home: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(AWS_CLI, args, { env: cliEnv(home), cwd: home });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString('utf8'); });
    child.on('close', () => resolve(out));
  });
}

// ================================================================ tests

describe('parseAuthorization', () => {
  const header = (sep: string) =>
    `AWS4-HMAC-SHA256 Credential=${AKID}/20240501/us-east-1/dynamodb/aws4_request${sep}SignedHeaders=host;x-amz-date${sep}Signature=${'a'.repeat(64)}`;

  it('reads the header with or without spaces after the commas', () => {
    for (const sep of [', ', ',', ' ,  ']) {
      expect(parseAuthorization(header(sep))).toEqual({
        accessKeyId: AKID, date: '20240501', region: 'us-east-1', service: 'dynamodb',
        scope: '20240501/us-east-1/dynamodb/aws4_request', signedHeaders: ['host', 'x-amz-date'],
        signature: 'a'.repeat(64), presigned: false,
      });
    }
  });

  it('refuses malformed headers with IncompleteSignature instead of crashing', () => {
    const garbage = [
      '', 'AWS4-HMAC-SHA256', 'Bearer abc', `AWS ${AKID}:c2lnbmF0dXJl`, 'AWS4-ECDSA-P256-SHA256 Credential=x',
      'AWS4-HMAC-SHA256 Credential=a/b',
      header(', ').replace('/aws4_request', '/aws5_request'),
      header(', ').replace('20240501', '2024-05-01'),
      header(', ').replace('a'.repeat(64), 'zz'),
      header(', ').replace('host;x-amz-date', 'x-amz-date;host'), // not sorted
      header(', ').replace('host;x-amz-date', 'Host;x-amz-date'), // not lower-case
      header(', ').replace('host;x-amz-date', 'host;host;x-amz-date'),
      header(', ').replace('host;x-amz-date', 'x-amz-date'), // no host
      header(', ').replace('host;x-amz-date', ''),
      `${header(', ')}, Signature=${'b'.repeat(64)}`,
      `${header(', ')}, Extra=1`,
      header(', ').replace('Signature=', 'Signature'),
      `AWS4-HMAC-SHA256 ${'Credential=x, '.repeat(5000)}`,
      'AWS4-HMAC-SHA256 Credential=\u2603/20240501/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=' + 'a'.repeat(64),
    ];
    for (const value of garbage) {
      expect(() => parseAuthorization(value), value.slice(0, 80)).toThrow(expect.objectContaining({ code: 'IncompleteSignature', status: 400 }));
      const result = verify({ method: 'GET', target: '/', rawHeaders: ['Host', 'h', 'Authorization', value, 'X-Amz-Date', '20240501T120000Z'] });
      expect(result).toMatchObject({ ok: false, code: 'IncompleteSignature', status: 400 });
    }
  });
});

describe('canonical pieces', () => {
  it('encodes query keys and values RFC 3986 style and sorts by key, then value', () => {
    expect(canonicalQuery('uploads')).toBe('uploads=');
    expect(canonicalQuery('b=2&a=1&a-b=0&a=0')).toBe('a=0&a=1&a-b=0&b=2'); // key order, not "a=..." string order
    expect(canonicalQuery('q=a+b%2Bc%7e%2a&sp%20ace=%E2%98%83')).toBe('q=a%20b%2Bc~%2A&sp%20ace=%E2%98%83');
    expect(canonicalQuery('x=%zz&y=100%&&')).toBe('x=%25zz&y=100%25');
    expect(canonicalQuery('a=1&X-Amz-Signature=ff', 'X-Amz-Signature')).toBe('a=1');
  });

  it('signs the S3 path as sent and double-encodes, normalised, everything else', () => {
    expect(canonicalPaths('/bkt/a%20b//../c+d', 's3')).toEqual(['/bkt/a%20b//../c+d']);
    expect(canonicalPaths('', 's3')).toEqual(['/']);
    expect(canonicalPaths('/2015-03-31/functions/arn%3Aaws%3Alambda/invocations', 'lambda'))
      .toEqual(['/2015-03-31/functions/arn%253Aaws%253Alambda/invocations']);
    // The normalised form first; the form as sent second (signers that skip normalising).
    expect(canonicalPaths('/a//b/./c/../d e/', 'execute-api')).toEqual(['/a/b/d%20e/', '/a//b/./c/../d%20e/']);
    expect(canonicalPaths('/..', 'sts')).toEqual(['/', '/..']);
  });

  it('trims header values and collapses inner whitespace', () => {
    expect(canonicalHeaderValue('  a   b \t c  ')).toBe('a b c');
    expect(canonicalHeaderValue('value1\n  value2\n     value3')).toBe('value1 value2 value3');
    expect(canonicalHeaderValue('')).toBe('');
    expect(canonicalHeaderValue('   ')).toBe('');
  });

  it('classifies the declared payload: hex digest, literals, absent, or invalid', () => {
    const req = (v?: string): RawRequest => ({ method: 'GET', target: '/', rawHeaders: v === undefined ? [] : ['X-Amz-Content-SHA256', v] });
    expect(declaredPayload(req())).toEqual({ kind: 'absent' });
    expect(declaredPayload(req(sha256('x')))).toEqual({ kind: 'hex', value: sha256('x') });
    expect(declaredPayload(req('UNSIGNED-PAYLOAD'))).toEqual({ kind: 'unsigned', value: 'UNSIGNED-PAYLOAD' });
    for (const literal of ['STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER']) {
      expect(declaredPayload(req(literal))).toEqual({ kind: 'streaming', value: literal });
    }
    expect(() => classifyPayloadHash('STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD')).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    expect(() => classifyPayloadHash('abc')).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  });

  it('reads presigned parameters from the query, and ignores queries without them', () => {
    expect(parsePresigned('prefix=X-Amz-&a=1')).toBeUndefined();
    expect(() => parsePresigned('X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=' + 'a'.repeat(64))).toThrow(
      expect.objectContaining({ code: 'IncompleteSignature' }),
    );
  });
});

describe('the AWS documentation examples', () => {
  const DOC_KEY = 'AKIAIOSFODNN7EXAMPLE';
  const docSecret = (id: string) => (id === DOC_KEY ? 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' : undefined);
  const DOC_NOW = new Date('2013-05-24T00:05:00Z');
  const docAuth = (signed: string, signature: string) =>
    `AWS4-HMAC-SHA256 Credential=${DOC_KEY}/20130524/us-east-1/s3/aws4_request,SignedHeaders=${signed},Signature=${signature}`;

  it('verifies the S3 GET Object example', () => {
    const request: RawRequest = {
      method: 'GET', target: '/test.txt',
      rawHeaders: [
        'Host', 'examplebucket.s3.amazonaws.com', 'Range', 'bytes=0-9',
        'x-amz-content-sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'x-amz-date', '20130524T000000Z',
        'Authorization', docAuth('host;range;x-amz-content-sha256;x-amz-date', 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41'),
      ],
    };
    expect(outcome(verify(request, '', DOC_NOW, docSecret))).toBe('ok');
    expect(code(verify(withHeader(request, 'Range', 'bytes=0-10'), '', DOC_NOW, docSecret))).toBe('SignatureDoesNotMatch');
  });

  it('verifies the S3 presigned URL example, and refuses it once expired', () => {
    const request: RawRequest = {
      method: 'GET',
      target: '/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
      rawHeaders: ['Host', 'examplebucket.s3.amazonaws.com'],
    };
    const result = verify(request, '', DOC_NOW, docSecret);
    expect(outcome(result)).toBe('ok');
    expect(result).toMatchObject({ auth: { presigned: true }, declaredPayloadHash: 'UNSIGNED-PAYLOAD' });
    expect(verify(request, '', new Date('2013-05-25T00:00:01Z'), docSecret)).toMatchObject({ ok: false, code: 'AccessDenied', message: 'Request has expired.' });
    expect(outcome(verify(request, '', new Date('2013-05-24T23:59:59Z'), docSecret))).toBe('ok');
    expect(code(verify(request, '', new Date('2013-05-23T23:40:00Z'), docSecret))).toBe('AccessDenied'); // not yet valid
    expect(code(verify({ ...request, target: request.target.replace('test.txt', 'test2.txt') }, '', DOC_NOW, docSecret))).toBe('SignatureDoesNotMatch');
  });

  // Literal payload hashes are used as-is in the canonical request, and the chunk signatures
  // chain from the seed signature exactly as AWS documents.
  it('verifies the chunk-signed upload example (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) and its chunks', () => {
    const request: RawRequest = {
      method: 'PUT', target: '/examplebucket/chunkObject.txt',
      rawHeaders: [
        'Host', 's3.amazonaws.com', 'x-amz-date', '20130524T000000Z', 'x-amz-storage-class', 'REDUCED_REDUNDANCY',
        'Authorization', docAuth(
          'content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class',
          '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9'),
        'x-amz-content-sha256', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'Content-Encoding', 'aws-chunked',
        'x-amz-decoded-content-length', '66560', 'Content-Length', '66824',
      ],
    };
    const pending = beginVerify({ request, secretFor: docSecret, now: DOC_NOW });
    if (!pending.ok) throw new Error(`${pending.code}: ${pending.message}`);
    expect(pending.needsBodyHash).toBe(false);
    const result = pending.finish();
    if (!result.ok || !result.chunkSigner) throw new Error('expected a chunk signer');
    expect(result.declaredPayloadHash).toBe('STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
    const signer = result.chunkSigner;
    const sig1 = signer.chunk(signer.seedSignature, sha256(Buffer.alloc(65536, 'a')));
    expect(sig1).toBe('ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648');
    const sig2 = signer.chunk(sig1, sha256(Buffer.alloc(1024, 'a')));
    expect(sig2).toBe('0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497');
    expect(signer.chunk(sig2, sha256(''))).toBe('b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9');
    expect(signer.matches(sig2, '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497')).toBe(true);
    expect(signer.chunk(sig1, sha256(Buffer.alloc(1024, 'b')))).not.toBe(sig2);
    // The literal is signed as itself: declaring something else breaks the signature.
    expect(code(verify(withHeader(request, 'x-amz-content-sha256', 'UNSIGNED-PAYLOAD'), '', DOC_NOW, docSecret))).toBe('SignatureDoesNotMatch');
  });

  it('verifies the chunk-signed upload example with a trailer (…-PAYLOAD-TRAILER) and its trailer signature', () => {
    const request: RawRequest = {
      method: 'PUT', target: '/examplebucket/chunkObject.txt',
      rawHeaders: [
        'Host', 's3.amazonaws.com', 'x-amz-date', '20130524T000000Z', 'x-amz-storage-class', 'REDUCED_REDUNDANCY',
        'Authorization', docAuth(
          'content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer',
          '106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e'),
        'x-amz-content-sha256', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', 'Content-Encoding', 'aws-chunked',
        'x-amz-decoded-content-length', '66560', 'x-amz-trailer', 'x-amz-checksum-crc32c',
      ],
    };
    const result = verify(request, '', DOC_NOW, docSecret);
    if (!result.ok || !result.chunkSigner) throw new Error(outcome(result));
    const signer = result.chunkSigner;
    const sig1 = signer.chunk(signer.seedSignature, sha256(Buffer.alloc(65536, 'a')));
    expect(sig1).toBe('b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2');
    const sig2 = signer.chunk(sig1, sha256(Buffer.alloc(1024, 'a')));
    expect(sig2).toBe('1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7');
    const sig3 = signer.chunk(sig2, sha256(''));
    expect(sig3).toBe('2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992');
    expect(signer.trailer(sig3, 'x-amz-checksum-crc32c:sOO8/Q==\n')).toBe('d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435');
  });
});

describe('requests signed by @smithy/signature-v4', () => {
  const ddb = (over: Partial<SmithyCase> = {}): SmithyCase => ({
    service: 'dynamodb', method: 'POST', host: 'dynamodb.us-east-1.amazonaws.com', path: '/',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.PutItem', 'user-agent': 'test-agent/1.0' },
    body: '{"TableName":"T","Item":{"pk":{"S":"a  b"},"n":{"N":"12345678901234567890.5"}}}',
    ...over,
  });

  it('DynamoDB JSON POST with a hex x-amz-content-sha256: verified before the body is read', async () => {
    const c = ddb();
    const request = await smithy(c);
    expect(header(request, 'x-amz-content-sha256')).toBe(sha256(c.body ?? ''));
    const pending = beginVerify({ request, secretFor, now: NOW });
    if (!pending.ok) throw new Error(pending.message);
    expect(pending.needsBodyHash).toBe(true);
    expect(pending.payload).toEqual({ kind: 'hex', value: sha256(c.body ?? '') });
    expect(outcome(pending.finish(sha256(c.body ?? '')))).toBe('ok');
    // A body that does not match the declared hash.
    expect(pending.finish(sha256('{"TableName":"Other"}'))).toMatchObject({ ok: false, code: 'XAmzContentSHA256Mismatch', status: 400 });
    expect(() => pending.finish()).toThrow(TypeError);
    // A wrong signature is refused at once, whatever the body.
    const forged = beginVerify({ request, secretFor: () => 'another secret', now: NOW });
    expect(forged).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch', status: 403 });
  });

  it('DynamoDB JSON POST without x-amz-content-sha256: the body hash is part of the signature', async () => {
    const c = ddb({ applyChecksum: false });
    const request = await smithy(c);
    expect(header(request, 'x-amz-content-sha256')).toBeUndefined();
    const pending = beginVerify({ request, secretFor, now: NOW });
    expect(pending).toMatchObject({ ok: true, needsBodyHash: true, payload: { kind: 'absent' } });
    expect(verify(request, c.body)).toMatchObject({ ok: true, declaredPayloadHash: sha256(c.body ?? '') });
    expect(code(verify(request, `${c.body ?? ''} `))).toBe('SignatureDoesNotMatch');
  });

  it('STS form POST', async () => {
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const request = await smithy({ service: 'sts', method: 'POST', host: 'sts.us-east-1.amazonaws.com', path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(verify(request, body)).toMatchObject({ ok: true, auth: { accessKeyId: AKID, service: 'sts', region: 'us-east-1', presigned: false } });
  });

  it('S3 GET with odd keys: spaces, unicode, +, //, .., quotes and brackets', async () => {
    for (const key of ['a b+c/ünï//x.txt', "it's (1)!*~.txt", 'dir/../up/./same', '/leading', 'percent%2Fliteral', '☃/€/𝄞']) {
      const request = await smithy({ service: 's3', method: 'GET', host: 'bkt.s3.us-east-1.amazonaws.com', path: s3Path('bkt', key) });
      expect(outcome(verify(request)), key).toBe('ok');
    }
  });

  it('S3 PUT with UNSIGNED-PAYLOAD: any body, literal in the canonical request', async () => {
    const request = await smithy({ service: 's3', method: 'PUT', host: 'bkt.s3.us-east-1.amazonaws.com', path: s3Path('bkt', 'up load.bin'),
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': '4' }, body: 'data' });
    const pending = beginVerify({ request, secretFor, now: NOW });
    expect(pending).toMatchObject({ ok: true, needsBodyHash: false, payload: { kind: 'unsigned', value: 'UNSIGNED-PAYLOAD' } });
    expect(verify(request, 'data')).toMatchObject({ ok: true, declaredPayloadHash: 'UNSIGNED-PAYLOAD' });
    expect(verify(request, 'other bytes')).toMatchObject({ ok: true, declaredPayloadHash: 'UNSIGNED-PAYLOAD' });
  });

  it('queries with repeated keys and special characters, S3 and others', async () => {
    const query = { x: ['b', 'a', 'a b'], 'sp ace': 'a b+c&d=e', uni: 'ü☃', 'tilde~': "~*!'()", empty: '', 'a-b': '1', a: '2' };
    for (const service of ['s3', 'execute-api']) {
      const request = await smithy({ service, method: 'GET', host: 'h.example.com', path: '/p/q', query });
      expect(request.target).toContain('sp%20ace=a%20b%2Bc%26d%3De');
      expect(outcome(verify(request)), service).toBe('ok');
      const reordered = { ...request, target: `/p/q?${request.target.split('?')[1]?.split('&').reverse().join('&')}` };
      expect(outcome(verify(reordered)), `${service} reordered`).toBe('ok');
      expect(code(verify({ ...request, target: `${request.target}&extra=1` }))).toBe('SignatureDoesNotMatch');
    }
  });

  it('non-S3 paths: normalised (smithy, botocore) or escaped as sent without normalising (Go SDK v2)', async () => {
    const wire = '/prod//a%20b/./c/../d';
    const normalised = await smithy({ service: 'execute-api', method: 'GET', host: 'api.example.com', path: wire });
    expect(normalised.target).toBe(wire);
    expect(outcome(verify(normalised))).toBe('ok');
    // The Go SDK v2 escapes the path again but keeps '//' and dot segments: sign that
    // canonical URI as given (uriEscapePath off) and put the once-encoded path on the wire.
    const goStyle = await smithy({ service: 'execute-api', method: 'GET', host: 'api.example.com', path: '/prod//a%2520b/./c/../d', uriEscapePath: false });
    expect(outcome(verify({ ...goStyle, target: wire }))).toBe('ok');
    expect(code(verify({ ...goStyle, target: '/prod/a%20b/d' }))).toBe('SignatureDoesNotMatch');
  });

  it('user-agent among the signed headers is verified, not skipped', async () => {
    const request = await smithy(ddb({ signableHeaders: new Set(['user-agent']) }));
    const result = verify(request, ddb().body);
    expect(result).toMatchObject({ ok: true, auth: { signedHeaders: expect.arrayContaining(['user-agent']) } });
    expect(code(verify(withHeader(request, 'user-agent', 'changed/2.0'), ddb().body))).toBe('SignatureDoesNotMatch');
  });

  it('presigned URLs: S3 (UNSIGNED-PAYLOAD via X-Amz-Content-Sha256) and STS (body hash)', async () => {
    const s3 = await smithy({ service: 's3', method: 'GET', host: 'bkt.s3.us-east-1.amazonaws.com', path: s3Path('bkt', 'a b/c.txt'),
      headers: { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' }, presignExpires: 900 });
    expect(s3.target).toContain('X-Amz-Content-Sha256=UNSIGNED-PAYLOAD');
    expect(verify(s3, 'ignored')).toMatchObject({ ok: true, declaredPayloadHash: 'UNSIGNED-PAYLOAD', auth: { presigned: true } });
    expect(code(verify(s3, '', new Date(T0.getTime() + 901_000)))).toBe('AccessDenied');

    const sts = await smithy({ service: 'sts', method: 'GET', host: 'sts.us-east-1.amazonaws.com', path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' }, presignExpires: 600 });
    expect(verify(sts)).toMatchObject({ ok: true, declaredPayloadHash: sha256('') });
    expect(code(verify({ ...sts, target: sts.target.replace('GetCallerIdentity', 'GetSessionToken') }))).toBe('SignatureDoesNotMatch');
  });
});

describe('requests signed by aws4 (a third, independent signer)', () => {
  it.each([
    ['execute-api', '/p/a%20b?q=a+b&r=c%2Bd&r=%7E'], // aws4 reads '+' as a space (and sends %20)
    ['execute-api', '/p//x/./../y?a=1'],
    ['lambda', '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af/invocations'],
    ['s3', '/bkt/a%20b//c?list-type=2&prefix=a+b'],
  ])('%s %s', (service, path) => {
    const signed = aws4.sign(
      { host: 'h.example.com', path, service, region: 'us-east-1', method: 'GET', headers: { 'X-Amz-Date': '20240501T120000Z' } },
      { accessKeyId: AKID, secretAccessKey: SECRET },
    );
    const rawHeaders = Object.entries(signed.headers ?? {}).flatMap(([k, v]) => [k, String(v)]);
    expect(outcome(verify({ method: 'GET', target: signed.path ?? '', rawHeaders }))).toBe('ok');
  });
});

describe.skipIf(!hasBotocore)('requests signed by botocore (the aws CLI and boto3 signer)', () => {
  let signed: Record<string, BotoSigned> = {};
  beforeAll(() => { signed = runBotocore(); });
  const boto = (name: string): RawRequest => {
    const s = signed[name];
    if (!s) throw new Error(`no botocore case ${name}`);
    return rawFromBoto(s);
  };
  const bodyOf = (name: string) => BOTO_CASES.find((c) => c.name === name)?.body ?? '';

  it.each(BOTO_CASES.map((c) => c.name))('%s verifies', (name) => {
    expect(outcome(verify(boto(name), bodyOf(name)))).toBe('ok');
  });

  it('the cases exercise what they claim', () => {
    expect(header(boto('sts-form'), 'x-amz-content-sha256')).toBeUndefined();
    expect(verify(boto('sts-form'), bodyOf('sts-form'))).toMatchObject({ payload: { kind: 'absent' } });
    expect(parseAuthorization(header(boto('user-agent-signed'), 'authorization') ?? '').signedHeaders).toContain('user-agent');
    expect(boto('lambda-arn-path').target).toContain('arn%3Aaws%3Alambda');
    expect(boto('s3-odd-key').target).toContain('dir//a%20b%2Bc/../');
    expect(verify(boto('s3-put-unsigned'), 'x')).toMatchObject({ ok: true, declaredPayloadHash: 'UNSIGNED-PAYLOAD' });
    expect(verify(boto('s3-put-trailer'), 'x')).toMatchObject({ ok: true, declaredPayloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' });
    expect(header(boto('date-header'), 'x-amz-date')).toBeUndefined();
    expect(header(boto('date-header'), 'date')).toBe('Wed, 01 May 2024 12:00:00 -0000');
    expect(boto('s3-presign').target).toContain('X-Amz-Signature=');
    expect(parseAuthorization(header(boto('spaces-and-repeats'), 'authorization') ?? '').signedHeaders).toEqual(
      ['host', 'x-amz-date', 'x-custom', 'x-latin', 'x-note'],
    );
  });

  it('repeated headers are joined in order, so reordering or dropping one breaks the signature', () => {
    const req = boto('spaces-and-repeats');
    const swapped = req.rawHeaders.map((v) => (v === 'one' ? 'two   three' : v === 'two   three' ? 'one' : v));
    expect(code(verify({ ...req, rawHeaders: swapped }))).toBe('SignatureDoesNotMatch');
    expect(code(verify(withHeader(req, 'X-Custom', 'one')))).toBe('SignatureDoesNotMatch');
    // Whitespace differences inside a value are canonicalised away.
    expect(outcome(verify(withHeader(req, 'X-Note', 'a b c')))).toBe('ok');
  });

  it('unsigned headers may change; signed ones may not', () => {
    const req = boto('ddb-json');
    const body = bodyOf('ddb-json');
    expect(outcome(verify(withHeader(req, 'User-Agent', 'something/else'), body))).toBe('ok');
    expect(outcome(verify(withHeader(req, 'X-Forwarded-For', '10.0.0.1'), body))).toBe('ok');
    expect(code(verify(withHeader(req, 'X-Amz-Target', 'DynamoDB_20120810.DeleteItem'), body))).toBe('SignatureDoesNotMatch');
    expect(verify(withHeader(req, 'Content-Type', undefined), body)).toMatchObject({
      ok: false, code: 'SignatureDoesNotMatch', message: expect.stringContaining("'content-type' is missing"),
    });
    expect(code(verify({ ...req, method: 'PUT' }, body))).toBe('SignatureDoesNotMatch');
    expect(code(verify({ ...req, target: '/x' }, body))).toBe('SignatureDoesNotMatch');
    expect(code(verify(req, body.replace('Orders', 'Orderz')))).toBe('SignatureDoesNotMatch');
  });

  it('non-S3 paths: the normalised form verifies, and a different path does not', () => {
    const req = boto('non-s3-dot-segments');
    expect(req.target).toBe('/prod//a%20b/./c/../d%2Fe/');
    expect(code(verify({ ...req, target: '/prod/a%20b/d%2Fe/x' }))).toBe('SignatureDoesNotMatch');
    // S3 keeps '//' and '..': collapsing them is a different key.
    const s3 = boto('s3-odd-key');
    expect(code(verify({ ...s3, target: s3.target.replace('dir//', 'dir/') }))).toBe('SignatureDoesNotMatch');
  });
});

describe('refusals', () => {
  let base: RawRequest;
  const body = '{"TableName":"T"}';
  beforeAll(async () => {
    base = await smithy({ service: 'dynamodb', method: 'POST', host: 'dynamodb.us-east-1.amazonaws.com', path: '/',
      headers: { 'x-amz-target': 'DynamoDB_20120810.DescribeTable', 'content-type': 'application/x-amz-json-1.0' }, body });
  });

  it('an unknown access key is UnrecognizedClientException (403)', () => {
    expect(verify(base, body, NOW, () => undefined)).toMatchObject({ ok: false, code: 'UnrecognizedClientException', status: 403 });
  });

  it('a wrong secret is SignatureDoesNotMatch (403)', async () => {
    const forged = await smithy({ service: 'sts', method: 'GET', host: 'sts.amazonaws.com', path: '/', secret: 'guessed', query: { Action: 'GetCallerIdentity' } });
    expect(verify(forged)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch', status: 403 });
  });

  it('refuses requests signed more than 15 minutes away from now, either way', () => {
    expect(outcome(verify(base, body, new Date(T0.getTime() + 14 * MINUTE)))).toBe('ok');
    expect(outcome(verify(base, body, new Date(T0.getTime() - 14 * MINUTE)))).toBe('ok');
    expect(verify(base, body, new Date(T0.getTime() + 16 * MINUTE))).toMatchObject({ ok: false, code: 'RequestTimeTooSkewed', status: 403 });
    expect(verify(base, body, new Date(T0.getTime() - 16 * MINUTE))).toMatchObject({ ok: false, code: 'RequestTimeTooSkewed' });
    expect(code(verifySigV4({ request: base, secretFor, now: new Date(T0.getTime() + 2 * MINUTE), maxSkewMs: MINUTE, payloadHash: sha256(body) })))
      .toBe('RequestTimeTooSkewed');
  });

  it('refuses a credential scope dated another day than X-Amz-Date', () => {
    const auth = header(base, 'authorization') ?? '';
    const result = verify(withHeader(base, 'authorization', auth.replace('/20240501/', '/20240502/')), body, NOW);
    expect(result).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch', message: expect.stringContaining('Credential scope') });
  });

  it('refuses requests whose SignedHeaders leave out host, or the date header used', () => {
    const sig = 'a'.repeat(64);
    const cred = `Credential=${AKID}/20240501/us-east-1/s3/aws4_request`;
    const noHost: RawRequest = { method: 'GET', target: '/', rawHeaders: [
      'Host', 'h', 'X-Amz-Date', '20240501T120000Z', 'Authorization', `AWS4-HMAC-SHA256 ${cred}, SignedHeaders=x-amz-date, Signature=${sig}`] };
    expect(verify(noHost)).toMatchObject({ ok: false, code: 'IncompleteSignature', message: expect.stringContaining('host') });
    const noDate = withHeader(noHost, 'Authorization', `AWS4-HMAC-SHA256 ${cred}, SignedHeaders=host, Signature=${sig}`);
    expect(verify(noDate)).toMatchObject({ ok: false, code: 'IncompleteSignature', message: expect.stringContaining('x-amz-date') });
    expect(verify(withHeader(noDate, 'X-Amz-Date', undefined))).toMatchObject({ ok: false, code: 'IncompleteSignature' });
    expect(code(verify(withHeader(noHost, 'X-Amz-Date', '20240501T250000Z')))).toBe('IncompleteSignature');
  });

  it('refuses missing, doubled or mixed authentication', () => {
    expect(verify({ method: 'GET', target: '/', rawHeaders: ['Host', 'h'] })).toMatchObject({ ok: false, code: 'MissingAuthenticationToken', status: 403 });
    const auth = header(base, 'authorization') ?? '';
    expect(code(verify({ ...base, rawHeaders: [...base.rawHeaders, 'Authorization', auth] }, body))).toBe('IncompleteSignature');
    expect(code(verify({ ...base, target: `/?X-Amz-Credential=x&X-Amz-Signature=${'a'.repeat(64)}` }, body))).toBe('InvalidArgument');
    expect(code(verify(withHeader(base, 'x-amz-content-sha256', 'sha256-please'), body))).toBe('InvalidArgument');
    expect(code(verify({ ...base, target: 'http://dynamodb.us-east-1.amazonaws.com/' }, body))).toBe('InvalidRequest');
  });
});

describe.skipIf(!hasAwsCli)('real aws CLI and JS SDK requests captured off the wire', () => {
  let home = '';
  beforeAll(() => { home = mkdtempSync(join(tmpdir(), 'airlock-sigv4-')); });
  afterAll(() => { if (home) rmSync(home, { recursive: true, force: true }); });

  /** Verifies the first captured request with the time it arrived; returns it. */
  function verifyCaptured(seen: Captured[], label: string): Captured {
    const first = seen[0];
    if (!first) throw new Error(`${label}: the client sent nothing`);
    expect(outcome(verify(first.request, first.body, first.at)), label).toBe('ok');
    return first;
  }

  it('aws CLI: dynamodb, sts, lambda (ARN in the path), s3 odd key, s3 put, s3 list with query', async () => {
    const cli = (...args: string[]) => (endpoint: string) => runCli(home, [...args, '--endpoint-url', endpoint]);
    const out = join(home, 'out');
    const [ddb, sts, lambda, get, put, list, item] = await Promise.all([
      captureFrom(cli('dynamodb', 'list-tables')),
      captureFrom(cli('sts', 'get-caller-identity')),
      captureFrom(cli('lambda', 'invoke', '--function-name', 'arn:aws:lambda:us-east-1:123456789012:function:demo', out)),
      captureFrom(cli('s3api', 'get-object', '--bucket', 'bkt', '--key', 'dir//a b+c/ünï (1)!.txt', out)),
      captureFrom(cli('s3api', 'put-object', '--bucket', 'bkt', '--key', 'k.txt', '--body', '/etc/hostname')),
      captureFrom(cli('s3api', 'list-objects-v2', '--bucket', 'bkt', '--prefix', 'a b/ü+', '--delimiter', '/')),
      captureFrom(cli('dynamodb', 'put-item', '--table-name', 'Tbl', '--item', '{"pk":{"S":"café  ☃"}}')),
    ]);
    verifyCaptured(ddb, 'dynamodb list-tables');
    verifyCaptured(sts, 'sts get-caller-identity');
    expect(verifyCaptured(lambda, 'lambda invoke').request.target).toContain('arn%3Aaws%3Alambda');
    expect(verifyCaptured(get, 's3api get-object').request.target).toContain('dir//a%20b%2Bc/');
    const upload = verifyCaptured(put, 's3api put-object');
    expect(upload.body.length).toBeGreaterThan(0);
    expect(verifyCaptured(put, 's3api put-object').request.rawHeaders).toContain('X-Amz-Content-SHA256');
    expect(code(verify(upload.request, Buffer.concat([upload.body, Buffer.from('x')]), upload.at))).toBe('XAmzContentSHA256Mismatch');
    expect(verifyCaptured(list, 's3api list-objects-v2').request.target).toContain('prefix=');
    verifyCaptured(item, 'dynamodb put-item');
  });

  it('aws CLI presigned URLs: s3 presign, and the STS URL inside eks get-token (x-k8s-aws-id signed)', async () => {
    const url = (await runCli(home, ['s3', 'presign', 's3://bkt/a b+c//d.txt', '--endpoint-url', 'http://127.0.0.1:9', '--expires-in', '600'])).trim();
    const s3 = splitUrl(url);
    expect(outcome(verify({ method: 'GET', target: s3.target, rawHeaders: ['Host', s3.host] }, '', new Date()))).toBe('ok');

    const token = JSON.parse(await runCli(home, ['eks', 'get-token', '--cluster-name', 'demo'])) as { status: { token: string } };
    const sts = splitUrl(Buffer.from(token.status.token.replace('k8s-aws-v1.', ''), 'base64url').toString('utf8'));
    const request: RawRequest = { method: 'GET', target: sts.target, rawHeaders: ['Host', sts.host, 'x-k8s-aws-id', 'demo'] };
    expect(verify(request, '', new Date())).toMatchObject({ ok: true, auth: { service: 'sts', presigned: true } });
    expect(code(verify(withHeader(request, 'x-k8s-aws-id', 'other'), '', new Date()))).toBe('SignatureDoesNotMatch');
  });

  it('JS SDK v3 clients: DynamoDB and STS', async () => {
    const config = (endpoint: string) => ({
      endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: AKID, secretAccessKey: SECRET },
    });
    const [list, put, sts] = await Promise.all([
      captureFrom((endpoint) => new DynamoDBClient(config(endpoint)).send(new ListTablesCommand({}))),
      captureFrom((endpoint) => new DynamoDBClient(config(endpoint)).send(
        new PutItemCommand({ TableName: 'T', Item: { pk: { S: 'a  b ☃' }, n: { N: '0.1000000000000000055511151231257827' } } }))),
      captureFrom((endpoint) => new STSClient(config(endpoint)).send(new GetCallerIdentityCommand({}))),
    ]);
    verifyCaptured(list, 'DynamoDB ListTables');
    verifyCaptured(put, 'DynamoDB PutItem');
    verifyCaptured(sts, 'STS GetCallerIdentity');
  });
});
