/**
 * Local DynamoDB apps: the embedded one (dynalite under AIRLOCK_HOME/local-dynamodb, with its sample
 * table) and an emulator by URL, reached through the same proxy by the real aws CLI and boto3.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost, LOCAL_APP_NAME } from '../../main/core/host';
import { SAMPLE_CUSTOMERS, SAMPLE_ORDERS_PER_CUSTOMER, SAMPLE_TABLE } from '../../main/core/local/sample';
import { startDynalite } from '../fixtures/dynalite';
import type { DynaliteHandle } from '../fixtures/dynalite';
import { airlock, awsCli, clientEnv, python, startProxy, TestHome } from './harness';

let home: TestHome;
let emulator: DynaliteHandle;
const SAMPLE_SIZE = SAMPLE_CUSTOMERS * SAMPLE_ORDERS_PER_CUSTOMER;

beforeAll(async () => {
  // No AWS identity at all: a local app needs none.
  home = new TestHome({ accessKeyId: '', secretAccessKey: '' });
  delete home.env.AWS_ACCESS_KEY_ID;
  delete home.env.AWS_SECRET_ACCESS_KEY;
  emulator = await startDynalite();
});

afterAll(async () => {
  await emulator?.stop();
  home?.remove();
});

const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

describe('local DynamoDB apps', () => {
  it('offers the embedded app once on a first start, and not again after the user removed it', async () => {
    const other = new TestHome({ accessKeyId: '', secretAccessKey: '' });
    try {
      const host = new CoreHost({ env: other.env });
      const created = host.offerLocalApp();
      expect(created).toMatchObject({ name: LOCAL_APP_NAME, local: { embedded: true }, labels: { env: 'local' }, roleArns: [] });
      expect(host.offerLocalApp()).toBeUndefined();
      host.apps.remove(LOCAL_APP_NAME);
      expect(new CoreHost({ env: other.env }).offerLocalApp()).toBeUndefined();
      expect(host.apps.list()).toEqual([]);
      await host.close();
    } finally {
      other.remove();
    }
  });

  it('adds the embedded app from the CLI, lists it as local, and needs no login', async () => {
    const add = await airlock(home, ['apps', 'add-local', 'mylocal']);
    expect(add.stderr).toBe('');
    expect(add.stdout).toContain('embedded Local DynamoDB');
    const ls = await airlock(home, ['apps', 'ls']);
    expect(ls.stdout).toMatch(/mylocal\s+local\s+us-east-1\s+-\s+env=local\s+local \(no login\)/);
    const login = await airlock(home, ['apps', 'login', 'mylocal', '--aws-role', 'x']);
    expect(login.code).not.toBe(0);
    expect(login.stderr).toContain('local DynamoDB app: it needs no login');
  });

  it('starts the embedded emulator on demand with the sample table, kept under AIRLOCK_HOME/local-dynamodb', async () => {
    const list = await airlock(home, ['aws', '--app', 'mylocal', '--', 'dynamodb', 'list-tables', '--output', 'json']);
    expect(list.stderr).toBe('');
    expect(json(list.stdout).TableNames).toEqual([SAMPLE_TABLE]);
    expect(existsSync(join(home.env.AIRLOCK_HOME!, 'local-dynamodb', 'data'))).toBe(true);
    const count = await airlock(home, ['aws', '--app', 'mylocal', '--', 'dynamodb', 'scan', '--table-name', SAMPLE_TABLE, '--select', 'COUNT', '--output', 'json']);
    expect(json(count.stdout).Count).toBe(SAMPLE_SIZE);
  });

  it('keeps 38-digit numbers, sets, binary and nested values of the sample exactly', async () => {
    const get = await airlock(home, ['aws', '--app', 'mylocal', '--', 'dynamodb', 'get-item', '--table-name', SAMPLE_TABLE,
      '--key', '{"customerId":{"S":"customer-001"},"orderId":{"S":"order-0005"}}', '--output', 'json']);
    const item = json(get.stdout).Item as Record<string, Record<string, unknown>>;
    expect(item.total!.N).toBe('101.00051234567890123456789012345678901');
    expect(String(item.total!.N).replace(/\D/g, '')).toHaveLength(38);
    expect(item.signature!.B).toBe(Buffer.from([1, 5, 0xde, 0xad, 0xbe, 0xef]).toString('base64'));
    expect(item.tags!.SS).toContain('tea');
    expect(item.shipping!.M).toHaveProperty('address.M.city.S');
    expect(item.lines!.L).toEqual(expect.arrayContaining([expect.objectContaining({ M: expect.objectContaining({ sku: expect.anything() }) })]));
  });

  it('shares one embedded emulator between Airlock processes: a running proxy owns it, others use it', async () => {
    const proxy = await startProxy(home, ['--app', 'mylocal']);
    try {
      const env = clientEnv(home, proxy.env);
      const put = await awsCli(env, ['dynamodb', 'put-item', '--table-name', SAMPLE_TABLE,
        '--item', '{"customerId":{"S":"customer-999"},"orderId":{"S":"order-0001"},"total":{"N":"1"}}']);
      expect(put.stderr).toBe('');
      // A second process (airlock aws) finds the emulator the proxy process runs.
      const count = await airlock(home, ['aws', '--app', 'mylocal', '--', 'dynamodb', 'scan', '--table-name', SAMPLE_TABLE, '--select', 'COUNT', '--output', 'json']);
      expect(count.stderr).toBe('');
      expect(json(count.stdout).Count).toBe(SAMPLE_SIZE + 1);
      const boto = await python(env, [
        'import boto3',
        `t = boto3.resource("dynamodb").Table("${SAMPLE_TABLE}")`,
        'print(t.get_item(Key={"customerId": "customer-999", "orderId": "order-0001"})["Item"]["total"])',
      ].join('\n'));
      expect(boto.stderr).toBe('');
      expect(boto.stdout.trim()).toBe('1');
    } finally {
      await proxy.stop();
    }
  });

  it('finds the embedded emulator again when the process that ran it quits: another process takes it over, data kept', async () => {
    const owner = await startProxy(home, ['--app', 'mylocal']);
    let user: Awaited<ReturnType<typeof startProxy>> | undefined;
    try {
      const server = json(readFileSync(join(home.env.AIRLOCK_HOME!, 'local-dynamodb', 'server.json'), 'utf8'));
      expect(server.pid).toBe(owner.child.pid); // the first proxy runs the emulator; the second one uses it
      user = await startProxy(home, ['--app', 'mylocal']);
      const env = clientEnv(home, user.env);
      const put = await awsCli(env, ['dynamodb', 'put-item', '--table-name', SAMPLE_TABLE, '--item', '{"customerId":{"S":"moved"},"orderId":{"S":"1"}}']);
      expect(put.code, put.stderr).toBe(0);

      // A clean stop: the owner closes the emulator and says it no longer runs it.
      expect(await owner.stop()).toBe(0);
      expect(owner.output()).not.toContain('airlock:');
      // The first request after the owner quit is answered 503 once the emulator runs again; the aws CLI retries it by itself.
      const get = await awsCli(env, ['dynamodb', 'get-item', '--table-name', SAMPLE_TABLE, '--key', '{"customerId":{"S":"moved"},"orderId":{"S":"1"}}', '--output', 'json']);
      expect(get.stderr).toBe('');
      expect(json(get.stdout).Item).toEqual({ customerId: { S: 'moved' }, orderId: { S: '1' } });
      const now = json(readFileSync(join(home.env.AIRLOCK_HOME!, 'local-dynamodb', 'server.json'), 'utf8'));
      expect(now.pid).toBe(user.child.pid);
      const audit = await airlock(home, ['audit', '--app', 'mylocal', '--since', '5m', '--format', 'json']);
      const rows = audit.stdout.trim().split('\n').map((l) => json(l));
      expect(rows.some((r) => r.status === 503 && String(r.reason).includes('quit and was found again'))).toBe(true);
      expect(rows.filter((r) => r.action === 'GetItem' && r.status === 200)).not.toHaveLength(0);
    } finally {
      await user?.stop();
      await owner.stop();
    }
  });

  it('sends nothing but DynamoDB to a local app: its fake credentials never reach AWS', async () => {
    const s3 = await airlock(home, ['aws', '--app', 'mylocal', '--', 's3api', 'list-buckets']);
    expect(s3.code).not.toBe(0);
    expect(s3.stderr).toContain('local DynamoDB app; it serves only DynamoDB, not s3');
  });

  it('adds an emulator by URL (DynamoDB Local, LocalStack) and reaches it through the proxy', async () => {
    const add = await airlock(home, ['apps', 'add-local', 'emu', '--url', emulator.url, '--region', 'eu-west-1']);
    expect(add.stdout).toContain(`the emulator at ${emulator.url}`);
    const create = await airlock(home, ['aws', '--app', 'emu', '--', 'dynamodb', 'create-table', '--table-name', 'from-cli',
      '--attribute-definitions', 'AttributeName=id,AttributeType=S', '--key-schema', 'AttributeName=id,KeyType=HASH',
      '--billing-mode', 'PAY_PER_REQUEST', '--output', 'json']);
    expect(create.stderr).toBe('');
    const list = await airlock(home, ['aws', '--app', 'emu', '--', 'dynamodb', 'list-tables', '--output', 'json']);
    expect(json(list.stdout).TableNames).toEqual(['from-cli']);
    const audit = await airlock(home, ['audit', '--app', 'emu', '--format', 'json']);
    const rows = audit.stdout.trim().split('\n').map((l) => json(l));
    expect(rows.some((r) => r.action === 'CreateTable' && r.table === 'from-cli' && r.roleArn === 'local' && r.decision === 'forwarded')).toBe(true);
  });

  it('refuses a bad emulator URL with a clear message', async () => {
    const bad = await airlock(home, ['apps', 'add-local', 'x', '--url', 'ftp://example']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('must be http:// or https://');
  });
});
