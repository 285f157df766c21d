import type { AwsCredentials } from '../credentials/types';

/** What the proxy needs from a session: credentials valid for the next request, or an error saying why not. */
export interface SessionSource {
  current(): Promise<{ credentials: AwsCredentials; roleArn: string; expiration: Date }>;
}
