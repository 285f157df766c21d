import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsFixture } from '../fixtures/aws-fixture';
import type { AwsFixture } from '../fixtures/aws-fixture';
import { airlock, awsCli, clientEnv, python, startProxy, TestHome } from './harness';
import type { ProxyProcess } from './harness';

/**
 * The whole "apps login / proxy aws / aws" flow with Debian's real aws CLI and boto3, through
 * HTTPS_PROXY + AWS_CA_BUNDLE exactly as a user runs them, against the strict STS/edge fixture
 * and dynalite.
 */
let fx: AwsFixture;
let home: TestHome;
let proxy: ProxyProcess;

const ROLE = 'arn:aws:iam::111111111111:role/Admin';

beforeAll(async () => {
  fx = await startAwsFixture();
  home = new TestHome(fx.sourceCredentials);
  const add = await airlock(home, ['apps', 'add', 'dev', '--uri', 'https://console.aws.amazon.com/', '--region', 'us-east-1',
    '--label', 'env=dev', '--aws-role-arn', ROLE, '--aws-role-arn', 'arn:aws:iam::111111111111:role/ReadOnly',
    '--aws-role-arn', 'arn:aws:iam::222222222222:role/ReadOnly',
    '--endpoint', `dynamodb=${fx.dynamodbUrl}`, '--sts-endpoint', fx.stsUrl]);
  expect(add.stderr).toBe('');
  const login = await airlock(home, ['apps', 'login', 'dev', '--aws-role', 'Admin', '--duration', '1h']);
  expect(login.stderr).toBe('');
  expect(login.stdout).toMatch(/Logged in to dev as Admin \(account 111111111111\)/);
  proxy = await startProxy(home, ['--app', 'dev']);
});

afterAll(async () => {
  await proxy?.stop();
  await fx?.stop();
  home?.remove();
});

describe('login', () => {
  it('assumed the role with STS as the local user, for the requested duration', () => {
    const issued = fx.issued.find((s) => s.roleArn === ROLE);
    expect(issued).toBeDefined();
    expect(issued!.durationSeconds).toBe(3600);
    expect(issued!.sessionName).toMatch(/^[\w+=,.@-]{2,64}$/);
  });

  it('lists the app with its session', async () => {
    const ls = await airlock(home, ['apps', 'ls', '--format', 'json']);
    const apps = JSON.parse(ls.stdout) as Array<{ name: string; partition: string; session: { roleArn: string } | null }>;
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ name: 'dev', partition: 'aws', session: { roleArn: ROLE } });
    const text = await airlock(home, ['apps', 'ls']);
    expect(text.stdout).toMatch(/dev\s+aws\s+us-east-1\s+3\s+env=dev\s+Admin \(\d+m \d+s\)/);
  });

  it('refuses an ambiguous role name and a role the app does not allow', async () => {
    const ambiguous = await airlock(home, ['apps', 'login', 'dev', '--aws-role', 'ReadOnly']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/matches 2 roles[\s\S]*111111111111[\s\S]*222222222222/);
    const denied = await airlock(home, ['apps', 'login', 'dev', '--aws-role', 'Billing']);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/does not allow role "Billing"/);
  });
});

describe('the proxy settings', () => {
  it('prints HTTPS_PROXY on loopback, random local keys and the CA bundle', () => {
    expect(proxy.env.HTTPS_PROXY).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(proxy.env.AWS_ACCESS_KEY_ID).toMatch(/^AKIL[A-Z2-7]{16}$/);
    expect(proxy.env.AWS_SECRET_ACCESS_KEY?.length).toBeGreaterThanOrEqual(40);
    expect(proxy.env.AWS_SECRET_ACCESS_KEY).not.toBe(fx.sourceCredentials.secretAccessKey);
    expect(proxy.env.AWS_CA_BUNDLE).toMatch(/airlock-ca\.pem$/);
  });
});

describe('the aws CLI through HTTPS_PROXY', () => {
  const table = 'Orders';
  const cli = (args: string[]) => awsCli(clientEnv(home, proxy.env), args);

  it('creates a table, writes, reads, queries with pagination, batch-writes and deletes', async () => {
    const create = await cli(['dynamodb', 'create-table', '--table-name', table,
      '--attribute-definitions', 'AttributeName=pk,AttributeType=S', 'AttributeName=sk,AttributeType=N',
      '--key-schema', 'AttributeName=pk,KeyType=HASH', 'AttributeName=sk,KeyType=RANGE',
      '--billing-mode', 'PAY_PER_REQUEST']);
    expect(create.stderr).toBe('');
    expect(JSON.parse(create.stdout).TableDescription.TableName).toBe(table);

    const put = await cli(['dynamodb', 'put-item', '--table-name', table,
      '--item', '{"pk":{"S":"customer#1"},"sk":{"N":"0"},"total":{"N":"12345678901234567890.123"}}']);
    expect(put.code, put.stderr).toBe(0);

    const get = await cli(['dynamodb', 'get-item', '--table-name', table, '--key', '{"pk":{"S":"customer#1"},"sk":{"N":"0"}}']);
    expect(JSON.parse(get.stdout).Item.total.N).toBe('12345678901234567890.123');

    const requests = Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { pk: { S: 'customer#2' }, sk: { N: String(i + 1) } } } }));
    const batch = await cli(['dynamodb', 'batch-write-item', '--request-items', JSON.stringify({ [table]: requests })]);
    expect(batch.code, batch.stderr).toBe(0);
    expect(JSON.parse(batch.stdout).UnprocessedItems).toEqual({});

    // --page-size 4 makes the CLI follow LastEvaluatedKey over 7 requests.
    const before = fx.forwardedCount();
    const query = await cli(['dynamodb', 'query', '--table-name', table, '--key-condition-expression', 'pk = :p',
      '--expression-attribute-values', '{":p":{"S":"customer#2"}}', '--page-size', '4']);
    expect(query.code, query.stderr).toBe(0);
    expect(JSON.parse(query.stdout).Count).toBe(25);
    expect(fx.forwardedCount() - before).toBeGreaterThanOrEqual(7);

    const del = await cli(['dynamodb', 'delete-item', '--table-name', table, '--key', '{"pk":{"S":"customer#1"},"sk":{"N":"0"}}']);
    expect(del.code, del.stderr).toBe(0);
    const gone = await cli(['dynamodb', 'get-item', '--table-name', table, '--key', '{"pk":{"S":"customer#1"},"sk":{"N":"0"}}']);
    expect(JSON.parse(gone.stdout || '{}').Item).toBeUndefined();
  });

  it('audits every request with app, role, service, action and table, and no secret', async () => {
    // The proxy batches audit writes; give it a moment beyond its flush interval.
    await new Promise((r) => setTimeout(r, 600));
    const audit = await airlock(home, ['audit', '--app', 'dev', '--format', 'json']);
    const recs = audit.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const put = recs.find((r) => r.action === 'PutItem');
    expect(put).toMatchObject({ app: 'dev', roleArn: ROLE, service: 'dynamodb', region: 'us-east-1', table, status: 200, decision: 'forwarded', localKeyId: proxy.env.AWS_ACCESS_KEY_ID });
    expect(recs.filter((r) => r.action === 'Query').length).toBeGreaterThanOrEqual(7);
    expect(audit.stdout).not.toContain(proxy.env.AWS_SECRET_ACCESS_KEY);
    const text = await airlock(home, ['audit', '--since', '1h']);
    expect(text.stdout).toMatch(/dev.*Admin.*dynamodb.*PutItem.*Orders.*200/);
  });
});

describe('credentials handed out through the proxy', () => {
  it('an sts assume-role made through the proxy cannot outlive the Airlock session', async () => {
    // The session the proxy holds now: the latest one of the role (earlier tests may have logged in again).
    const session = fx.issued.filter((s) => s.roleArn === ROLE).at(-1)!;
    const r = await awsCli(clientEnv(home, proxy.env), ['sts', 'assume-role', '--role-arn', 'arn:aws:iam::111111111111:role/Chained',
      '--role-session-name', 'chained', '--duration-seconds', '3600']);
    expect(r.code, r.stderr).toBe(0);
    const chained = fx.issued.at(-1)!;
    expect(chained.roleArn).toBe('arn:aws:iam::111111111111:role/Chained');
    const left = (session.expiration.getTime() - chained.issuedAt.getTime()) / 1000;
    expect(chained.durationSeconds).toBeLessThan(3600);
    expect(chained.durationSeconds).toBeLessThanOrEqual(Math.ceil(left));
    expect(new Date(JSON.parse(r.stdout).Credentials.Expiration).getTime()).toBeLessThanOrEqual(session.expiration.getTime());
  });
});

describe('boto3 through HTTPS_PROXY', () => {
  it('runs a table round trip with pagination', async () => {
    const script = `
import boto3, json
ddb = boto3.client("dynamodb")
ddb.create_table(TableName="Boto", AttributeDefinitions=[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],
  KeySchema=[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}], BillingMode="PAY_PER_REQUEST")
with boto3.resource("dynamodb").Table("Boto").batch_writer() as w:
    for i in range(30):
        w.put_item(Item={"pk": "p", "sk": i, "blob": b"\\x00\\x01binary", "tags": {"a", "b"}})
pages = list(ddb.get_paginator("query").paginate(TableName="Boto", KeyConditionExpression="pk = :p",
  ExpressionAttributeValues={":p": {"S": "p"}}, PaginationConfig={"PageSize": 7}))
item = ddb.get_item(TableName="Boto", Key={"pk": {"S": "p"}, "sk": {"N": "3"}})["Item"]
ddb.delete_table(TableName="Boto")
print(json.dumps({"pages": len(pages), "count": sum(p["Count"] for p in pages), "blob": list(item["blob"]["B"]), "tags": sorted(item["tags"]["SS"])}))
`;
    const r = await python(clientEnv(home, proxy.env), script);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ pages: 5, count: 30, blob: [0, 1, ...Buffer.from('binary')], tags: ['a', 'b'] });
  });
});

describe('endpoint-URL mode', () => {
  it('serves AWS_ENDPOINT_URL over HTTPS with the local CA', async () => {
    const ep = await startProxy(home, ['--app', 'dev', '--endpoint-url']);
    try {
      expect(ep.env.AWS_ENDPOINT_URL).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(ep.env.HTTPS_PROXY).toBeUndefined();
      const env = clientEnv(home, ep.env);
      const r = await awsCli(env, ['dynamodb', 'list-tables', '--endpoint-url', ep.env.AWS_ENDPOINT_URL!]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).TableNames).toContain('Orders');
      const py = await python(env, `
import boto3, os
print(boto3.client("dynamodb", endpoint_url=os.environ["AWS_ENDPOINT_URL"]).describe_table(TableName="Orders")["Table"]["TableStatus"])`);
      expect(py.stdout.trim(), py.stderr).toBe('ACTIVE');
    } finally {
      await ep.stop();
    }
  });
});

describe('airlock aws', () => {
  it('runs the aws CLI through a temporary proxy and passes its exit code', async () => {
    const r = await airlock(home, ['aws', '--app', 'dev', '--', 'dynamodb', 'describe-table', '--table-name', 'Orders', '--output', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).Table.TableName).toBe('Orders');
    const missing = await airlock(home, ['aws', '--app', 'dev', '--', 'dynamodb', 'describe-table', '--table-name', 'Nope']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/ResourceNotFoundException/);
  });
});

describe('stopping', () => {
  it('exits cleanly on SIGTERM', async () => {
    const p = await startProxy(home, ['--app', 'dev']);
    expect(await p.stop()).toBe(0);
  });
});
