import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api';
import { apiCalls } from './api-calls';
import type { ApiContext } from '../../main/api/context';
import { CoreHost } from '../../main/core/host';
import type { ProxyRegistry } from '../../main/core/proxy/registry';
import type { AppView, EventName, EventPayload, PolicyView } from '../../preload/contract';

/**
 * The access policy through the API the renderer uses (createHandlers + invoke, requests validated
 * against the contract): policy.show, policy.import, policy.remove, identity.set, and what
 * apps.list then offers. AIRLOCK_MANAGED_POLICY points into the temp home, so the machine's own
 * managed policy path is never read.
 */

const ACCOUNT = '123456789012';
const arn = (name: string, account = ACCOUNT): string => `arn:aws:iam::${account}:role/${name}`;
/** A 5-digit account: a malformed ARN once the user's trait is expanded. */
const SHORT = 'arn:aws:iam::12345:role/Short';

const TEAM = `# roles from the user's resource, and from their email
kind: role
version: v7
metadata:
  name: internal-roles
spec:
  allow:
    app_labels:
      env: dev
    aws_role_arns: ['{{internal.aws_role_arns}}']
---
kind: role
version: v7
metadata:
  name: by-email
spec:
  allow:
    app_labels:
      env: dev
    aws_role_arns:
      - 'arn:aws:iam::${ACCOUNT}:role/{{email.local(external.email)}}'
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
`;

const GUARD = `kind: role
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

let dir: string;
let managedPath: string;
let handlers: ReturnType<typeof createHandlers>;
const events: { name: EventName; payload: unknown }[] = [];

const { ok, fails } = apiCalls(() => handlers);

const show = (): Promise<PolicyView> => ok('policy.show', {});
const appOf = (view: PolicyView, name: string): PolicyView['apps'][number] => {
  const found = view.apps.find((a) => a.app === name);
  if (!found) throw new Error(`no app ${name} in policy.show`);
  return found;
};
const listed = async (name: string): Promise<AppView> => {
  const found = (await ok('apps.list', {})).find((a) => a.name === name);
  if (!found) throw new Error(`no app ${name} in apps.list`);
  return found;
};
const grants = (roles: { arn: string; grantedBy: string[] }[]): Record<string, string[]> =>
  Object.fromEntries(roles.map((r) => [r.arn, r.grantedBy]));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-policy-api-'));
  managedPath = join(dir, 'admin', 'policy.yaml');
  const host = new CoreHost({
    env: { AIRLOCK_HOME: join(dir, 'home'), AIRLOCK_PASSPHRASE: 'policy api test', AIRLOCK_CIPHER: 'passphrase', AIRLOCK_MANAGED_POLICY: managedPath },
  });
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    events.push({ name, payload });
  };
  // No proxies run here: the policy calls never touch the registry.
  const ctx: ApiContext = { host, proxies: {} as ProxyRegistry, emit };
  handlers = createHandlers(ctx);
  await ok('apps.add', { name: 'dev', uri: 'https://console.aws.amazon.com/', labels: { env: 'dev' }, roleArns: [arn('Own')] });
  await ok('apps.add', { name: 'prod', uri: 'https://console.aws.amazon.com/', labels: { env: 'prod' }, accountId: ACCOUNT });
  await ok('apps.addLocal', { name: 'local' });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the access policy through the API', () => {
  it('without a policy: the managed path from the override, not found; apps offer their own role list', async () => {
    const view = await show();
    expect(view.managed).toEqual({ path: managedPath, found: false, loaded: false });
    expect(view.files).toEqual([]);
    expect(view.errors).toEqual([]);
    expect(view.identity.userIsDefault).toBe(true);
    expect(view.identity.traits).toEqual({});
    expect(appOf(view, 'dev')).toEqual({
      app: 'dev', kind: 'aws', accountId: ACCOUNT, rolesFrom: 'app', warnings: [],
      roles: [{ arn: arn('Own'), name: 'Own', accountId: ACCOUNT, grantedBy: ['app'] }],
    });
    expect(appOf(view, 'local')).toMatchObject({ kind: 'local', roles: [], rolesFrom: 'app' });

    const dev = await listed('dev');
    expect(dev.rolesFrom).toBe('app');
    expect(dev.ownRoleArns).toEqual([arn('Own')]);
    expect(dev.roles.map((r) => r.grantedBy)).toEqual([['app']]);
    expect(dev.roleWarnings).toEqual([]);
  });

  it('imports a multi-document file: its roles and users, as written, and one policy change event', async () => {
    events.length = 0;
    const imported = await ok('policy.import', { fileName: 'team.yaml', text: TEAM });
    expect(imported).toEqual({ name: 'team.yaml', replaced: false, roles: ['internal-roles', 'by-email', 'readers'], users: ['alice'] });
    expect(events.map((e) => e.name)).toEqual(['policy.changed']);

    const view = await show();
    expect(view.files).toHaveLength(1);
    const file = view.files[0]!;
    expect(file).toMatchObject({ managed: false, name: 'team.yaml' });
    expect(file.lastValidVersion).toBeUndefined();
    expect(file.roles.map((r) => [r.name, r.version, r.line])).toEqual([['internal-roles', 'v7', 2], ['by-email', 'v7', 12], ['readers', 'v7', 23]]);
    // Templates are shown as written, not expanded.
    expect(file.roles[0]!.allow).toEqual({ appLabels: { env: ['dev'] }, awsRoleArns: ['{{internal.aws_role_arns}}'] });
    expect(file.roles[1]!.allow.awsRoleArns).toEqual([`arn:aws:iam::${ACCOUNT}:role/{{email.local(external.email)}}`]);
    expect(file.roles[0]!.deny).toEqual({ appLabels: {}, awsRoleArns: [] });
    expect(file.users).toEqual([{ name: 'alice', line: 33, traits: { aws_role_arns: [arn('ReadOnly'), SHORT] } }]);
  });

  it('expands {{internal.*}} from the user resource and {{email.local(external.email)}} from the traits set', async () => {
    // As the OS user (no `kind: user` of that name, no traits): only the literal ARNs.
    let dev = appOf(await show(), 'dev');
    expect(dev.rolesFrom).toBe('policy');
    expect(grants(dev.roles)).toEqual({ [arn('ReadOnly')]: ['readers'], [arn('Admin')]: ['readers'] });

    const who = await ok('identity.set', { user: 'alice' });
    expect(who).toEqual({ user: 'alice', userIsDefault: false, traits: {} });
    dev = appOf(await show(), 'dev');
    expect(grants(dev.roles)).toEqual({ [arn('ReadOnly')]: ['internal-roles', 'readers'], [arn('Admin')]: ['readers'] });
    expect(dev.roles.some((r) => r.arn === arn('alice'))).toBe(false);

    const withEmail = await ok('identity.set', { traits: { email: ['alice@example.com'] } });
    expect(withEmail).toEqual({ user: 'alice', userIsDefault: false, traits: { email: ['alice@example.com'] } });
    dev = appOf(await show(), 'dev');
    expect(grants(dev.roles)[arn('alice')]).toEqual(['by-email']);
    expect(dev.roles.find((r) => r.arn === arn('alice'))).toMatchObject({ name: 'alice', accountId: ACCOUNT });

    // apps.list offers the same roles, each with the policy roles granting it; the own list is kept apart.
    const listedDev = await listed('dev');
    expect(listedDev.rolesFrom).toBe('policy');
    expect(grants(listedDev.roles)).toEqual(grants(dev.roles));
    expect(listedDev.ownRoleArns).toEqual([arn('Own')]);
  });

  it('refuses an invalid identity with the field named, and keeps the one stored', async () => {
    const bad = await fails('identity.set', { traits: { 'e mail': ['x'] } });
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.message).toMatch(/traits/);
    expect((await show()).identity.traits).toEqual({ email: ['alice@example.com'] });
  });

  it('warns about a malformed ARN after expansion, in policy.show and in apps.list', async () => {
    const warning = { value: SHORT, policyRole: 'internal-roles', reason: expect.stringMatching(/not an IAM role ARN/) as unknown };
    const dev = appOf(await show(), 'dev');
    expect(dev.warnings).toEqual([warning]);
    expect(dev.roles.some((r) => r.arn === SHORT)).toBe(false);
    expect((await listed('dev')).roleWarnings).toEqual([warning]);
    // The app labelled env=prod is not matched by internal-roles: no warning there.
    expect(appOf(await show(), 'prod').warnings).toEqual([]);
  });

  it('refuses an invalid file naming the line and field; the policy in force is unchanged', async () => {
    const before = await show();
    // Same name as the file in force: it must not replace it.
    const err = await fails('policy.import', { fileName: 'team.yaml', text: INVALID });
    expect(err.code).toBe('POLICY_INVALID');
    expect(err.message).toMatch(/^team\.yaml line 9: spec\.allow\.aws_role_arns\[0\]: /);
    expect(err.hint).toMatch(/unchanged/);
    expect(await show()).toEqual(before);

    // A browser's fake folder in the file name is dropped, in errors and in the stored name.
    const other = await fails('policy.import', { fileName: 'C:\\fakepath\\broken.yml', text: 'kind: role\nversion: v9\n' });
    expect(other.code).toBe('POLICY_INVALID');
    expect(other.message).toMatch(/^broken\.yml line \d+: /);
    expect(await show()).toEqual(before);
  });

  it('denies: deny.app_labels empties an app (deniedBy), deny.aws_role_arns beats every allow', async () => {
    expect(grants(appOf(await show(), 'prod').roles)).toEqual({ [arn('ReadOnly')]: ['readers'], [arn('Admin')]: ['readers'] });
    const imported = await ok('policy.import', { fileName: 'guard.yaml', text: GUARD });
    expect(imported).toMatchObject({ name: 'guard.yaml', replaced: false, roles: ['guard'], users: [] });

    const view = await show();
    expect(view.files.map((f) => f.name)).toEqual(['guard.yaml', 'team.yaml']);
    expect(view.files[0]!.roles[0]!.deny).toEqual({ appLabels: { env: ['prod'] }, awsRoleArns: [arn('Admin')] });
    const prod = appOf(view, 'prod');
    expect(prod.deniedBy).toEqual(['guard']);
    expect(prod.roles).toEqual([]);
    const dev = appOf(view, 'dev');
    expect(dev.deniedBy).toBeUndefined();
    expect(Object.keys(grants(dev.roles)).sort()).toEqual([arn('ReadOnly'), arn('alice')]);

    const listedProd = await listed('prod');
    expect(listedProd.deniedBy).toEqual(['guard']);
    expect(listedProd.roles).toEqual([]);
  });

  it('replaces an import of the same name, and says so', async () => {
    const again = await ok('policy.import', { fileName: 'guard.yaml', text: GUARD.replace(`aws_role_arns: ['${arn('Admin')}']`, 'aws_role_arns: []') });
    expect(again).toMatchObject({ name: 'guard.yaml', replaced: true });
    expect(Object.keys(grants(appOf(await show(), 'dev').roles))).toContain(arn('Admin'));
  });

  it('shows the managed file; when it breaks, its last valid version stays in force', async () => {
    mkdirSync(join(dir, 'admin'), { recursive: true });
    writeFileSync(managedPath, GUARD.replace('name: guard', 'name: corp-guard'));
    let view = await show();
    expect(view.managed).toEqual({ path: managedPath, found: true, loaded: true });
    expect(view.files[0]).toMatchObject({ managed: true, path: managedPath, roles: [{ name: 'corp-guard' }] });
    expect(view.files[0]!.name).toBeUndefined();

    writeFileSync(managedPath, INVALID);
    view = await show();
    expect(view.managed).toEqual({ path: managedPath, found: true, loaded: false, lastValidInForce: true });
    expect(view.files[0]).toMatchObject({ managed: true, lastValidVersion: true, roles: [{ name: 'corp-guard' }] });
    expect(view.errors).toEqual([{
      managed: true, path: managedPath, previousInForce: true,
      message: expect.stringMatching(/is invalid:\n.*line 9: spec\.allow\.aws_role_arns\[0\]: [^\n]+\nIts last valid version stays in force/) as unknown,
    }]);
    // Still denied by the last valid version.
    expect(appOf(view, 'prod').deniedBy).toEqual(expect.arrayContaining(['corp-guard']));
    rmSync(managedPath);
    expect((await show()).managed).toEqual({ path: managedPath, found: false, loaded: false });
  });

  it('removes imported files; an unknown name is an error naming the files there are', async () => {
    const unknown = await fails('policy.remove', { name: 'nope.yaml' });
    expect(unknown.code).toBe('NO_SUCH_POLICY');
    expect(unknown.hint).toMatch(/guard\.yaml, team\.yaml/);

    events.length = 0;
    expect(await ok('policy.remove', { name: 'guard.yaml' })).toEqual({ ok: true });
    expect(events.map((e) => e.name)).toEqual(['policy.changed']);
    let view = await show();
    expect(view.files.map((f) => f.name)).toEqual(['team.yaml']);
    expect(appOf(view, 'prod').deniedBy).toBeUndefined();
    expect(appOf(view, 'prod').roles.length).toBeGreaterThan(0);

    await ok('policy.remove', { name: 'team.yaml' });
    view = await show();
    expect(view.files).toEqual([]);
    expect(appOf(view, 'dev')).toMatchObject({ rolesFrom: 'app', warnings: [], roles: [{ arn: arn('Own'), grantedBy: ['app'] }] });
    expect((await listed('dev')).rolesFrom).toBe('app');
  });

  it('goes back to the OS user name with user: null', async () => {
    const who = await ok('identity.set', { user: null });
    expect(who.userIsDefault).toBe(true);
    expect(who.user).not.toBe('alice');
    expect(who.traits).toEqual({ email: ['alice@example.com'] });
  });
});
