import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_ARNS, startAwsFixture } from '../fixtures/aws-fixture';
import type { AwsFixture } from '../fixtures/aws-fixture';
import { airlock, TestHome } from './harness';
import type { RunResult } from './harness';

/**
 * An app's account and source credentials from the CLI: `--account-id` binds its roles to one
 * account, `--source-profile` makes login take the source keys from a profile of the AWS config
 * (never from the environment then), `--credential-source` names one of AWS's sources.
 */
let fx: AwsFixture;
let home: TestHome;
const NO_ENV_KEYS = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' };
const cli = (args: string[]): Promise<RunResult> => airlock(home, args, undefined, NO_ENV_KEYS);
const ok = (r: RunResult): RunResult => {
  expect(r.code, r.stderr).toBe(0);
  return r;
};
const appJson = async (name: string): Promise<Record<string, unknown>> =>
  (JSON.parse(ok(await cli(['apps', 'ls', '--format', 'json'])).stdout) as Record<string, unknown>[]).find((a) => a.name === name)!;

beforeAll(async () => {
  fx = await startAwsFixture();
  home = new TestHome(fx.sourceCredentials);
  // The fake source keys live in a profile of the AWS credentials file the test home points at.
  writeFileSync(home.env.AWS_SHARED_CREDENTIALS_FILE!,
    `[base]\naws_access_key_id = ${fx.sourceCredentials.accessKeyId}\naws_secret_access_key = ${fx.sourceCredentials.secretAccessKey}\n`);
  writeFileSync(home.env.AWS_CONFIG_FILE!, '[profile base]\nregion = us-east-1\n');
});

afterAll(async () => {
  await fx?.stop();
  home?.remove();
});

describe('apps add/update --account-id, --source-profile, --credential-source', () => {
  it('keeps the account and refuses roles of another account', async () => {
    const bad = await cli(['apps', 'add', 'acct', '--uri', 'https://console.aws.amazon.com/', '--account-id', '111111111111',
      '--aws-role-arn', ROLE_ARNS.otherAccountReadOnly]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`role "${ROLE_ARNS.otherAccountReadOnly}" is not in account 111111111111 of app "acct"`);
    const badId = await cli(['apps', 'add', 'acct', '--uri', 'https://console.aws.amazon.com/', '--account-id', '1234']);
    expect(badId.stderr).toMatch(/"1234" is not an AWS account id/);
  });

  it('logs in with the keys of the source profile, not the environment', async () => {
    ok(await cli(['apps', 'add', 'viaprofile', '--uri', 'https://console.aws.amazon.com/', '--account-id', '111111111111',
      '--aws-role-arn', ROLE_ARNS.readOnly, '--sts-endpoint', fx.stsUrl, '--source-profile', 'base']));
    expect(await appJson('viaprofile')).toMatchObject({ accountId: '111111111111', source: { kind: 'profile', profile: 'base' } });
    const before = fx.issued.length;
    ok(await cli(['apps', 'login', 'viaprofile', '--aws-role', 'ReadOnly']));
    expect(fx.issued.length).toBe(before + 1);
    expect(fx.issued.at(-1)).toMatchObject({ roleArn: ROLE_ARNS.readOnly });

    // A profile that does not exist: a clear error naming it, nothing sent to STS.
    ok(await cli(['apps', 'update', 'viaprofile', '--source-profile', 'nosuch']));
    const seen = fx.requests.length;
    const missing = await cli(['apps', 'login', 'viaprofile', '--aws-role', 'ReadOnly']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no AWS credentials to assume the role with from AWS profile "nosuch"/);
    expect(fx.requests.length).toBe(seen);

    // "" goes back to the standard chain (here: nothing, the environment has no keys).
    ok(await cli(['apps', 'update', 'viaprofile', '--source-profile', '']));
    expect((await appJson('viaprofile')).source).toBeUndefined();
    const chain = await cli(['apps', 'login', 'viaprofile', '--aws-role', 'ReadOnly']);
    expect(chain.stderr).toMatch(/no AWS credentials to assume the role with from the standard AWS chain/);
  });

  it('takes a credential_source by name and refuses unknown ones', async () => {
    ok(await cli(['apps', 'update', 'viaprofile', '--credential-source', 'environment']));
    expect((await appJson('viaprofile')).source).toEqual({ kind: 'credential_source', value: 'Environment' });
    const env = await airlock(home, ['apps', 'login', 'viaprofile', '--aws-role', 'ReadOnly']); // keys in the environment
    expect(env.code, env.stderr).toBe(0);
    const bad = await cli(['apps', 'update', 'viaprofile', '--credential-source', 'Laptop']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown credential source "Laptop"[\s\S]*Environment, Ec2InstanceMetadata, EcsContainer/);
    const both = await cli(['apps', 'update', 'viaprofile', '--credential-source', 'Environment', '--source-profile', 'base']);
    expect(both.stderr).toMatch(/exclude each other/);
  });
});
