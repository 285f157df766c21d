/**
 * An error meant for the user: a one-line message plus an optional hint telling what to do.
 * `code` is stable so hosts (CLI, UI, proxy) can map it to exit codes or AWS-style errors.
 */
export class AirlockError extends Error {
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.name = 'AirlockError';
    this.code = code;
    this.hint = hint;
  }
}

export function isAirlockError(err: unknown): err is AirlockError {
  return err instanceof AirlockError;
}

/** The message of any thrown value, for logs and CLI output. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
