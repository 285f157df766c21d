import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../main/core/apps/store';
import { IdentityStore } from '../../main/core/policy/identity';
import { managedPolicyPath } from '../../main/core/policy/managed';
import { offeredRoles } from '../../main/core/policy/offered';
import { PolicyStore } from '../../main/core/policy/store';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'airlock-policy-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) {
    try { chmodSync(join(d, 'admin', 'policy.yaml'), 0o644); } catch { /* not there */ }
    rmSync(d, { recursive: true, force: true });
  }
});

const role = (name: string, arn: string, labels = "{'*': '*'}"): string =>
  `kind: role\nversion: v7\nmetadata: {name: ${name}}\nspec:\n  allow:\n    app_labels: ${labels}\n    aws_role_arns: ['${arn}']\n`;

const DEV = 'arn:aws:iam::123456789012:role/Dev';
const OPS = 'arn:aws:iam::123456789012:role/Ops';
const ADMIN = 'arn:aws:iam::123456789012:role/Admin';

function setup(): { home: string; src: string; store: PolicyStore; managed: string } {
  const root = tmp();
  const home = join(root, 'home');
  const src = join(root, 'src');
  mkdirSync(src);
  mkdirSync(join(root, 'admin'));
  const managed = join(root, 'admin', 'policy.yaml');
  return { home, src, store: new PolicyStore(home, { env: { AIRLOCK_MANAGED_POLICY: managed } }), managed };
}

describe('PolicyStore', () => {
  it('imports a valid file into AIRLOCK_HOME/policy, lists, loads and removes it', async () => {
    const { home, src, store } = setup();
    const file = join(src, 'team.yaml');
    writeFileSync(file, role('dev', DEV));
    const info = await store.import(file);
    expect(info).toEqual({ name: 'team.yaml', path: join(home, 'policy', 'team.yaml'), roles: ['dev'], users: [] });
    expect(readFileSync(info.path, 'utf8')).toBe(readFileSync(file, 'utf8'));
    expect(await store.list()).toEqual([info]);
    const loaded = await store.load();
    expect(loaded.roles.map((r) => r.name)).toEqual(['dev']);
    expect(loaded.files).toEqual([info.path]);
    expect(loaded.errors).toEqual([]);
    await store.remove('team.yaml');
    expect(await store.list()).toEqual([]);
    await expect(store.remove('team.yaml')).rejects.toMatchObject({ code: 'NO_SUCH_POLICY' });
  });

  it('keeps the previous policy when an invalid file is imported under the same name', async () => {
    const { src, store } = setup();
    const file = join(src, 'team.yaml');
    writeFileSync(file, role('dev', DEV));
    await store.import(file);
    writeFileSync(file, `${role('dev', DEV)}---\nkind: role\nversion: v7\nmetadata: {name: broken}\nspec:\n  allow:\n    aws_role_arns: ['{{email.domain(external.email)}}']\n`);
    await expect(store.import(file)).rejects.toMatchObject({
      code: 'POLICY_INVALID',
      message: expect.stringMatching(/team\.yaml line 14: spec\.allow\.aws_role_arns\[0\]: unknown template function "email\.domain"/),
    });
    const loaded = await store.load();
    expect(loaded.roles.map((r) => r.name)).toEqual(['dev']);
    expect(await store.list()).toEqual([expect.objectContaining({ name: 'team.yaml', roles: ['dev'] })]);
  });

  it('refuses a missing file and stores odd names safely', async () => {
    const { src, store } = setup();
    await expect(store.import(join(src, 'nope.yaml'))).rejects.toMatchObject({ code: 'NO_SUCH_FILE' });
    const odd = join(src, 'my policy (1).txt');
    writeFileSync(odd, role('odd', DEV));
    expect((await store.import(odd)).name).toBe('my-policy-1-.txt.yaml');
  });

  it('merges the managed file with imported ones and never writes it', async () => {
    const { src, store, managed } = setup();
    writeFileSync(managed, `${role('org-ops', OPS)}---\nkind: role\nversion: v7\nmetadata: {name: org-deny}\nspec:\n  deny:\n    aws_role_arns: ['${ADMIN}']\n`);
    chmodSync(managed, 0o444);
    const before = { text: readFileSync(managed, 'utf8'), mtime: statSync(managed).mtimeMs };
    const file = join(src, 'mine.yaml');
    writeFileSync(file, `${role('mine', DEV)}---\n${role('wants-admin', ADMIN)}`);
    await store.import(file);

    const loaded = await store.load();
    expect(loaded.files).toEqual([managed, join(store.dir, 'mine.yaml')]);
    expect(loaded.roles.map((r) => r.name)).toEqual(['org-ops', 'org-deny', 'mine', 'wants-admin']);
    expect(loaded.errors).toEqual([]);
    // the managed deny applies to what the user imported
    const app = buildApp({ name: 'prod', uri: 'https://console.aws.amazon.com/' });
    expect(offeredRoles(app, loaded, { user: 'me', external: {} }).roles.map((r) => r.arn)).toEqual([OPS, DEV]);

    await store.list();
    await store.remove('mine.yaml');
    expect(readFileSync(managed, 'utf8')).toBe(before.text);
    expect(statSync(managed).mtimeMs).toBe(before.mtime);
    expect(readdirSync(join(managed, '..'))).toEqual(['policy.yaml']);
    expect(await store.list()).toEqual([]); // list() shows imported files only
  });

  it('reports an invalid managed file by name while the user files still load', async () => {
    const { src, store, managed } = setup();
    writeFileSync(managed, 'kind: role\nversion: v3\nmetadata: {name: old}\n');
    const file = join(src, 'mine.yaml');
    writeFileSync(file, role('mine', DEV));
    await store.import(file);
    const loaded = await store.load();
    expect(loaded.roles.map((r) => r.name)).toEqual(['mine']);
    expect(loaded.errors).toEqual([{
      file: managed,
      managed: true,
      message: expect.stringContaining(`${managed} line 2: version: version "v3" of kind role is not supported`),
    }]);
    expect(loaded.errors[0]!.message).toContain(`managed policy ${managed} is invalid`);
  });

  it('keeps the last valid version of a file in force when it breaks: a broken file never drops its deny rules', async () => {
    const { src, store, managed, home } = setup();
    const deny = 'kind: role\nversion: v7\nmetadata: {name: no-admin}\nspec:\n  deny:\n    aws_role_arns: [\'' + ADMIN + '\']\n';
    writeFileSync(managed, deny);
    const file = join(src, 'team.yaml');
    writeFileSync(file, role('team', DEV) + '---\n' + role('admins', ADMIN));
    const { path } = await store.import(file);
    const app = buildApp({ name: 'prod', uri: 'https://console.aws.amazon.com/', labels: { env: 'prod' } });
    const offered = async (): Promise<string[]> => offeredRoles(app, await store.load(), { user: 'alice', external: {} }).roles.map((r) => r.arn);
    expect(await offered()).toEqual([DEV]);

    // The administrator's file and the user's imported file both break (a bad edit, half a save).
    writeFileSync(managed, 'kind: role\nversion: v7\nmetadata: {name: no-admin}\nspec:\n  deny: [\n');
    writeFileSync(path, role('team', DEV).replace('version: v7', 'version: v9'));
    const loaded = await store.load();
    expect(loaded.errors.map((e) => [e.file, e.previousInForce])).toEqual([[managed, true], [path, true]]);
    for (const e of loaded.errors) expect(e.message).toContain('Its last valid version stays in force until the file is fixed.');
    expect(loaded.files).toEqual([managed, path]);
    expect(await offered()).toEqual([DEV]); // Admin stays denied

    // Fixed again: the new version is in force (and becomes the last valid one).
    writeFileSync(managed, role('ops', OPS));
    writeFileSync(path, readFileSync(file));
    expect(await offered()).toEqual([OPS, DEV, ADMIN]);
    // Removed by the administrator: no managed policy any more, not its last version.
    rmSync(managed);
    expect((await store.load()).files).toEqual([path]);
    writeFileSync(managed, 'kind: nonsense\n');
    expect((await store.load()).errors).toEqual([expect.objectContaining({ file: managed, managed: true })]);
    expect((await store.load()).errors[0]!.previousInForce).toBeUndefined();
    // The last-good copies live under the policy folder, out of list() and load()'s own files.
    expect(readdirSync(join(home, 'policy')).sort()).toEqual(['.last-good', 'team.yaml']);
    await store.remove('team.yaml');
    expect(readdirSync(join(home, 'policy', '.last-good'))).toEqual([]);
  });

  it('loads nothing, without errors, when there is no managed file and nothing imported', async () => {
    const { store } = setup();
    expect(await store.load()).toEqual({ roles: [], users: [], files: [], errors: [] });
  });
});

describe('managedPolicyPath', () => {
  it('is per OS, overridable with AIRLOCK_MANAGED_POLICY', () => {
    expect(managedPolicyPath('linux', {})).toBe('/etc/airlock/policy.yaml');
    expect(managedPolicyPath('darwin', {})).toBe('/Library/Application Support/Airlock/policy.yaml');
    expect(managedPolicyPath('win32', { ProgramData: 'D:\\PD' })).toBe('D:\\PD\\Airlock\\policy.yaml');
    expect(managedPolicyPath('win32', {})).toBe('C:\\ProgramData\\Airlock\\policy.yaml');
    expect(managedPolicyPath('linux', { AIRLOCK_MANAGED_POLICY: '/tmp/p.yaml' })).toBe('/tmp/p.yaml');
  });
});

describe('IdentityStore', () => {
  it('defaults the user to the OS user name and stores user and traits in identity.json', async () => {
    const home = tmp();
    const ids = new IdentityStore(home, { osUser: () => 'osuser' });
    expect(await ids.get()).toEqual({ user: 'osuser', userIsDefault: true, traits: {} });
    expect(existsSync(join(home, 'identity.json'))).toBe(false);

    await ids.set({ user: 'alice', traits: { email: ['alice@example.com'] } });
    expect(JSON.parse(readFileSync(join(home, 'identity.json'), 'utf8'))).toEqual({ user: 'alice', traits: { email: ['alice@example.com'] } });
    await ids.setTrait('groups', ['devs', 'devs', 'ops']);
    expect(await ids.policyIdentity()).toEqual({ user: 'alice', external: { email: ['alice@example.com'], groups: ['devs', 'ops'] } });
    await ids.setTrait('groups', []);
    expect((await ids.get()).traits).toEqual({ email: ['alice@example.com'] });

    expect(await ids.set({ user: '' })).toEqual({ user: 'osuser', userIsDefault: true, traits: { email: ['alice@example.com'] } });
    await expect(ids.set({ traits: { '': ['x'] } })).rejects.toMatchObject({ code: 'BAD_IDENTITY' });
  });

  it('uses os.userInfo() by default and refuses a corrupt file', async () => {
    const home = tmp();
    expect((await new IdentityStore(home).get()).user).toMatch(/.+/);
    writeFileSync(join(home, 'identity.json'), '{ nope');
    await expect(new IdentityStore(home).get()).rejects.toMatchObject({ code: 'IDENTITY_INVALID' });
  });
});
