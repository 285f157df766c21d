import { mkdir, mkdtemp, readFile, readdir, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanAwsIni } from '../../main/core/apps/aws-config-ini';
import { planImport, readAwsSetup, readStaticKeys } from '../../main/core/apps/aws-config-import';
import type { AwsSetup, ImportPlan, ImportSource } from '../../main/core/apps/aws-config-import';
import { AppSchema, APP_NAME } from '../../main/core/apps/model';
import { isAirlockError } from '../../main/core/errors';

const FIXTURES = fileURLToPath(new URL('../fixtures/aws-config/', import.meta.url));
const fixture = (dir: string, file: 'config' | 'credentials'): string => join(FIXTURES, dir, file);

/** Reads a fixture directory through AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE. */
async function load(dir: string): Promise<{ setup: AwsSetup; plan: ImportPlan }> {
  const setup = await readAwsSetup({
    env: { AWS_CONFIG_FILE: fixture(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: fixture(dir, 'credentials') },
    home: join(FIXTURES, 'no-such-home'),
  });
  return { setup, plan: planImport(setup) };
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'airlock-aws-config-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

let homes = 0;
/** A fresh home directory with the given ~/.aws files. */
async function home(files: { config?: string; credentials?: string }): Promise<string> {
  const dir = join(scratch, `home-${++homes}`);
  await mkdir(join(dir, '.aws'), { recursive: true });
  if (files.config !== undefined) await writeFile(join(dir, '.aws', 'config'), files.config);
  if (files.credentials !== undefined) await writeFile(join(dir, '.aws', 'credentials'), files.credentials);
  return dir;
}

const keysUser: ImportSource = { kind: 'profile', profile: 'keys-user', hasStaticKeys: true };

describe('planImport on the standard sample (static keys, chains, credential_source)', () => {
  it('plans one app per account with each role, its profile, options and source', async () => {
    const { plan } = await load('standard');
    const config = fixture('standard', 'config');
    const credentials = fixture('standard', 'credentials');
    expect(plan).toEqual<ImportPlan>({
      configFile: { kind: 'config', path: config, found: true },
      credentialsFile: { kind: 'credentials', path: credentials, found: true },
      apps: [
        {
          name: 'acme-prod',
          accountId: '111122223333',
          partition: 'aws',
          uri: 'https://console.aws.amazon.com/',
          region: 'eu-west-1',
          roleArns: ['arn:aws:iam::111122223333:role/Admin', 'arn:aws:iam::111122223333:role/ops/ReadOnly'],
          mfaSerial: 'arn:aws:iam::999988887777:mfa/alice',
          profiles: ['acme-prod-admin', 'acme-prod-readonly'],
          roles: [
            {
              access: 'assume-role', profile: 'acme-prod-admin', file: config, line: 7,
              roleArn: 'arn:aws:iam::111122223333:role/Admin', roleName: 'Admin', region: 'eu-west-1',
              mfaSerial: 'arn:aws:iam::999988887777:mfa/alice', durationSeconds: 7200,
              source: keysUser, chain: ['keys-user'], chained: false,
            },
            {
              access: 'assume-role', profile: 'acme-prod-readonly', file: config, line: 14,
              roleArn: 'arn:aws:iam::111122223333:role/ops/ReadOnly', roleName: 'ReadOnly', region: 'eu-west-1',
              mfaSerial: 'arn:aws:iam::999988887777:mfa/alice', externalId: 'acme-external-7', roleSessionName: 'alice.readonly',
              source: keysUser, chain: ['keys-user'], chained: false,
            },
          ],
          sources: [keysUser],
        },
        {
          name: 'hub',
          accountId: '444455556666',
          partition: 'aws',
          uri: 'https://console.aws.amazon.com/',
          region: 'us-east-1',
          roleArns: ['arn:aws:iam::444455556666:role/Hub'],
          profiles: ['hub'],
          roles: [{
            access: 'assume-role', profile: 'hub', file: config, line: 22,
            roleArn: 'arn:aws:iam::444455556666:role/Hub', roleName: 'Hub',
            source: keysUser, chain: ['keys-user'], chained: false,
          }],
          sources: [keysUser],
        },
        {
          name: 'partner-audit',
          accountId: '777788889999',
          partition: 'aws',
          uri: 'https://console.aws.amazon.com/',
          region: 'us-east-1',
          roleArns: ['arn:aws:iam::777788889999:role/Auditor'],
          profiles: ['partner-audit'],
          roles: [{
            access: 'assume-role', profile: 'partner-audit', file: config, line: 27,
            roleArn: 'arn:aws:iam::777788889999:role/Auditor', roleName: 'Auditor', durationSeconds: 3600,
            source: keysUser, chain: ['hub', 'keys-user'], chained: true, chainedBy: 'role-profile',
          }],
          sources: [keysUser],
        },
        {
          name: 'aws-555566667777',
          accountId: '555566667777',
          partition: 'aws',
          uri: 'https://console.aws.amazon.com/',
          region: 'us-west-2',
          roleArns: [
            'arn:aws:iam::555566667777:role/Deployer',
            'arn:aws:iam::555566667777:role/EnvDeployer',
            'arn:aws:iam::555566667777:role/ProcRole',
            'arn:aws:iam::555566667777:role/FromEcs',
          ],
          profiles: ['ec2-deploy', 'env-deploy', 'via-proc', 'via-ecs'],
          roles: [
            {
              access: 'assume-role', profile: 'ec2-deploy', file: config, line: 32,
              roleArn: 'arn:aws:iam::555566667777:role/Deployer', roleName: 'Deployer', region: 'us-west-2',
              source: { kind: 'credential_source', value: 'Ec2InstanceMetadata' }, chain: [], chained: true, chainedBy: 'ec2-instance-role',
            },
            {
              access: 'assume-role', profile: 'env-deploy', file: config, line: 37,
              roleArn: 'arn:aws:iam::555566667777:role/EnvDeployer', roleName: 'EnvDeployer',
              source: { kind: 'credential_source', value: 'Environment' }, chain: [], chained: false,
            },
            {
              access: 'assume-role', profile: 'via-proc', file: config, line: 44,
              roleArn: 'arn:aws:iam::555566667777:role/ProcRole', roleName: 'ProcRole',
              source: { kind: 'profile', profile: 'proc', hasStaticKeys: false, provider: 'credential_process' }, chain: ['proc'], chained: false,
            },
            {
              access: 'assume-role', profile: 'via-ecs', file: config, line: 51,
              roleArn: 'arn:aws:iam::555566667777:role/FromEcs', roleName: 'FromEcs',
              source: { kind: 'credential_source', value: 'EcsContainer' }, chain: ['ecs-base'], chained: true, chainedBy: 'ecs-task-role',
            },
          ],
          sources: [
            { kind: 'credential_source', value: 'Ec2InstanceMetadata' },
            { kind: 'credential_source', value: 'Environment' },
            { kind: 'profile', profile: 'proc', hasStaticKeys: false, provider: 'credential_process' },
            { kind: 'credential_source', value: 'EcsContainer' },
          ],
        },
        {
          name: 'self-keys',
          accountId: '222233334444',
          partition: 'aws',
          uri: 'https://console.aws.amazon.com/',
          region: 'ap-southeast-2',
          roleArns: ['arn:aws:iam::222233334444:role/SelfAssumed'],
          profiles: ['self-keys'],
          roles: [{
            access: 'assume-role', profile: 'self-keys', file: config, line: 56,
            roleArn: 'arn:aws:iam::222233334444:role/SelfAssumed', roleName: 'SelfAssumed', region: 'ap-southeast-2',
            source: { kind: 'profile', profile: 'self-keys', hasStaticKeys: true, hasSessionToken: true },
            chain: ['self-keys'], chained: false,
          }],
          sources: [{ kind: 'profile', profile: 'self-keys', hasStaticKeys: true, hasSessionToken: true }],
        },
      ],
      keyProfiles: [
        { profile: 'default', hasStaticKeys: true, hasSessionToken: false, file: credentials, line: 3, usedBy: [] },
        { profile: 'self-keys', hasStaticKeys: true, hasSessionToken: true, file: credentials, line: 11, usedBy: ['self-keys'] },
        { profile: 'keys-user', hasStaticKeys: true, hasSessionToken: false, file: credentials, line: 7, usedBy: ['acme-prod', 'hub', 'partner-audit'] },
      ],
      problems: [],
    });
  });

  it('makes apps Airlock accepts', async () => {
    const { plan } = await load('standard');
    for (const app of plan.apps) {
      const parsed = AppSchema.safeParse({
        name: app.name, uri: app.uri, partition: app.partition, region: app.region, labels: {},
        roleArns: app.roleArns, endpoints: {}, ...(app.mfaSerial ? { mfaSerial: app.mfaSerial } : {}), createdAt: new Date(0).toISOString(),
      });
      expect(parsed.success, app.name).toBe(true);
    }
  });

  it('merges [profile x] of the config file with [x] of the credentials file', async () => {
    const { setup } = await load('standard');
    const selfKeys = setup.profiles.find((p) => p.name === 'self-keys')!;
    expect(selfKeys.sections).toEqual([
      { file: fixture('standard', 'config'), kind: 'config', line: 54, section: 'profile self-keys' },
      { file: fixture('standard', 'credentials'), kind: 'credentials', line: 10, section: 'self-keys' },
    ]);
    expect(selfKeys.settings).toEqual({
      role_arn: 'arn:aws:iam::222233334444:role/SelfAssumed',
      source_profile: 'self-keys',
      region: 'ap-southeast-2',
    });
    expect(selfKeys.credentialKeys).toEqual(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token']);
    expect(selfKeys.settingLocations.aws_session_token).toEqual({ file: fixture('standard', 'credentials'), kind: 'credentials', line: 13, section: 'self-keys' });
    // A comment after a value (" ; ...") is not part of it.
    expect(setup.profiles.find((p) => p.name === 'acme-prod-readonly')!.settings.region).toBe('eu-west-1');
  });
});

describe('secrets', () => {
  async function secretValues(): Promise<string[]> {
    const values: string[] = [];
    for (const dir of await readdir(FIXTURES, { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      const text = await readFile(fixture(dir.name, 'credentials'), 'utf8').catch(() => '');
      for (const m of text.matchAll(/^\s*aws_(?:access_key_id|secret_access_key|session_token)\s*=\s*(\S+)/gm)) values.push(m[1]!);
    }
    return values;
  }

  it('are nowhere in a serialised plan or setup', async () => {
    const secrets = await secretValues();
    expect(secrets).toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(secrets.length).toBeGreaterThanOrEqual(10);
    for (const dir of ['standard', 'sso', 'partitions', 'malformed', 'refused']) {
      const { setup, plan } = await load(dir);
      const json = JSON.stringify({ setup, plan });
      for (const secret of secrets) expect(json, `${dir}: ${secret}`).not.toContain(secret);
      expect(json).not.toContain('fake-credential-helper');
    }
  });

  it('stay out even under a misspelt name', async () => {
    const dir = await home({ credentials: '[typo]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_acess_key = TypoSecretEXAMPLEKEYtypoSecretEXAMPLE00\n' });
    const setup = await readAwsSetup({ env: {}, home: dir });
    const plan = planImport(setup);
    expect(setup.profiles[0]!.credentialKeys).toEqual(['aws_access_key_id', 'aws_secret_acess_key']);
    expect(setup.profiles[0]!.settings).toEqual({});
    expect(JSON.stringify({ setup, plan })).not.toContain('TypoSecretEXAMPLEKEY');
    expect(plan.problems.map((p) => [p.line, p.code])).toEqual([[2, 'INCOMPLETE_STATIC_KEYS']]);
  });

  it('come out of readStaticKeys only, and only from the setup that read them', async () => {
    const { setup } = await load('standard');
    expect(readStaticKeys(setup, 'keys-user')).toEqual({
      accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
      secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
    });
    expect(readStaticKeys(setup, 'self-keys')).toEqual({
      accessKeyId: 'AKIAFAKESELFKEYEXAMPLE',
      secretAccessKey: 'FakeSelfSecretKeyEXAMPLEKEYfakeSelfSecret0',
      sessionToken: 'FakeSessionTokenEXAMPLEfakeSessionToken0',
    });
    expect(readStaticKeys(setup, 'hub')).toBeUndefined();
    expect(readStaticKeys(setup, 'no-such-profile')).toBeUndefined();
    expect(() => readStaticKeys(structuredClone(setup), 'keys-user')).toThrow(/readAwsSetup/);
  });
});

describe('planImport on SSO profiles', () => {
  it('makes SSO-only profiles apps, sso-session and legacy style, and chains roles assumed from them', async () => {
    const { plan } = await load('sso');
    const config = fixture('sso', 'config');
    const corpDev: ImportSource = {
      kind: 'sso', profile: 'corp-dev', startUrl: 'https://corp-example.awsapps.com/start', region: 'us-east-1',
      accountId: '111122223333', roleName: 'Developer', session: 'corp',
    };
    const corpReadOnly: ImportSource = { ...corpDev, profile: 'corp-dev-readonly', roleName: 'ReadOnly' };
    const legacy: ImportSource = {
      kind: 'sso', profile: 'legacy-ops', startUrl: 'https://legacy-example.awsapps.com/start', region: 'eu-central-1',
      accountId: '444455556666', roleName: 'Operator',
    };
    expect(plan).toEqual<ImportPlan>({
      configFile: { kind: 'config', path: config, found: true },
      credentialsFile: { kind: 'credentials', path: fixture('sso', 'credentials'), found: false },
      apps: [
        {
          name: 'corp-dev',
          accountId: '111122223333',
          partition: 'aws',
          uri: 'https://console.aws.amazon.com/',
          region: 'us-west-2',
          roleArns: ['arn:aws:iam::111122223333:role/Deployer'],
          profiles: ['corp-dev', 'corp-dev-readonly', 'corp-dev-deployer'],
          roles: [
            { access: 'sso', profile: 'corp-dev', file: config, line: 9, accountId: '111122223333', roleName: 'Developer', region: 'us-west-2', source: corpDev, chain: [], chained: false },
            { access: 'sso', profile: 'corp-dev-readonly', file: config, line: 15, accountId: '111122223333', roleName: 'ReadOnly', region: 'us-west-2', source: corpReadOnly, chain: [], chained: false },
            {
              access: 'assume-role', profile: 'corp-dev-deployer', file: config, line: 26,
              roleArn: 'arn:aws:iam::111122223333:role/Deployer', roleName: 'Deployer', durationSeconds: 7200,
              source: corpDev, chain: ['corp-dev'], chained: true, chainedBy: 'sso',
            },
          ],
          sources: [corpDev, corpReadOnly],
        },
        {
          name: 'legacy-ops',
          accountId: '444455556666',
          partition: 'aws',
          uri: 'https://console.aws.amazon.com/',
          region: 'us-east-1',
          roleArns: [],
          profiles: ['legacy-ops'],
          roles: [{ access: 'sso', profile: 'legacy-ops', file: config, line: 22, accountId: '444455556666', roleName: 'Operator', source: legacy, chain: [], chained: false }],
          sources: [legacy],
        },
        {
          name: 'lost-session',
          accountId: '777788889999',
          partition: 'aws',
          uri: 'https://console.aws.amazon.com/',
          region: 'us-east-1',
          roleArns: [],
          profiles: ['lost-session'],
          roles: [{ access: 'sso', profile: 'lost-session', file: config, line: 36, accountId: '777788889999', roleName: 'Admin', chain: [], chained: false }],
          sources: [],
        },
        {
          name: 'conflicting',
          accountId: '555566667777',
          partition: 'aws',
          uri: 'https://console.aws.amazon.com/',
          region: 'us-east-1',
          roleArns: [],
          profiles: ['conflicting'],
          roles: [{ access: 'sso', profile: 'conflicting', file: config, line: 46, accountId: '555566667777', roleName: 'Admin', chain: [], chained: false }],
          sources: [],
        },
      ],
      keyProfiles: [],
      problems: [
        {
          code: 'CHAINED_DURATION_TOO_LONG', severity: 'warning', file: config, line: 28, section: 'profile corp-dev-deployer',
          reason: 'profile "corp-dev-deployer" is reached by role chaining: STS refuses sessions over 3600 seconds, not 7200',
        },
        {
          code: 'SSO_SESSION_MISSING', severity: 'error', file: config, line: 34, section: 'profile lost-session',
          reason: 'sso_session "nowhere" of profile "lost-session" names no [sso-session nowhere] section in the config file',
        },
        { code: 'SSO_INCOMPLETE', severity: 'error', file: config, line: 38, section: 'profile half-sso', reason: 'SSO profile "half-sso" lacks sso_role_name' },
        {
          code: 'SSO_CONFLICT', severity: 'error', file: config, line: 44, section: 'profile conflicting',
          reason: 'sso_start_url "https://other-example.awsapps.com/start" of profile "conflicting" differs from "https://corp-example.awsapps.com/start" in [sso-session corp]: the SDK refuses the profile',
        },
      ],
    });
  });
});

describe('planImport across partitions', () => {
  it('keeps GovCloud and China apart, with their console URI and default region', async () => {
    const { plan } = await load('partitions');
    const config = fixture('partitions', 'config');
    const credentials = fixture('partitions', 'credentials');
    const govKeys: ImportSource = { kind: 'profile', profile: 'gov-keys', hasStaticKeys: true };
    const cnKeys: ImportSource = { kind: 'profile', profile: 'cn-keys', hasStaticKeys: true };
    const govSso: ImportSource = {
      kind: 'sso', profile: 'gov-sso', startUrl: 'https://start.us-gov-home.awsapps.com/directory/example', region: 'us-gov-west-1',
      accountId: '444455556666', roleName: 'GovOperator', session: 'gov',
    };
    expect(plan).toEqual<ImportPlan>({
      configFile: { kind: 'config', path: config, found: true },
      credentialsFile: { kind: 'credentials', path: credentials, found: true },
      apps: [
        {
          name: 'gov',
          accountId: '111122223333',
          partition: 'aws-us-gov',
          uri: 'https://console.amazonaws-us-gov.com/',
          region: 'us-gov-east-1',
          roleArns: ['arn:aws-us-gov:iam::111122223333:role/GovAdmin', 'arn:aws-us-gov:iam::111122223333:role/GovRead'],
          profiles: ['gov-admin', 'gov-read'],
          roles: [
            {
              access: 'assume-role', profile: 'gov-admin', file: config, line: 2,
              roleArn: 'arn:aws-us-gov:iam::111122223333:role/GovAdmin', roleName: 'GovAdmin', region: 'us-gov-east-1',
              source: govKeys, chain: ['gov-keys'], chained: false,
            },
            {
              access: 'assume-role', profile: 'gov-read', file: config, line: 7,
              roleArn: 'arn:aws-us-gov:iam::111122223333:role/GovRead', roleName: 'GovRead',
              source: govKeys, chain: ['gov-keys'], chained: false,
            },
          ],
          sources: [govKeys],
        },
        {
          name: 'cn-admin',
          accountId: '111122223333',
          partition: 'aws-cn',
          uri: 'https://console.amazonaws.cn/',
          region: 'cn-northwest-1',
          roleArns: ['arn:aws-cn:iam::111122223333:role/CnAdmin'],
          profiles: ['cn-admin'],
          roles: [{
            access: 'assume-role', profile: 'cn-admin', file: config, line: 12,
            roleArn: 'arn:aws-cn:iam::111122223333:role/CnAdmin', roleName: 'CnAdmin', region: 'cn-northwest-1',
            source: cnKeys, chain: ['cn-keys'], chained: false,
          }],
          sources: [cnKeys],
        },
        {
          name: 'gov-sso',
          accountId: '444455556666',
          partition: 'aws-us-gov',
          uri: 'https://console.amazonaws-us-gov.com/',
          region: 'us-gov-west-1',
          roleArns: [],
          profiles: ['gov-sso'],
          roles: [{ access: 'sso', profile: 'gov-sso', file: config, line: 23, accountId: '444455556666', roleName: 'GovOperator', source: govSso, chain: [], chained: false }],
          sources: [govSso],
        },
      ],
      keyProfiles: [
        { profile: 'gov-keys', hasStaticKeys: true, hasSessionToken: false, file: credentials, line: 2, usedBy: ['gov'] },
        { profile: 'cn-keys', hasStaticKeys: true, hasSessionToken: false, file: credentials, line: 6, usedBy: ['cn-admin'] },
      ],
      problems: [{
        code: 'BAD_REGION', severity: 'warning', file: config, line: 9, section: 'profile gov-read',
        reason: 'region "us-east-1" is not a region of partition aws-us-gov: the app uses another region',
      }],
    });
  });
});

describe('planImport on malformed files', () => {
  it('reports every problem with its file, line and section, and plans what can be read', async () => {
    const { plan } = await load('malformed');
    const config = fixture('malformed', 'config');
    const credentials = fixture('malformed', 'credentials');
    expect(plan.problems.map((p) => [p.file === config ? 'config' : 'credentials', p.line, p.section, p.code, p.severity])).toEqual([
      ['config', 1, undefined, 'SETTING_OUTSIDE_SECTION', 'warning'],
      ['config', 5, 'profile ok', 'MALFORMED_SECTION_HEADER', 'error'],
      ['config', 6, 'profile ok', 'DUPLICATE_SETTING', 'warning'],
      ['config', 9, 'profile not-a-role', 'NOT_A_ROLE_ARN', 'error'],
      ['config', 14, 'profile missing-source', 'SOURCE_PROFILE_MISSING', 'error'],
      ['config', 22, 'profile loop-b', 'SOURCE_PROFILE_CYCLE', 'error'],
      ['config', 27, 'profile both-sources', 'SOURCE_CONFLICT', 'error'],
      ['config', 31, 'profile bad-credential-source', 'BAD_CREDENTIAL_SOURCE', 'error'],
      ['config', 35, 'profile dup', 'DUPLICATE_PROFILE', 'warning'],
      ['config', 36, 'profile dup', 'DUPLICATE_SETTING', 'warning'],
      ['config', 38, 'legacy', 'UNKNOWN_SECTION', 'error'],
      ['config', 41, 'profile with space', 'MALFORMED_SECTION_HEADER', 'error'],
      ['config', 47, 'profile bad-values', 'BAD_DURATION', 'warning'],
      ['config', 48, 'profile bad-values', 'BAD_ROLE_SESSION_NAME', 'warning'],
      ['config', 49, 'profile bad-values', 'MALFORMED_LINE', 'warning'],
      ['config', 50, 'profile bad-values', 'MALFORMED_LINE', 'warning'],
      ['config', 54, 'profile uses-misnamed', 'SOURCE_PROFILE_MISSING', 'error'],
      ['credentials', 5, 'profile misnamed', 'PROFILE_PREFIX_IN_CREDENTIALS', 'error'],
      ['credentials', 9, 'base', 'DUPLICATE_PROFILE', 'warning'],
      ['credentials', 13, 'half', 'INCOMPLETE_STATIC_KEYS', 'error'],
    ]);
    const reason = (line: number, file = config): string => plan.problems.find((p) => p.file === file && p.line === line)!.reason;
    expect(reason(5)).toBe('"[profile broken" is not a section header (no closing "]"): the settings below it are read as part of [profile ok]');
    expect(reason(9)).toBe('role_arn "arn:aws:iam::111122223333:user/bob" of profile "not-a-role" is not an IAM role ARN (arn:PARTITION:iam::ACCOUNT:role/NAME)');
    expect(reason(14)).toBe('source_profile "does-not-exist" of profile "missing-source" names no profile');
    expect(reason(22)).toBe('source_profile goes round in a circle: loop-a → loop-b → loop-a');
    expect(reason(27)).toBe('profile "both-sources" has both source_profile and credential_source: the AWS CLI and SDK refuse it');
    expect(reason(38)).toBe('in the config file profiles are written [profile legacy]: [legacy] is ignored');
    expect(reason(54)).toBe(`source_profile "misnamed" of profile "uses-misnamed" names no profile (${credentials} line 5 has [profile misnamed], which is not read as that profile)`);
    expect(reason(5, credentials)).toBe('in the credentials file profiles are written [misnamed], without "profile": this section is not read as profile "misnamed"');

    const base: ImportSource = { kind: 'profile', profile: 'base', hasStaticKeys: true, hasSessionToken: true };
    expect(plan.apps).toEqual([
      {
        // The broken header's settings land in [profile ok], as the SDK reads them (reported above).
        name: 'ok', accountId: '111122223333', partition: 'aws', uri: 'https://console.aws.amazon.com/', region: 'us-east-1',
        roleArns: ['arn:aws:iam::111122223333:role/Hijacked'], profiles: ['ok'],
        roles: [{ access: 'assume-role', profile: 'ok', file: config, line: 6, roleArn: 'arn:aws:iam::111122223333:role/Hijacked', roleName: 'Hijacked', source: base, chain: ['base'], chained: false }],
        sources: [base],
      },
      {
        name: 'missing-source', accountId: '222233334444', partition: 'aws', uri: 'https://console.aws.amazon.com/', region: 'us-east-1',
        roleArns: ['arn:aws:iam::222233334444:role/Orphan'], profiles: ['missing-source'],
        roles: [{ access: 'assume-role', profile: 'missing-source', file: config, line: 13, roleArn: 'arn:aws:iam::222233334444:role/Orphan', roleName: 'Orphan', chain: [], chained: false }],
        sources: [],
      },
      {
        name: 'loop', accountId: '333344445555', partition: 'aws', uri: 'https://console.aws.amazon.com/', region: 'us-east-1',
        roleArns: ['arn:aws:iam::333344445555:role/A', 'arn:aws:iam::333344445555:role/B'], profiles: ['loop-a', 'loop-b'],
        roles: [
          { access: 'assume-role', profile: 'loop-a', file: config, line: 17, roleArn: 'arn:aws:iam::333344445555:role/A', roleName: 'A', chain: ['loop-b'], chained: true, chainedBy: 'role-profile' },
          { access: 'assume-role', profile: 'loop-b', file: config, line: 21, roleArn: 'arn:aws:iam::333344445555:role/B', roleName: 'B', chain: ['loop-a'], chained: true, chainedBy: 'role-profile' },
        ],
        sources: [],
      },
      {
        name: 'aws-444455556666', accountId: '444455556666', partition: 'aws', uri: 'https://console.aws.amazon.com/', region: 'us-east-1',
        roleArns: ['arn:aws:iam::444455556666:role/Both', 'arn:aws:iam::444455556666:role/BadSource'], profiles: ['both-sources', 'bad-credential-source'],
        roles: [
          { access: 'assume-role', profile: 'both-sources', file: config, line: 25, roleArn: 'arn:aws:iam::444455556666:role/Both', roleName: 'Both', chain: [], chained: false },
          { access: 'assume-role', profile: 'bad-credential-source', file: config, line: 30, roleArn: 'arn:aws:iam::444455556666:role/BadSource', roleName: 'BadSource', chain: [], chained: false },
        ],
        sources: [],
      },
      {
        name: 'aws-555566667777', accountId: '555566667777', partition: 'aws', uri: 'https://console.aws.amazon.com/', region: 'us-east-1',
        roleArns: ['arn:aws:iam::555566667777:role/Values', 'arn:aws:iam::555566667777:role/Misnamed'], profiles: ['bad-values', 'uses-misnamed'],
        roles: [
          { access: 'assume-role', profile: 'bad-values', file: config, line: 45, roleArn: 'arn:aws:iam::555566667777:role/Values', roleName: 'Values', source: base, chain: ['base'], chained: false },
          { access: 'assume-role', profile: 'uses-misnamed', file: config, line: 53, roleArn: 'arn:aws:iam::555566667777:role/Misnamed', roleName: 'Misnamed', chain: [], chained: false },
        ],
        sources: [base],
      },
    ]);
    expect(plan.keyProfiles).toEqual([
      { profile: 'base', hasStaticKeys: true, hasSessionToken: true, file: credentials, line: 2, usedBy: ['ok', 'aws-555566667777'] },
    ]);
  });

  it('reports a [profile __proto__] section, for which the SDK reads nothing of the file', async () => {
    const { plan } = await load('refused');
    expect(plan.apps).toEqual([]);
    expect(plan.problems).toEqual([{
      code: 'FORBIDDEN_SECTION_NAME', severity: 'error', file: fixture('refused', 'config'), line: 5, section: 'profile __proto__',
      reason: 'the AWS SDK refuses a file with a [profile __proto__] section: nothing in this file is read until it is renamed',
    }]);
  });
});

describe('readAwsSetup: which files', () => {
  it('reads ~/.aws/config and ~/.aws/credentials when no variable names others', async () => {
    const dir = await home({
      config: await readFile(fixture('standard', 'config'), 'utf8'),
      credentials: await readFile(fixture('standard', 'credentials'), 'utf8'),
    });
    const setup = await readAwsSetup({ env: {}, home: dir });
    expect(setup.configFile).toEqual({ kind: 'config', path: join(dir, '.aws', 'config'), found: true });
    expect(setup.credentialsFile).toEqual({ kind: 'credentials', path: join(dir, '.aws', 'credentials'), found: true });
    const fromHome = planImport(setup);
    const fromEnv = (await load('standard')).plan;
    expect(fromHome.apps.map((a) => [a.name, a.roleArns])).toEqual(fromEnv.apps.map((a) => [a.name, a.roleArns]));
  });

  it('prefers AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, "~/" meaning the home directory', async () => {
    const dir = await home({ config: '[profile home-only]\nrole_arn = arn:aws:iam::999999999999:role/Home\ncredential_source = Environment\n' });
    await mkdir(join(dir, 'elsewhere'));
    await copyFile(fixture('partitions', 'config'), join(dir, 'elsewhere', 'config'));
    const setup = await readAwsSetup({
      env: { AWS_CONFIG_FILE: '~/elsewhere/config', AWS_SHARED_CREDENTIALS_FILE: fixture('partitions', 'credentials') },
      home: dir,
    });
    expect(setup.configFile.path).toBe(join(dir, 'elsewhere', 'config'));
    expect(setup.credentialsFile.path).toBe(fixture('partitions', 'credentials'));
    expect(planImport(setup).apps.map((a) => a.name)).toEqual(['gov', 'cn-admin', 'gov-sso']);
  });

  it('takes missing files as empty', async () => {
    const dir = await home({});
    const plan = planImport(await readAwsSetup({ env: {}, home: dir }));
    expect(plan).toEqual({
      configFile: { kind: 'config', path: join(dir, '.aws', 'config'), found: false },
      credentialsFile: { kind: 'credentials', path: join(dir, '.aws', 'credentials'), found: false },
      apps: [], keyProfiles: [], problems: [],
    });
  });

  it('throws AWS_CONFIG_UNREADABLE naming a file that exists but cannot be read', async () => {
    const dir = await home({});
    const notAFile = join(dir, 'a-directory');
    await mkdir(notAFile);
    const err = await readAwsSetup({ env: { AWS_SHARED_CREDENTIALS_FILE: notAFile }, home: dir }).catch((e: unknown) => e);
    expect(isAirlockError(err) && err.code).toBe('AWS_CONFIG_UNREADABLE');
    expect((err as Error).message).toContain(notAFile);
  });
});

describe('section names and settings as the SDK reads them', () => {
  const tricky = {
    config: [
      '[default]', // 1
      'region = us-east-1', // 2
      '[profile default]', // 3
      'region = eu-west-1', // 4
      '[profile "quoted-name"]', // 5
      'role_arn = arn:aws:iam::111122223333:role/Quoted', // 6
      'credential_source = Environment', // 7
      'role_session_name = a#b', // 8: no whitespace before #, not a comment
      '[profile.dotted]', // 9
      'region = eu-west-2', // 10
      's3 =', // 11
      '  max_concurrent_requests = 20', // 12
      'output = json', // 13
      '[plugins]', // 14
      'cli_legacy_plugin_path = /opt/plugins', // 15
      '[services local-sts]', // 16
      'sts =', // 17
      '  endpoint_url = http://localhost:4566', // 18
    ].join('\n'),
    credentials: [
      '[sso-session corp]', // 1
      'sso_region = us-east-1', // 2
      '[ops]', // 3
      'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', // 4
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', // 5
    ].join('\r\n'),
  };

  it('finds sections, settings and their lines', () => {
    const scan = scanAwsIni(tricky.config, 'config');
    expect(scan.sections.map((s) => [s.line, s.type, s.name, s.sdkKey, s.settings.map((x) => `${x.key}@${x.line}`)])).toEqual([
      [1, 'profile', 'default', undefined, ['region@2']],
      [3, 'profile', 'default', 'default', ['region@4']],
      [5, 'profile', 'quoted-name', 'quoted-name', ['role_arn@6', 'credential_source@7', 'role_session_name@8']],
      [9, 'profile', 'dotted', 'dotted', ['region@10', 's3.max_concurrent_requests@12', 'output@13']],
      [14, 'ignored', '', undefined, []],
      [16, 'services', 'local-sts', 'services.local-sts', ['sts.endpoint_url@18']],
    ]);
    expect(scan.problems.map((p) => [p.line, p.code])).toEqual([[1, 'DUPLICATE_PROFILE'], [9, 'NONSTANDARD_SECTION_HEADER']]);
    expect(scan.problems[0]!.reason).toBe('both [default] and [profile default] (line 3) define the default profile: the SDK reads only [profile default]');
    const credentials = scanAwsIni(tricky.credentials, 'credentials');
    expect(credentials.sections.map((s) => [s.line, s.type, s.name])).toEqual([[1, 'ignored', 'corp'], [3, 'profile', 'ops']]);
    expect(credentials.problems.map((p) => [p.line, p.code])).toEqual([[1, 'SECTION_IN_WRONG_FILE']]);
  });

  it('agrees with the SDK parser on which settings each section has', async () => {
    const dirs = [
      { name: 'tricky', config: tricky.config, credentials: tricky.credentials },
      ...await Promise.all(['standard', 'sso', 'partitions', 'malformed'].map(async (d) => ({
        name: d,
        config: await readFile(fixture(d, 'config'), 'utf8'),
        credentials: await readFile(fixture(d, 'credentials'), 'utf8').catch(() => ''),
      }))),
    ];
    for (const d of dirs) {
      const dir = join(scratch, `sdk-${d.name}`);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'config'), d.config);
      await writeFile(join(dir, 'credentials'), d.credentials);
      const sdk = await loadSharedConfigFiles({ configFilepath: join(dir, 'config'), filepath: join(dir, 'credentials'), ignoreCache: true });
      for (const [kind, text, parsed] of [['config', d.config, sdk.configFile], ['credentials', d.credentials, sdk.credentialsFile]] as const) {
        const mine = new Map<string, Set<string>>();
        for (const s of scanAwsIni(text, kind).sections) {
          if (s.sdkKey === undefined) continue;
          const keys = mine.get(s.sdkKey) ?? new Set<string>();
          for (const x of s.settings) keys.add(x.key);
          mine.set(s.sdkKey, keys);
        }
        // In the credentials file the SDK keeps [profile x] and [sso-session x] as keys nothing looks up.
        const unread = kind === 'credentials' ? /^(profile|sso-session|services)\./ : /^$/;
        const theirs = new Map(Object.entries(parsed).filter(([k]) => !unread.test(k)).map(([k, v]) => [k, new Set(Object.keys(v ?? {}))]));
        for (const [k, keys] of mine) if (keys.size === 0) mine.delete(k); // the SDK keeps no empty section
        expect(mine, `${d.name} ${kind}`).toEqual(theirs);
      }
    }
  });
});

describe('app names', () => {
  async function planFor(config: string, existingAppNames: string[] = []): Promise<ImportPlan> {
    const dir = await home({ config });
    return planImport(await readAwsSetup({ env: {}, home: dir }), { existingAppNames });
  }
  const role = (profile: string, account: string, name = 'R'): string =>
    `[profile ${profile}]\nrole_arn = arn:aws:iam::${account}:role/${name}\ncredential_source = Environment\n`;

  it('come from the profiles\' common prefix, else aws-ACCOUNT, and are unique', async () => {
    const plan = await planFor([
      role('team@corp:prod-admin', '111111111111', 'Admin'),
      role('team@corp:prod-read', '111111111111', 'Read'),
      role('default', '222222222222'),
      role('x-one', '333333333333'),
      role('y-two', '333333333333', 'Two'),
      role('Team-corp-prod', '444444444444'),
      role('existing', '555555555555'),
    ].join('\n'), ['existing']);
    expect(plan.apps.map((a) => a.name)).toEqual([
      'team-corp-prod',
      'aws-222222222222',
      'aws-333333333333',
      'aws-444444444444', // "Team-corp-prod" is taken, whatever the case
      'aws-555555555555',
    ]);
    for (const app of plan.apps) expect(app.name).toMatch(APP_NAME);
  });
});

describe('source resolution rules', () => {
  it('follows the SDK: keys end a chain, web identity and credential_process are sources, and reports the rest', async () => {
    const config = [
      '[profile no-source]', // 1
      'role_arn = arn:aws:iam::111111111111:role/NoSource', // 2
      '', // 3
      '[profile sso-with-role]', // 4
      'role_arn = arn:aws:iam::222222222222:role/Ignored', // 5
      'sso_start_url = https://x-example.awsapps.com/start', // 6
      'sso_region = eu-west-1', // 7
      'sso_account_id = 222222222222', // 8
      'sso_role_name = Viewer', // 9
      '', // 10
      '[profile empty-source]', // 11
      'region = eu-west-1', // 12
      '[profile via-empty]', // 13
      'role_arn = arn:aws:iam::333333333333:role/Empty', // 14
      'source_profile = empty-source', // 15
      '', // 16
      '[profile ci]', // 17
      'role_arn = arn:aws:iam::444444444444:role/Ci', // 18
      'web_identity_token_file = /var/run/token', // 19
      '[profile via-ci]', // 20
      'role_arn = arn:aws:iam::444444444444:role/FromCi', // 21
      'source_profile = ci', // 22
      'mfa_serial = arn:aws:iam::444444444444:mfa/one', // 23
      '[profile via-keys-and-role]', // 24
      'role_arn = arn:aws:iam::444444444444:role/FromKeys', // 25
      'source_profile = keys-and-role', // 26
      'mfa_serial = arn:aws:iam::444444444444:mfa/two', // 27
      '', // 28
      '[profile loop-with-keys]', // 29
      'role_arn = arn:aws:iam::555555555555:role/A', // 30
      'source_profile = loop-other', // 31
      '[profile loop-other]', // 32
      'role_arn = arn:aws:iam::555555555555:role/B', // 33
      'source_profile = loop-with-keys', // 34
      '', // 35
      '[sso-session half]', // 36
      'sso_start_url = https://half-example.awsapps.com/start', // 37
      '[profile uses-half]', // 38
      'sso_session = half', // 39
      'sso_account_id = 666666666666', // 40
      'sso_role_name = Admin', // 41
      '[profile bad-account]', // 42
      'sso_start_url = https://x-example.awsapps.com/start', // 43
      'sso_region = eu-west-1', // 44
      'sso_account_id = 12345', // 45
      'sso_role_name = Admin', // 46
    ].join('\n');
    const credentials = [
      '[keys-and-role]',
      'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'role_arn = arn:aws:iam::777777777777:role/SelfAssumed',
      'source_profile = keys-and-role',
      '[loop-with-keys]',
      'aws_access_key_id = AKIAI44QH8DHBEXAMPLE',
      'aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
    ].join('\n');
    const dir = await home({ config, credentials });
    const plan = planImport(await readAwsSetup({ env: {}, home: dir }));

    const roles = plan.apps.flatMap((a) => a.roles.map((r) => [
      a.name, r.profile, r.access, r.source ? JSON.stringify(r.source) : '-', r.chain.join('>'), r.chainedBy ?? '-',
    ]));
    expect(roles).toEqual([
      ['no-source', 'no-source', 'assume-role', '-', '', '-'],
      ['sso-with-role', 'sso-with-role', 'sso', '{"kind":"sso","profile":"sso-with-role","startUrl":"https://x-example.awsapps.com/start","region":"eu-west-1","accountId":"222222222222","roleName":"Viewer"}', '', '-'],
      ['via-empty', 'via-empty', 'assume-role', '-', 'empty-source', '-'],
      ['aws-444444444444', 'ci', 'assume-role', '{"kind":"profile","profile":"ci","hasStaticKeys":false,"provider":"web_identity"}', '', '-'],
      ['aws-444444444444', 'via-ci', 'assume-role', '{"kind":"profile","profile":"ci","hasStaticKeys":false,"provider":"web_identity"}', 'ci', 'web-identity'],
      ['aws-444444444444', 'via-keys-and-role', 'assume-role', '{"kind":"profile","profile":"keys-and-role","hasStaticKeys":true}', 'keys-and-role', '-'],
      ['loop', 'loop-with-keys', 'assume-role', '{"kind":"profile","profile":"loop-with-keys","hasStaticKeys":true}', 'loop-other>loop-with-keys', 'role-profile'],
      ['loop', 'loop-other', 'assume-role', '{"kind":"profile","profile":"loop-with-keys","hasStaticKeys":true}', 'loop-with-keys', '-'],
      ['uses-half', 'uses-half', 'sso', '-', '', '-'],
      ['keys-and-role', 'keys-and-role', 'assume-role', '{"kind":"profile","profile":"keys-and-role","hasStaticKeys":true}', 'keys-and-role', '-'],
    ]);
    expect(plan.apps.find((a) => a.accountId === '444444444444')!.mfaSerial).toBeUndefined();
    expect(plan.problems.map((p) => [p.line, p.code, p.reason])).toEqual([
      [2, 'NO_ROLE_SOURCE', 'role_arn of profile "no-source" has no source_profile or credential_source: Airlock will assume it with the credentials you give the app'],
      [5, 'ROLE_ARN_IGNORED', 'profile "sso-with-role" has role_arn but no source_profile or credential_source: the AWS CLI signs in with its SSO settings and ignores role_arn'],
      [15, 'SOURCE_WITHOUT_CREDENTIALS', 'source_profile "empty-source" of profile "via-empty" has no credentials (keys, credential_source, SSO or credential_process)'],
      [36, 'SSO_INCOMPLETE', '[sso-session half] lacks sso_region'],
      [45, 'BAD_ACCOUNT_ID', 'sso_account_id "12345" is not a 12-digit account id'],
      [undefined, 'MFA_SERIAL_DIFFERS', 'the roles of account 444444444444 use different mfa_serial values (arn:aws:iam::444444444444:mfa/one, arn:aws:iam::444444444444:mfa/two): an app has one MFA device, so none is set'],
    ]);
  });
});
