// Console sign-in end to end against the fixture: a session from the fixture's STS is exchanged
// for a sign-in token at its federation endpoint, and the login URL lands on the console (302).
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main/core/apps/model';
import { sourceKindOf } from '../../main/core/console/duration';
import { loginUrl } from '../../main/core/console/endpoint';
import { openConsole } from '../../main/core/console/open-console';
import { getSigninToken } from '../../main/core/console/signin-token';
import type { Sessions } from '../../main/core/credentials/login';
import { sourceKey } from '../../main/core/credentials/source';
import type { StoredSourceKeys } from '../../main/core/credentials/source';
import type { StoredSession } from '../../main/core/credentials/types';
import type { Vault } from '../../main/core/credentials/vault';
import { AirlockError } from '../../main/core/errors';
import { CoreHost } from '../../main/core/host';
import { ROLE_ARNS, startAwsFixture } from '../fixtures/aws-fixture';
import type { AwsFixture } from '../fixtures/aws-fixture';
import { airlock, TestHome } from './harness';

let fx: AwsFixture;
let home: TestHome;
let host: CoreHost;
let vault: Vault;
let sessions: Sessions;
let dev: App;

const CONSOLE = 'https://console.aws.amazon.com/';

/** Requests the login URL without following the redirect, as a browser's first hop. */
async function follow(url: string): Promise<{ status: number; location: string | null }> {
  const res = await fetch(url, { redirect: 'manual' });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location') };
}

/** getSigninToken without Airlock's own checks, to prove what the fixture refuses. */
async function rawSignin(params: Record<string, string>): Promise<{ status: number; text: string }> {
  const url = new URL(fx.federationUrl);
  url.search = new URLSearchParams(params).toString();
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, text: await res.text() };
}

function sessionJson(s: Pick<StoredSession, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>, over: Record<string, unknown> = {}): string {
  return JSON.stringify({ sessionId: s.accessKeyId, sessionKey: s.secretAccessKey, sessionToken: s.sessionToken, ...over });
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

function expectNoSecrets(text: string): void {
  for (const secret of fx.secrets()) expect(text).not.toContain(secret);
}

beforeAll(async () => {
  fx = await startAwsFixture();
  // In-process host: its sessions assume roles with keys stored in its vault (not the process env).
  home = new TestHome(fx.sourceCredentials);
  host = new CoreHost({ env: home.env });
  dev = host.apps.add({
    name: 'dev', uri: CONSOLE, roleArns: [ROLE_ARNS.readOnly, ROLE_ARNS.admin], stsEndpoint: fx.stsUrl, endpoints: { dynamodb: fx.dynamodbUrl },
  });
  vault = await host.vault();
  await vault.set(sourceKey('dev'), { ...fx.sourceCredentials, storedAt: new Date().toISOString() } satisfies StoredSourceKeys);
  sessions = await host.sessions();
});

afterAll(async () => {
  await host?.close();
  await fx?.stop();
  home?.remove();
});

describe('console sign-in through the federation endpoint', () => {
  it('exchanges a role session for a sign-in token whose login URL redirects to the console, once', async () => {
    const session = await sessions.login({ app: dev, role: 'ReadOnly', durationSeconds: 3600 });
    const token = await getSigninToken(session, { endpoint: fx.federationUrl, sessionDurationSeconds: 3600 });
    const destination = 'https://console.aws.amazon.com/dynamodbv2/home?region=us-east-1#tables';
    const url = loginUrl({ endpoint: fx.federationUrl, signinToken: token, destination, issuer: 'Airlock' });
    expect(await follow(url)).toEqual({ status: 302, location: destination });
    expect(fx.signins.at(-1)).toMatchObject({ accessKeyId: session.accessKeyId, roleArn: ROLE_ARNS.readOnly, chained: false, sessionDurationSeconds: 3600, destination, issuer: 'Airlock' });
    // A sign-in token is single-use.
    expect((await follow(url)).status).toBe(400);
  });

  it('openConsole composes it: the session duration is asked for and the URL lands on the DynamoDB console', async () => {
    const session = await sessions.get('dev');
    expect(session?.sourceTemporary).toBe(false); // recorded at login: the stored keys are long-term
    const source = await sourceKindOf(session, await vault.get<StoredSourceKeys>(sourceKey('dev')));
    expect(source).toBe('long-term');
    const link = await openConsole({ app: dev, session, source, federationEndpoint: fx.federationUrl, target: 'dynamodb', region: 'us-west-2' });
    expect(link.destination).toBe('https://console.aws.amazon.com/dynamodbv2/home?region=us-west-2#tables');
    expect(link.duration).toEqual({ seconds: 3600, note: undefined });
    expect(await follow(link.url)).toEqual({ status: 302, location: link.destination });
    expect(fx.signins.at(-1)?.sessionDurationSeconds).toBe(link.duration.seconds);
  });

  it('is refused for tampered, incomplete or unknown sessions, bad durations and foreign destinations (HTTP 400)', async () => {
    const session = (await sessions.get('dev'))!;
    const cases: Record<string, string>[] = [
      { Action: 'getSigninToken', Session: sessionJson(session, { sessionKey: 'wrong' }) },
      { Action: 'getSigninToken', Session: sessionJson(session, { sessionToken: undefined }) },
      { Action: 'getSigninToken', Session: sessionJson(session, { sessionId: 'ASIAUNKNOWN000000000' }) },
      { Action: 'getSigninToken', Session: sessionJson({ ...fx.sourceCredentials, sessionToken: 'x' }) },
      { Action: 'getSigninToken', Session: 'not json' },
      { Action: 'getSigninToken', Session: sessionJson(session), SessionDuration: '899' },
      { Action: 'getSigninToken', Session: sessionJson(session), SessionDuration: '43201' },
      { Action: 'login', SigninToken: 'never-issued', Destination: CONSOLE },
    ];
    for (const params of cases) expect((await rawSignin(params)).status, JSON.stringify(params.SessionDuration ?? params.Action)).toBe(400);
    const ok = await rawSignin({ Action: 'getSigninToken', Session: sessionJson(session), SessionDuration: '43200' });
    expect(ok.status).toBe(200);
    const token = (JSON.parse(ok.text) as { SigninToken: string }).SigninToken;
    const evil = await follow(loginUrl({ endpoint: fx.federationUrl, signinToken: token, destination: 'https://evil.example/' }));
    expect(evil.status).toBe(400);
  });

  it('refuses a longer console session for a role chain, which Airlock then does not ask for', async () => {
    // The source of app "chain" is itself a role session (Admin): assuming Chained with it is role chaining.
    const admin = await sessions.login({ app: dev, role: 'Admin', durationSeconds: 3600 });
    const chainApp = host.apps.add({ name: 'chain', uri: CONSOLE, roleArns: [ROLE_ARNS.chained], stsEndpoint: fx.stsUrl });
    const stored: StoredSourceKeys = { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey, sessionToken: admin.sessionToken, storedAt: new Date().toISOString() };
    await vault.set(sourceKey('chain'), stored);
    const chained = await sessions.login({ app: chainApp, role: 'Chained', durationSeconds: 3600 });

    const refused = await failure(getSigninToken(chained, { endpoint: fx.federationUrl, sessionDurationSeconds: 3600 }));
    expect(refused.code).toBe('CONSOLE_SIGNIN');
    expect(refused.message).toMatch(/HTTP 400.*role chaining/);
    expectNoSecrets(`${refused.message} ${refused.hint ?? ''}`);

    expect(chained.sourceTemporary).toBe(true);
    expect(await sourceKindOf(undefined, stored)).toBe('temporary');
    const source = await sourceKindOf(chained, undefined);
    expect(source).toBe('temporary');
    const link = await openConsole({ app: chainApp, session: chained, source, federationEndpoint: fx.federationUrl, requestedSeconds: 43_200 });
    expect(link.duration.seconds).toBeUndefined();
    expect(link.duration.note).toMatch(/role chaining.*1 hour/);
    expect(await follow(link.url)).toEqual({ status: 302, location: CONSOLE });
    const signin = fx.signins.at(-1)!;
    expect(signin).toMatchObject({ roleArn: ROLE_ARNS.chained, chained: true, sessionDurationSeconds: undefined });
    expect(signin.consoleExpiresAt.getTime() - signin.issuedAt.getTime()).toBeLessThanOrEqual(3600_000);
  });

  it('gives a clear error for an expired session, and the fixture refuses its credentials too', async () => {
    fx.setSessionLifetime(2);
    let session: StoredSession;
    try {
      session = await sessions.login({ app: dev, role: 'ReadOnly', durationSeconds: 3600 });
    } finally {
      fx.setSessionLifetime(undefined);
    }
    await sleep(Math.max(0, Date.parse(session.expiration) - Date.now()) + 300);
    const expired = await failure(openConsole({ app: dev, session, source: 'long-term', federationEndpoint: fx.federationUrl }));
    expect(expired.code).toBe('SESSION_EXPIRED');
    expect(expired.message).toMatch(/session of app "dev" expired/);
    expect(expired.hint).toBe('log in again: airlock apps login dev --aws-role ReadOnly');

    const direct = await failure(getSigninToken(session, { endpoint: fx.federationUrl }));
    expect(direct.message).toMatch(/refused the sign-in token request: HTTP 400 Bad Request.*expired/);
    expectNoSecrets(`${direct.message} ${direct.hint ?? ''}`);
  });

  it('gives a clear error for a revoked session and after logging out', async () => {
    const session = await sessions.login({ app: dev, role: 'ReadOnly', durationSeconds: 3600 });
    expect(fx.revoke(session.accessKeyId)).toBe(true);
    const revoked = await failure(openConsole({ app: dev, session, source: 'long-term', federationEndpoint: fx.federationUrl }));
    expect(revoked.message).toMatch(/could not sign in to the console of app "dev".*HTTP 400/);
    expect(revoked.hint).toMatch(/expired or been revoked: log in again: airlock apps login dev --aws-role ReadOnly/);
    expectNoSecrets(`${revoked.message} ${revoked.hint ?? ''}`);

    await sessions.logout('dev');
    const out = await failure(openConsole({ app: dev, session: await sessions.get('dev'), source: 'long-term', federationEndpoint: fx.federationUrl }));
    expect(out.code).toBe('NOT_LOGGED_IN');
    expect(out.message).toBe('not logged in to app "dev"');
  });
});

describe('airlock console', () => {
  let cli: TestHome;

  beforeAll(async () => {
    cli = new TestHome(fx.sourceCredentials);
    const add = await airlock(cli, ['apps', 'add', 'dev', '--uri', CONSOLE, '--aws-role-arn', ROLE_ARNS.readOnly, '--aws-role-arn', ROLE_ARNS.admin,
      '--sts-endpoint', fx.stsUrl, '--endpoint', `dynamodb=${fx.dynamodbUrl}`]);
    expect(add.code, add.stderr).toBe(0);
  });

  afterAll(() => cli?.remove());

  it('says to log in when there is no session', async () => {
    const r = await airlock(cli, ['console', 'dev', '--print', '--federation-endpoint', fx.federationUrl]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not logged in to app "dev"[\s\S]*hint: log in: airlock apps login dev --aws-role ROLE/);
  });

  it('logs in with --aws-role first, then prints a sign-in URL the federation endpoint accepts', async () => {
    const before = fx.issued.length;
    const r = await airlock(cli, ['console', 'dev', '--aws-role', 'ReadOnly', '--print', '--federation-endpoint', fx.federationUrl]);
    expect(r.code, r.stderr).toBe(0);
    expect(fx.issued.length).toBe(before + 1);
    expect(r.stderr).toMatch(/logged in to dev as ReadOnly \(account 111111111111\)/);
    expect(r.stderr).toMatch(/sign-in URL for dev as ReadOnly \(account 111111111111\), valid until .*keep it secret/);
    const url = r.stdout.trim();
    expect(url.split('\n')).toHaveLength(1);
    expect(url.startsWith(`${fx.federationUrl}?Action=login&Issuer=Airlock&Destination=`)).toBe(true);
    expectNoSecrets(r.stdout + r.stderr);
    expect(await follow(url)).toEqual({ status: 302, location: CONSOLE });
    // The default duration preference (1 h) was asked for the console too: long-term source keys.
    expect(fx.signins.at(-1)).toMatchObject({ roleArn: ROLE_ARNS.readOnly, sessionDurationSeconds: 3600, chained: false });
  });

  it('uses the stored session as it is: `airlock console dev --print --federation-endpoint URL`', async () => {
    const before = fx.issued.length;
    const r = await airlock(cli, ['console', 'dev', '--print', '--federation-endpoint', fx.federationUrl]);
    expect(r.code, r.stderr).toBe(0);
    expect(fx.issued.length).toBe(before);
    expect(await follow(r.stdout.trim())).toEqual({ status: 302, location: CONSOLE });
    // The same role again needs no new login; another role does.
    const same = await airlock(cli, ['console', 'dev', '--aws-role', 'ReadOnly', '--print', '--federation-endpoint', fx.federationUrl]);
    expect(same.code, same.stderr).toBe(0);
    expect(fx.issued.length).toBe(before);
    const admin = await airlock(cli, ['console', 'dev', '--aws-role', 'Admin', '--print', '--dynamodb', '--federation-endpoint', fx.federationUrl]);
    expect(admin.code, admin.stderr).toBe(0);
    expect(fx.issued.at(-1)?.roleArn).toBe(ROLE_ARNS.admin);
    expect(await follow(admin.stdout.trim())).toEqual({ status: 302, location: 'https://console.aws.amazon.com/dynamodbv2/home?region=us-east-1#tables' });
  });

  it('keeps a federation endpoint per app: `apps update dev --federation-endpoint URL`, then `airlock console dev --print`', async () => {
    const set = await airlock(cli, ['apps', 'update', 'dev', '--federation-endpoint', fx.federationUrl]);
    expect(set.code, set.stderr).toBe(0);
    const r = await airlock(cli, ['console', 'dev', '--print']);
    expect(r.code, r.stderr).toBe(0);
    expect(await follow(r.stdout.trim())).toEqual({ status: 302, location: expect.stringMatching(/^https:\/\/console\.aws\.amazon\.com\//) });
    const bad = await airlock(cli, ['apps', 'update', 'dev', '--federation-endpoint', 'ftp://x']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('federation endpoint');
    const reset = await airlock(cli, ['apps', 'update', 'dev', '--federation-endpoint', '']);
    expect(reset.code, reset.stderr).toBe(0);
    const ls = await airlock(cli, ['apps', 'ls', '--format', 'json']);
    expect(JSON.parse(ls.stdout)[0]).not.toHaveProperty('federationEndpoint');
  });

  it('refuses a plain-http federation endpoint that is not on loopback, a browser without a display, and says so after logging out', async () => {
    const signins = fx.signins.length;
    const headless = await airlock(cli, ['console', 'dev', '--federation-endpoint', fx.federationUrl]);
    expect(headless.code).toBe(1);
    expect(headless.stderr).toMatch(/no display to open a browser on[\s\S]*hint: print the sign-in URL instead: airlock console dev --print/);
    expect(fx.signins.length).toBe(signins);
    const insecure = await airlock(cli, ['console', 'dev', '--print', '--federation-endpoint', 'http://signin.example.com/federation']);
    expect(insecure.code).toBe(1);
    expect(insecure.stderr).toMatch(/is not https/);
    const logout = await airlock(cli, ['apps', 'logout', 'dev']);
    expect(logout.code, logout.stderr).toBe(0);
    const r = await airlock(cli, ['console', 'dev', '--print', '--federation-endpoint', fx.federationUrl]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not logged in to app "dev"/);
    expect(r.stdout).toBe('');
  });
});
