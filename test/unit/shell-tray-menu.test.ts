import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { AppView, ProxyView } from '../../preload/contract';
import {
  actionId, buildTrayMenu, parseActionId, roleSelectorHash, timeLeft, trayTooltip, withClicks,
} from '../../main/shell/tray-menu';
import type { TrayAction } from '../../main/shell/tray-menu';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const ADMIN = 'arn:aws:iam::111122223333:role/Admin';
const READ = 'arn:aws:iam::111122223333:role/team/ReadOnly';

function app(name: string, extra: Partial<AppView> = {}): AppView {
  return {
    name,
    kind: 'aws',
    uri: 'https://console.aws.amazon.com/',
    partition: 'aws',
    region: 'eu-west-1',
    labels: {},
    roles: [
      { arn: ADMIN, name: 'Admin', accountId: '111122223333', grantedBy: ['app'] },
      { arn: READ, name: 'ReadOnly', accountId: '111122223333', grantedBy: ['app'] },
    ],
    rolesFrom: 'app',
    ownRoleArns: [ADMIN, READ],
    roleWarnings: [],
    endpoints: {},
    hasStoredKeys: true,
    session: null,
    ...extra,
  };
}

const session = (roleArn: string, minutesLeft: number): AppView['session'] => ({
  roleArn,
  roleName: roleArn.split('/').pop()!,
  accountId: '111122223333',
  sessionName: 'me',
  expiration: new Date(NOW + minutesLeft * 60_000 + 30_000).toISOString(),
  usedMfa: false,
});

function proxy(appName: string, port = 41234): ProxyView {
  return {
    id: `p-${appName}`,
    app: appName,
    mode: 'forward',
    url: `http://127.0.0.1:${port}`,
    port,
    env: { HTTPS_PROXY: `http://127.0.0.1:${port}` },
    envText: { sh: `export HTTPS_PROXY='http://127.0.0.1:${port}'\n`, fish: '', powershell: '', json: '' },
    caPath: '/tmp/ca.pem',
    startedAt: new Date(NOW).toISOString(),
    stats: { requests: 0, forwarded: 0, refused: 0, tunneled: 0 },
  };
}

const labels = (items: MenuItemConstructorOptions[]): string[] => items.map((i) => (i.type === 'separator' ? '---' : i.label ?? ''));
const find = (items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions => {
  const hit = items.find((i) => i.label === label);
  if (!hit) throw new Error(`no item "${label}" in ${JSON.stringify(labels(items))}`);
  return hit;
};
const sub = (item: MenuItemConstructorOptions): MenuItemConstructorOptions[] => item.submenu as MenuItemConstructorOptions[];

describe('tray menu', () => {
  it('with no apps: says so, and still opens and quits', () => {
    const menu = buildTrayMenu({ apps: [], proxies: [], now: NOW });
    expect(labels(menu)).toEqual(['Apps', 'No apps yet: add one in Airlock', '---', 'Open Airlock', 'Quit Airlock']);
    expect(find(menu, 'No apps yet: add one in Airlock').enabled).toBe(false);
    expect(find(menu, 'Open Airlock').id).toBe('open');
    expect(find(menu, 'Quit Airlock').id).toBe('quit');
    expect(menu.every((i) => i.click === undefined)).toBe(true);
  });

  it('apps without a session: apps → roles → log in; copy env and stop disabled', () => {
    const menu = buildTrayMenu({ apps: [app('prod'), app('dev')], proxies: [], now: NOW });
    expect(labels(menu)).toEqual(['Apps', 'prod', 'dev', '---', 'Open Airlock', 'Quit Airlock']);
    const roles = sub(find(menu, 'prod'));
    expect(labels(roles)).toEqual(['Admin (111122223333)', 'ReadOnly (111122223333)']);
    const actions = sub(find(roles, 'Admin (111122223333)'));
    expect(labels(actions)).toEqual(['Log in and start proxy', 'Copy env', 'Stop']);
    expect(actions.map((a) => a.enabled)).toEqual([true, false, false]);
    expect(parseActionId(actions[0]!.id!)).toEqual({ type: 'login', app: 'prod', role: ADMIN });
  });

  it('an active session shows its time left, at the top and on its role', () => {
    const menu = buildTrayMenu({ apps: [app('prod', { session: session(ADMIN, 42) }), app('dev')], proxies: [], now: NOW });
    expect(labels(menu).slice(0, 3)).toEqual(['Active sessions', 'prod — Admin, 42m left', '---']);
    expect(find(menu, 'prod — Admin, 42m left').enabled).toBe(false);
    const roles = sub(find(menu, 'prod ●'));
    expect(labels(roles)).toEqual(['Admin (111122223333) — 42m left', 'ReadOnly (111122223333)']);
    // Logged in but no proxy yet: nothing to copy or stop, but the console opens.
    expect(labels(sub(roles[0]!))).toEqual(['Log in and start proxy', 'Open console', 'Open console in browser', 'Copy env', 'Stop']);
    expect(sub(roles[0]!).map((a) => a.enabled)).toEqual([true, undefined, undefined, false, false]);
  });

  it('the live session\'s role opens its AWS console, in a console window or the browser; other roles do not', () => {
    const menu = buildTrayMenu({ apps: [app('prod', { session: session(ADMIN, 42) })], proxies: [], now: NOW });
    const [admin, read] = sub(find(menu, 'prod ●'));
    expect(parseActionId(find(sub(admin!), 'Open console').id!)).toEqual({ type: 'console', app: 'prod', target: 'window' });
    expect(parseActionId(find(sub(admin!), 'Open console in browser').id!)).toEqual({ type: 'console', app: 'prod', target: 'browser' });
    expect(labels(sub(read!))).toEqual(['Log in and start proxy', 'Copy env', 'Stop']);
  });

  it('no console without a live session: signed out, expired, or a local app', () => {
    const consoleItems = (items: MenuItemConstructorOptions[]): string[] => items.flatMap((i) => [
      ...(i.label?.startsWith('Open console') ? [i.label] : []),
      ...(Array.isArray(i.submenu) ? consoleItems(i.submenu) : []),
    ]);
    const local = app('local-dynamodb', { kind: 'local', roles: [], localEndpoint: 'embedded', uri: 'airlock://local-dynamodb' });
    const menu = buildTrayMenu({
      apps: [app('out'), app('old', { session: session(ADMIN, -1) }), local], proxies: [proxy('local-dynamodb')], now: NOW,
    });
    expect(consoleItems(menu)).toEqual([]);
  });

  it('a running proxy enables Copy env and Stop on the session role only', () => {
    const menu = buildTrayMenu({ apps: [app('prod', { session: session(ADMIN, 125) })], proxies: [proxy('prod')], now: NOW });
    expect(find(menu, 'prod — Admin, 2h 05m left · proxy :41234').enabled).toBe(false);
    const [admin, read] = sub(find(menu, 'prod ●'));
    const actions = sub(admin!);
    expect(labels(actions)).toEqual(['Log in again', 'Open console', 'Open console in browser', 'Copy env', 'Stop']);
    expect(actions.map((a) => a.enabled)).toEqual([true, undefined, undefined, true, true]);
    expect(parseActionId(find(actions, 'Copy env').id!)).toEqual({ type: 'copy-env', app: 'prod' });
    expect(parseActionId(find(actions, 'Stop').id!)).toEqual({ type: 'stop', app: 'prod' });
    expect(sub(read!).map((a) => a.enabled)).toEqual([true, false, false]);
  });

  it('an expired session is not shown as active', () => {
    const menu = buildTrayMenu({ apps: [app('prod', { session: session(ADMIN, -5) })], proxies: [], now: NOW });
    expect(labels(menu)).toEqual(['Apps', 'prod', '---', 'Open Airlock', 'Quit Airlock']);
  });

  it('roles needing MFA open the role selector instead of logging in', () => {
    const menu = buildTrayMenu({ apps: [app('prod', { mfaSerial: 'arn:aws:iam::111122223333:mfa/me' })], proxies: [], now: NOW });
    const login = sub(sub(find(menu, 'prod'))[0]!)[0]!;
    expect(login.label).toBe('Log in and start proxy (MFA)…');
    expect(parseActionId(login.id!)).toEqual({ type: 'select-role', app: 'prod', role: ADMIN });
  });

  it('an app without roles points to the window', () => {
    const menu = buildTrayMenu({ apps: [app('empty', { roles: [] })], proxies: [], now: NOW });
    expect(labels(sub(find(menu, 'empty')))).toEqual(['No roles yet: add role ARNs in Airlock', 'Open Airlock']);
  });

  it('a local app has no roles: start its proxy straight away, then copy env and stop', () => {
    const local = app('local-dynamodb', { kind: 'local', roles: [], localEndpoint: 'embedded', uri: 'airlock://local-dynamodb' });
    const idle = buildTrayMenu({ apps: [local], proxies: [], now: NOW });
    const items = sub(find(idle, 'local-dynamodb (local)'));
    expect(labels(items)).toEqual(['Start proxy', 'Copy env', 'Stop']);
    expect(items.map((i) => [i.id, i.enabled])).toEqual([
      ['start-local|local-dynamodb', true], ['copy-env|local-dynamodb', false], ['stop|local-dynamodb', false],
    ]);
    const running = buildTrayMenu({ apps: [local], proxies: [proxy('local-dynamodb')], now: NOW });
    expect(sub(find(running, 'local-dynamodb (local) ●')).map((i) => i.enabled)).toEqual([false, true, true]);
  });

  it('a login in progress is shown and not started twice', () => {
    const menu = buildTrayMenu({ apps: [app('prod')], proxies: [], now: NOW, busy: ['prod'] });
    const login = sub(sub(find(menu, 'prod'))[0]!)[0]!;
    expect(login).toMatchObject({ label: 'Logging in…', enabled: false });
  });

  it('a locked vault shows the reason instead of apps', () => {
    const menu = buildTrayMenu({ apps: [], proxies: [], now: NOW, error: 'the Airlock vault needs a passphrase and none was given' });
    expect(labels(menu)).toEqual(['the Airlock vault needs a passphrase and none was given', '---', 'Open Airlock', 'Quit Airlock']);
    expect(menu[0]!.enabled).toBe(false);
  });
});

describe('tray helpers', () => {
  it('time left', () => {
    expect(timeLeft(new Date(NOW + 42 * 60_000 + 5000).toISOString(), NOW)).toBe('42m left');
    expect(timeLeft(new Date(NOW + 30_000).toISOString(), NOW)).toBe('<1m left');
    expect(timeLeft(new Date(NOW + 61 * 60_000).toISOString(), NOW)).toBe('1h 01m left');
    expect(timeLeft(new Date(NOW).toISOString(), NOW)).toBeNull();
    expect(timeLeft('garbage', NOW)).toBeNull();
  });

  it('action ids round-trip, and junk parses to null', () => {
    const actions: TrayAction[] = [
      { type: 'login', app: 'prod', role: READ },
      { type: 'select-role', app: 'a.b-c_d', role: ADMIN },
      { type: 'start-local', app: 'local-dynamodb' },
      { type: 'copy-env', app: 'prod' },
      { type: 'stop', app: 'prod' },
      { type: 'console', app: 'prod', target: 'window' },
      { type: 'console', app: 'a.b-c_d', target: 'browser' },
      { type: 'open' },
      { type: 'quit' },
    ];
    for (const a of actions) expect(parseActionId(actionId(a))).toEqual(a);
    for (const junk of ['', 'login', 'login|prod', 'stop|prod|x', 'open|x', 'rm -rf|/', 'console|prod', 'console|prod|tab', 'console||window', 'console|prod|window|x']) {
      expect(parseActionId(junk), junk).toBeNull();
    }
  });

  it('withClicks wires every action item, recursively, and only those', () => {
    const ran: TrayAction[] = [];
    const menu = withClicks(buildTrayMenu({ apps: [app('prod', { session: session(ADMIN, 10) })], proxies: [proxy('prod')], now: NOW }), (a) => void ran.push(a));
    const stop = find(sub(sub(find(menu, 'prod ●'))[0]!), 'Stop');
    (stop.click as () => void)();
    (find(menu, 'Quit Airlock').click as () => void)();
    expect(ran).toEqual([{ type: 'stop', app: 'prod' }, { type: 'quit' }]);
    expect(find(menu, 'Apps').click).toBeUndefined();
  });

  it('tooltip and role selector fragment', () => {
    expect(trayTooltip({ apps: [], proxies: [], now: NOW })).toBe('Airlock — no active session');
    expect(trayTooltip({ apps: [app('prod', { session: session(ADMIN, 10) })], proxies: [proxy('prod')], now: NOW })).toBe('Airlock — 1 active session, 1 proxy');
    expect(roleSelectorHash('prod', ADMIN)).toBe('login=prod&role=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FAdmin');
    expect(roleSelectorHash('prod')).toBe('login=prod');
  });
});
