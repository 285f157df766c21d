import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyImport, draftImport, planKeyCopies } from '../../main/core/apps/aws-config-apply';
import type { AppDraft, DraftOptions, ImportDraft, KeyVault, RoleDraft } from '../../main/core/apps/aws-config-apply';
import { planImport, readAwsSetup } from '../../main/core/apps/aws-config-import';
import type { AwsSetup, ImportPlan } from '../../main/core/apps/aws-config-import';
import { AppStore } from '../../main/core/apps/store';
import { AirlockError } from '../../main/core/errors';
import type { VaultData } from '../../main/core/credentials/vault';

/**
 * The mapping of "import existing AWS setup": which apps and roles an import creates from the
 * sample files, with which source, MFA device, duration and external id, and what it leaves out
 * and why; then applyImport against a real AppStore and an in-memory vault.
 */

const FIXTURES = fileURLToPath(new URL('../fixtures/aws-config/', import.meta.url));
const fixture = (dir: string, file: 'config' | 'credentials'): string => join(FIXTURES, dir, file);

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'airlock-aws-apply-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

interface Loaded { setup: AwsSetup; plan: ImportPlan; draft: ImportDraft }

async function loadFiles(config: string, credentials: string, options: DraftOptions = {}): Promise<Loaded> {
  const setup = await readAwsSetup({ env: { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials }, home: join(scratch, 'no-home') });
  const plan = planImport(setup, { existingAppNames: (options.existingApps ?? []).map((a) => a.name) });
  return { setup, plan, draft: draftImport(setup, plan, options) };
}

const load = (dir: string, options: DraftOptions = {}): Promise<Loaded> => loadFiles(fixture(dir, 'config'), fixture(dir, 'credentials'), options);

let written = 0;
/** A config (and credentials) file of a test's own. */
async function loadText(config: string, credentials = '', options: DraftOptions = {}): Promise<Loaded> {
  const dir = join(scratch, `files-${++written}`);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'config'), config);
  await writeFile(join(dir, 'credentials'), credentials);
  return loadFiles(join(dir, 'config'), join(dir, 'credentials'), options);
}

const app = (draft: ImportDraft, planned: string): AppDraft => {
  const found = draft.apps.find((a) => a.planned === planned);
  if (!found) throw new Error(`no planned app ${planned}: ${draft.apps.map((a) => a.planned).join(', ')}`);
  return found;
};
const role = (a: AppDraft, profile: string): RoleDraft => a.roles.find((r) => r.profile === profile)!;
const warnings = (r: { notes: { level: string; text: string }[] }): string[] => r.notes.filter((n) => n.level === 'warning').map((n) => n.text);

async function thrown(fn: () => unknown): Promise<AirlockError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof AirlockError) return err;
    throw err;
  }
  throw new Error('expected an AirlockError');
}

describe('the standard sample: static keys, a chained source, credential_source, credential_process', () => {
  it('gives one app per account, with the shared source and MFA app-level and the rest per role', async () => {
    const { draft } = await load('standard');
    expect(draft.apps.map((a) => [a.planned, a.status])).toEqual([
      ['acme-prod', 'ready'], ['hub', 'ready'], ['partner-audit', 'ready'], ['aws-555566667777', 'ready'], ['self-keys', 'ready'],
    ]);
    expect(app(draft, 'acme-prod').app).toEqual({
      name: 'acme-prod',
      uri: 'https://console.aws.amazon.com/',
      region: 'eu-west-1',
      accountId: '111122223333',
      roleArns: ['arn:aws:iam::111122223333:role/Admin', 'arn:aws:iam::111122223333:role/ops/ReadOnly'],
      mfaSerial: 'arn:aws:iam::999988887777:mfa/alice',
      source: { kind: 'profile', profile: 'keys-user' },
      roleSettings: {
        'arn:aws:iam::111122223333:role/Admin': { durationSeconds: 7200 },
        'arn:aws:iam::111122223333:role/ops/ReadOnly': { externalId: 'acme-external-7' },
      },
    });
    expect(role(app(draft, 'acme-prod'), 'acme-prod-readonly').notes).toEqual([
      { level: 'info', text: 'role_session_name "alice.readonly" is not kept: Airlock names sessions after you' },
    ]);
  });

  it('gives a chained role the nearest source profile, so the SDK assumes the roles in between', async () => {
    const { draft } = await load('standard');
    const audit = app(draft, 'partner-audit');
    // keys-user → Hub → Auditor: Auditor trusts Hub's session, so Airlock assumes it with profile "hub".
    expect(audit.app?.source).toEqual({ kind: 'profile', profile: 'hub' });
    expect(role(audit, 'partner-audit')).toMatchObject({
      imported: true, chain: ['hub', 'keys-user'], chained: true, chainedBy: 'role-profile', durationSeconds: 3600,
      sourceText: 'keys of profile "keys-user"',
    });
    expect(role(audit, 'partner-audit').keysProfile).toBeUndefined();
  });

  it('keeps a source per role when the roles of an account differ, credential_source and credential_process included', async () => {
    const { draft } = await load('standard');
    const mixed = app(draft, 'aws-555566667777');
    expect(mixed.app?.source).toBeUndefined();
    expect(mixed.app?.roleSettings).toEqual({
      'arn:aws:iam::555566667777:role/Deployer': { source: { kind: 'credential_source', value: 'Ec2InstanceMetadata' } },
      'arn:aws:iam::555566667777:role/EnvDeployer': { source: { kind: 'credential_source', value: 'Environment' } },
      'arn:aws:iam::555566667777:role/ProcRole': { source: { kind: 'profile', profile: 'proc' } },
      // ecs-base has credential_source and no role_arn: the SDK's fromIni refuses it on its own, so the value itself.
      'arn:aws:iam::555566667777:role/FromEcs': { source: { kind: 'credential_source', value: 'EcsContainer' } },
    });
    expect(mixed.movableKeys).toBeUndefined();
    expect(mixed.notes.map((n) => n.text)).toEqual(['its roles get their credentials from different sources: each role keeps its own']);
  });

  it('gives a profile assuming its own role with its own keys no profile source (fromIni would assume the role), only its keys', async () => {
    const { draft } = await load('standard');
    const self = app(draft, 'self-keys');
    expect(self.app?.source).toBeUndefined();
    expect(self.movableKeys).toBe('self-keys');
    expect(warnings(role(self, 'self-keys'))[0]).toMatch(/^profile "self-keys" has keys but also assumes a role/);
  });

  it('tells which apps may take a key profile\'s keys: only those assumed with them directly', async () => {
    const { draft } = await load('standard');
    expect(draft.keyProfiles.map((k) => [k.profile, k.usedBy, k.movableTo])).toEqual([
      ['default', [], []],
      ['self-keys', ['self-keys'], ['self-keys']],
      ['keys-user', ['acme-prod', 'hub', 'partner-audit'], ['acme-prod', 'hub']],
    ]);
    expect(planKeyCopies(draft, ['keys-user'])).toEqual([{
      profile: 'keys-user',
      to: ['acme-prod', 'hub'],
      notCopied: [{ app: 'partner-audit', reason: 'its roles reach "keys-user" through other profiles (partner-audit → hub → keys-user), which resolve it from the AWS files at login' }],
    }]);
    const err = await thrown(() => planKeyCopies(draft, ['hub', 'nope']));
    expect(err.code).toBe('NOT_A_KEY_PROFILE');
    expect(err.message).toBe('"hub", "nope" are not profiles with long-lived keys in the AWS files');
  });
});

describe('SSO sessions', () => {
  it('leaves SSO-only profiles out with why, and imports a role assumed from one with that profile as source', async () => {
    const { draft } = await load('sso');
    const corp = app(draft, 'corp-dev');
    expect(corp.status).toBe('ready');
    expect(role(corp, 'corp-dev')).toMatchObject({ access: 'sso', imported: false });
    expect(role(corp, 'corp-dev').reason).toBe('an IAM Identity Center (SSO) profile: it signs in to permission set "Developer" directly, and Airlock ' +
      'assumes IAM roles with sts:AssumeRole (a permission set has no role ARN in the files). It still works as a source: profiles with source_profile = corp-dev are imported');
    expect(corp.app).toEqual({
      name: 'corp-dev',
      uri: 'https://console.aws.amazon.com/',
      region: 'us-west-2',
      accountId: '111122223333',
      roleArns: ['arn:aws:iam::111122223333:role/Deployer'],
      source: { kind: 'profile', profile: 'corp-dev' },
      // duration_seconds 7200 of a chained role: STS would refuse it.
      roleSettings: { 'arn:aws:iam::111122223333:role/Deployer': { durationSeconds: 3600 } },
    });
    expect(warnings(role(corp, 'corp-dev-deployer'))).toEqual(['duration_seconds 7200 lowered to 3600: role chaining caps the session at 1 hour']);
    expect(draft.apps.filter((a) => a.status === 'not-importable').map((a) => [a.planned, a.reason])).toEqual([
      ['legacy-ops', 'only IAM Identity Center (SSO) permission sets, which Airlock cannot assume: see each role'],
      ['lost-session', 'only IAM Identity Center (SSO) permission sets, which Airlock cannot assume: see each role'],
      ['conflicting', 'only IAM Identity Center (SSO) permission sets, which Airlock cannot assume: see each role'],
    ]);
    // A broken SSO profile is no source either: its reason does not offer it as one.
    expect(role(app(draft, 'lost-session'), 'lost-session').reason).not.toMatch(/source/);
  });
});

describe('malformed sections', () => {
  it('imports what the SDK reads, says which line changed it, and leaves out roles whose source is broken, quoting the problem', async () => {
    const { draft } = await load('malformed');
    const config = fixture('malformed', 'config');
    expect(draft.apps.map((a) => [a.planned, a.status])).toEqual([
      ['ok', 'ready'], ['missing-source', 'not-importable'], ['loop', 'not-importable'], ['aws-444455556666', 'not-importable'], ['aws-555566667777', 'ready'],
    ]);
    // "[profile broken" has no "]": the SDK reads its role_arn as part of [profile ok].
    expect(app(draft, 'ok').app?.roleArns).toEqual(['arn:aws:iam::111122223333:role/Hijacked']);
    expect(warnings(role(app(draft, 'ok'), 'ok'))).toEqual([
      '"[profile broken" is not a section header (no closing "]"): the settings below it are read as part of [profile ok] (config file line 5): check what was read for it',
    ]);
    const reasons = draft.apps.flatMap((a) => a.roles.filter((r) => !r.imported).map((r) => [r.profile, r.reason]));
    expect(reasons).toEqual([
      ['missing-source', 'its source credentials could not be worked out: source_profile "does-not-exist" of profile "missing-source" names no profile (config file line 14)'],
      ['loop-a', 'its source credentials could not be worked out: source_profile goes round in a circle: loop-a → loop-b → loop-a (config file line 22)'],
      ['loop-b', 'its source credentials could not be worked out: source_profile goes round in a circle: loop-a → loop-b → loop-a (config file line 22)'],
      ['both-sources', 'its source credentials could not be worked out: profile "both-sources" has both source_profile and credential_source: the AWS CLI and SDK refuse it (config file line 27)'],
      ['bad-credential-source', 'its source credentials could not be worked out: credential_source "Laptop" of profile "bad-credential-source" is not Environment, Ec2InstanceMetadata or EcsContainer (config file line 31)'],
      ['uses-misnamed', `its source credentials could not be worked out: source_profile "misnamed" of profile "uses-misnamed" names no profile (${fixture('malformed', 'credentials')} line 5 has [profile misnamed], which is not read as that profile) (config file line 54)`],
    ]);
    // duration_seconds 60 was refused by the plan (a warning there): no setting carried.
    expect(app(draft, 'aws-555566667777').app).toMatchObject({ roleArns: ['arn:aws:iam::555566667777:role/Values'], source: { kind: 'profile', profile: 'base' } });
    expect(app(draft, 'aws-555566667777').app?.roleSettings).toBeUndefined();
    expect(draft.problems.filter((p) => p.file === config).length).toBeGreaterThan(5);
  });
});

describe('partitions', () => {
  it('keeps GovCloud and China apps apart with partition-consistent ARNs and console URIs', async () => {
    const { draft } = await load('partitions');
    expect(draft.apps.map((a) => [a.planned, a.status, a.app?.uri, a.app?.region, a.app?.roleArns])).toEqual([
      ['gov', 'ready', 'https://console.amazonaws-us-gov.com/', 'us-gov-east-1',
        ['arn:aws-us-gov:iam::111122223333:role/GovAdmin', 'arn:aws-us-gov:iam::111122223333:role/GovRead']],
      ['cn-admin', 'ready', 'https://console.amazonaws.cn/', 'cn-northwest-1', ['arn:aws-cn:iam::111122223333:role/CnAdmin']],
      ['gov-sso', 'not-importable', undefined, undefined, undefined],
    ]);
  });
});

describe('source rules beyond the samples', () => {
  it('imports a role without a source (the app\'s credentials), skips web identity roles, keeps MFA per role when roles differ', async () => {
    const { draft } = await loadText([
      '[profile bare]',
      'role_arn = arn:aws:iam::111111111111:role/Bare',
      'mfa_serial = arn:aws:iam::111111111111:mfa/one',
      '[profile keyed]',
      'role_arn = arn:aws:iam::111111111111:role/Keyed',
      'source_profile = keys',
      '[profile ci]',
      'role_arn = arn:aws:iam::111111111111:role/Ci',
      'web_identity_token_file = /var/run/token',
      '[profile twin]',
      'role_arn = arn:aws:iam::111111111111:role/Keyed',
      'source_profile = keys',
      'external_id = other-id',
    ].join('\n'), '[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    const a = draft.apps[0]!;
    expect(a.app).toEqual({
      name: 'aws-111111111111',
      uri: 'https://console.aws.amazon.com/',
      region: 'us-east-1',
      accountId: '111111111111',
      roleArns: ['arn:aws:iam::111111111111:role/Bare', 'arn:aws:iam::111111111111:role/Keyed'],
      roleSettings: {
        'arn:aws:iam::111111111111:role/Bare': { mfaSerial: 'arn:aws:iam::111111111111:mfa/one' },
        'arn:aws:iam::111111111111:role/Keyed': { source: { kind: 'profile', profile: 'keys' } },
      },
    });
    expect(warnings(role(a, 'bare'))).toEqual(["no source_profile or credential_source: assumed with the app's credentials (keys stored in Airlock's vault, else the standard AWS chain)"]);
    expect(role(a, 'ci').reason).toMatch(/web identity token \(AssumeRoleWithWebIdentity\)/);
    expect(role(a, 'twin')).toMatchObject({ imported: false, reason: 'same role as profile "keyed" with other settings: an app keeps one set per role, those of "keyed"' });
    // The role without a source would take keys stored for the app: keys may go there.
    expect(a.movableKeys).toBe('keys');
  });

  it('warns when a role of the chain needs MFA, which no one can enter for a source', async () => {
    const { draft } = await loadText([
      '[profile mid]',
      'role_arn = arn:aws:iam::111111111111:role/Mid',
      'source_profile = keys',
      'mfa_serial = arn:aws:iam::999999999999:mfa/me',
      '[profile far]',
      'role_arn = arn:aws:iam::222222222222:role/Far',
      'source_profile = mid',
    ].join('\n'), '[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    const far = draft.apps.find((x) => x.accountId === '222222222222')!;
    expect(far.app?.source).toEqual({ kind: 'profile', profile: 'mid' });
    expect(warnings(role(far, 'far'))).toEqual(['profile "mid" of its chain needs an MFA code (mfa_serial), which Airlock cannot enter for a source: logins will fail']);
  });
});

describe('selection, renames and names', () => {
  const existing = [{ name: 'Hub', partition: 'aws' as const, roleArns: [], accountId: '444455556666' }];

  it('leaves out accounts Airlock has unless chosen by name, and renames', async () => {
    const { draft } = await load('standard', { existingApps: existing });
    expect(app(draft, 'aws-444455556666').status).toBe('exists');
    expect(app(draft, 'aws-444455556666').reason).toBe('Airlock already has an app for account 444455556666 (Hub): select it by name to import it anyway');
    const chosen = (await load('standard', { existingApps: existing, selection: { apps: ['aws-444455556666', 'acme-prod'], renames: { 'acme-prod': 'acme' } } })).draft;
    expect(chosen.apps.map((a) => [a.planned, a.name, a.status])).toEqual([
      ['acme-prod', 'acme', 'ready'], ['aws-444455556666', 'aws-444455556666', 'ready'], ['partner-audit', 'partner-audit', 'not-selected'],
      ['aws-555566667777', 'aws-555566667777', 'not-selected'], ['self-keys', 'self-keys', 'not-selected'],
    ]);
    expect(app(chosen, 'acme-prod').app?.name).toBe('acme');
    expect(app(chosen, 'aws-444455556666').notes[0]?.text).toBe('Airlock already has "Hub" for account 444455556666');
    // Key targets follow the new names.
    expect(planKeyCopies(chosen, ['keys-user'])[0]?.to).toEqual(['acme', 'aws-444455556666']);
  });

  it('refuses, before anything is written, unknown apps, renames of unselected apps, and names invalid, taken or given twice', async () => {
    const cases: [DraftOptions['selection'], string, RegExp][] = [
      [{ apps: ['nope'] }, 'NOT_IN_IMPORT_PLAN', /no app named "nope" in the import plan/],
      [{ apps: ['aws-444455556666'], renames: { 'acme-prod': 'acme' } }, 'RENAME_NOT_SELECTED', /renamed app "acme-prod" is not selected/],
      [{ renames: { 'aws-444455556666': 'hub-again' } }, 'RENAME_NOT_SELECTED',
        /renamed app "aws-444455556666" is not imported: Airlock already has an app for account 444455556666/],
      [{ renames: { 'acme-prod': 'hub' } }, 'IMPORT_NAME_CONFLICT', /"hub" \(for acme-prod\) is taken by app "Hub", which is never overwritten/],
      [{ renames: { 'acme-prod': 'x y' } }, 'IMPORT_NAME_CONFLICT', /"x y" \(for acme-prod\) is not a valid app name/],
      [{ renames: { 'acme-prod': 'same', 'self-keys': 'Same' } }, 'IMPORT_NAME_CONFLICT', /"Same" is given to both acme-prod and self-keys/],
    ];
    for (const [selection, code, message] of cases) {
      const err = await thrown(() => load('standard', { existingApps: existing, ...(selection ? { selection } : {}) }));
      expect([err.code, err.message]).toEqual([code, expect.stringMatching(message)]);
    }
  });
});

/** An in-memory vault with the Vault's update semantics (a private copy, kept only when fn returns). */
function memoryVault(options: { failUpdate?: boolean; locked?: boolean } = {}): KeyVault & { data: VaultData } {
  const data: VaultData = new Map();
  return {
    data,
    keys: async (prefix = '') => {
      if (options.locked) throw new AirlockError('VAULT_LOCKED', 'wrong passphrase');
      return [...data.keys()].filter((k) => k.startsWith(prefix));
    },
    update: async (fn) => {
      if (options.failUpdate) throw new AirlockError('VAULT_BUSY', 'the vault is locked by another process');
      const copy: VaultData = new Map(data);
      const out = await fn(copy);
      data.clear();
      for (const [k, v] of copy) data.set(k, v);
      return out;
    },
  };
}

describe('applyImport', () => {
  const home = async (): Promise<string> => mkdtemp(join(scratch, 'home-'));

  it('creates the ready apps as drafted, reports what it left out, and copies keys only where asked and right', async () => {
    const { setup, draft } = await load('standard');
    const before = await readFile(fixture('standard', 'credentials'));
    const store = new AppStore(await home());
    const vault = memoryVault();
    const result = await applyImport({ setup, draft, store, moveKeys: ['keys-user'], vault: async () => vault, now: () => new Date('2030-01-02T03:04:05Z') });
    expect(result.created.map((c) => [c.name, c.roles, c.source])).toEqual([
      ['acme-prod', ['Admin', 'ReadOnly'], 'AWS profile "keys-user"'],
      ['hub', ['Hub'], 'AWS profile "keys-user"'],
      ['partner-audit', ['Auditor'], 'AWS profile "hub"'],
      ['aws-555566667777', ['Deployer', 'EnvDeployer', 'ProcRole', 'FromEcs'], undefined],
      ['self-keys', ['SelfAssumed'], undefined],
    ]);
    expect(store.get('acme-prod')).toMatchObject({ ...app(draft, 'acme-prod').app, partition: 'aws', labels: {}, endpoints: {} });
    expect(result.keys).toEqual([{
      profile: 'keys-user', copiedTo: ['acme-prod', 'hub'],
      notCopied: [{ app: 'partner-audit', reason: expect.stringMatching(/through other profiles/) }],
    }]);
    expect([...vault.data.keys()]).toEqual(['source/acme-prod', 'source/hub']);
    expect(vault.data.get('source/hub')).toEqual({
      accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', storedAt: '2030-01-02T03:04:05.000Z',
    });
    expect(result.credentialsFile).toEqual({ path: fixture('standard', 'credentials'), changed: false });
    expect(await readFile(fixture('standard', 'credentials'))).toEqual(before);
    // Neither the preview nor the result carries a key.
    const json = JSON.stringify({ draft, result });
    for (const secret of ['je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'FakeSelfSecretKeyEXAMPLEKEYfakeSelfSecret0', 'FakeSessionTokenEXAMPLEfakeSessionToken0']) {
      expect(json).not.toContain(secret);
    }
  });

  it('opens no vault without --move-keys, reports not-importable apps and never replaces an app added meanwhile', async () => {
    const { setup, draft } = await load('sso');
    const store = new AppStore(await home());
    store.add({ name: 'corp-dev', uri: 'https://console.aws.amazon.com/' }); // after the draft: a race
    const result = await applyImport({ setup, draft, store, vault: async () => { throw new Error('no vault wanted'); } });
    expect(result.created).toEqual([]);
    expect(result.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['corp-dev', 'an app named "corp-dev" already exists'],
      ['legacy-ops', expect.stringMatching(/^only IAM Identity Center/)],
      ['lost-session', expect.stringMatching(/^only IAM Identity Center/)],
      ['conflicting', expect.stringMatching(/^only IAM Identity Center/)],
    ]);
    expect(store.get('corp-dev').roleArns).toEqual([]);
  });

  it('writes nothing when the vault cannot be read, and keeps the apps when only writing the keys fails', async () => {
    const { setup, draft } = await load('partitions');
    const lockedStore = new AppStore(await home());
    const err = await thrown(() => applyImport({ setup, draft, store: lockedStore, moveKeys: ['gov-keys'], vault: async () => memoryVault({ locked: true }) }));
    expect(err.code).toBe('VAULT_LOCKED');
    expect(lockedStore.list()).toEqual([]);

    const store = new AppStore(await home());
    const result = await applyImport({ setup, draft, store, moveKeys: ['gov-keys', 'cn-keys'], vault: async () => memoryVault({ failUpdate: true }) });
    expect(result.created.map((c) => c.name)).toEqual(['gov', 'cn-admin']);
    expect(result.keys.map((k) => [k.profile, k.copiedTo])).toEqual([['gov-keys', []], ['cn-keys', []]]);
    expect(result.keysError).toEqual({
      code: 'VAULT_BUSY', message: 'the vault is locked by another process',
      hint: 'the apps were created; store their keys later with: airlock credentials set APP --access-key-id ID',
    });
  });

  it('copies temporary keys with their session token into the app that assumes its role with them', async () => {
    const { setup, draft } = await load('standard', { selection: { apps: ['self-keys'] } });
    const vault = memoryVault();
    const result = await applyImport({ setup, draft, store: new AppStore(await home()), moveKeys: ['self-keys'], vault: async () => vault });
    expect(result.keys).toEqual([{ profile: 'self-keys', copiedTo: ['self-keys'], notCopied: [] }]);
    expect(vault.data.get('source/self-keys')).toMatchObject({ accessKeyId: 'AKIAFAKESELFKEYEXAMPLE', sessionToken: 'FakeSessionTokenEXAMPLEfakeSessionToken0' });
  });
});
