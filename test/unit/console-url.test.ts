// The console sign-in pieces: federation endpoints per partition, login URLs, destinations, the
// console session length (SessionDuration, never for role chains), and console window isolation.
import { describe, expect, it } from 'vitest';
import type { App } from '../../main/core/apps/model';
import { consoleDestination } from '../../main/core/console/destination';
import { consoleSessionDuration, sourceKindOf } from '../../main/core/console/duration';
import { isTemporaryCredential } from '../../main/core/credentials/types';
import { loginUrl, signinEndpoint } from '../../main/core/console/endpoint';
import { openConsole } from '../../main/core/console/open-console';
import { getSigninToken } from '../../main/core/console/signin-token';
import type { FetchLike } from '../../main/core/console/signin-token';
import { consoleWindowOptions, hueForApp } from '../../main/core/console/window-options';
import type { StoredSession } from '../../main/core/credentials/types';
import { AirlockError } from '../../main/core/errors';

const NOW = new Date('2030-01-01T12:00:00Z');
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY/SECRET=KEY';
const TOKEN = 'FwoGZXIvYXdzE+token/with/slashes+and=pluses==';

function app(over: Partial<App> = {}): App {
  return {
    name: 'dev',
    uri: 'https://console.aws.amazon.com/',
    partition: 'aws',
    region: 'eu-west-1',
    labels: {},
    roleArns: ['arn:aws:iam::111111111111:role/ReadOnly'],
    endpoints: {},
    createdAt: NOW.toISOString(),
    ...over,
  };
}

function session(over: Partial<StoredSession> = {}): StoredSession {
  return {
    app: 'dev',
    roleArn: 'arn:aws:iam::111111111111:role/ReadOnly',
    assumedRoleArn: 'arn:aws:sts::111111111111:assumed-role/ReadOnly/airlock-tester',
    accessKeyId: 'ASIAAIRLOCKUNIT00001',
    secretAccessKey: SECRET,
    sessionToken: TOKEN,
    expiration: new Date(NOW.getTime() + 3600_000).toISOString(),
    issuedAt: NOW.toISOString(),
    durationSeconds: 3600,
    sessionName: 'airlock-tester',
    usedMfa: false,
    ...over,
  };
}

/** A fetch stub that records the URLs asked for and answers with `reply`. */
function stubFetch(reply: { status: number; statusText?: string; body: string } | Error): { fetch: FetchLike; urls: string[]; inits: unknown[] } {
  const urls: string[] = [];
  const inits: unknown[] = [];
  const fetch: FetchLike = async (url, init) => {
    urls.push(url);
    inits.push(init);
    if (reply instanceof Error) throw reply;
    return { status: reply.status, statusText: reply.statusText ?? '', text: async () => reply.body };
  };
  return { fetch, urls, inits };
}

async function failure(p: Promise<unknown>): Promise<AirlockError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AirlockError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('signinEndpoint', () => {
  it.each([
    ['aws', 'https://signin.aws.amazon.com/federation'],
    ['aws-us-gov', 'https://signin.amazonaws-us-gov.com/federation'],
    ['aws-cn', 'https://signin.amazonaws.cn/federation'],
  ] as const)('%s signs in at %s', (partition, url) => {
    expect(signinEndpoint(partition)).toBe(url);
  });

  it('takes an https override, or http on loopback only (the request carries the secret)', () => {
    expect(signinEndpoint('aws', 'https://signin.example.internal/federation')).toBe('https://signin.example.internal/federation');
    expect(signinEndpoint('aws', 'http://127.0.0.1:4567/federation')).toBe('http://127.0.0.1:4567/federation');
    expect(signinEndpoint('aws', 'http://localhost:4567/federation')).toBe('http://localhost:4567/federation');
    expect(() => signinEndpoint('aws', 'http://signin.example.com/federation')).toThrow(/not https/);
    expect(() => signinEndpoint('aws', 'https://signin.example.com/federation?x=1')).toThrow(/plain URL/);
    expect(() => signinEndpoint('aws', 'https://user:pw@signin.example.com/federation')).toThrow(/plain URL/);
    expect(() => signinEndpoint('aws', 'not a url')).toThrow(/not a URL/);
  });
});

describe('loginUrl', () => {
  it('form-encodes Action, Issuer, Destination and SigninToken on the endpoint', () => {
    const destination = 'https://console.aws.amazon.com/dynamodbv2/home?region=eu-west-1#tables';
    const url = loginUrl({ endpoint: 'https://signin.aws.amazon.com/federation', signinToken: 'a+b/c=d e', destination, issuer: 'Airlock' });
    expect(url.startsWith('https://signin.aws.amazon.com/federation?Action=login&Issuer=Airlock&Destination=')).toBe(true);
    expect(url).toContain('Destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fdynamodbv2%2Fhome%3Fregion%3Deu-west-1%23tables');
    expect(url).toContain('SigninToken=a%2Bb%2Fc%3Dd+e');
    expect(url).not.toContain('#');
    const parsed = new URL(url);
    expect(Object.fromEntries(parsed.searchParams)).toEqual({ Action: 'login', Issuer: 'Airlock', Destination: destination, SigninToken: 'a+b/c=d e' });
  });

  it('defaults the issuer to Airlock and refuses an empty token', () => {
    expect(new URL(loginUrl({ endpoint: 'https://signin.amazonaws.cn/federation', signinToken: 't', destination: 'https://console.amazonaws.cn/' })).searchParams.get('Issuer')).toBe('Airlock');
    expect(() => loginUrl({ endpoint: 'https://signin.aws.amazon.com/federation', signinToken: '', destination: 'https://console.aws.amazon.com/' })).toThrow(/sign-in token/);
  });
});

describe('consoleDestination', () => {
  it("is the app's console URI by default", () => {
    const a = app({ uri: 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1' });
    expect(consoleDestination(a)).toBe(a.uri);
  });

  it('is the DynamoDB console of the region, in the partition of the app, when asked', () => {
    expect(consoleDestination(app(), undefined, 'dynamodb')).toBe('https://console.aws.amazon.com/dynamodbv2/home?region=eu-west-1#tables');
    expect(consoleDestination(app(), 'us-west-2', 'dynamodb')).toBe('https://console.aws.amazon.com/dynamodbv2/home?region=us-west-2#tables');
    const gov = app({ partition: 'aws-us-gov', uri: 'https://console.amazonaws-us-gov.com/', region: 'us-gov-west-1' });
    expect(consoleDestination(gov, undefined, 'dynamodb')).toBe('https://console.amazonaws-us-gov.com/dynamodbv2/home?region=us-gov-west-1#tables');
    const cn = app({ partition: 'aws-cn', uri: 'https://console.amazonaws.cn/', region: 'cn-northwest-1' });
    expect(consoleDestination(cn, undefined, 'dynamodb')).toBe('https://console.amazonaws.cn/dynamodbv2/home?region=cn-northwest-1#tables');
  });

  it('refuses local apps and regions of another partition', () => {
    const local = app({ name: 'local', uri: 'airlock://local-dynamodb', local: { embedded: true } });
    expect(() => consoleDestination(local)).toThrow(/local DynamoDB app: it has no AWS console/);
    expect(() => consoleDestination(app(), 'cn-north-1', 'dynamodb')).toThrow(/not in the aws partition/);
  });
});

describe('consoleSessionDuration', () => {
  it('asks for the app session duration when the role was assumed with long-term keys', () => {
    expect(consoleSessionDuration(session({ durationSeconds: 3600 }), { source: 'long-term', now: NOW })).toEqual({ seconds: 3600, note: undefined });
    // Logged in a few seconds ago: still the full hour, not 3597 s.
    expect(consoleSessionDuration(session({ durationSeconds: 3600 }), { source: 'long-term', now: new Date(NOW.getTime() + 3000) }).seconds).toBe(3600);
    const long = session({ durationSeconds: 43_200, expiration: new Date(NOW.getTime() + 43_200_000).toISOString() });
    expect(consoleSessionDuration(long, { source: 'long-term', now: NOW })).toEqual({ seconds: 43_200, note: undefined });
    expect(consoleSessionDuration(long, { source: 'long-term', requestedSeconds: 1800, now: NOW }).seconds).toBe(1800);
  });

  it('never outlasts the app session, except for AWS\'s 15-minute minimum', () => {
    const half = session({ durationSeconds: 7200, expiration: new Date(NOW.getTime() + 1800_000).toISOString() });
    const d = consoleSessionDuration(half, { source: 'long-term', now: NOW });
    expect(d.seconds).toBe(1800);
    expect(d.note).toMatch(/ends with the app session, in 30m/);
    const nearlyOver = session({ expiration: new Date(NOW.getTime() + 300_000).toISOString() });
    const m = consoleSessionDuration(nearlyOver, { source: 'long-term', now: NOW });
    expect(m.seconds).toBe(900);
    expect(m.note).toMatch(/15m/);
  });

  it('sends no SessionDuration for a role chain, and says the console is capped at 1 hour', () => {
    const chained = consoleSessionDuration(session(), { source: 'temporary', requestedSeconds: 43_200, now: NOW });
    expect(chained.seconds).toBeUndefined();
    expect(chained.note).toMatch(/temporary source credentials \(role chaining\).*1 hour/);
    expect(chained.note).toMatch(/in 1h\)$/);
    const unknown = consoleSessionDuration(session(), { source: 'unknown', now: NOW });
    expect(unknown.seconds).toBeUndefined();
    expect(unknown.note).toMatch(/cannot tell.*1 hour/);
  });

  it('refuses durations AWS refuses', () => {
    expect(() => consoleSessionDuration(session(), { source: 'long-term', requestedSeconds: 899, now: NOW })).toThrow(/15m to 12h/);
    expect(() => consoleSessionDuration(session(), { source: 'long-term', requestedSeconds: 43_201, now: NOW })).toThrow(/15m to 12h/);
  });

  it('tells temporary source credentials from long-term ones', async () => {
    expect(isTemporaryCredential({ accessKeyId: 'AKIAAIRLOCKTEST00001' })).toBe(false);
    expect(isTemporaryCredential({ accessKeyId: 'ASIAAIRLOCKTEST00001' })).toBe(true);
    expect(isTemporaryCredential({ accessKeyId: 'AKIAAIRLOCKTEST00001', sessionToken: 'x' })).toBe(true);
    const never = async (): Promise<never> => {
      throw new Error('the chain must not be asked when keys are stored');
    };
    expect(await sourceKindOf(undefined, { accessKeyId: 'AKIAAIRLOCKTEST00001', secretAccessKey: 's', storedAt: '' }, never)).toBe('long-term');
    expect(await sourceKindOf(undefined, { accessKeyId: 'ASIAAIRLOCKTEST00001', secretAccessKey: 's', sessionToken: 't', storedAt: '' }, never)).toBe('temporary');
    expect(await sourceKindOf(undefined, undefined, async () => ({ accessKeyId: 'ASIAX', secretAccessKey: 's', sessionToken: 't' }))).toBe('temporary');
    expect(await sourceKindOf(undefined, undefined, async () => ({ accessKeyId: 'AKIAX', secretAccessKey: 's' }))).toBe('long-term');
    expect(await sourceKindOf(undefined, undefined, never)).toBe('unknown');
    // What the session recorded at login wins over whatever the source is now.
    const stored = { accessKeyId: 'AKIAAIRLOCKTEST00001', secretAccessKey: 's', storedAt: '' };
    expect(await sourceKindOf({ sourceTemporary: true }, stored, never)).toBe('temporary');
    expect(await sourceKindOf({ sourceTemporary: false }, undefined, never)).toBe('long-term');
  });
});

describe('getSigninToken', () => {
  const creds = { accessKeyId: 'ASIAAIRLOCKUNIT00001', secretAccessKey: SECRET, sessionToken: TOKEN };

  it('sends Action, SessionDuration and the Session JSON, refusing redirects', async () => {
    const stub = stubFetch({ status: 200, body: '{"SigninToken":"tok-123"}' });
    const token = await getSigninToken(creds, { endpoint: 'https://signin.aws.amazon.com/federation', sessionDurationSeconds: 1800, fetch: stub.fetch });
    expect(token).toBe('tok-123');
    const url = new URL(stub.urls[0]!);
    expect(url.origin + url.pathname).toBe('https://signin.aws.amazon.com/federation');
    expect(url.searchParams.get('Action')).toBe('getSigninToken');
    expect(url.searchParams.get('SessionDuration')).toBe('1800');
    expect(JSON.parse(url.searchParams.get('Session')!)).toEqual({ sessionId: creds.accessKeyId, sessionKey: SECRET, sessionToken: TOKEN });
    expect(stub.inits[0]).toMatchObject({ method: 'GET', redirect: 'error' });
  });

  it('leaves SessionDuration out when none is asked for, and refuses out-of-range ones', async () => {
    const stub = stubFetch({ status: 200, body: '{"SigninToken":"t"}' });
    await getSigninToken(creds, { endpoint: 'https://signin.aws.amazon.com/federation', fetch: stub.fetch });
    expect(new URL(stub.urls[0]!).searchParams.has('SessionDuration')).toBe(false);
    await expect(getSigninToken(creds, { endpoint: 'https://signin.aws.amazon.com/federation', sessionDurationSeconds: 60, fetch: stub.fetch })).rejects.toThrow(/15m to 12h/);
    await expect(getSigninToken({ ...creds, sessionToken: '' }, { endpoint: 'https://signin.aws.amazon.com/federation', fetch: stub.fetch })).rejects.toThrow(/temporary credentials/);
  });

  it('reports refusals with the HTTP status and without any secret', async () => {
    const page = `<html><head><title>Bad Request</title><script>var x = 1;</script></head><body><p>echo ${SECRET} ${encodeURIComponent(TOKEN)}</p></body></html>`;
    const err = await failure(getSigninToken(creds, { endpoint: 'https://signin.aws.amazon.com/federation', fetch: stubFetch({ status: 400, statusText: 'Bad Request', body: page }).fetch }));
    expect(err.code).toBe('CONSOLE_SIGNIN');
    expect(err.message).toMatch(/https:\/\/signin\.aws\.amazon\.com\/federation refused the sign-in token request: HTTP 400 Bad Request/);
    expect(err.message).not.toContain('var x');
    for (const text of [err.message, err.hint ?? '']) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(encodeURIComponent(TOKEN));
    }
  });

  it('reports network failures and answers without a token clearly', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    const net = await failure(getSigninToken(creds, { endpoint: 'http://127.0.0.1:9/federation', fetch: stubFetch(refused).fetch }));
    expect(net.message).toMatch(/could not reach the AWS federation endpoint http:\/\/127\.0\.0\.1:9\/federation: .*ECONNREFUSED/);
    const empty = await failure(getSigninToken(creds, { endpoint: 'https://signin.aws.amazon.com/federation', fetch: stubFetch({ status: 200, body: '{}' }).fetch }));
    expect(empty.message).toMatch(/HTTP 200 without a SigninToken/);
  });
});

describe('openConsole', () => {
  it('signs in at the partition endpoint with the session duration and builds the login URL', async () => {
    const stub = stubFetch({ status: 200, body: '{"SigninToken":"tok"}' });
    const link = await openConsole({ app: app(), session: session(), source: 'long-term', fetch: stub.fetch, now: () => NOW });
    expect(new URL(stub.urls[0]!).searchParams.get('SessionDuration')).toBe('3600');
    expect(link.endpoint).toBe('https://signin.aws.amazon.com/federation');
    expect(link.destination).toBe('https://console.aws.amazon.com/');
    expect(link.validUntil.toISOString()).toBe('2030-01-01T12:15:00.000Z');
    expect(Object.fromEntries(new URL(link.url).searchParams)).toEqual({ Action: 'login', Issuer: 'Airlock', Destination: 'https://console.aws.amazon.com/', SigninToken: 'tok' });
  });

  it('asks for no SessionDuration for a role chain', async () => {
    const stub = stubFetch({ status: 200, body: '{"SigninToken":"tok"}' });
    const link = await openConsole({ app: app(), session: session(), source: 'temporary', fetch: stub.fetch, now: () => NOW });
    expect(new URL(stub.urls[0]!).searchParams.has('SessionDuration')).toBe(false);
    expect(link.duration.note).toMatch(/1 hour/);
  });

  it('refuses missing and expired sessions before calling AWS, and hints at logging in again on a 400', async () => {
    const stub = stubFetch({ status: 400, statusText: 'Bad Request', body: '' });
    const none = await failure(openConsole({ app: app(), session: undefined, source: 'long-term', fetch: stub.fetch, now: () => NOW }));
    expect(none.code).toBe('NOT_LOGGED_IN');
    const expired = await failure(openConsole({ app: app(), session: session({ expiration: NOW.toISOString() }), source: 'long-term', fetch: stub.fetch, now: () => NOW }));
    expect(expired.code).toBe('SESSION_EXPIRED');
    expect(expired.hint).toBe('log in again: airlock apps login dev --aws-role ReadOnly');
    expect(stub.urls).toHaveLength(0);
    const refused = await failure(openConsole({ app: app(), session: session(), source: 'long-term', fetch: stub.fetch, now: () => NOW }));
    expect(refused.message).toMatch(/console of app "dev".*HTTP 400/);
    expect(refused.hint).toMatch(/airlock apps login dev --aws-role ReadOnly/);
  });
});

describe('console windows', () => {
  const base = { app: 'dev', roleName: 'ReadOnly', accountId: '111111111111' };

  it('are sandboxed, isolated and get no preload', () => {
    const o = consoleWindowOptions(base);
    expect(o.title).toBe('dev — ReadOnly (111111111111)');
    expect('preload' in o.webPreferences).toBe(true);
    expect(o.webPreferences.preload).toBeUndefined();
    expect(o.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webviewTag: false, webSecurity: true });
  });

  it('keep one persistent partition per app and role', () => {
    const p = (over: Partial<typeof base>): string => consoleWindowOptions({ ...base, ...over }).webPreferences.partition;
    const mine = p({});
    expect(mine).toMatch(/^persist:console-dev-readonly-[a-z0-9]+$/);
    expect(p({})).toBe(mine);
    const others = [p({ roleName: 'Admin' }), p({ app: 'prod' }), p({ app: 'Dev' }), p({ accountId: '222222222222' }), p({ app: 'dev.x', roleName: 'ReadOnly' }), p({ app: 'weird app/..', roleName: 'a+b=c,d.e@f-g' })];
    expect(new Set([mine, ...others]).size).toBe(others.length + 1);
    for (const part of others) expect(part).toMatch(/^persist:console-[a-z0-9-]+$/);
  });

  it('take a stable colour per app', () => {
    expect(hueForApp('dev')).toBe(hueForApp('dev'));
    for (const name of ['dev', 'prod', 'staging', 'a', 'local-dynamodb']) {
      const hue = hueForApp(name);
      expect(hue).toBeGreaterThanOrEqual(0);
      expect(hue).toBeLessThan(360);
      expect(hue % 20).toBe(0);
    }
    expect(new Set(['dev', 'prod', 'staging', 'test', 'sandbox', 'shared'].map(hueForApp)).size).toBeGreaterThan(1);
    expect(consoleWindowOptions({ ...base, colorHue: 120 }).backgroundColor).toMatch(/^#[0-9a-f]{6}$/);
    expect(consoleWindowOptions({ ...base, colorHue: 120 }).backgroundColor).not.toBe(consoleWindowOptions({ ...base, colorHue: 300 }).backgroundColor);
  });
});
