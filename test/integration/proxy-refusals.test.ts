import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsFixture } from '../fixtures/aws-fixture';
import type { AwsFixture } from '../fixtures/aws-fixture';
import { airlock, awsCli, clientEnv, startProxy, TestHome } from './harness';
import type { ProxyProcess } from './harness';
import { connectTunnel, signedDynamoRequest, viaProxy } from './raw-client';
import type { RawRequest } from './raw-client';

/**
 * Everything the proxy must refuse: each case checks the AWS-style 403, the audit record, and
 * that nothing reached the (strict) upstream fixture.
 */
let fx: AwsFixture;
let home: TestHome;
let proxy: ProxyProcess;
const HOST = 'dynamodb.us-east-1.amazonaws.com';

beforeAll(async () => {
  fx = await startAwsFixture();
  home = new TestHome(fx.sourceCredentials);
  await airlock(home, ['apps', 'add', 'dev', '--uri', 'https://console.aws.amazon.com/', '--aws-role-arn', 'arn:aws:iam::111111111111:role/Admin',
    '--endpoint', `dynamodb=${fx.dynamodbUrl}`, '--sts-endpoint', fx.stsUrl]);
  const login = await airlock(home, ['apps', 'login', 'dev', '--aws-role', 'Admin']);
  expect(login.code, login.stderr).toBe(0);
  proxy = await startProxy(home, ['--app', 'dev']);
});

afterAll(async () => {
  await proxy?.stop();
  await fx?.stop();
  home?.remove();
});

const local = () => ({ accessKeyId: proxy.env.AWS_ACCESS_KEY_ID!, secretAccessKey: proxy.env.AWS_SECRET_ACCESS_KEY! });
const send = (req: RawRequest) => viaProxy(proxy.env.HTTPS_PROXY!, proxy.env.AWS_CA_BUNDLE!, HOST, req);
const listTables = (over: Partial<Parameters<typeof signedDynamoRequest>[0]> = {}) =>
  signedDynamoRequest({ host: HOST, region: 'us-east-1', credentials: local(), target: 'ListTables', body: {}, ...over });

async function auditRecords(): Promise<Array<Record<string, unknown>>> {
  await sleep(500); // past the audit flush interval
  const r = await airlock(home, ['audit', '--app', 'dev', '--format', 'json']);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Runs a request that must be refused and checks that the fixture saw nothing. */
async function expectRefused(req: RawRequest, code: RegExp): Promise<void> {
  const seen = fx.requests.length;
  const res = await send(req);
  expect(res.status, res.body).toBe(403);
  expect(res.headers['x-amzn-errortype']).toMatch(code);
  expect(JSON.parse(res.body).message).toMatch(/\S/);
  expect(fx.requests.length).toBe(seen);
}

describe('a valid request', () => {
  it('is forwarded (the baseline for the refusals below)', async () => {
    const before = fx.forwardedCount();
    const res = await send(await listTables());
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toHaveProperty('TableNames');
    expect(fx.forwardedCount()).toBe(before + 1);
  });
});

describe('refused and never forwarded', () => {
  it('a wrong local secret', async () => {
    await expectRefused(await listTables({ credentials: { accessKeyId: local().accessKeyId, secretAccessKey: 'not-the-proxy-secret-000000000000000000' } }), /SignatureDoesNotMatch/);
  });

  it('an unknown local key id (e.g. real AWS keys sent by mistake)', async () => {
    await expectRefused(await listTables({ credentials: fx.sourceCredentials }), /UnrecognizedClient|InvalidClientTokenId/);
  });

  it('a tampered body', async () => {
    const req = await signedDynamoRequest({ host: HOST, region: 'us-east-1', credentials: local(), target: 'DeleteTable', body: { TableName: 'AAAA' } });
    await expectRefused({ ...req, body: JSON.stringify({ TableName: 'BBBB' }) }, /SignatureDoesNotMatch|XAmzContentSHA256Mismatch|InvalidSignature/);
  });

  it('a tampered signed header', async () => {
    const req = await listTables();
    await expectRefused({ ...req, headers: { ...req.headers, 'x-amz-target': 'DynamoDB_20120810.DeleteTable' } }, /SignatureDoesNotMatch/);
  });

  it('a stale date', async () => {
    await expectRefused(await listTables({ signingDate: new Date(Date.now() - 20 * 60_000) }), /Signature|Skew|Expired/i);
  });

  it('an unsigned request', async () => {
    const req = await listTables();
    const headers = { ...req.headers };
    delete headers.authorization;
    await expectRefused({ ...req, headers }, /MissingAuthenticationToken|IncompleteSignature|AccessDenied/);
  });

  it('the aws CLI with a wrong secret', async () => {
    const seen = fx.requests.length;
    const r = await awsCli({ ...clientEnv(home, proxy.env), AWS_SECRET_ACCESS_KEY: 'wrong-secret-wrong-secret-wrong-secret-00', AWS_MAX_ATTEMPTS: '1' }, ['dynamodb', 'list-tables']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/SignatureDoesNotMatch/);
    expect(fx.requests.length).toBe(seen);
  });

  it('CONNECT to a host outside AWS, or to AWS on another port', async () => {
    const seen = fx.requests.length;
    const other = await connectTunnel(proxy.env.HTTPS_PROXY!, 'example.com:443');
    expect(other.status).toBe(403);
    expect(other.body).toMatch(/not an AWS endpoint.*--allow-host/);
    const port = await connectTunnel(proxy.env.HTTPS_PROXY!, `${HOST}:8443`);
    expect(port.status).toBe(403);
    const govcloud = await connectTunnel(proxy.env.HTTPS_PROXY!, 'dynamodb.us-gov-west-1.amazonaws.com:443');
    expect(govcloud.status).toBe(403);
    expect(fx.requests.length).toBe(seen);
  });

  it('all of them are in the audit log as refused, without secrets', async () => {
    const recs = await auditRecords();
    const refused = recs.filter((r) => r.decision === 'refused');
    expect(refused.length).toBeGreaterThanOrEqual(9);
    expect(refused.some((r) => r.method === 'CONNECT' && r.host === 'example.com' && r.status === 403)).toBe(true);
    expect(refused.some((r) => r.errorCode === 'SignatureDoesNotMatch' && r.service === 'dynamodb')).toBe(true);
    const raw = JSON.stringify(recs);
    expect(raw).not.toContain(local().secretAccessKey);
    for (const s of fx.secrets()) expect(raw).not.toContain(s);
  });
});

describe('after logout', () => {
  it('the running proxy refuses with a message telling to log in again', async () => {
    const out = await airlock(home, ['apps', 'logout', 'dev']);
    expect(out.stdout).toMatch(/Logged out of dev/);
    const seen = fx.requests.length;
    const res = await send(await listTables());
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).message).toMatch(/not logged in to app "dev".*airlock apps login dev/);
    expect(fx.requests.length).toBe(seen);
  });
});
