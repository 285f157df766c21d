/** Credentials as the AWS SDK and @smithy/signature-v4 take them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** An app session: the role assumed for an app, its temporary credentials and how to renew them. */
export interface StoredSession {
  app: string;
  roleArn: string;
  assumedRoleArn: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO 8601 */
  expiration: string;
  issuedAt: string;
  durationSeconds: number;
  sessionName: string;
  /** An MFA code is single-use: such a session cannot be renewed without the user. */
  usedMfa: boolean;
}

export function sessionCredentials(s: StoredSession): AwsCredentials {
  return { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, sessionToken: s.sessionToken, expiration: new Date(s.expiration) };
}
