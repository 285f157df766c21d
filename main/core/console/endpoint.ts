import { PARTITIONS } from '../apps/partitions';
import type { Partition, PartitionId } from '../apps/partitions';
import { AirlockError } from '../errors';

/** How long AWS honours a login URL after its sign-in token was issued. */
export const LOGIN_URL_TTL_SECONDS = 15 * 60;

/** What Airlock tells the federation endpoint it is (the console's sign-out link names it). */
export const CONSOLE_ISSUER = 'Airlock';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The AWS Sign-In federation endpoint of a partition, e.g. https://signin.aws.amazon.com/federation.
 * An override (test fixtures, private partitions) must be https, or http on a loopback address:
 * the getSigninToken request carries the session's secret in its query string.
 */
export function signinEndpoint(partition: Partition | PartitionId, override?: string): string {
  if (override === undefined || override === '') {
    const p = typeof partition === 'string' ? PARTITIONS[partition] : partition;
    return `https://${p.signinHost}/federation`;
  }
  let url: URL;
  try {
    url = new URL(override);
  } catch {
    throw new AirlockError('BAD_FEDERATION_ENDPOINT', `"${override}" is not a URL`,
      'pass the federation endpoint as a full URL, e.g. https://signin.aws.amazon.com/federation');
  }
  const loopback = LOOPBACK.has(url.hostname.toLowerCase());
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new AirlockError('BAD_FEDERATION_ENDPOINT', `the federation endpoint ${url.protocol}//${url.host} is not https`,
      'the sign-in request carries the session credentials: use https (plain http only on 127.0.0.1 or localhost)');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new AirlockError('BAD_FEDERATION_ENDPOINT', 'the federation endpoint must be a plain URL (no user name, query or fragment)');
  }
  return url.href;
}

/** The endpoint as it may be shown: origin and path, never a query. */
export function describeEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.origin}${url.pathname}`;
  } catch {
    return 'the federation endpoint';
  }
}

export interface LoginUrlInput {
  endpoint: string;
  signinToken: string;
  destination: string;
  issuer?: string;
}

/**
 * The console sign-in URL: the federation endpoint with Action=login, Issuer, Destination and
 * SigninToken, form-urlencoded. It grants console access for 15 minutes: treat it as a secret.
 */
export function loginUrl(input: LoginUrlInput): string {
  if (!input.signinToken) throw new AirlockError('CONSOLE_SIGNIN', 'no sign-in token to build the console URL with');
  const url = new URL(input.endpoint);
  url.search = new URLSearchParams({
    Action: 'login',
    Issuer: input.issuer ?? CONSOLE_ISSUER,
    Destination: input.destination,
    SigninToken: input.signinToken,
  }).toString();
  return url.href;
}
