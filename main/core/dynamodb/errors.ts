import { AirlockError, errorMessage, isAirlockError } from '../errors';
import { isSessionEnded } from './retry';


/**
 * An SDK error as the user should see it: DynamoDB's own error name as the code and its message;
 * the proxy's refusals keep the cause it gave ("not logged in to app …") and say what to do.
 */
export function dynamoError(err: unknown, app: string): AirlockError {
  if (isAirlockError(err)) return err;
  const name = err instanceof Error ? err.name : 'Error';
  const message = errorMessage(err).replace(/^Airlock: /, '');
  if (isSessionEnded(err)) {
    return new AirlockError('SESSION_EXPIRED', message, `log in to ${app} again; your query is kept`);
  }
  if (name === 'AccessDeniedException') return new AirlockError(name, message, 'the role you assumed is not allowed to do this');
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || name === 'TimeoutError') {
    return new AirlockError('UNREACHABLE', `DynamoDB could not be reached through the local proxy: ${message}`);
  }
  return new AirlockError(name, message);
}

/** Runs an SDK call and turns what it throws into a user-facing error. */
export async function dynamoCall<T>(app: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw dynamoError(err, app);
  }
}
