import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppView, EventName, EventPayload } from '../../preload/contract';
import { createHandlers } from '../../main/api';
import { apiCalls } from './api-calls';
import type { ApiContext } from '../../main/api/context';
import { CoreHost } from '../../main/core/host';
import type { ProxyRegistry } from '../../main/core/proxy/registry';

/**
 * awsConfig.preview and awsConfig.import as the UI calls them (createHandlers + invoke: requests
 * validated against the contract first), on a copy of the standard sample found the way the SDK
 * finds it (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE of this process).
 */

const SAMPLE = fileURLToPath(new URL('../fixtures/aws-config/standard/', import.meta.url));

let dir: string;
let credentialsFile: string;
let handlers: ReturnType<typeof createHandlers>;
const events: { name: EventName; payload: unknown }[] = [];
const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };

const { ok, fails } = apiCalls(() => handlers);

const listed = async (name: string): Promise<AppView | undefined> => (await ok('apps.list', {})).find((a) => a.name === name);
const secrets = (): string[] => [...readFileSync(credentialsFile, 'utf8').matchAll(/^\s*aws_(?:secret_access_key|session_token)\s*=\s*(\S+)/gm)].map((m) => m[1]!);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-aws-config-api-'));
  mkdirSync(join(dir, 'aws'));
  credentialsFile = join(dir, 'aws', 'credentials');
  copyFileSync(join(SAMPLE, 'config'), join(dir, 'aws', 'config'));
  copyFileSync(join(SAMPLE, 'credentials'), credentialsFile);
  process.env.AWS_CONFIG_FILE = join(dir, 'aws', 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = credentialsFile;
  const host = new CoreHost({ env: { AIRLOCK_HOME: join(dir, 'home'), AIRLOCK_PASSPHRASE: 'aws config api test', AIRLOCK_CIPHER: 'passphrase' } });
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    events.push({ name, payload });
  };
  // No proxies run here: the import never touches the registry.
  const ctx: ApiContext = { host, proxies: {} as ProxyRegistry, emit };
  handlers = createHandlers(ctx);
});

afterAll(() => {
  for (const [key, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('awsConfig through the API', () => {
  it('previews the apps, their shared settings and roles, key profiles and problems, with no key value', async () => {
    const preview = await ok('awsConfig.preview', {});
    expect(preview.configFile).toEqual({ kind: 'config', path: process.env.AWS_CONFIG_FILE, found: true });
    expect(preview.apps.map((a) => [a.planned, a.status, a.shared])).toEqual([
      ['acme-prod', 'ready', { source: { kind: 'profile', profile: 'keys-user' }, mfaSerial: 'arn:aws:iam::999988887777:mfa/alice' }],
      ['hub', 'ready', { source: { kind: 'profile', profile: 'keys-user' } }],
      ['partner-audit', 'ready', { source: { kind: 'profile', profile: 'hub' } }],
      ['aws-555566667777', 'ready', {}],
      ['self-keys', 'ready', {}],
    ]);
    expect(preview.apps[0]!.roles[1]).toMatchObject({ roleName: 'ReadOnly', externalId: 'acme-external-7', imported: true });
    expect(preview.keyProfiles.find((k) => k.profile === 'keys-user')?.movableTo).toEqual(['acme-prod', 'hub']);
    const json = JSON.stringify(preview);
    for (const secret of secrets()) expect(json).not.toContain(secret);
    expect(json).not.toContain('"app"'); // the NewApp inputs stay on the main side
    expect((await fails('awsConfig.preview', { path: '/etc/passwd' })).code).toBe('BAD_REQUEST');
  });

  it('refuses malformed requests before any handler runs, and clashing or unknown names before writing', async () => {
    expect((await fails('awsConfig.import', { apps: [] })).code).toBe('BAD_REQUEST');
    expect((await fails('awsConfig.import', { apps: [{ planned: 'hub', name: '../x' }] })).message).toMatch(/^invalid awsConfig.import request: apps.0.name:/);
    expect((await fails('awsConfig.import', { apps: [{ planned: 'hub', name: 'hub' }], moveKeys: ['two words'] })).code).toBe('BAD_REQUEST');
    expect(await fails('awsConfig.import', { apps: [{ planned: 'hub', name: 'x' }, { planned: 'self-keys', name: 'X' }] })).toMatchObject({
      code: 'IMPORT_NAME_CONFLICT', message: 'cannot import under these names: "X" is given to both hub and self-keys',
    });
    expect((await fails('awsConfig.import', { apps: [{ planned: 'elsewhere', name: 'elsewhere' }] })).code).toBe('NOT_IN_IMPORT_PLAN');
    expect((await fails('awsConfig.import', { apps: [{ planned: 'hub', name: 'hub' }], moveKeys: ['hub'] })).code).toBe('NOT_A_KEY_PROFILE');
    expect(await ok('apps.list', {})).toEqual([]);
  });

  it('imports the chosen apps under their names, copies only the keys asked for, and leaves the credentials file as it was', async () => {
    const before = readFileSync(credentialsFile);
    const result = await ok('awsConfig.import', {
      apps: [{ planned: 'acme-prod', name: 'acme' }, { planned: 'self-keys', name: 'self-keys' }],
      moveKeys: ['self-keys'],
    });
    expect(result).toEqual({
      created: [
        { name: 'acme', planned: 'acme-prod', accountId: '111122223333', partition: 'aws', roles: ['Admin', 'ReadOnly'], source: 'AWS profile "keys-user"' },
        { name: 'self-keys', planned: 'self-keys', accountId: '222233334444', partition: 'aws', roles: ['SelfAssumed'] },
      ],
      skipped: [],
      keys: [{ profile: 'self-keys', copiedTo: ['self-keys'], notCopied: [] }],
      credentialsFile: { path: credentialsFile, changed: false },
    });
    expect(events.filter((e) => e.name === 'session.changed').map((e) => e.payload)).toEqual([{ app: 'acme' }, { app: 'self-keys' }]);
    expect(await listed('acme')).toMatchObject({
      hasStoredKeys: false, source: 'AWS profile "keys-user"', accountId: '111122223333', mfaSerial: 'arn:aws:iam::999988887777:mfa/alice',
      roles: [{ name: 'Admin', durationSeconds: 7200 }, { name: 'ReadOnly' }],
    });
    expect(await listed('self-keys')).toMatchObject({ hasStoredKeys: true });
    expect(readFileSync(credentialsFile).equals(before)).toBe(true);
    for (const secret of secrets()) expect(JSON.stringify(result)).not.toContain(secret);

    // The next preview knows those accounts are Airlock's now.
    const preview = await ok('awsConfig.preview', {});
    expect(preview.apps.filter((a) => a.status === 'exists').map((a) => [a.planned, a.existingApps])).toEqual([
      ['acme-prod', ['acme']], ['aws-222233334444', ['self-keys']],
    ]);
  });
});
