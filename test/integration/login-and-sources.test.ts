import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreferencesStore } from '../../main/core/preferences';
import { startAwsFixture } from '../fixtures/aws-fixture';
import type { AwsFixture } from '../fixtures/aws-fixture';
import { airlock, awsCli, clientEnv, python, startProxy, TestHome } from './harness';

/** MFA logins, keys stored in the vault instead of the environment, and sessions that cannot renew. */
let fx: AwsFixture;
let home: TestHome;
const MFA_ROLE = 'arn:aws:iam::111111111111:role/MfaAdmin';

beforeAll(async () => {
  fx = await startAwsFixture();
  home = new TestHome(fx.sourceCredentials);
  const add = await airlock(home, ['apps', 'add', 'secure', '--uri', 'https://console.aws.amazon.com/', '--aws-role-arn', MFA_ROLE,
    '--aws-role-arn', 'arn:aws:iam::111111111111:role/ReadOnly', '--mfa-serial', fx.mfaDevice.serialNumber,
    '--endpoint', `dynamodb=${fx.dynamodbUrl}`, '--sts-endpoint', fx.stsUrl]);
  expect(add.code, add.stderr).toBe(0);
});

afterAll(async () => {
  await fx?.stop();
  home?.remove();
});

describe('MFA', () => {
  it('says the role needs an MFA code when none is given', async () => {
    const r = await airlock(home, ['apps', 'login', 'secure', '--aws-role', 'MfaAdmin']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/MultiFactorAuthentication/);
    expect(r.stderr).toMatch(/hint: this role needs MFA: pass --mfa-code CODE/);
  });

  it('refuses a malformed code before calling STS, and a wrong one from STS', async () => {
    const seen = fx.requests.length;
    const bad = await airlock(home, ['apps', 'login', 'secure', '--aws-role', 'MfaAdmin', '--mfa-code', '12ab']);
    expect(bad.stderr).toMatch(/must be 6 digits/);
    expect(fx.requests.length).toBe(seen);
    const wrong = await airlock(home, ['apps', 'login', 'secure', '--aws-role', 'MfaAdmin', '--mfa-code', '000000']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/check the MFA code/);
  });

  it('logs in with the serial and code, and such a session ends with a clear error instead of renewing', async () => {
    fx.setSessionLifetime(2);
    try {
      const ok = await airlock(home, ['apps', 'login', 'secure', '--aws-role', 'MfaAdmin', '--mfa-code', fx.mfaDevice.tokenCode]);
      expect(ok.code, ok.stderr).toBe(0);
      const issued = fx.issued.at(-1)!;
      expect(issued).toMatchObject({ roleArn: MFA_ROLE, mfa: true });
      const proxy = await startProxy(home, ['--app', 'secure']);
      try {
        await sleep(Math.max(0, issued.expiration.getTime() - Date.now()) + 500);
        const before = fx.issued.length;
        const r = await awsCli({ ...clientEnv(home, proxy.env), AWS_MAX_ATTEMPTS: '1' }, ['dynamodb', 'list-tables']);
        expect(r.code).not.toBe(0);
        expect(r.stderr).toMatch(/session of app "secure" has expired.*airlock apps login secure/);
        // An MFA code cannot be replayed: no renewal was attempted.
        expect(fx.issued.length).toBe(before);
      } finally {
        await proxy.stop();
      }
    } finally {
      fx.setSessionLifetime(undefined);
    }
  });
});

describe('source keys stored in the vault', () => {
  it('are read from stdin, never echoed, and used instead of the environment chain', async () => {
    const env = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' };
    const noSource = await airlock(home, ['apps', 'login', 'secure', '--aws-role', 'ReadOnly'], undefined, env);
    expect(noSource.code).toBe(1);
    expect(noSource.stderr).toMatch(/no AWS credentials to assume the role with[\s\S]*airlock credentials set/);

    const set = await airlock(home, ['credentials', 'set', 'secure', '--access-key-id', fx.sourceCredentials.accessKeyId],
      `${fx.sourceCredentials.secretAccessKey}\n`, env);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout + set.stderr).not.toContain(fx.sourceCredentials.secretAccessKey);

    const login = await airlock(home, ['apps', 'login', 'secure', '--aws-role', 'ReadOnly'], undefined, env);
    expect(login.code, login.stderr).toBe(0);
    const ls = await airlock(home, ['credentials', 'ls'], undefined, env);
    expect(ls.stdout).toMatch(new RegExp(`secure\\s+${fx.sourceCredentials.accessKeyId}`));
    expect(ls.stdout).not.toContain(fx.sourceCredentials.secretAccessKey);
  });

  it('refuses a malformed access key id', async () => {
    const r = await airlock(home, ['credentials', 'set', 'secure', '--access-key-id', 'not-a-key'], 'x\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/does not look like an AWS access key id/);
  });
});

describe('through the proxy', () => {
  it('sts get-caller-identity (signed or presigned) answers with the assumed role, and --allow-host tunnels other hosts untouched', async () => {
    // Without --duration, the default session duration preference (shared with the UI) applies.
    new PreferencesStore(home.env.AIRLOCK_HOME!).set({ defaultDurationSeconds: 1800 });
    const login = await airlock(home, ['apps', 'login', 'secure', '--aws-role', 'ReadOnly']);
    expect(login.code, login.stderr).toBe(0);
    expect(fx.issued.at(-1)!.durationSeconds).toBe(1800);
    const proxy = await startProxy(home, ['--app', 'secure', '--allow-host', 'localhost']);
    try {
      // Clients in HTTPS_PROXY mode reach STS on its regional host; the app's --sts-endpoint serves it here.
      const who = await awsCli(clientEnv(home, proxy.env), ['sts', 'get-caller-identity', '--region', 'us-east-1']);
      expect(who.code, who.stderr).toBe(0);
      expect(JSON.parse(who.stdout).Arn).toMatch(/^arn:aws:sts::111111111111:assumed-role\/ReadOnly\//);
      // A presigned URL made with the local key is verified, then sent upstream with a fresh header signature.
      const presigned = await python(clientEnv(home, proxy.env), `
import boto3, urllib.request, os, ssl
# A GET presign the way "aws eks get-token" makes one (generate_presigned_url would sign STS's POST).
sts = boto3.client("sts", region_name="us-east-1")
url = sts._request_signer.generate_presigned_url({"method": "GET", "url": "https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
  "body": {}, "headers": {}, "context": {}}, operation_name="GetCallerIdentity", expires_in=60)
ctx = ssl.create_default_context(cafile=os.environ["AWS_CA_BUNDLE"])
opener = urllib.request.build_opener(urllib.request.ProxyHandler({"https": os.environ["HTTPS_PROXY"]}), urllib.request.HTTPSHandler(context=ctx))
try:
    print(opener.open(url).read().decode())
except urllib.error.HTTPError as e:
    print(e.code, e.read().decode())`);
      expect(presigned.stderr).toBe('');
      expect(presigned.stdout).toMatch(/<Arn>arn:aws:sts::111111111111:assumed-role\/ReadOnly\//);
      const { connectTunnel } = await import('./raw-client');
      const port = new URL(fx.stsUrl).port;
      const tunnel = await connectTunnel(proxy.env.HTTPS_PROXY!, `localhost:${port}`);
      expect(tunnel.status).toBe(200);
      tunnel.socket!.write('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      const answer = await new Promise<string>((resolve) => {
        let text = '';
        tunnel.socket!.on('data', (c: Buffer) => { text += c.toString(); });
        tunnel.socket!.on('close', () => resolve(text));
      });
      // The fixture itself answered (unsigned request → its own refusal), so the bytes went through untouched.
      expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/);
    } finally {
      await proxy.stop();
    }
  });
});
