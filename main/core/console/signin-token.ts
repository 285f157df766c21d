import { AirlockError, errorMessage } from '../errors';
import { describeEndpoint } from './endpoint';

/** The part of fetch getSigninToken uses; tests pass a stub. */
export type FetchLike = (url: string, init: { method: 'GET'; redirect: 'error'; signal: AbortSignal; headers: Record<string, string> }) => Promise<{
  status: number;
  statusText: string;
  text(): Promise<string>;
}>;

/** Temporary credentials of a role session: the only kind the federation endpoint accepts. */
export interface SigninCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface SigninTokenOptions {
  endpoint: string;
  /** SessionDuration (900–43200): only for AssumeRole credentials obtained without role chaining. */
  sessionDurationSeconds?: number;
  fetch?: FetchLike;
  timeoutMs?: number;
}

const MIN_SESSION_DURATION = 900;
const MAX_SESSION_DURATION = 43_200;

/**
 * Exchanges a role session's credentials for a console sign-in token (Action=getSigninToken).
 * The request URL holds the Session JSON with the secret key: it is never logged, and no error
 * message built here quotes it.
 */
export async function getSigninToken(creds: SigninCredentials, opts: SigninTokenOptions): Promise<string> {
  if (!creds.sessionToken) {
    throw new AirlockError('CONSOLE_SIGNIN', 'the AWS console sign-in needs temporary credentials (a role session), not long-term keys');
  }
  const d = opts.sessionDurationSeconds;
  if (d !== undefined && (!Number.isInteger(d) || d < MIN_SESSION_DURATION || d > MAX_SESSION_DURATION)) {
    throw new AirlockError('BAD_DURATION', `a console session lasts 15m to 12h (got ${d}s)`);
  }
  const where = describeEndpoint(opts.endpoint);
  const url = new URL(opts.endpoint);
  const params = new URLSearchParams({ Action: 'getSigninToken' });
  if (d !== undefined) params.set('SessionDuration', String(d));
  params.set('Session', JSON.stringify({ sessionId: creds.accessKeyId, sessionKey: creds.secretAccessKey, sessionToken: creds.sessionToken }));
  url.search = params.toString();

  const redact = (text: string): string => scrub(text, [creds.secretAccessKey, creds.sessionToken, url.search]);
  const doFetch: FetchLike = opts.fetch ?? ((u, init) => fetch(u, init));
  let res: Awaited<ReturnType<FetchLike>>;
  let body: string;
  try {
    res = await doFetch(url.href, {
      method: 'GET',
      // A redirect would carry the secret somewhere else: refuse it.
      redirect: 'error',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000),
      headers: { accept: 'application/json' },
    });
    body = await res.text();
  } catch (err) {
    throw new AirlockError('CONSOLE_SIGNIN', `could not reach the AWS federation endpoint ${where}: ${redact(causeText(err))}`,
      'check your network connection (and the --federation-endpoint, if you gave one)');
  }
  if (res.status !== 200) {
    const detail = shortDetail(redact(body));
    throw new AirlockError('CONSOLE_SIGNIN',
      `the AWS federation endpoint ${where} refused the sign-in token request: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${detail ? ` (${detail})` : ''}`,
      res.status === 400
        ? 'AWS refuses expired or revoked sessions (and SessionDuration for role-chained ones): log in to the app again'
        : undefined);
  }
  let token: unknown;
  try {
    token = (JSON.parse(body) as { SigninToken?: unknown }).SigninToken;
  } catch {
    token = undefined;
  }
  if (typeof token !== 'string' || token === '') {
    throw new AirlockError('CONSOLE_SIGNIN', `the AWS federation endpoint ${where} answered HTTP 200 without a SigninToken`);
  }
  return token;
}

/** The innermost reason of a fetch failure ("connect ECONNREFUSED …", "timeout"), never the URL. */
function causeText(err: unknown): string {
  const e = err as { name?: string; cause?: unknown };
  if (e?.name === 'TimeoutError') return 'no answer in time';
  let inner: unknown = err;
  while ((inner as { cause?: unknown })?.cause) inner = (inner as { cause: unknown }).cause;
  const code = (inner as { code?: unknown })?.code;
  const message = errorMessage(inner).replace(/https?:\/\/\S+/g, '<url>');
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s) out = out.split(s).join('<redacted>');
    const encoded = s ? encodeURIComponent(s) : '';
    if (encoded && encoded !== s) out = out.split(encoded).join('<redacted>');
  }
  return out;
}

/** A short, single-line excerpt of an error body, if it is text at all. */
function shortDetail(body: string): string {
  const line = body
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!line || /[^\x20-\x7e]/.test(line)) return '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
