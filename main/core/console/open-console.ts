import type { App } from '../apps/model';
import { parseRoleArn } from '../apps/roles';
import { AirlockError, isAirlockError } from '../errors';
import type { StoredSession } from '../credentials/types';
import { consoleDestination } from './destination';
import type { ConsoleTarget } from './destination';
import { consoleSessionDuration } from './duration';
import type { ConsoleDuration, SourceKind } from './duration';
import { CONSOLE_ISSUER, LOGIN_URL_TTL_SECONDS, loginUrl, signinEndpoint } from './endpoint';
import { getSigninToken } from './signin-token';
import type { FetchLike } from './signin-token';

export interface OpenConsoleInput {
  app: App;
  /** The app's current session (the role whose console opens). */
  session: StoredSession | undefined;
  /** What assumed the role: temporary source credentials make it a role chain (1-hour console). */
  source: SourceKind;
  /** Federation endpoint override (test fixtures, private partitions); default the app's, else the partition's. */
  federationEndpoint?: string;
  target?: ConsoleTarget;
  region?: string;
  /** Console session wanted; default the app session's duration. */
  requestedSeconds?: number;
  fetch?: FetchLike;
  now?: () => Date;
}

export interface ConsoleLink {
  /** The sign-in URL: a secret, valid until `validUntil`. */
  url: string;
  endpoint: string;
  destination: string;
  /** The role whose console it is. */
  roleArn: string;
  duration: ConsoleDuration;
  validUntil: Date;
}

function loginHint(app: App, session: StoredSession | undefined): string {
  const role = session ? (parseRoleArn(session.roleArn)?.name ?? session.roleArn) : 'ROLE';
  return `log in again: airlock apps login ${app.name} --aws-role ${role}`;
}

/**
 * The console sign-in URL for an app's session: decides the console session length, exchanges
 * the session's credentials for a sign-in token at the partition's federation endpoint and builds
 * the login URL to the destination. Opening it is the host's business.
 */
export async function openConsole(input: OpenConsoleInput): Promise<ConsoleLink> {
  const { app, session } = input;
  const now = input.now ?? (() => new Date());
  const destination = consoleDestination(app, input.region, input.target ?? 'home');
  if (!session) {
    throw new AirlockError('NOT_LOGGED_IN', `not logged in to app "${app.name}"`, `log in: airlock apps login ${app.name} --aws-role ROLE`);
  }
  if (session.app !== app.name) {
    throw new AirlockError('SESSION_MISMATCH', `the session given belongs to app "${session.app}", not "${app.name}"`);
  }
  if (Date.parse(session.expiration) <= now().getTime()) {
    throw new AirlockError('SESSION_EXPIRED', `the session of app "${app.name}" expired at ${session.expiration}`, loginHint(app, session));
  }
  const duration = consoleSessionDuration(session, {
    source: input.source,
    ...(input.requestedSeconds !== undefined ? { requestedSeconds: input.requestedSeconds } : {}),
    now: now(),
  });
  const endpoint = signinEndpoint(app.partition, input.federationEndpoint ?? app.federationEndpoint);
  let token: string;
  try {
    token = await getSigninToken(
      { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken },
      {
        endpoint,
        ...(duration.seconds !== undefined ? { sessionDurationSeconds: duration.seconds } : {}),
        ...(input.fetch ? { fetch: input.fetch } : {}),
      },
    );
  } catch (err) {
    if (isAirlockError(err) && err.code === 'CONSOLE_SIGNIN' && /HTTP 400\b/.test(err.message)) {
      throw new AirlockError('CONSOLE_SIGNIN', `could not sign in to the console of app "${app.name}": ${err.message}`,
        `the session may have expired or been revoked: ${loginHint(app, session)}`);
    }
    throw err;
  }
  const issuedAt = now();
  return {
    url: loginUrl({ endpoint, signinToken: token, destination, issuer: CONSOLE_ISSUER }),
    endpoint,
    destination,
    roleArn: session.roleArn,
    duration,
    validUntil: new Date(issuedAt.getTime() + LOGIN_URL_TTL_SECONDS * 1000),
  };
}
