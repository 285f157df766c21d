import { ApiError } from '../api';

/** Anything thrown by call() or by the browser, as an ApiError (code, message, hint). */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof TypeError) {
    return new ApiError({ code: 'NETWORK', message: 'Airlock is not answering.', hint: 'is `airlock ui` (or the app) still running?' });
  }
  return new ApiError({ code: 'ERROR', message: err instanceof Error ? err.message : String(err) });
}
