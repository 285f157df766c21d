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
  /**
   * The source credentials that assumed the role were temporary (SSO, another role): a role chain,
   * which AWS caps at one hour, console sessions included. Absent in sessions stored before Airlock kept it.
   */
  sourceTemporary?: boolean;
}

export function sessionCredentials(s: StoredSession): AwsCredentials {
  return { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, sessionToken: s.sessionToken, expiration: new Date(s.expiration) };
}

/** Temporary credentials carry a session token (ASIA… keys): SSO, another role, GetSessionToken. */
export function isTemporaryCredential(c: { accessKeyId: string; sessionToken?: string | undefined }): boolean {
  return Boolean(c.sessionToken) || c.accessKeyId.startsWith('ASIA');
}
