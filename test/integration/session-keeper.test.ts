import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../main/core/apps/store';
import type { App } from '../../main/core/apps/model';
import { PassphraseCipher } from '../../main/core/credentials/passphrase-cipher';
import { Sessions } from '../../main/core/credentials/login';
import { renewMargin, SessionKeeper } from '../../main/core/credentials/session-keeper';
import { sourceKey } from '../../main/core/credentials/source';
import { Vault } from '../../main/core/credentials/vault';
import { startAwsFixture } from '../fixtures/aws-fixture';
import type { AwsFixture } from '../fixtures/aws-fixture';

/** The keeper against the strict STS fixture: renewal timing, logout races and sessions that cannot renew. */
let fx: AwsFixture;
let dir: string;
let vault: Vault;
const ROLE = 'arn:aws:iam::111111111111:role/Admin';

const appWith = (stsEndpoint: string): App => buildApp({ name: 'k', uri: 'https://console.aws.amazon.com/', roleArns: [ROLE], stsEndpoint });

beforeAll(async () => {
  fx = await startAwsFixture({ sessionLifetimeSeconds: 3 });
  dir = mkdtempSync(join(tmpdir(), 'airlock-keeper-'));
  vault = new Vault(join(dir, 'vault'), new PassphraseCipher('keeper test', { N: 2 ** 12 }));
  // Stored keys: the keeper must not depend on this process's environment.
  await vault.set(sourceKey('k'), { ...fx.sourceCredentials, storedAt: new Date().toISOString() });
});

afterAll(async () => {
  await fx?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('SessionKeeper', () => {
  it('renews before expiry, in the background, with one STS call per renewal', async () => {
    const app = appWith(fx.stsUrl);
    const sessions = new Sessions(vault, 'keeper-user');
    const first = await sessions.login({ app, role: 'Admin', durationSeconds: 3600 });
    const keeper = new SessionKeeper(app, sessions);
    const renewed: string[] = [];
    keeper.on('renewed', (s: { accessKeyId: string }) => renewed.push(s.accessKeyId));
    try {
      keeper.start();
      // Many concurrent callers inside the renewal margin share one renewal (single flight). Waiting into the
      // margin (not a fixed time) keeps the burst from straddling its start, where early callers still get the old key.
      await sleep(Date.parse(first.expiration) - renewMargin(first) + 150 - Date.now());
      const before = fx.issued.length;
      const results = await Promise.all(Array.from({ length: 20 }, () => keeper.current()));
      expect(new Set(results.map((r) => r.credentials.accessKeyId)).size).toBe(1);
      expect(fx.issued.length - before).toBeLessThanOrEqual(1);
      await sleep(3000);
      expect(renewed.length).toBeGreaterThanOrEqual(2);
      const now = await keeper.current();
      expect(now.credentials.accessKeyId).not.toBe(first.accessKeyId);
      expect(now.expiration.getTime()).toBeGreaterThan(Date.now());
      expect((await sessions.get('k'))!.accessKeyId).toBe(now.credentials.accessKeyId);
      expect(fx.issued.filter((s) => s.sessionName === 'keeper-user').every((s) => s.roleArn === ROLE)).toBe(true);
    } finally {
      keeper.stop();
    }
  });

  it('never brings back a session logged out while it was renewing', async () => {
    const app = appWith(fx.stsUrl);
    const sessions = new Sessions(vault, 'keeper-user');
    const old = await sessions.login({ app, role: 'Admin', durationSeconds: 3600 });
    const renewing = sessions.renew(app, old);
    await sessions.logout('k');
    await expect(renewing).rejects.toThrow(/not logged in to app "k"/);
    expect(await sessions.get('k')).toBeUndefined();
    await expect(new SessionKeeper(app, sessions).current()).rejects.toThrow(/not logged in to app "k".*|log in/);
  });

  it('keeps serving a valid session while STS is unreachable, backs off, then says to log in again', async () => {
    const good = appWith(fx.stsUrl);
    const sessions = new Sessions(vault, 'keeper-user');
    const stored = await sessions.login({ app: good, role: 'Admin', durationSeconds: 3600 });
    let renewCalls = 0;
    const counting = Object.create(sessions) as Sessions;
    counting.renew = (app, s) => {
      renewCalls++;
      return sessions.renew(app, s);
    };
    // Same app, but STS now points at a closed port.
    const keeper = new SessionKeeper(appWith('http://127.0.0.1:9'), counting);
    // Into the renewal margin (the last third of the session), still before expiry.
    await sleep(Date.parse(stored.expiration) - renewMargin(stored) + 150 - Date.now());
    const stillValid = await keeper.current();
    expect(stillValid.expiration.getTime()).toBeGreaterThan(Date.now());
    expect(renewCalls).toBe(1);
    for (let i = 0; i < 10; i++) await keeper.current();
    expect(renewCalls).toBe(1); // backing off, not one STS call per request
    await sleep(Math.max(0, stillValid.expiration.getTime() - Date.now()) + 100);
    await expect(keeper.current()).rejects.toThrow(/session of app "k" has expired and could not be renewed/);
    keeper.stop();
  });
});
