import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { airlock, TestHome } from './harness';
import type { RunResult } from './harness';

/**
 * `airlock policy`, `airlock identity` and `airlock apps roles` as a user runs them: a
 * multi-document policy file, the identity the templates read, the roles offered per app.
 * AIRLOCK_MANAGED_POLICY always points into the test's home, so a real /etc/airlock/policy.yaml
 * on the machine never leaks in.
 */

const SOURCE = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const ACCOUNT = '123456789012';
const arn = (name: string, account = ACCOUNT): string => `arn:aws:iam::${account}:role/${name}`;
const SHORT = 'arn:aws:iam::12345:role/Short';

const TEAM = `# the team's policy
kind: role
version: v7
metadata:
  name: developer
spec:
  allow:
    app_labels:
      env: dev
    aws_role_arns:
      - 'arn:aws:iam::${ACCOUNT}:role/{{email.local(external.email)}}'
      - '{{internal.aws_role_arns}}'
---
kind: role
version: v7
metadata:
  name: readers
spec:
  allow:
    app_labels:
      env: '*'
    aws_role_arns: ['${arn('ReadOnly')}', '${arn('Admin')}']
---
kind: user
version: v2
metadata:
  name: alice
spec:
  traits:
    aws_role_arns: ['${arn('ReadOnly')}', '${SHORT}']
---
kind: role
version: v7
metadata:
  name: guard
spec:
  deny:
    app_labels:
      env: prod
    aws_role_arns: ['${arn('Admin')}']
`;

/** Line 9 holds a number where a role ARN belongs. */
const INVALID = `kind: role
version: v7
metadata:
  name: developer
spec:
  allow:
    app_labels: {env: dev}
    aws_role_arns:
      - 42
`;

interface RolesJson {
  app: string;
  user: string;
  accountId?: string;
  roles: { arn: string; name: string; accountId: string; grantedBy: string[] }[];
  deniedBy?: string[];
  warnings: { value: string; policyRole: string; reason: string }[];
  policyErrors: { path: string; managed: boolean; message: string }[];
}

interface ShowJson {
  managed: { path: string; found: boolean; loaded: boolean };
  files: { managed: boolean; name?: string; path: string; resources: { kind: string; metadata: { name: string }; spec: unknown }[] }[];
  errors: { managed: boolean; path: string; message: string }[];
}

function ok(r: RunResult): RunResult {
  expect(r.stderr, r.stderr).not.toMatch(/^airlock:/m);
  expect(r.code).toBe(0);
  return r;
}

const byArn = (roles: RolesJson['roles']): { arn: string; grantedBy: string[] }[] =>
  roles.map(({ arn: a, grantedBy }) => ({ arn: a, grantedBy })).sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));

describe('airlock policy, identity and apps roles', () => {
  let home: TestHome;
  let managed: string;
  let teamFile: string;
  const cli = (args: string[]): Promise<RunResult> => airlock(home, args, undefined, { AIRLOCK_MANAGED_POLICY: managed });
  const roles = async (app: string): Promise<RolesJson> => JSON.parse(ok(await cli(['apps', 'roles', app, '--format', 'json'])).stdout) as RolesJson;
  const show = async (): Promise<ShowJson> => JSON.parse(ok(await cli(['policy', 'show', '--format', 'json'])).stdout) as ShowJson;

  beforeAll(async () => {
    home = new TestHome(SOURCE);
    managed = join(home.dir, 'no-admin', 'policy.yaml');
    teamFile = join(home.dir, 'team.yaml');
    writeFileSync(teamFile, TEAM);
    const imported = ok(await cli(['policy', 'import', teamFile]));
    expect(imported.stdout).toMatch(/Imported policy file team\.yaml: 3 roles \(developer, readers, guard\), 1 user \(alice\)/);
    ok(await cli(['identity', 'set', '--user', 'alice', '--trait', 'email=alice@example.com']));
    ok(await cli(['apps', 'add', 'dev', '--uri', 'https://console.aws.amazon.com/', '--label', 'env=dev']));
    ok(await cli(['apps', 'add', 'prod', '--uri', 'https://console.aws.amazon.com/', '--label', 'env=prod']));
  });

  afterAll(() => home?.remove());

  it('stores the identity: user and external traits, a repeated key giving several values', async () => {
    const set = ok(await cli(['identity', 'set', '--trait', 'groups=ops', '--trait', 'groups=dba']));
    expect(set.stdout).toMatch(/User: +alice\n/);
    const id = JSON.parse(ok(await cli(['identity', 'show', '--format', 'json'])).stdout) as unknown;
    expect(id).toEqual({ user: 'alice', userIsDefault: false, traits: { email: ['alice@example.com'], groups: ['ops', 'dba'] } });
    ok(await cli(['identity', 'set', '--trait', 'groups=']));
    expect(ok(await cli(['identity', 'show'])).stdout).toMatch(/^User: +alice\nTraits: email = alice@example\.com\n/);
    const bad = await cli(['identity', 'set', '--trait', 'no-equals-sign']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/airlock: --trait must be KEY=VALUE/);
  });

  it('offers the expanded ARNs with the policy roles granting them; deny beats allow', async () => {
    const dev = await roles('dev');
    expect(dev.user).toBe('alice');
    expect(dev.accountId).toBeUndefined(); // the app lists no roles of its own
    expect(byArn(dev.roles)).toEqual([
      { arn: arn('ReadOnly'), grantedBy: ['developer', 'readers'] },
      { arn: arn('alice'), grantedBy: ['developer'] },
    ]);
    // readers allows Admin, guard's deny.aws_role_arns removes it.
    expect(dev.roles.map((r) => r.arn)).not.toContain(arn('Admin'));
    expect(dev.deniedBy).toBeUndefined();
    expect(dev.policyErrors).toEqual([]);
  });

  it('warns about a value that is not a well-formed ARN after expansion, naming the value and the policy role', async () => {
    const dev = await roles('dev');
    expect(dev.warnings).toEqual([{ value: SHORT, policyRole: 'developer', reason: expect.stringMatching(/not an IAM role ARN/) as string }]);
    const text = ok(await cli(['apps', 'roles', 'dev']));
    expect(text.stdout.split('\n')[0]).toMatch(/^ROLE +ACCOUNT +ARN +GRANTED BY$/);
    expect(text.stdout).toMatch(new RegExp(`ReadOnly +${ACCOUNT} +arn:aws:iam::${ACCOUNT}:role/ReadOnly +developer, readers`));
    expect(text.stderr).toMatch(new RegExp(`^warning: policy role "developer" \\(.*team\\.yaml line \\d+\\): "${SHORT}": not an IAM role ARN`, 'm'));
  });

  it("denies an app whose labels a role's deny.app_labels match, even though another role allows it", async () => {
    const prod = await roles('prod');
    expect(prod.roles).toEqual([]);
    expect(prod.deniedBy).toEqual(['guard']);
    const text = ok(await cli(['apps', 'roles', 'prod']));
    expect(text.stdout).toMatch(/No roles offered for app prod: denied by policy role "guard" \(.*team\.yaml line \d+\)/);
  });

  it('drops a templated value whose trait is missing', async () => {
    ok(await cli(['identity', 'set', '--trait', 'email=']));
    expect(byArn((await roles('dev')).roles)).toEqual([{ arn: arn('ReadOnly'), grantedBy: ['developer', 'readers'] }]);
    ok(await cli(['identity', 'set', '--trait', 'email=alice@example.com']));
    expect(byArn((await roles('dev')).roles).map((r) => r.arn)).toContain(arn('alice'));
  });

  it('--user "" goes back to the OS user (alice\'s internal traits no longer apply)', async () => {
    ok(await cli(['identity', 'set', '--user', '']));
    const id = JSON.parse(ok(await cli(['identity', 'show', '--format', 'json'])).stdout) as { user: string; userIsDefault: boolean };
    expect(id.userIsDefault).toBe(true);
    expect(id.user).not.toBe('');
    if (id.user !== 'alice') {
      const dev = await roles('dev');
      expect(byArn(dev.roles)).toEqual([{ arn: arn('ReadOnly'), grantedBy: ['readers'] }, { arn: arn('alice'), grantedBy: ['developer'] }]);
      expect(dev.warnings).toEqual([]);
    }
    ok(await cli(['identity', 'set', '--user', 'alice']));
  });

  it('refuses an invalid file naming file, line and field, and keeps the previous policy', async () => {
    const before = await show();
    writeFileSync(teamFile, INVALID);
    const bad = await cli(['policy', 'import', teamFile]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain(`airlock: ${teamFile} line 9: spec.allow.aws_role_arns[0]: expected role ARN (a string), got a number`);
    expect(bad.stderr).toMatch(/hint: .*policy in force is unchanged/);
    const after = await show();
    expect(after).toEqual(before);
    expect(after.files.map((f) => f.name)).toEqual(['team.yaml']);
    expect(after.files[0]!.resources.map((r) => `${r.kind}/${r.metadata.name}`)).toEqual(['role/developer', 'role/readers', 'user/alice', 'role/guard']);
    expect(byArn((await roles('dev')).roles).map((r) => r.arn)).toEqual([arn('ReadOnly'), arn('alice')]);
  });

  it('shows the policy as YAML, saying where the managed file is looked for', async () => {
    const yaml = ok(await cli(['policy', 'show']));
    expect(yaml.stdout).toContain(`managed:\n  path: ${managed}\n  found: false\n`);
    expect(yaml.stdout).toContain('- "{{internal.aws_role_arns}}"');
    const bad = await cli(['policy', 'show', '--format', 'xml']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/airlock: unknown format "xml"\n {2}hint: use yaml or json/);
  });

  it('policy rm removes an imported file; without policy roles an app offers its own roles', async () => {
    ok(await cli(['apps', 'add', 'legacy', '--uri', 'https://console.aws.amazon.com/', '--aws-role-arn', arn('Legacy', '111111111111')]));
    expect(ok(await cli(['policy', 'rm', 'team.yaml'])).stdout).toBe('Removed policy file team.yaml.\n');
    expect((await show()).files).toEqual([]);
    const legacy = await roles('legacy');
    expect(legacy.accountId).toBe('111111111111');
    expect(byArn(legacy.roles)).toEqual([{ arn: arn('Legacy', '111111111111'), grantedBy: ['app'] }]);
    expect(ok(await cli(['apps', 'roles', 'legacy'])).stdout).toMatch(/Legacy +111111111111 +arn:aws:iam::111111111111:role\/Legacy +app\n/);
    const again = await cli(['policy', 'rm', 'team.yaml']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/airlock: no imported policy file named "team\.yaml"\n {2}hint: import one with: airlock policy import FILE/);
  });
});

describe('the managed policy file', () => {
  let home: TestHome;
  let managed: string;
  const cli = (args: string[]): Promise<RunResult> => airlock(home, args, undefined, { AIRLOCK_MANAGED_POLICY: managed });
  const show = async (): Promise<ShowJson> => JSON.parse(ok(await cli(['policy', 'show', '--format', 'json'])).stdout) as ShowJson;

  const BASELINE = `kind: role
version: v7
metadata: {name: baseline}
spec:
  allow:
    app_labels: {'*': '*'}
    aws_role_arns: ['${arn('Legacy', '111111111111')}', '${arn('Other', '222222222222')}']
`;

  beforeAll(async () => {
    home = new TestHome(SOURCE);
    managed = join(home.dir, 'admin', 'policy.yaml');
    ok(await cli(['apps', 'add', 'legacy', '--uri', 'https://console.aws.amazon.com/', '--aws-role-arn', arn('Legacy', '111111111111')]));
  });

  afterAll(() => home?.remove());

  it('appears in policy show, in force with the imported files, and is never modified', async () => {
    expect((await show()).managed).toEqual({ path: managed, found: false, loaded: false });

    mkdirSync(join(home.dir, 'admin'));
    writeFileSync(managed, BASELINE);
    const stat = statSync(managed);

    const shown = await show();
    expect(shown.managed).toEqual({ path: managed, found: true, loaded: true });
    expect(shown.files[0]).toMatchObject({ managed: true, path: managed, resources: [{ kind: 'role', metadata: { name: 'baseline' } }] });

    const extra = join(home.dir, 'extra.yaml');
    writeFileSync(extra, `kind: role\nversion: v6\nmetadata: {name: extra}\nspec:\n  allow:\n    app_labels: {'*': '*'}\n    aws_role_arns: ['${arn('Legacy', '111111111111')}']\n`);
    ok(await cli(['policy', 'import', extra]));
    expect((await show()).files.map((f) => (f.managed ? 'managed' : f.name))).toEqual(['managed', 'extra.yaml']);

    // The app's roles all lie in 111111111111: the managed role's ARN in another account is not offered.
    const legacy = JSON.parse(ok(await cli(['apps', 'roles', 'legacy', '--format', 'json'])).stdout) as RolesJson;
    expect(legacy.accountId).toBe('111111111111');
    expect(byArn(legacy.roles)).toEqual([{ arn: arn('Legacy', '111111111111'), grantedBy: ['baseline', 'extra'] }]);

    ok(await cli(['policy', 'rm', 'extra.yaml']));
    const rmManaged = await cli(['policy', 'rm', 'policy.yaml']);
    expect(rmManaged.code).not.toBe(0);

    expect(readFileSync(managed, 'utf8')).toBe(BASELINE);
    const after = statSync(managed);
    expect([after.mtimeMs, after.ino, after.mode]).toEqual([stat.mtimeMs, stat.ino, stat.mode]);
  });

  it('an invalid managed file is reported and its last valid version stays in force; the imported files still apply', async () => {
    writeFileSync(managed, 'kind: role\nversion: v1\nmetadata: {name: old}\n');
    const extra = join(home.dir, 'extra.yaml');
    ok(await cli(['policy', 'import', extra]));
    const shown = await show();
    expect(shown.managed).toEqual({ path: managed, found: true, loaded: false, lastValidInForce: true });
    expect(shown.errors).toEqual([{ managed: true, path: managed, message: expect.stringContaining(`${managed} line 2: version:`) as string }]);
    expect(shown.errors[0]!.message).toContain('last valid version stays in force');
    expect(shown.files[0]).toMatchObject({ managed: true, lastValidVersion: true, resources: [{ metadata: { name: 'baseline' } }] });
    const text = ok(await cli(['apps', 'roles', 'legacy']));
    expect(text.stdout).toMatch(/Legacy +111111111111 +\S+ +baseline, extra\n/);
    expect(text.stderr).toContain(`warning: policy file ${managed} is invalid`);
    expect(readFileSync(managed, 'utf8')).toBe('kind: role\nversion: v1\nmetadata: {name: old}\n');
  });
});
