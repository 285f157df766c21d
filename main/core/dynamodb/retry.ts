// Error classes and backoff shared by export and import. These retries sit on top of the SDK's own.
import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseMs: 100, maxMs: 10_000 };

const THROTTLES = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);
const SESSION_ENDED = new Set(['ExpiredTokenException', 'UnrecognizedClientException', 'SESSION_EXPIRED', 'NOT_LOGGED_IN']);

function field(err: unknown, name: 'name' | 'code' | 'message'): string {
  if (typeof err !== 'object' || err === null) return '';
  const value = (err as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

export function isThrottle(err: unknown): boolean {
  return THROTTLES.has(field(err, 'name')) || THROTTLES.has(field(err, 'code'));
}

/** The credentials stopped working: a new login (not a retry) is what helps. */
export function isSessionEnded(err: unknown): boolean {
  return SESSION_ENDED.has(field(err, 'name')) || SESSION_ENDED.has(field(err, 'code'))
    || /session (has |is )?expired/i.test(field(err, 'message'));
}

export function isValidation(err: unknown): boolean {
  return field(err, 'name') === 'ValidationException';
}

export function isAbort(err: unknown): boolean {
  return field(err, 'name') === 'AbortError';
}

/** Exponential backoff with full jitter (spreads retries of parallel workers apart). */
export function backoffMs(attempt: number, policy: RetryPolicy): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(cap / 2 + Math.random() * (cap / 2));
}

export async function pause(attempt: number, policy: RetryPolicy, signal?: AbortSignal): Promise<void> {
  await sleep(backoffMs(attempt, policy), undefined, signal ? { signal } : undefined);
}

/** Runs `fn` again after throttling errors, a bounded number of times; other errors go through at once. */
export async function retryThrottled<T>(fn: () => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isThrottle(err) || attempt + 1 >= policy.attempts) throw err;
      await pause(attempt, policy, signal);
    }
  }
}

export function oneLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 497)}...` : line;
}
