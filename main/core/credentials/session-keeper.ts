import { EventEmitter } from 'node:events';
import type { App } from '../apps/model';
import { AirlockError, errorMessage, isAirlockError } from '../errors';
import type { SessionSource } from '../proxy/session-source';
import type { Sessions } from './login';
import { sessionCredentials } from './types';
import type { StoredSession } from './types';

/** Renew when this much of the session is left: 5 minutes, or a third of short sessions. */
export function renewMargin(s: StoredSession): number {
  const lifetime = Date.parse(s.expiration) - Date.parse(s.issuedAt);
  return Math.min(5 * 60_000, Math.max(lifetime / 3, 0));
}

/**
 * Keeps one app's session usable for a long-running proxy: re-reads the vault when it changes
 * (another process may log out or in), renews before expiry (single flight), and says clearly
 * why when it cannot. Events: 'renewed' (session), 'ended' (AirlockError).
 */
export class SessionKeeper extends EventEmitter implements SessionSource {
  private inflight: Promise<StoredSession> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastRenewError: string | undefined;
  private failures = 0;
  private scheduledFor: string | undefined;
  private retryAt = 0;

  constructor(private readonly app: App, private readonly sessions: Sessions, private readonly now: () => Date = () => new Date()) {
    super();
  }

  async current(): Promise<{ credentials: ReturnType<typeof sessionCredentials>; roleArn: string; expiration: Date }> {
    let s = await this.sessions.get(this.app.name);
    if (!s) {
      throw new AirlockError('NOT_LOGGED_IN', `not logged in to app "${this.app.name}"`,
        `log in: airlock apps login ${this.app.name} --aws-role ROLE`);
    }
    const now = this.now().getTime();
    const left = Date.parse(s.expiration) - now;
    // After a failed renewal, wait out the backoff while the session is still valid, rather than ask STS per request.
    const backingOff = this.failures > 0 && now < this.retryAt;
    if (left <= renewMargin(s) && !s.usedMfa && !backingOff) {
      try {
        s = await this.renew(s);
      } catch (err) {
        if (isAirlockError(err) && err.code === 'NOT_LOGGED_IN') throw err;
        // Still valid: keep serving with it and try again on the next request.
        if (left <= 0) throw this.expired(err);
      }
    }
    if (Date.parse(s.expiration) <= this.now().getTime()) throw this.expired(undefined);
    this.schedule(s);
    return { credentials: sessionCredentials(s), roleArn: s.roleArn, expiration: new Date(s.expiration) };
  }

  /** Keeps renewing in the background even when no request comes, so the first one after a pause is fast. */
  start(): void {
    this.current().catch((err: unknown) => this.emit('ended', err));
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(s: StoredSession): void {
    if (s.usedMfa) return;
    // Called on every request: re-arm only when the session changed (or after a failure).
    if (this.timer && this.scheduledFor === s.accessKeyId) return;
    if (this.timer) clearTimeout(this.timer);
    this.scheduledFor = s.accessKeyId;
    const due = Date.parse(s.expiration) - renewMargin(s) - this.now().getTime();
    // After failed renewals, back off instead of hammering STS until the session runs out.
    const at = this.failures > 0 ? this.backoffMs() : due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.current().catch((err: unknown) => this.emit('ended', err));
    }, Math.max(at, 250));
    this.timer.unref();
  }

  private backoffMs(): number {
    return Math.min(30_000, 500 * 2 ** this.failures);
  }

  private renew(s: StoredSession): Promise<StoredSession> {
    if (!this.inflight) {
      this.inflight = this.sessions.renew(this.app, s)
        .then((fresh) => {
          this.lastRenewError = undefined;
          this.failures = 0;
          if (fresh.accessKeyId !== s.accessKeyId) this.emit('renewed', fresh);
          return fresh;
        })
        .catch((err: unknown) => {
          this.lastRenewError = errorMessage(err);
          this.failures++;
          this.retryAt = this.now().getTime() + this.backoffMs();
          throw err;
        })
        .finally(() => {
          this.inflight = undefined;
        });
    }
    return this.inflight;
  }

  private expired(cause: unknown): AirlockError {
    const why = cause ? errorMessage(cause) : this.lastRenewError;
    return new AirlockError('SESSION_EXPIRED',
      `the session of app "${this.app.name}" has expired${why ? ` and could not be renewed (${why})` : ''}`,
      `log in again: airlock apps login ${this.app.name} --aws-role ROLE`);
  }
}
