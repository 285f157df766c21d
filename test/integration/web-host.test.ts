import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../main/core/host';
import { startWebHost } from '../../main/web/server';
import type { WebHost } from '../../main/web/server';
import { startAwsFixture } from '../fixtures/aws-fixture';
import { AWS_CLI, run } from './harness';
import type { AwsFixture } from '../fixtures/aws-fixture';

/** `airlock ui`'s host: loopback only, token, Host and Origin checks; calls validated against the contract. */
let dir: string;
let web: WebHost;
let fx: AwsFixture;
let token: string;
let origin: string;

interface Answer { status: number; body: string; headers: http.IncomingHttpHeaders }

function request(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string; host?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: web.port, path, method: opts.method ?? 'GET',
      headers: { host: opts.host ?? `127.0.0.1:${web.port}`, ...opts.headers } });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const rpc = (channel: string, payload: unknown, headers: Record<string, string> = {}) => request(`/rpc/${channel}`, {
  method: 'POST', body: JSON.stringify(payload),
  headers: { 'content-type': 'application/json', 'x-airlock-token': token, origin, ...headers },
});

beforeAll(async () => {
  fx = await startAwsFixture();
  dir = mkdtempSync(join(tmpdir(), 'airlock-web-'));
  const host = new CoreHost({ env: { AIRLOCK_HOME: dir, AIRLOCK_PASSPHRASE: 'web test', AIRLOCK_CIPHER: 'passphrase' } });
  web = await startWebHost({ host });
  token = new URL(web.url).hash.replace('#token=', '');
  origin = `http://127.0.0.1:${web.port}`;
});

afterAll(async () => {
  await web?.close();
  await fx?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web UI host', () => {
  it('prints a loopback URL whose token is in the fragment (never sent to servers or logs)', () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
  });

  it('serves the page with a strict CSP and no user data', async () => {
    const page = await request('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses calls without the token, or with a wrong one', async () => {
    const none = await rpc('apps.list', {}, { 'x-airlock-token': '' });
    expect(none.status).toBe(401);
    const wrong = await rpc('apps.list', {}, { 'x-airlock-token': `${token.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.body).not.toContain('apps');
    const events = await new Promise<number>((resolve) => {
      http.get({ host: '127.0.0.1', port: web.port, path: '/events?token=nope', headers: { host: `127.0.0.1:${web.port}` } }, (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      });
    });
    expect(events).toBe(401);
  });

  it('refuses a foreign Origin even with the token (another site in the browser)', async () => {
    const r = await rpc('apps.list', {}, { origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error.code).toBe('FORBIDDEN_ORIGIN');
  });

  it('refuses a foreign Host (DNS rebinding), even for the page', async () => {
    const r = await rpc('apps.list', {}, {});
    expect(r.status).toBe(200);
    const rebound = await request('/rpc/apps.list', { method: 'POST', host: `evil.example:${web.port}`, body: '{}',
      headers: { 'content-type': 'application/json', 'x-airlock-token': token } });
    expect(rebound.status).toBe(403);
    expect((await request('/', { host: `evil.example:${web.port}` })).status).toBe(403);
  });

  it('validates every call against the contract before any handler runs', async () => {
    const unknown = await rpc('fs.readFile', { path: '/etc/passwd' });
    expect(JSON.parse(unknown.body)).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'unknown call fs.readFile' } });
    const bad = await rpc('apps.add', { name: '../etc', uri: 'https://console.aws.amazon.com/' });
    expect(JSON.parse(bad.body).error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^invalid apps.add request: name:/) });
    const extra = await rpc('apps.list', { sneaky: true });
    expect(JSON.parse(extra.body).error.code).toBe('BAD_REQUEST');
  });

  it('runs the flow: add an app, store keys, log in, start a proxy, see its request counted, log out', async () => {
    const add = JSON.parse((await rpc('apps.add', { name: 'web', uri: 'https://console.aws.amazon.com/', roleArns: ['arn:aws:iam::111111111111:role/Admin'],
      endpoints: { dynamodb: fx.dynamodbUrl }, stsEndpoint: fx.stsUrl })).body);
    expect(add).toMatchObject({ ok: true, value: { name: 'web', partition: 'aws', session: null, roles: [{ name: 'Admin', accountId: '111111111111' }] } });
    const creds = JSON.parse((await rpc('credentials.set', { app: 'web', ...fx.sourceCredentials })).body);
    expect(creds).toEqual({ ok: true, value: { ok: true } });
    const login = JSON.parse((await rpc('sessions.login', { app: 'web', role: 'Admin', durationSeconds: 3600 })).body);
    expect(login).toMatchObject({ ok: true, value: { roleName: 'Admin', accountId: '111111111111' } });
    expect(JSON.stringify(login)).not.toMatch(/secret|token/i);
    const list = JSON.parse((await rpc('apps.list', {})).body);
    expect(list.value[0]).toMatchObject({ name: 'web', hasStoredKeys: true, session: { roleName: 'Admin' } });

    // Editing keeps the stored keys and the session; bad input is refused naming the field or value.
    const updated = JSON.parse((await rpc('apps.update', { name: 'web', labels: { team: 'data' } })).body);
    expect(updated).toMatchObject({ ok: true, value: { name: 'web', labels: { team: 'data' }, hasStoredKeys: true, session: { roleName: 'Admin' },
      roles: [{ name: 'Admin' }], endpoints: { dynamodb: fx.dynamodbUrl } } });
    const badField = JSON.parse((await rpc('apps.update', { name: 'web', roleArns: 'nope' })).body);
    expect(badField.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^invalid apps.update request: roleArns:/) });
    const badRegion = JSON.parse((await rpc('apps.update', { name: 'web', region: 'cn-north-1' })).body);
    expect(badRegion.error).toMatchObject({ code: 'BAD_REGION', message: 'region "cn-north-1" is not in partition aws' });
    const unknownApp = JSON.parse((await rpc('apps.update', { name: 'nope', region: 'us-west-2' })).body);
    expect(unknownApp.error).toMatchObject({ code: 'NO_SUCH_APP' });
    const renamed = JSON.parse((await rpc('apps.update', { name: 'web', newName: 'other' })).body);
    expect(renamed.error.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(list)).not.toContain(fx.sourceCredentials.secretAccessKey);

    const started = JSON.parse((await rpc('proxies.start', { app: 'web', mode: 'forward' })).body);
    expect(started).toMatchObject({ ok: true, value: { app: 'web', mode: 'forward', env: { HTTPS_PROXY: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/) } } });
    expect(started.value.envText.sh).toContain(`export HTTPS_PROXY='${started.value.env.HTTPS_PROXY}'`);
    expect(started.value.envText.powershell).toContain(`$Env:AWS_ACCESS_KEY_ID = '${started.value.env.AWS_ACCESS_KEY_ID}'`);
    expect(JSON.parse(started.value.envText.json)).toEqual(started.value.env);
    const env = { PATH: '/usr/bin:/bin', HOME: dir, AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), ...started.value.env };
    const cli = await run(AWS_CLI, ['dynamodb', 'list-tables', '--output', 'json'], env);
    expect(cli.code, cli.stderr).toBe(0);
    const proxies = JSON.parse((await rpc('proxies.list', {})).body);
    expect(proxies.value).toHaveLength(1);
    expect(proxies.value[0].stats).toMatchObject({ requests: 1, forwarded: 1, refused: 0 });
    const audit = JSON.parse((await rpc('audit.query', { app: 'web' })).body);
    expect(audit.value.at(-1)).toMatchObject({ app: 'web', action: 'ListTables', status: 200, roleArn: 'arn:aws:iam::111111111111:role/Admin' });

    const logout = JSON.parse((await rpc('sessions.logout', { app: 'web' })).body);
    expect(logout).toEqual({ ok: true, value: { loggedOut: true } });
    expect(JSON.parse((await rpc('proxies.list', {})).body).value).toEqual([]);
    const proxyAfter = JSON.parse((await rpc('proxies.start', { app: 'web', mode: 'forward' })).body);
    expect(proxyAfter.error).toMatchObject({ code: 'NOT_LOGGED_IN' });
  });

  it('keeps the preferences in config.json, shared with the CLI; launch at login is refused (desktop only)', async () => {
    const get = await rpc('settings.get', {});
    expect(JSON.parse(get.body)).toEqual({ ok: true, value: { defaultDurationSeconds: 3600, theme: 'system', launchAtLogin: false, launchAtLoginSupported: false } });

    const set = await rpc('settings.set', { defaultDurationSeconds: 7200, theme: 'dark' });
    expect(JSON.parse(set.body)).toEqual({ ok: true, value: { defaultDurationSeconds: 7200, theme: 'dark', launchAtLogin: false, launchAtLoginSupported: false } });
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).preferences).toEqual({ defaultDurationSeconds: 7200, theme: 'dark', launchAtLogin: false });
    // Another host on the same AIRLOCK_HOME (the CLI, the desktop app) sees them.
    expect(new CoreHost({ env: { AIRLOCK_HOME: dir } }).preferences.get().defaultDurationSeconds).toBe(7200);

    const refused = JSON.parse((await rpc('settings.set', { launchAtLogin: true })).body);
    expect(refused).toMatchObject({ ok: false, error: { code: 'LAUNCH_AT_LOGIN_UNSUPPORTED', message: expect.stringMatching(/only in the Airlock desktop app/) } });
    // Turning off what is off is no change; values out of range are refused by the contract.
    expect(JSON.parse((await rpc('settings.set', { launchAtLogin: false })).body).ok).toBe(true);
    const bad = JSON.parse((await rpc('settings.set', { defaultDurationSeconds: 60 })).body);
    expect(bad.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^invalid settings.set request: defaultDurationSeconds:/) });
    expect(JSON.parse((await rpc('settings.get', {})).body).value).toEqual({ defaultDurationSeconds: 7200, theme: 'dark', launchAtLogin: false, launchAtLoginSupported: false });
  });
});
