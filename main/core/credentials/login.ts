import type { App } from '../apps/model';
import { parseRoleArn, resolveRole } from '../apps/roles';
import type { AllowedRoles } from '../apps/roles';
import { AirlockError } from '../errors';
import { assumeRole } from './assume-role';
import { localUserName, sessionNameFor } from './session-name';
import { roleSource, sourceCredentialsProvider, sourceKey } from './source';
import type { StoredSourceKeys } from './source';
import type { StoredSession } from './types';
import type { Vault } from './vault';

export const sessionKey = (app: string): string => `session/${app}`;

/** STS accepts 900 s to 12 h; the role's own maximum may be lower, which STS reports. */
export const MIN_DURATION_S = 900;
export const MAX_DURATION_S = 43_200;

/** STS's own default session length. */
const STS_DEFAULT_DURATION_S = 3600;

export interface LoginRequest {
  app: App;
  role: string;
  /** Absent: the role's own duration (duration_seconds of an imported profile), else `defaultDurationSeconds`. */
  durationSeconds?: number;
  /** The user's default session duration preference (STS's 1 hour when absent). */
  defaultDurationSeconds?: number;
  mfaCode?: string;
}

function checkDuration(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < MIN_DURATION_S || seconds > MAX_DURATION_S) {
    throw new AirlockError('BAD_DURATION', `session duration must be between 15m and 12h (got ${seconds}s)`);
  }
}

/** Decides which roles a user may assume for an app (RoleAccess: the access policy, else the app's list). */
export interface RoleGate {
  allowed(app: App): Promise<AllowedRoles>;
}

/** Without a policy: the app's own role list. */
export const APP_ROLES: RoleGate = { allowed: async (app) => ({ arns: app.roleArns, from: 'app' }) };

/** Logs in to apps (sts:AssumeRole) and renews their sessions; sessions live in the vault. */
export class Sessions {
  constructor(
    private readonly vault: Vault,
    /** The session name's user: a name, or how to learn it (the identity the user set, at each login). */
    private readonly userName: string | (() => Promise<string>) = localUserName(),
    private readonly roles: RoleGate = APP_ROLES,
  ) {}

  async login(req: LoginRequest): Promise<StoredSession> {
    if (req.durationSeconds !== undefined) checkDuration(req.durationSeconds);
    if (req.app.local) {
      throw new AirlockError('LOCAL_APP', `app "${req.app.name}" is a local DynamoDB app: it needs no login`,
        `start its proxy directly: airlock proxy aws ${req.app.name}`);
    }
    const role = resolveRole(req.app, req.role, await this.roles.allowed(req.app));
    const durationSeconds = req.durationSeconds ?? req.app.roleSettings?.[role.arn]?.durationSeconds
      ?? req.defaultDurationSeconds ?? STS_DEFAULT_DURATION_S;
    checkDuration(durationSeconds);
    const session = await assumeRole({
      app: req.app,
      role,
      source: sourceCredentialsProvider(await this.vault.get<StoredSourceKeys>(sourceKey(req.app.name)), roleSource(req.app, role.arn)),
      sessionName: sessionNameFor(typeof this.userName === 'string' ? this.userName : await this.userName()),
      durationSeconds,
      ...(req.mfaCode !== undefined ? { mfaCode: req.mfaCode } : {}),
    });
    await this.vault.set(sessionKey(req.app.name), session);
    return session;
  }

  /** Assumes the same role again for a session about to expire; stores it unless the user logged out meanwhile. */
  async renew(app: App, old: StoredSession): Promise<StoredSession> {
    if (old.usedMfa) {
      throw new AirlockError('MFA_REQUIRED', `the session of app "${app.name}" was opened with MFA and cannot renew itself`,
        `log in again: airlock apps login ${app.name} --aws-role ${old.roleArn} --mfa-code CODE`);
    }
    const role = parseRoleArn(old.roleArn);
    const allowed = await this.roles.allowed(app);
    if (!role || !allowed.arns.includes(old.roleArn)) {
      throw new AirlockError('ROLE_NOT_ALLOWED',
        `${allowed.from === 'policy' ? 'the access policy no longer offers' : `app "${app.name}" no longer allows`} role ${old.roleArn}` +
        `${allowed.from === 'policy' ? ` for app "${app.name}"` : ''}`,
        `log in with an allowed role: airlock apps login ${app.name} --aws-role ROLE`);
    }
    const fresh = await assumeRole({
      app,
      role,
      source: sourceCredentialsProvider(await this.vault.get<StoredSourceKeys>(sourceKey(app.name)), roleSource(app, role.arn)),
      sessionName: old.sessionName,
      durationSeconds: old.durationSeconds,
    });
    return this.vault.update((data) => {
      const stored = data.get(sessionKey(app.name)) as StoredSession | undefined;
      if (!stored) {
        // Logged out while we were renewing: never bring the session back.
        throw new AirlockError('NOT_LOGGED_IN', `not logged in to app "${app.name}" (logged out)`,
          `log in: airlock apps login ${app.name} --aws-role ROLE`);
      }
      if (stored.accessKeyId !== old.accessKeyId) return stored; // someone else renewed or logged in again
      data.set(sessionKey(app.name), fresh);
      return fresh;
    });
  }

  async get(app: string): Promise<StoredSession | undefined> {
    return this.vault.get<StoredSession>(sessionKey(app));
  }

  async list(): Promise<StoredSession[]> {
    const keys = await this.vault.keys('session/');
    const out: StoredSession[] = [];
    for (const k of keys) {
      const s = await this.vault.get<StoredSession>(k);
      if (s) out.push(s);
    }
    return out;
  }

  async logout(app: string): Promise<boolean> {
    return this.vault.delete(sessionKey(app));
  }
}
