import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../main/core/apps/store';
import { assumeRole } from '../../main/core/credentials/assume-role';
import { isAirlockError } from '../../main/core/errors';
import { DEFAULT_ROLES, startAwsFixture } from '../fixtures/aws-fixture';
import type { AwsFixture } from '../fixtures/aws-fixture';
import { airlock, TestHome } from './harness';
import type { RunResult } from './harness';

/**
 * `airlock apps import-aws-config` as a user runs it, on copies of the sample files: a dry run
 * writes nothing, an import creates the apps, the credentials file never changes and no key
 * value is ever printed; --move-keys puts keys in the vault. Then a login through an imported
 * app against the strict STS fixture: the AssumeRole is signed with the keys of the profile the
 * app names, and the role's external_id reaches STS.
 */

const SAMPLES = fileURLToPath(new URL('../fixtures/aws-config/', import.meta.url));
const PARTNER_ROLE = 'arn:aws:iam::111111111111:role/Partner';
const PARTNER_EXTERNAL_ID = 'partner-ext-7';

let fx: AwsFixture;
let home: TestHome;

beforeAll(async () => {
  fx = await startAwsFixture({ roles: [...DEFAULT_ROLES, { arn: PARTNER_ROLE, requiredExternalId: PARTNER_EXTERNAL_ID }] });
  home = new TestHome(fx.sourceCredentials);
});

afterAll(async () => {
  await fx?.stop();
  home?.remove();
});

function ok(r: RunResult): RunResult {
  expect(r.code, r.stdout + r.stderr).toBe(0);
  expect(r.stderr).not.toMatch(/^airlock:/m);
  return r;
}

/** Every file under a folder with its bytes, to prove a command wrote nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name)] = readFileSync(join(entry.parentPath, entry.name)).toString('base64');
  }
  return out;
}

/** The key values of a credentials file (whatever the profile), for proving none is printed. */
function secretsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^\s*aws_(?:secret_access_key|session_token)\s*=\s*(\S+)/gm)].map((m) => m[1]!);
}

describe('airlock apps import-aws-config on the standard sample', () => {
  let files: { config: string; credentials: string };
  let env: NodeJS.ProcessEnv;
  const cli = (args: string[]): Promise<RunResult> => airlock(home, ['apps', 'import-aws-config', ...args], undefined, env);
  const outputs: string[] = [];

  beforeAll(() => {
    const dir = join(home.dir, 'standard-aws');
    mkdirSync(dir);
    files = { config: join(dir, 'config'), credentials: join(dir, 'credentials') };
    copyFileSync(join(SAMPLES, 'standard', 'config'), files.config);
    copyFileSync(join(SAMPLES, 'standard', 'credentials'), files.credentials);
    env = { AWS_CONFIG_FILE: files.config, AWS_SHARED_CREDENTIALS_FILE: files.credentials };
  });

  afterAll(() => {
    const secrets = secretsOf(files.credentials);
    expect(secrets.length).toBe(4);
    for (const out of outputs) for (const secret of secrets) expect(out).not.toContain(secret);
  });

  const run = async (args: string[], expectOk = true): Promise<RunResult> => {
    const r = await cli(args);
    outputs.push(r.stdout + r.stderr);
    return expectOk ? ok(r) : r;
  };

  it('previews with --dry-run and writes nothing, --move-keys included', async () => {
    ok(await airlock(home, ['apps', 'ls'], undefined, env)); // creates config.json the way any first command does
    const credentials = readFileSync(files.credentials);
    const before = snapshot(home.env.AIRLOCK_HOME!);
    const text = (await run(['--dry-run'])).stdout;
    expect(text).toContain(`AWS config file:      ${files.config}`);
    expect(text).toMatch(/^ {2}\+ acme-prod {2}account 111122223333 · aws · eu-west-1$/m);
    expect(text).toMatch(/^ {6}source AWS profile "keys-user" · MFA arn:aws:iam::999988887777:mfa\/alice$/m);
    expect(text).toMatch(/^ {6}\+ ReadOnly {2}profile acme-prod-readonly \(config line 14\)\n {10}credentials: keys of profile "keys-user" · external id acme-external-7$/m);
    expect(text).toMatch(/^ {6}\+ Auditor {2}profile partner-audit \(config line 27\)\n {10}credentials: keys of profile "keys-user" via hub → keys-user · duration 3600s · chained \(assumed with the session of another role profile\): 1-hour sessions$/m);
    expect(text).toMatch(/^ {2}keys-user {2}\(credentials line 7\) {2}used by acme-prod, hub, partner-audit · can be copied for acme-prod, hub$/m);
    expect(text).toMatch(/Dry run: nothing was written/);

    const withKeys = await run(['--dry-run', '--move-keys', 'keys-user', '--format', 'json']);
    const json = JSON.parse(withKeys.stdout) as { dryRun: boolean; keyCopies: { profile: string; to: string[] }[]; result?: unknown };
    expect(json.dryRun).toBe(true);
    expect(json.keyCopies).toEqual([{ profile: 'keys-user', to: ['acme-prod', 'hub'], notCopied: [expect.objectContaining({ app: 'partner-audit' })] }]);
    expect(json.result).toBeUndefined();

    expect(snapshot(home.env.AIRLOCK_HOME!)).toEqual(before);
    expect(existsSync(join(home.env.AIRLOCK_HOME!, 'vault'))).toBe(false);
    expect(readFileSync(files.credentials).equals(credentials)).toBe(true);
  });

  it('refuses a name clash or a profile without keys, writing nothing', async () => {
    const before = snapshot(home.env.AIRLOCK_HOME!);
    const clash = await run(['--rename', 'hub=acme-prod'], false);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(/airlock: cannot import under these names: "acme-prod" is given to both acme-prod and hub/);
    const noKeys = await run(['--move-keys', 'hub'], false);
    expect(noKeys.code).toBe(1);
    expect(noKeys.stderr).toMatch(/"hub" is not a profile with long-lived keys in the AWS files\n {2}hint: profiles with keys: default, self-keys, keys-user/);
    expect(snapshot(home.env.AIRLOCK_HOME!)).toEqual(before);
  });

  it('imports the chosen apps under their names, leaving the credentials file as it was and opening no vault', async () => {
    const credentials = readFileSync(files.credentials);
    const r = await run(['--app', 'acme-prod', '--app', 'hub', '--rename', 'hub=hub-account']);
    expect(r.stdout).toMatch(/^Created app acme-prod \(2 roles: Admin, ReadOnly\)\.$/m);
    expect(r.stdout).toMatch(/^Created app hub-account \(1 role: Hub\)\.$/m);
    expect(r.stdout).toContain(`${files.credentials} was not changed: the apps read the keys of keys-user from it at login.`);
    const apps = JSON.parse(ok(await airlock(home, ['apps', 'ls', '--format', 'json'], undefined, env)).stdout) as Record<string, unknown>[];
    expect(apps.find((a) => a.name === 'acme-prod')).toMatchObject({
      accountId: '111122223333', region: 'eu-west-1', mfaSerial: 'arn:aws:iam::999988887777:mfa/alice',
      source: { kind: 'profile', profile: 'keys-user' },
      roleSettings: {
        'arn:aws:iam::111122223333:role/Admin': { durationSeconds: 7200 },
        'arn:aws:iam::111122223333:role/ops/ReadOnly': { externalId: 'acme-external-7' },
      },
    });
    expect(apps.map((a) => a.name).sort()).toEqual(['acme-prod', 'hub-account']);
    expect(readFileSync(files.credentials).equals(credentials)).toBe(true);
    expect(existsSync(join(home.env.AIRLOCK_HOME!, 'vault'))).toBe(false);
  });

  it('imports the rest without touching existing apps, and --move-keys copies keys into the vault, the file unchanged', async () => {
    const credentials = readFileSync(files.credentials);
    const r = await run(['--move-keys', 'self-keys', '--move-keys', 'keys-user', '--format', 'json']);
    const { result } = JSON.parse(r.stdout) as { result: { created: { name: string }[]; keys: { profile: string; copiedTo: string[] }[]; credentialsFile: unknown } };
    // acme-prod and hub-account are Airlock's already: their accounts are left out by default.
    expect(result.created.map((c) => c.name)).toEqual(['partner-audit', 'aws-555566667777', 'self-keys']);
    expect(result.keys.map((k) => [k.profile, k.copiedTo])).toEqual([['self-keys', ['self-keys']], ['keys-user', []]]);
    expect(result.credentialsFile).toEqual({ path: files.credentials, changed: false });

    // Chosen by name, an account Airlock has is imported again, under a new name, with the keys it is assumed with.
    // Its name taken, the plan calls that account aws-ACCOUNT.
    const again = await run(['--app', 'aws-111122223333', '--rename', 'aws-111122223333=acme-vaulted', '--move-keys', 'keys-user']);
    expect(again.stdout).toMatch(/^Copied the keys of profile keys-user into the encrypted vault for: acme-vaulted\.$/m);
    expect(again.stdout).toContain(`${files.credentials} was not changed: remove the keys from it yourself once nothing else needs them there.`);

    const stored = ok(await airlock(home, ['credentials', 'ls'], undefined, env)).stdout;
    expect(stored).toMatch(/^acme-vaulted\s+AKIAI44QH8DHBEXAMPLE\s/m);
    expect(stored).toMatch(/^self-keys\s+AKIAFAKESELFKEYEXAMPLE\s/m);
    expect(stored).not.toMatch(/^acme-prod\s/m);
    outputs.push(stored);
    expect(readFileSync(files.credentials).equals(credentials)).toBe(true);
    // The vault is encrypted: no key value in it, as in no output.
    const vault = readFileSync(join(home.env.AIRLOCK_HOME!, 'vault'), 'utf8');
    for (const secret of secretsOf(files.credentials)) expect(vault).not.toContain(secret);
  });

  it('says clearly when there is no AWS config at the resolved paths', async () => {
    const missing = { AWS_CONFIG_FILE: join(home.dir, 'nowhere', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home.dir, 'nowhere', 'credentials') };
    const r = await airlock(home, ['apps', 'import-aws-config', '--dry-run'], undefined, missing);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`airlock: no AWS config found: neither ${missing.AWS_CONFIG_FILE} nor ${missing.AWS_SHARED_CREDENTIALS_FILE} exists\n` +
      '  hint: point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at your files, or create them with: aws configure\n');
  });
});

describe('logging in through an imported app, against the strict STS fixture', () => {
  let env: NodeJS.ProcessEnv;
  let credentialsFile: string;

  beforeAll(async () => {
    const dir = join(home.dir, 'fixture-aws');
    mkdirSync(dir);
    credentialsFile = join(dir, 'credentials');
    writeFileSync(join(dir, 'config'), [
      '[profile fixture-user]',
      'region = us-east-1',
      '[profile fx-read]',
      `role_arn = ${fx.roles[0]!.arn}`,
      'source_profile = fixture-user',
      'duration_seconds = 1800',
      '[profile fx-partner]',
      `role_arn = ${PARTNER_ROLE}`,
      'source_profile = fixture-user',
      `external_id = ${PARTNER_EXTERNAL_ID}`,
      '',
    ].join('\n'));
    // The fixture's fake source keys, in the profile the imported app names as its source.
    writeFileSync(credentialsFile, `[fixture-user]\naws_access_key_id = ${fx.sourceCredentials.accessKeyId}\naws_secret_access_key = ${fx.sourceCredentials.secretAccessKey}\n`);
    // Keys in the environment that STS does not know: had login used the environment, STS would refuse them.
    env = {
      AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNTOFIXTURE0', AWS_SECRET_ACCESS_KEY: 'not/known/to/the/fixture/EXAMPLE0000000',
    };
    const imported = ok(await airlock(home, ['apps', 'import-aws-config', '--app', 'fx'], undefined, env));
    expect(imported.stdout).toMatch(/^Created app fx \(2 roles: ReadOnly, Partner\)\.$/m);
    ok(await airlock(home, ['apps', 'update', 'fx', '--sts-endpoint', fx.stsUrl], undefined, env));
  });

  it('signs the AssumeRole with the keys of the profile the app names, for the duration the profile asks', async () => {
    const login = await airlock(home, ['apps', 'login', 'fx', '--aws-role', 'ReadOnly'], undefined, env);
    expect(login.code, login.stderr).toBe(0);
    // Without --duration: the profile's duration_seconds, not the 1-hour preference.
    expect(fx.issued.at(-1)).toMatchObject({ roleArn: fx.roles[0]!.arn, durationSeconds: 1800 });
    const call = fx.requests.filter((q) => q.service === 'sts' && q.action === 'AssumeRole').at(-1);
    expect(call).toMatchObject({ accessKeyId: fx.sourceCredentials.accessKeyId, status: 200 });
    expect(login.stdout + login.stderr).not.toContain(fx.sourceCredentials.secretAccessKey);
  });

  it('sends the role\'s external_id, which the role\'s trust policy requires', async () => {
    const login = await airlock(home, ['apps', 'login', 'fx', '--aws-role', 'Partner'], undefined, env);
    expect(login.code, login.stderr).toBe(0);
    expect(fx.issued.at(-1)).toMatchObject({ roleArn: PARTNER_ROLE });
  });

  it('is refused by the fixture without the external id, or with another one, as AWS does', async () => {
    // Without: an app that lists the role but has no roleSettings for it (source keys from the environment).
    ok(await airlock(home, ['apps', 'add', 'no-external-id', '--uri', 'https://console.aws.amazon.com/', '--aws-role-arn', PARTNER_ROLE, '--sts-endpoint', fx.stsUrl]));
    const without = await airlock(home, ['apps', 'login', 'no-external-id', '--aws-role', 'Partner']);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain(`is not authorized to perform: sts:AssumeRole on resource: ${PARTNER_ROLE}`);
    expect(fx.requests.at(-1)).toMatchObject({ action: 'AssumeRole', status: 403, errorCode: 'AccessDenied' });

    const wrong = buildApp({
      name: 'wrong-id', uri: 'https://console.aws.amazon.com/', roleArns: [PARTNER_ROLE], stsEndpoint: fx.stsUrl,
      roleSettings: { [PARTNER_ROLE]: { externalId: 'someone-else' } },
    });
    const err = await assumeRole({
      app: wrong, role: { arn: PARTNER_ROLE, partition: 'aws', accountId: '111111111111', name: 'Partner' },
      source: async () => ({ ...fx.sourceCredentials }), sessionName: 'tester', durationSeconds: 900,
    }).catch((e: unknown) => e);
    expect(isAirlockError(err) && err.code).toBe('ACCESS_DENIED');
    expect(fx.requests.at(-1)).toMatchObject({ action: 'AssumeRole', accessKeyId: fx.sourceCredentials.accessKeyId, status: 403, errorCode: 'AccessDenied' });
  });
});
