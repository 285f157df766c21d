import { EventEmitter } from 'node:events';
import type { AwsCredentials } from '../credentials/types';
import type { SessionSource } from '../proxy/session-source';

/**
 * Emulators accept any signature but DynamoDB Local keys its data by access key (unless -sharedDb):
 * one fixed, obviously fake key keeps a user's local tables in one place across sessions.
 */
export const LOCAL_CREDENTIALS: AwsCredentials = Object.freeze({ accessKeyId: 'airlocklocal', secretAccessKey: 'airlocklocal' });

/** What the audit log names as the "role" of requests to a local app. */
export const LOCAL_ROLE = 'local';

/**
 * The session of a local app: no account, no STS, nothing expires. Same shape as SessionKeeper
 * (start/stop, 'ended' events) so a proxy runs for a local app like for any other.
 */
export class LocalSession extends EventEmitter implements SessionSource {
  private static readonly FAR = new Date('9999-12-31T00:00:00Z');

  current(): Promise<{ credentials: AwsCredentials; roleArn: string; expiration: Date }> {
    return Promise.resolve({ credentials: { ...LOCAL_CREDENTIALS }, roleArn: LOCAL_ROLE, expiration: LocalSession.FAR });
  }

  start(): void {}

  stop(): void {}
}
