import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_ARNS, startAwsFixture } from '../fixtures/aws-fixture';
import type { AwsFixture } from '../fixtures/aws-fixture';
import { airlock, awsCli, clientEnv, startProxy, TestHome } from './harness';
import type { RunResult } from './harness';

/**
 * The access policy is what login and renewal obey, not only what `apps roles` shows: with policy
 * roles in force the app's own role list no longer applies, a role the policy grants can be assumed
 * even if the app does not list it, and a session whose role the policy stops offering is not renewed.
 */
let fx: AwsFixture;
let home: TestHome;
const cli = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> => airlock(home, args, undefined, env);
const ok = (r: RunResult): RunResult => {
  expect(r.code, r.stderr).toBe(0);
  return r;
};

const POLICY = `kind: role
version: v7
metadata: {name: dev-access}
spec:
  allow:
    app_labels: {env: dev}
    aws_role_arns: ['{{internal.aws_role_arns}}']
---
kind: user
version: v2
metadata: {name: alice}
spec:
  traits:
    aws_role_arns: ['${ROLE_ARNS.admin}']
`;

beforeAll(async () => {
  fx = await startAwsFixture();
  home = new TestHome(fx.sourceCredentials);
  ok(await cli(['apps', 'add', 'gated', '--uri', 'https://console.aws.amazon.com/', '--label', 'env=dev',
    '--aws-role-arn', ROLE_ARNS.readOnly, '--endpoint', `dynamodb=${fx.dynamodbUrl}`, '--sts-endpoint', fx.stsUrl]));
});

afterAll(async () => {
  await fx?.stop();
  home?.remove();
});

describe('login and renewal under the access policy', () => {
  it('without policy roles, the app\'s own list decides', async () => {
    const refused = await cli(['apps', 'login', 'gated', '--aws-role', 'Admin']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/app "gated" does not allow role "Admin"; allowed roles:[\s\S]*ReadOnly/);
    ok(await cli(['apps', 'login', 'gated', '--aws-role', 'ReadOnly']));
    expect(fx.issued.at(-1)).toMatchObject({ roleArn: ROLE_ARNS.readOnly });
  });

  it('with policy roles, only what the policy grants the user can be assumed, named after the identity\'s user', async () => {
    const file = join(home.dir, 'team.yaml');
    writeFileSync(file, POLICY);
    ok(await cli(['policy', 'import', file]));
    const seen = fx.requests.length;

    // The OS user has no `kind: user` resource: nothing is granted, and the app's own list no longer counts.
    const none = await cli(['apps', 'login', 'gated', '--aws-role', 'ReadOnly']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/the access policy offers you no IAM roles for app "gated"/);
    expect(none.stderr).toContain('airlock apps roles gated');

    ok(await cli(['identity', 'set', '--user', 'alice']));
    const listed = await cli(['apps', 'login', 'gated', '--aws-role', 'ReadOnly']);
    expect(listed.code).toBe(1);
    expect(listed.stderr).toMatch(/the access policy does not offer role "ReadOnly" for app "gated"; allowed roles:[\s\S]*Admin/);
    expect(fx.requests.length).toBe(seen); // refused before asking STS

    const admin = ok(await cli(['apps', 'login', 'gated', '--aws-role', 'Admin']));
    expect(admin.stdout).toMatch(/Logged in to gated as Admin .* as session "alice"/);
    expect(fx.issued.at(-1)).toMatchObject({ roleArn: ROLE_ARNS.admin, sessionName: 'alice' });
  });

  it('a session whose role the policy stops offering is not renewed', async () => {
    // Long enough for the CLI calls below on a slow machine; the proxy tries to renew in its last third.
    fx.setSessionLifetime(25);
    try {
      ok(await cli(['apps', 'login', 'gated', '--aws-role', 'Admin']));
      const issued = fx.issued.at(-1)!;
      ok(await cli(['policy', 'rm', 'team.yaml']));
      const proxy = await startProxy(home, ['--app', 'gated']);
      try {
        const before = fx.issued.length;
        // Still valid: served with the session it has.
        const early = await awsCli({ ...clientEnv(home, proxy.env), AWS_MAX_ATTEMPTS: '1' }, ['dynamodb', 'list-tables']);
        expect(early.code, early.stderr).toBe(0);
        await sleep(Math.max(0, issued.expiration.getTime() - Date.now()) + 500);
        const r = await awsCli({ ...clientEnv(home, proxy.env), AWS_MAX_ATTEMPTS: '1' }, ['dynamodb', 'list-tables']);
        expect(r.code).not.toBe(0);
        expect(r.stderr).toMatch(/session of app "gated" has expired and could not be renewed \(app "gated" no longer allows role arn:aws:iam::111111111111:role\/Admin\)/);
        expect(fx.issued.length).toBe(before);
      } finally {
        await proxy.stop();
      }
    } finally {
      fx.setSessionLifetime(undefined);
    }
  });
});
