/**
 * console.open as the UI calls it: contract handlers (createHandlers + invoke, requests validated)
 * against the strict STS and federation fixture. Without a host opener (the web UI) the sign-in URL
 * goes back to the page; with one (the desktop app) it never does.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload, ErrorView, SessionView } from '../../preload/contract';
import { createHandlers, invoke } from '../../main/api';
import type { ConsoleOwner } from '../../main/api/context';
import type { Handlers } from '../../main/api/handler-types';
import { CoreHost } from '../../main/core/host';
import { ProxyRegistry } from '../../main/core/proxy/registry';
import { ROLE_ARNS, startAwsFixture } from '../fixtures/aws-fixture';
import type { AwsFixture } from '../fixtures/aws-fixture';
import { TestHome } from './harness';

interface Opened {
  openedIn: 'window' | 'browser' | 'none';
  url: string | null;
  roleArn: string;
  destination: string;
  validUntil: string;
  durationNote?: string;
}

const CONSOLE = 'https://console.aws.amazon.com/';
const DYNAMODB_EU = 'https://console.aws.amazon.com/dynamodbv2/home?region=eu-west-1#tables';

let fx: AwsFixture;
let home: TestHome;
let host: CoreHost;
let web: Handlers;
let desktop: Handlers;
const opened: { target: 'window' | 'browser'; url: string; who: ConsoleOwner }[] = [];

async function call<T>(h: Handlers, channel: string, payload: unknown): Promise<T> {
  const r = await invoke(h, channel, payload);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function refused(h: Handlers, channel: string, payload: unknown): Promise<ErrorView> {
  const r = await invoke(h, channel, payload);
  if (r.ok) throw new Error(`${channel} should have been refused`);
  return r.error;
}

/** The browser's first hop on the sign-in URL, without following the redirect. */
async function follow(url: string): Promise<{ status: number; location: string | null }> {
  const res = await fetch(url, { redirect: 'manual' });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location') };
}

function expectNoSecrets(text: string): void {
  for (const secret of fx.secrets()) expect(text).not.toContain(secret);
}

beforeAll(async () => {
  fx = await startAwsFixture();
  home = new TestHome(fx.sourceCredentials);
  host = new CoreHost({ env: home.env });
  const proxies = new ProxyRegistry(host);
  const emit = <E extends EventName>(_name: E, _payload: EventPayload<E>): void => undefined;
  web = createHandlers({ host, proxies, emit });
  desktop = createHandlers({
    host, proxies, emit,
    openConsole: async (target, url, who) => {
      opened.push({ target, url, who });
      return target;
    },
  });
  await call(web, 'apps.add', {
    name: 'dev', uri: CONSOLE, roleArns: [ROLE_ARNS.readOnly, ROLE_ARNS.admin], stsEndpoint: fx.stsUrl, federationEndpoint: fx.federationUrl,
  });
  await call(web, 'credentials.set', { app: 'dev', ...fx.sourceCredentials });
  await call(web, 'apps.addLocal', { name: 'emu' });
});

afterAll(async () => {
  await host?.close();
  await fx?.stop();
  home?.remove();
});

describe('console.open', () => {
  it('says to log in first when the app has no session', async () => {
    const e = await refused(web, 'console.open', { app: 'dev', target: 'window', destination: 'home' });
    expect(e.code).toBe('NOT_LOGGED_IN');
    expect(e.message).toBe('not logged in to app "dev"');
    expect(fx.signins).toHaveLength(0);
  });

  it('without a host opener (the web UI): returns the sign-in URL, which the federation endpoint accepts once', async () => {
    await call<SessionView>(web, 'sessions.login', { app: 'dev', role: 'ReadOnly', durationSeconds: 3600 });
    const before = Date.now();
    const r = await call<Opened>(web, 'console.open', { app: 'dev', target: 'window', destination: 'home' });
    expect(r).toMatchObject({ openedIn: 'none', roleArn: ROLE_ARNS.readOnly, destination: CONSOLE });
    // Long-term source keys, a fresh session: the console lasts as long as the app session, nothing to note.
    expect(r.durationNote).toBeUndefined();
    const validFor = Date.parse(r.validUntil) - before;
    expect(validFor).toBeGreaterThan(14 * 60_000);
    expect(validFor).toBeLessThanOrEqual(15 * 60_000 + 5000);
    const url = r.url!;
    expect(url.startsWith(`${fx.federationUrl}?Action=login&Issuer=Airlock&Destination=`)).toBe(true);
    expect(new URL(url).searchParams.get('Destination')).toBe(CONSOLE);
    expectNoSecrets(url);
    expect(await follow(url)).toEqual({ status: 302, location: CONSOLE });
    expect(fx.signins.at(-1)).toMatchObject({ roleArn: ROLE_ARNS.readOnly, chained: false, sessionDurationSeconds: 3600, destination: CONSOLE, issuer: 'Airlock' });
    // A sign-in URL is single-use.
    expect((await follow(url)).status).toBe(400);
  });

  it('target defaults to the browser and destination to home', async () => {
    const r = await call<Opened>(web, 'console.open', { app: 'dev' });
    expect(r).toMatchObject({ openedIn: 'none', destination: CONSOLE });
    expect(opened).toHaveLength(0);
  });

  it('with a host opener (the desktop app): the URL goes to the opener with app, role and account, never back to the page', async () => {
    const signins = fx.signins.length;
    const r = await call<Opened>(desktop, 'console.open', { app: 'dev', target: 'window', destination: 'home' });
    expect(r).toMatchObject({ openedIn: 'window', url: null, roleArn: ROLE_ARNS.readOnly, destination: CONSOLE });
    expect(JSON.stringify(r)).not.toContain('SigninToken');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ target: 'window', who: { app: 'dev', roleName: 'ReadOnly', accountId: '111111111111' } });
    expect(opened[0]!.url.startsWith(`${fx.federationUrl}?Action=login&`)).toBe(true);
    expect(fx.signins).toHaveLength(signins + 1);
    expect(await follow(opened[0]!.url)).toEqual({ status: 302, location: CONSOLE });

    const b = await call<Opened>(desktop, 'console.open', { app: 'dev', target: 'browser', destination: 'home' });
    expect(b).toMatchObject({ openedIn: 'browser', url: null });
    expect(opened.at(-1)?.target).toBe('browser');
  });

  it('opens the DynamoDB console of a region, in the app\'s partition only', async () => {
    const r = await call<Opened>(web, 'console.open', { app: 'dev', target: 'browser', destination: 'dynamodb', region: 'eu-west-1' });
    expect(r.destination).toBe(DYNAMODB_EU);
    expect(new URL(r.url!).searchParams.get('Destination')).toBe(DYNAMODB_EU);
    expect(await follow(r.url!)).toEqual({ status: 302, location: DYNAMODB_EU });
    // Without a region: the app's own (us-east-1 by default).
    const own = await call<Opened>(web, 'console.open', { app: 'dev', destination: 'dynamodb' });
    expect(own.destination).toBe('https://console.aws.amazon.com/dynamodbv2/home?region=us-east-1#tables');
    expect((await refused(web, 'console.open', { app: 'dev', destination: 'dynamodb', region: 'cn-north-1' })).code).toBe('BAD_REGION');
    expect((await refused(web, 'console.open', { app: 'dev', destination: 'dynamodb', region: 'Mars' })).code).toBe('BAD_REQUEST');
    expect((await refused(web, 'console.open', { app: 'dev', destination: 's3' })).code).toBe('BAD_REQUEST');
    expect((await refused(web, 'console.open', { app: 'dev', target: 'tab' })).code).toBe('BAD_REQUEST');
  });

  it('refuses local apps and unknown apps, and asks no sign-in for them', async () => {
    const signins = fx.signins.length;
    const local = await refused(desktop, 'console.open', { app: 'emu', target: 'window' });
    expect(local.code).toBe('LOCAL_APP');
    expect(local.message).toMatch(/"emu" is a local DynamoDB app: it has no AWS console/);
    expect((await refused(web, 'console.open', { app: 'nope' })).code).toBe('NO_SUCH_APP');
    expect(fx.signins).toHaveLength(signins);
  });

  it('notes that role chaining caps the console session at 1 hour', async () => {
    // The source of app "chain" is itself a role session (Admin): assuming Chained with it is role chaining.
    await call(web, 'sessions.login', { app: 'dev', role: 'Admin', durationSeconds: 3600 });
    const admin = (await (await host.sessions()).get('dev'))!;
    await call(web, 'apps.add', { name: 'chain', uri: CONSOLE, roleArns: [ROLE_ARNS.chained], stsEndpoint: fx.stsUrl, federationEndpoint: fx.federationUrl });
    await call(web, 'credentials.set', { app: 'chain', accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey, sessionToken: admin.sessionToken });
    await call(web, 'sessions.login', { app: 'chain', role: 'Chained', durationSeconds: 3600 });
    const r = await call<Opened>(web, 'console.open', { app: 'chain' });
    expect(r.roleArn).toBe(ROLE_ARNS.chained);
    expect(r.durationNote).toMatch(/role chaining.*1 hour/);
    expect(await follow(r.url!)).toEqual({ status: 302, location: CONSOLE });
    expect(fx.signins.at(-1)).toMatchObject({ roleArn: ROLE_ARNS.chained, chained: true, sessionDurationSeconds: undefined });
  });

  it('says when the session expired or was revoked, without a secret in the message', async () => {
    fx.setSessionLifetime(2);
    let session: SessionView;
    try {
      session = await call<SessionView>(web, 'sessions.login', { app: 'dev', role: 'ReadOnly', durationSeconds: 3600 });
    } finally {
      fx.setSessionLifetime(undefined);
    }
    await sleep(Math.max(0, Date.parse(session.expiration) - Date.now()) + 300);
    const expired = await refused(desktop, 'console.open', { app: 'dev', target: 'window' });
    expect(expired.code).toBe('SESSION_EXPIRED');
    expect(expired.hint).toBe('log in again: airlock apps login dev --aws-role ReadOnly');

    await call(web, 'sessions.login', { app: 'dev', role: 'ReadOnly', durationSeconds: 3600 });
    expect(fx.revoke((await (await host.sessions()).get('dev'))!.accessKeyId)).toBe(true);
    const openedBefore = opened.length;
    const revoked = await refused(desktop, 'console.open', { app: 'dev', target: 'window' });
    expect(revoked.code).toBe('CONSOLE_SIGNIN');
    expect(revoked.message).toMatch(/could not sign in to the console of app "dev".*HTTP 400/);
    expectNoSecrets(`${revoked.message} ${revoked.hint ?? ''}`);
    expect(opened).toHaveLength(openedBefore);

    await call(web, 'sessions.logout', { app: 'dev' });
    expect((await refused(web, 'console.open', { app: 'dev' })).code).toBe('NOT_LOGGED_IN');
  });
});
