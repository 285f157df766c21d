import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, AppStore } from '../../main/core/apps/store';
import { resolveRole } from '../../main/core/apps/roles';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'airlock-apps-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const base = { name: 'prod', uri: 'https://console.aws.amazon.com/' };

describe('app validation', () => {
  it('derives partition and default region from the console URI', () => {
    const gov = buildApp({ name: 'gov', uri: 'https://console.amazonaws-us-gov.com/' });
    expect(gov.partition).toBe('aws-us-gov');
    expect(gov.region).toBe('us-gov-west-1');
  });

  it('refuses bad names, regions, ARNs and endpoints with messages naming the value', () => {
    expect(() => buildApp({ ...base, name: '../x' })).toThrow(/"\.\.\/x" is not a valid app name/);
    expect(() => buildApp({ ...base, region: 'cn-north-1' })).toThrow(/region "cn-north-1" is not in partition aws/);
    expect(() => buildApp({ ...base, roleArns: ['arn:aws:iam:123456789000:role/x'] })).toThrow(/is not an IAM role ARN/);
    expect(() => buildApp({ ...base, roleArns: ['arn:aws-cn:iam::123456789000:role/x'] })).toThrow(/not in partition aws/);
    expect(() => buildApp({ ...base, endpoints: { dynamodb: 'ftp://x' } })).toThrow(/must be http/);
    expect(() => buildApp({ ...base, endpoints: { dynamodb: 'http://u:p@h' } })).toThrow(/credentials/);
  });
});

describe('role selection', () => {
  const app = buildApp({
    ...base,
    roleArns: [
      'arn:aws:iam::111111111111:role/ReadOnly',
      'arn:aws:iam::222222222222:role/ReadOnly',
      'arn:aws:iam::111111111111:role/team/Admin',
    ],
  });

  it('takes a unique role name or a full ARN', () => {
    expect(resolveRole(app, 'Admin').arn).toBe('arn:aws:iam::111111111111:role/team/Admin');
    expect(resolveRole(app, 'arn:aws:iam::222222222222:role/ReadOnly').accountId).toBe('222222222222');
  });

  it('refuses a name found in two accounts, listing both', () => {
    expect(() => resolveRole(app, 'ReadOnly')).toThrow(/matches 2 roles[\s\S]*111111111111[\s\S]*222222222222/);
  });

  it('refuses a role the app does not allow, listing the allowed ones', () => {
    expect(() => resolveRole(app, 'PowerUser')).toThrow(/does not allow role "PowerUser"[\s\S]*team\/Admin/);
    expect(() => resolveRole(app, 'arn:aws:iam::333333333333:role/ReadOnly')).toThrow(/does not allow/);
  });
});

describe('AppStore', () => {
  it('persists apps in config.json (0600) and refuses duplicates', () => {
    const home = tmp();
    const store = new AppStore(home);
    store.add({ ...base, labels: { env: 'prod' }, endpoints: { dynamodb: 'http://127.0.0.1:8000/' } });
    expect(() => store.add(base)).toThrow(/already exists/);
    const again = new AppStore(home);
    expect(again.get('prod').endpoints.dynamodb).toBe('http://127.0.0.1:8000');
    expect(again.get('prod').labels).toEqual({ env: 'prod' });
    expect(statSync(join(home, 'config.json')).mode & 0o777).toBe(0o600);
    again.remove('prod');
    expect(new AppStore(home).list()).toEqual([]);
    expect(() => again.get('prod')).toThrow(/no app named "prod"/);
  });

  it('updates an app in place: given fields replace, others and createdAt stay', () => {
    const home = tmp();
    const store = new AppStore(home);
    const added = store.add({ ...base, labels: { env: 'prod' }, roleArns: ['arn:aws:iam::111111111111:role/Admin'], mfaSerial: 'arn:aws:iam::111111111111:mfa/me' });
    const updated = store.update('prod', { labels: { env: 'prod', team: 'data' }, endpoints: { dynamodb: 'http://127.0.0.1:8000/' }, mfaSerial: '' });
    expect(updated).toMatchObject({ name: 'prod', createdAt: added.createdAt, region: 'us-east-1', roleArns: added.roleArns,
      labels: { env: 'prod', team: 'data' }, endpoints: { dynamodb: 'http://127.0.0.1:8000' } });
    expect(updated.mfaSerial).toBeUndefined();
    expect(new AppStore(home).get('prod')).toEqual(updated);
    // A new partition with no region given takes that partition's default region.
    const gov = store.update('prod', { uri: 'https://console.amazonaws-us-gov.com/', region: '', roleArns: [] });
    expect(gov).toMatchObject({ partition: 'aws-us-gov', region: 'us-gov-west-1', createdAt: added.createdAt });
  });

  it('validates an update like add, naming the value, and leaves the app unchanged', () => {
    const home = tmp();
    const store = new AppStore(home);
    const added = store.add(base);
    expect(() => store.update('prod', { region: 'cn-north-1' })).toThrow(/region "cn-north-1" is not in partition aws/);
    expect(() => store.update('prod', { roleArns: ['arn:aws:iam:123:role/x'] })).toThrow(/"arn:aws:iam:123:role\/x" is not an IAM role ARN/);
    expect(() => store.update('prod', { uri: 'https://example.com/' })).toThrow(/"example.com" is not an AWS console host/);
    expect(() => store.update('prod', { endpoints: { dynamodb: 'ftp://x' } })).toThrow(/endpoint for dynamodb "ftp:\/\/x" must be http/);
    expect(new AppStore(home).get('prod')).toEqual(added);
  });

  it('refuses to update an unknown app with NO_SUCH_APP', () => {
    const store = new AppStore(tmp());
    store.add(base);
    expect(() => store.update('nope', { region: 'us-west-2' })).toThrow(expect.objectContaining({ code: 'NO_SUCH_APP', message: 'no app named "nope"' }));
  });

  it('reports an invalid config and leaves it untouched', () => {
    const home = tmp();
    const file = join(home, 'config.json');
    writeFileSync(file, '{"apps": [{"name": 1}]}');
    expect(() => new AppStore(home).list()).toThrow(/invalid/i);
    expect(readFileSync(file, 'utf8')).toBe('{"apps": [{"name": 1}]}');
  });
});
