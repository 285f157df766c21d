import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { AirlockError } from '../errors';
import type { AwsCredentials } from './types';

/** Vault key of the long-lived keys a user stored for an app (`airlock credentials set NAME`). */
export const sourceKey = (app: string): string => `source/${app}`;

export interface StoredSourceKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  storedAt: string;
}

/**
 * The identity that calls sts:AssumeRole: keys stored in the vault for this app, else the
 * standard AWS chain in its standard order (env, SSO, shared config/credentials with AWS_PROFILE,
 * credential_process, web identity, container and instance metadata).
 */
export function sourceCredentialsProvider(stored: StoredSourceKeys | undefined): AwsCredentialIdentityProvider {
  if (stored) {
    const creds: AwsCredentials = {
      accessKeyId: stored.accessKeyId,
      secretAccessKey: stored.secretAccessKey,
      ...(stored.sessionToken ? { sessionToken: stored.sessionToken } : {}),
    };
    return async () => creds;
  }
  const chain = fromNodeProviderChain();
  return async () => {
    try {
      return await chain();
    } catch (err) {
      throw new AirlockError('NO_SOURCE_CREDENTIALS',
        `no AWS credentials to assume the role with: ${(err as Error).message}`,
        'set AWS_PROFILE (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), run aws sso login, or store keys with: airlock credentials set APP');
    }
  };
}
