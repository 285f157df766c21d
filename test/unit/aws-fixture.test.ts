// Proves the AWS fixture is as strict as AWS: real SDK clients get through, anything tampered,
// stale, expired or unknown is refused AND never reaches dynalite.
import { execFile } from 'node:child_process';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sha256 } from '@aws-crypto/sha256-js';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { ROLE_ARNS, startAwsFixture } from '../fixtures/aws-fixture';
import type { AwsFixture } from '../fixtures/aws-fixture';

interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

let fixture: AwsFixture;
let session: Creds;
const TABLE = 'fixture-things';

function sts(credentials: Creds): STSClient {
  return new STSClient({ endpoint: fixture.stsUrl, region: 'us-east-1', credentials, maxAttempts: 1 });
}

function dynamo(credentials: Creds): DynamoDBClient {
  return new DynamoDBClient({ endpoint: fixture.dynamodbUrl, region: 'us-east-1', credentials, maxAttempts: 1 });
}

async function assume(input: { RoleArn: string; RoleSessionName?: string; DurationSeconds?: number; SerialNumber?: string; TokenCode?: string }): Promise<Creds> {
  const out = await sts(fixture.sourceCredentials).send(new AssumeRoleCommand({ RoleSessionName: 'fixture-test', ...input }));
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('AssumeRole returned no credentials');
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

/** The SDK error for a call expected to fail (the SDK exposes the AWS code as `name`). */
async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

function send(method: string, path: string, headers: Record<string, string>, body: string): Promise<Reply> {
  const { port } = new URL(fixture.dynamodbUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A DynamoDB call signed by @smithy/signature-v4 (what the proxy under test uses), before tampering. */
async function signedDynamo(opts: {
  credentials: Creds;
  target?: string;
  body?: string;
  host?: string;
  signingDate?: Date;
  applyChecksum?: boolean;
  signableHeaders?: Set<string>;
  extraHeaders?: Record<string, string>;
}): Promise<{ headers: Record<string, string>; body: string }> {
  const body = opts.body ?? JSON.stringify({ TableName: TABLE, Key: { id: { S: 'a1' } } });
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: opts.host ?? new URL(fixture.dynamodbUrl).host,
    path: '/',
    headers: {
      host: opts.host ?? new URL(fixture.dynamodbUrl).host,
      'content-type': 'application/x-amz-json-1.0',
      'content-length': String(Buffer.byteLength(body)),
      'x-amz-target': `DynamoDB_20120810.${opts.target ?? 'GetItem'}`,
      ...opts.extraHeaders,
    },
    body,
  });
  const signer = new SignatureV4({
    credentials: opts.credentials,
    region: 'us-east-1',
    service: 'dynamodb',
    sha256: Sha256,
    applyChecksum: opts.applyChecksum ?? true,
  });
  const signed = await signer.sign(request, {
    ...(opts.signingDate ? { signingDate: opts.signingDate } : {}),
    ...(opts.signableHeaders ? { signableHeaders: opts.signableHeaders } : {}),
  });
  return { headers: { ...signed.headers }, body };
}

/** Sends a request that must be refused before reaching dynalite, and returns the error. */
async function expectRefused(headers: Record<string, string>, body: string, code: string): Promise<{ message: string }> {
  const before = fixture.forwardedCount();
  const reply = await send('POST', '/', headers, body);
  expect(reply.status).toBe(400);
  expect(reply.headers['x-amzn-errortype']).toBe(code);
  expect(reply.headers['content-type']).toBe('application/x-amz-json-1.0');
  const json = JSON.parse(reply.text) as { __type: string; message: string };
  expect(json.__type).toBe(`com.amazon.coral.service#${code}`);
  expect(fixture.forwardedCount()).toBe(before);
  expect(fixture.requests.at(-1)).toMatchObject({ service: 'dynamodb', status: 400, errorCode: code });
  return json;
}

beforeAll(async () => {
  fixture = await startAwsFixture();
  session = await assume({ RoleArn: ROLE_ARNS.readOnly });
  await dynamo(session).send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});

afterAll(async () => {
  await fixture?.stop();
});

describe('STS AssumeRole with the real SDK', () => {
  it('issues ASIA session credentials that then work for CreateTable, PutItem and GetItem', async () => {
    const out = await sts(fixture.sourceCredentials).send(
      new AssumeRoleCommand({ RoleArn: ROLE_ARNS.otherAccountReadOnly, RoleSessionName: 'alice@example.com', DurationSeconds: 900 }),
    );
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::222222222222:assumed-role/ReadOnly/alice@example.com');
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{16}:alice@example\.com$/);
    const expiresIn = (out.Credentials?.Expiration?.getTime() ?? 0) - Date.now();
    expect(expiresIn).toBeGreaterThan(890_000);
    expect(expiresIn).toBeLessThanOrEqual(901_000);
    expect(fixture.issued.at(-1)).toMatchObject({
      roleArn: ROLE_ARNS.otherAccountReadOnly,
      sessionName: 'alice@example.com',
      accessKeyId: out.Credentials?.AccessKeyId,
      durationSeconds: 900,
      mfa: false,
      revoked: false,
    });
    expect(JSON.stringify(fixture.issued)).not.toContain(out.Credentials?.SecretAccessKey);
    expect(fixture.requests.at(-1)).toMatchObject({ service: 'sts', action: 'AssumeRole', accessKeyId: fixture.sourceCredentials.accessKeyId, status: 200 });

    const creds = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };
    const client = dynamo(creds);
    const before = fixture.forwardedCount();
    await client.send(
      new CreateTableCommand({
        TableName: 'fixture-sdk',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await client.send(new PutItemCommand({ TableName: 'fixture-sdk', Item: { pk: { S: 'k1' }, n: { N: '12345678901234567890.5' } } }));
    const got = await client.send(new GetItemCommand({ TableName: 'fixture-sdk', Key: { pk: { S: 'k1' } } }));
    expect(got.Item?.n).toEqual({ N: '12345678901234567890.5' });
    expect(fixture.forwardedCount()).toBe(before + 3);
    expect(fixture.requests.at(-1)).toMatchObject({ service: 'dynamodb', action: 'GetItem', accessKeyId: creds.accessKeyId, status: 200 });
  });

  it('relays DynamoDB errors from dynalite with their code', async () => {
    const err = await failure(dynamo(session).send(new GetItemCommand({ TableName: 'no-such-table', Key: { id: { S: 'x' } } })));
    expect(err.name).toBe('ResourceNotFoundException');
    expect(fixture.requests.at(-1)).toMatchObject({ service: 'dynamodb', action: 'GetItem', status: 400, errorCode: 'ResourceNotFoundException' });
  });

  it('answers GetCallerIdentity for the source user and for a session', async () => {
    const me = await sts(fixture.sourceCredentials).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Arn: fixture.sourceUserArn, Account: '111111111111' });
    expect(me.UserId).toMatch(/^AIDA[A-Z0-9]{16}$/);
    const them = await sts(session).send(new GetCallerIdentityCommand({}));
    expect(them).toMatchObject({ Arn: 'arn:aws:sts::111111111111:assumed-role/ReadOnly/fixture-test', Account: '111111111111' });
  });

  it('refuses a wrong source secret and an unknown key', async () => {
    const wrong = await failure(sts({ ...fixture.sourceCredentials, secretAccessKey: 'not/the/right/secret' }).send(new GetCallerIdentityCommand({})));
    expect(wrong).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
    const unknown = await failure(sts({ accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' }).send(new AssumeRoleCommand({ RoleArn: ROLE_ARNS.readOnly, RoleSessionName: 'abc' })));
    expect(unknown).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    expect(fixture.requests.at(-1)).toMatchObject({ service: 'sts', action: 'AssumeRole', accessKeyId: 'AKIAUNKNOWNKEY000000', status: 403, errorCode: 'InvalidClientTokenId' });
  });

  it('validates RoleSessionName and DurationSeconds like AWS', async () => {
    const issuedBefore = fixture.issued.length;
    for (const name of ['a', 'has space', 'x'.repeat(65), 'semi;colon']) {
      const err = await failure(assume({ RoleArn: ROLE_ARNS.readOnly, RoleSessionName: name }));
      expect(err, name).toMatchObject({ name: 'ValidationError', status: 400 });
    }
    for (const seconds of [899, 43201]) {
      expect(await failure(assume({ RoleArn: ROLE_ARNS.readOnly, DurationSeconds: seconds }))).toMatchObject({ name: 'ValidationError', status: 400 });
    }
    const overRoleMax = await failure(assume({ RoleArn: ROLE_ARNS.readOnly, DurationSeconds: 3601 }));
    expect(overRoleMax.name).toBe('ValidationError');
    expect(overRoleMax.message).toContain('MaxSessionDuration');
    expect(fixture.issued.length).toBe(issuedBefore);
  });

  it('denies unknown roles and role chaining from a session', async () => {
    const unknown = await failure(assume({ RoleArn: 'arn:aws:iam::111111111111:role/Nope' }));
    expect(unknown).toMatchObject({ name: 'AccessDenied', status: 403 });
    const chained = await failure(sts(session).send(new AssumeRoleCommand({ RoleArn: ROLE_ARNS.admin, RoleSessionName: 'chain' })));
    expect(chained).toMatchObject({ name: 'AccessDenied', status: 403 });
  });

  it('requires the MFA device and code for the MFA role', async () => {
    const missing = await failure(assume({ RoleArn: ROLE_ARNS.mfaAdmin }));
    expect(missing).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(missing.message).toContain('MultiFactorAuthentication');
    const wrongCode = await failure(assume({ RoleArn: ROLE_ARNS.mfaAdmin, SerialNumber: fixture.mfaDevice.serialNumber, TokenCode: '654321' }));
    expect(wrongCode.name).toBe('AccessDenied');
    expect(wrongCode.message).toContain('MultiFactorAuthentication');
    const wrongSerial = await failure(assume({ RoleArn: ROLE_ARNS.mfaAdmin, SerialNumber: 'arn:aws:iam::111111111111:mfa/other', TokenCode: '123456' }));
    expect(wrongSerial.name).toBe('AccessDenied');

    const ok = await assume({ RoleArn: ROLE_ARNS.mfaAdmin, SerialNumber: 'arn:aws:iam::111111111111:mfa/tester', TokenCode: '123456' });
    expect(fixture.issued.at(-1)).toMatchObject({ roleArn: ROLE_ARNS.mfaAdmin, accessKeyId: ok.accessKeyId, mfa: true });
  });
});

describe('DynamoDB edge refuses what AWS refuses, without forwarding', () => {
  it('accepts a smithy-signed request with any Host, a signed user-agent, and no spaces after commas', async () => {
    const before = fixture.forwardedCount();
    const odd = await signedDynamo({ credentials: session, host: 'dynamodb.eu-west-1.amazonaws.com' });
    expect((await send('POST', '/', odd.headers, odd.body)).status).toBe(200);

    const ua = await signedDynamo({ credentials: session, extraHeaders: { 'user-agent': 'airlock-test/1.0' }, signableHeaders: new Set(['user-agent']) });
    expect(ua.headers.authorization).toContain('user-agent');
    expect((await send('POST', '/', ua.headers, ua.body)).status).toBe(200);

    const tight = await signedDynamo({ credentials: session });
    const auth = tight.headers.authorization ?? '';
    expect(auth).toContain(', ');
    expect((await send('POST', '/', { ...tight.headers, authorization: auth.replace(/, /g, ',') }, tight.body)).status).toBe(200);
    expect(fixture.forwardedCount()).toBe(before + 3);
  });

  it('refuses a tampered body (signed x-amz-content-sha256)', async () => {
    const { headers, body } = await signedDynamo({ credentials: session });
    const message = await expectRefused(headers, body.replace('a1', 'b2'), 'InvalidSignatureException');
    expect(message.message).toContain('x-amz-content-sha256');
  });

  it('refuses a tampered body (no x-amz-content-sha256: plain signature mismatch)', async () => {
    const { headers, body } = await signedDynamo({ credentials: session, applyChecksum: false });
    expect(headers['x-amz-content-sha256']).toBeUndefined();
    const json = await expectRefused(headers, body.replace('a1', 'b2'), 'InvalidSignatureException');
    expect(json.message).toContain('signature we calculated does not match');
  });

  it('refuses a tampered signed header', async () => {
    const { headers, body } = await signedDynamo({ credentials: session, target: 'GetItem' });
    await expectRefused({ ...headers, 'x-amz-target': 'DynamoDB_20120810.DeleteItem' }, body, 'InvalidSignatureException');
  });

  it('refuses a signature dated more than 15 minutes ago', async () => {
    const { headers, body } = await signedDynamo({ credentials: session, signingDate: new Date(Date.now() - 20 * 60_000) });
    const json = await expectRefused(headers, body, 'InvalidSignatureException');
    expect(json.message).toContain('Signature expired');
  });

  it('refuses a credential scope whose date is not X-Amz-Date', async () => {
    const { headers, body } = await signedDynamo({ credentials: session });
    const date = headers['x-amz-date'] ?? '';
    const authorization = (headers.authorization ?? '').replace(`/${date.slice(0, 8)}/`, '/20200101/');
    const json = await expectRefused({ ...headers, authorization }, body, 'InvalidSignatureException');
    expect(json.message).toContain('Date in Credential scope');
  });

  it('refuses a request where host is not signed, and one with no signature at all', async () => {
    const { headers, body } = await signedDynamo({ credentials: session });
    const authorization = (headers.authorization ?? '').replace('SignedHeaders=', 'SignedHeaders=x').replace(';host;', ';');
    await expectRefused({ ...headers, authorization }, body, 'InvalidSignatureException');
    const { authorization: _drop, ...unsigned } = headers;
    await expectRefused(unsigned, body, 'MissingAuthenticationTokenException');
  });

  it('refuses a session key without its token, or with a wrong token', async () => {
    const noToken = await signedDynamo({ credentials: { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey } });
    expect(noToken.headers['x-amz-security-token']).toBeUndefined();
    const json = await expectRefused(noToken.headers, noToken.body, 'UnrecognizedClientException');
    expect(json.message).toContain('The security token included in the request is invalid');
    const wrong = await signedDynamo({ credentials: { ...session, sessionToken: `${session.sessionToken}x` } });
    await expectRefused(wrong.headers, wrong.body, 'UnrecognizedClientException');
  });

  it('refuses an unknown access key', async () => {
    const { headers, body } = await signedDynamo({ credentials: { accessKeyId: 'ASIAUNKNOWN000000000', secretAccessKey: 'x', sessionToken: 'y' } });
    await expectRefused(headers, body, 'UnrecognizedClientException');
  });

  it('refuses an expired session (lifetime overridden to 1 s)', async () => {
    fixture.setSessionLifetime(1);
    let short: Creds;
    try {
      short = await assume({ RoleArn: ROLE_ARNS.admin, RoleSessionName: 'short-lived' });
    } finally {
      fixture.setSessionLifetime(undefined);
    }
    const entry = fixture.issued.at(-1)!;
    expect(entry.durationSeconds).toBe(3600);
    expect(entry.expiration.getTime() - entry.issuedAt.getTime()).toBeLessThanOrEqual(2000);
    await new Promise((r) => setTimeout(r, entry.expiration.getTime() - Date.now() + 200));

    const before = fixture.forwardedCount();
    const err = await failure(dynamo(short).send(new ListTablesCommand({})));
    expect(err).toMatchObject({ name: 'ExpiredTokenException', status: 400 });
    expect(fixture.forwardedCount()).toBe(before);
    const { headers, body } = await signedDynamo({ credentials: short });
    await expectRefused(headers, body, 'ExpiredTokenException');
  }, 15_000);

  it('refuses a revoked session', async () => {
    const doomed = await assume({ RoleArn: ROLE_ARNS.readOnly, RoleSessionName: 'doomed' });
    await dynamo(doomed).send(new ListTablesCommand({}));
    expect(fixture.revoke(doomed.accessKeyId)).toBe(true);
    expect(fixture.revoke(doomed.accessKeyId)).toBe(false);
    expect(fixture.issued.find((s) => s.accessKeyId === doomed.accessKeyId)?.revoked).toBe(true);
    const { headers, body } = await signedDynamo({ credentials: doomed });
    await expectRefused(headers, body, 'UnrecognizedClientException');
  });
});

describe('presigned STS requests', () => {
  async function presignedCallerIdentity(credentials: Creds): Promise<string> {
    const host = new URL(fixture.stsUrl).host;
    const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'sts', sha256: Sha256 });
    const presigned = await signer.presign(
      new HttpRequest({ method: 'GET', protocol: 'http:', hostname: host, path: '/', headers: { host }, query: { Action: 'GetCallerIdentity', Version: '2011-06-15' } }),
      { expiresIn: 60 },
    );
    const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const query = Object.entries(presigned.query ?? {}).map(([k, v]) => `${enc(k)}=${enc(String(v))}`).join('&');
    return `/?${query}`;
  }

  it('accepts a valid presigned GetCallerIdentity and refuses a tampered one', async () => {
    const path = await presignedCallerIdentity(session);
    const ok = await send('GET', path, { host: new URL(fixture.stsUrl).host }, '');
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('<Arn>arn:aws:sts::111111111111:assumed-role/ReadOnly/fixture-test</Arn>');

    const bad = await send('GET', path.replace('X-Amz-Expires=60', 'X-Amz-Expires=61'), { host: new URL(fixture.stsUrl).host }, '');
    expect(bad.status).toBe(403);
    expect(bad.text).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(bad.headers['content-type']).toBe('text/xml');
  });
});

describe('botocore (Debian python3 + boto3) against the fixture', () => {
  it('gets through AssumeRole, then uses the session on STS and DynamoDB', async () => {
    const script = [
      'import json, os, boto3',
      "ep = os.environ['FIXTURE_URL']",
      "src = boto3.client('sts', endpoint_url=ep, region_name='us-east-1', aws_access_key_id=os.environ['SRC_KEY'], aws_secret_access_key=os.environ['SRC_SECRET'])",
      "c = src.assume_role(RoleArn=os.environ['ROLE'], RoleSessionName='boto-session', DurationSeconds=900)['Credentials']",
      "kw = dict(endpoint_url=ep, region_name='us-east-1', aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'])",
      "who = boto3.client('sts', **kw).get_caller_identity()['Arn']",
      "tables = boto3.client('dynamodb', **kw).list_tables()['TableNames']",
      // Only non-secret fields leave the child process.
      "print(json.dumps({'key': c['AccessKeyId'], 'arn': who, 'tables': tables}))",
    ].join('\n');
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        '/usr/bin/python3',
        ['-c', script],
        {
          env: {
            PATH: '/usr/bin:/bin',
            HOME: '/nonexistent',
            AWS_CONFIG_FILE: '/dev/null',
            AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
            FIXTURE_URL: fixture.stsUrl,
            SRC_KEY: fixture.sourceCredentials.accessKeyId,
            SRC_SECRET: fixture.sourceCredentials.secretAccessKey,
            ROLE: ROLE_ARNS.readOnly,
          },
          timeout: 30_000,
        },
        (err, stdout, stderr) => (err ? reject(new Error(`boto3 failed: ${stderr}`)) : resolve(stdout)),
      );
    });
    const result = JSON.parse(out) as { key: string; arn: string; tables: string[] };
    expect(result.key).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(result.arn).toBe('arn:aws:sts::111111111111:assumed-role/ReadOnly/boto-session');
    expect(result.tables).toContain(TABLE);
    expect(fixture.issued.at(-1)).toMatchObject({ sessionName: 'boto-session', accessKeyId: result.key, durationSeconds: 900 });
    expect(fixture.requests.filter((r) => r.accessKeyId === result.key).map((r) => [r.service, r.action, r.status])).toEqual([
      ['sts', 'GetCallerIdentity', 200],
      ['dynamodb', 'ListTables', 200],
    ]);
  }, 40_000);
});
