import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsFixture } from '../fixtures/aws-fixture';
import type { AwsFixture } from '../fixtures/aws-fixture';
import { airlock, clientEnv, python, startProxy, TestHome } from './harness';
import type { ProxyProcess } from './harness';

/** Sessions of a few seconds: a client keeps working across several expiries, and no secret lands on disk. */
let fx: AwsFixture;
let home: TestHome;
let proxy: ProxyProcess;
const ROLE = 'arn:aws:iam::111111111111:role/ReadOnly';

beforeAll(async () => {
  fx = await startAwsFixture({ sessionLifetimeSeconds: 4 });
  home = new TestHome(fx.sourceCredentials);
  await airlock(home, ['apps', 'add', 'short', '--uri', 'https://console.aws.amazon.com/', '--aws-role-arn', ROLE,
    '--endpoint', `dynamodb=${fx.dynamodbUrl}`, '--sts-endpoint', fx.stsUrl]);
  const login = await airlock(home, ['apps', 'login', 'short', '--aws-role', 'ReadOnly']);
  expect(login.code, login.stderr).toBe(0);
  proxy = await startProxy(home);
});

afterAll(async () => {
  await proxy?.stop();
  await fx?.stop();
  home?.remove();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('session refresh', () => {
  it('keeps a boto3 client working across several 4-second sessions without a failed request', async () => {
    const script = `
import boto3, botocore, time, json
from botocore.config import Config
ddb = boto3.client("dynamodb", config=Config(retries={"max_attempts": 1, "mode": "standard"}))
ok, failures, end = 0, [], time.time() + 14
while time.time() < end:
    try:
        ddb.list_tables()
        ok += 1
    except botocore.exceptions.ClientError as e:
        failures.append(str(e))
    time.sleep(0.1)
print(json.dumps({"ok": ok, "failures": failures}))
`;
    const r = await python(clientEnv(home, proxy.env), script);
    const out = JSON.parse(r.stdout) as { ok: number; failures: string[] };
    expect(out.failures).toEqual([]);
    expect(out.ok).toBeGreaterThan(20);
    const sessions = fx.issued.filter((s) => s.roleArn === ROLE);
    // Login plus at least three renewals in 14 s of 4 s sessions.
    expect(sessions.length).toBeGreaterThanOrEqual(4);
    // Every session was used by the proxy after renewal: the edge saw requests with several keys.
    const keysUsed = new Set(fx.requests.filter((q) => q.service === 'dynamodb' && q.status === 200).map((q) => q.accessKeyId));
    expect(keysUsed.size).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('leaves no secret in any file under AIRLOCK_HOME, nor in the proxy output beyond its local keys', () => {
    const secrets = fx.secrets();
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const files = filesUnder(home.env.AIRLOCK_HOME!);
    expect(files.some((f) => f.endsWith('vault'))).toBe(true);
    for (const f of files) {
      const content = readFileSync(f).toString('latin1');
      for (const s of secrets) expect(content.includes(s), `${f} contains a secret`).toBe(false);
      expect(content).not.toContain(proxy.env.AWS_SECRET_ACCESS_KEY);
      expect(content).not.toMatch(/PRIVATE KEY/);
    }
    const output = proxy.output();
    for (const s of secrets) expect(output.includes(s)).toBe(false);
    expect(output).toContain(proxy.env.AWS_SECRET_ACCESS_KEY);
  });
});
