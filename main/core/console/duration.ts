import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { AirlockError } from '../errors';
import type { App } from '../apps/model';
import { roleSource, sourceCredentialsProvider } from '../credentials/source';
import type { StoredSourceKeys } from '../credentials/source';
import { isTemporaryCredential } from '../credentials/types';
import type { StoredSession } from '../credentials/types';

/** AWS accepts a SessionDuration of 15 minutes to 12 hours. */
export const MIN_CONSOLE_SECONDS = 900;
export const MAX_CONSOLE_SECONDS = 43_200;
/** Role chaining caps a role session (and so its console session) at one hour. */
export const CHAINED_LIMIT_SECONDS = 3600;
/** A console session may outlast the app session by this much before it is trimmed to it. */
const TRIM_SLACK_SECONDS = 60;

/**
 * What kind of credentials assumed the app's role. Temporary ones (a session token, an ASIA… key:
 * SSO, another role, GetSessionToken) make the app session a role chain.
 */
export type SourceKind = 'long-term' | 'temporary' | 'unknown';

/**
 * The kind of source that assumed a session's role: as recorded at login, else (sessions stored
 * before Airlock recorded it) the source the app would use now: its keys stored in the vault, else
 * its configured source or the standard AWS chain. Unknown when that has nothing.
 */
export async function sourceKindOf(
  session: Pick<StoredSession, 'sourceTemporary'> | undefined,
  stored: StoredSourceKeys | undefined,
  chain?: AwsCredentialIdentityProvider,
): Promise<SourceKind> {
  if (session?.sourceTemporary !== undefined) return session.sourceTemporary ? 'temporary' : 'long-term';
  if (stored) return isTemporaryCredential(stored) ? 'temporary' : 'long-term';
  try {
    return isTemporaryCredential(await (chain ?? sourceCredentialsProvider(undefined))()) ? 'temporary' : 'long-term';
  } catch {
    return 'unknown';
  }
}

/** sourceKindOf for an app's session, falling back to the source that session's role uses now. */
export async function appSourceKind(app: App, session: StoredSession | undefined, stored: StoredSourceKeys | undefined): Promise<SourceKind> {
  const source = session ? roleSource(app, session.roleArn) : app.source;
  return sourceKindOf(session, stored, sourceCredentialsProvider(undefined, source));
}

export interface ConsoleDuration {
  /** The SessionDuration to send; undefined: send none (the console session lasts as long as the credentials). */
  seconds: number | undefined;
  /** Why the console session is shorter than asked, if it is. */
  note: string | undefined;
}

export interface ConsoleDurationOptions {
  source: SourceKind;
  /** Console session wanted; default the app session's own duration. */
  requestedSeconds?: number;
  now?: Date;
}

function minutes(seconds: number): string {
  const m = Math.max(0, Math.floor(seconds / 60));
  return m >= 60 ? `${Math.floor(m / 60)}h${m % 60 ? ` ${m % 60}m` : ''}` : `${m}m`;
}

/**
 * How long a console session to ask for. AWS takes SessionDuration (900–43200 s) for credentials
 * from AssumeRole, but a role assumed with temporary credentials is a role chain: its session is
 * capped at one hour and the federation endpoint refuses SessionDuration for it, so none is sent
 * and the console session ends with the credentials. Otherwise the console session lasts as long
 * as asked, but not past the app session (give or take a minute; at least AWS's 15 minutes).
 */
export function consoleSessionDuration(
  session: Pick<StoredSession, 'durationSeconds' | 'expiration'>,
  opts: ConsoleDurationOptions,
): ConsoleDuration {
  const wanted = opts.requestedSeconds ?? session.durationSeconds;
  if (!Number.isInteger(wanted) || wanted < MIN_CONSOLE_SECONDS || wanted > MAX_CONSOLE_SECONDS) {
    throw new AirlockError('BAD_DURATION', `a console session lasts 15m to 12h (got ${wanted}s)`);
  }
  const now = opts.now ?? new Date();
  const left = Math.floor((Date.parse(session.expiration) - now.getTime()) / 1000);
  if (opts.source !== 'long-term') {
    const why = opts.source === 'temporary'
      ? 'the role was assumed with temporary source credentials (role chaining)'
      : 'Airlock cannot tell whether the role was assumed with temporary source credentials, so it treats the session as role chaining';
    const ends = Math.min(Math.max(left, 0), CHAINED_LIMIT_SECONDS);
    return {
      seconds: undefined,
      note: `${why}: AWS caps such a console session at 1 hour and refuses a longer one; ` +
        `it ends with the app session's credentials (in ${minutes(ends)})`,
    };
  }
  // A session just logged in has a few seconds less left than its duration: not worth trimming.
  if (left >= wanted - TRIM_SLACK_SECONDS) return { seconds: wanted, note: undefined };
  if (left >= MIN_CONSOLE_SECONDS) {
    return { seconds: left, note: `the console session ends with the app session, in ${minutes(left)}` };
  }
  return {
    seconds: MIN_CONSOLE_SECONDS,
    note: `the app session ends in ${minutes(left)}, but AWS's shortest console session is 15m: the console stays signed in a little longer`,
  };
}

