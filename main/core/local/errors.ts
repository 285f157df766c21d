/**
 * Errors of the compatibility layer, answered the way DynamoDB does (AWS JSON 1.0: status 400 and
 * `__type` ending in the error name), so the SDKs and the aws CLI map them to their exception types.
 */
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';

export class DynamoError extends Error {
  readonly type: string;
  readonly status: number;
  /** Extra members of the error body (e.g. CancellationReasons). */
  readonly extra: Record<string, unknown>;

  constructor(type: string, message: string, status = 400, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
    this.extra = extra;
  }

  body(): Record<string, unknown> {
    // TransactionCanceledException's shape names its message "Message"; the others use "message".
    const messageKey = this.type === 'TransactionCanceledException' ? 'Message' : 'message';
    return { __type: `com.amazonaws.dynamodb.v20120810#${this.type}`, ...this.extra, [messageKey]: this.message };
  }
}

export const validation = (message: string): DynamoError => new DynamoError('ValidationException', message);

/** An error from the internal client (i.e. from dynalite) or anything else, as a DynamoError. */
export function toDynamoError(err: unknown): DynamoError {
  if (err instanceof DynamoError) return err;
  if (err instanceof DynamoDBServiceException) {
    const status = err.$metadata.httpStatusCode ?? (err.$fault === 'server' ? 500 : 400);
    return new DynamoError(err.name, err.message, status);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new DynamoError('InternalServerError', `Local DynamoDB: ${message}`, 500);
}

export function isConditionalCheckFailed(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}
