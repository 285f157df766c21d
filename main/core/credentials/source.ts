import { fromContainerMetadata, fromEnv, fromIni, fromInstanceMetadata, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { describeAppSource } from '../apps/model';
import type { App, AppSource } from '../apps/model';
import { AirlockError, errorMessage } from '../errors';
import type { AwsCredentials } from './types';

/** Vault key of the long-lived keys a user stored for an app (`airlock credentials set NAME`). */
export const sourceKey = (app: string): string => `source/${app}`;

export interface StoredSourceKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  storedAt: string;
}

/** Where a role of an app gets its source credentials from: the role's setting, else the app's. */
export function roleSource(app: App, roleArn: string): AppSource | undefined {
  return app.roleSettings?.[roleArn]?.source ?? app.source;
}

function configuredProvider(source: AppSource | undefined): AwsCredentialIdentityProvider {
  if (!source) return fromNodeProviderChain();
  if (source.kind === 'profile') return fromIni({ profile: source.profile });
  if (source.value === 'Environment') return fromEnv();
  if (source.value === 'EcsContainer') return fromContainerMetadata();
  return fromInstanceMetadata();
}

/**
 * The identity that calls sts:AssumeRole: keys stored in the vault for this app, else the
 * app's (or role's) configured source — a profile of ~/.aws/config (keys, SSO, credential_process,
 * another role) or a credential_source — else the standard AWS chain in its standard order (env,
 * SSO, shared config/credentials with AWS_PROFILE, credential_process, web identity, container and
 * instance metadata).
 */
export function sourceCredentialsProvider(stored: StoredSourceKeys | undefined, source?: AppSource): AwsCredentialIdentityProvider {
  if (stored) {
    const creds: AwsCredentials = {
      accessKeyId: stored.accessKeyId,
      secretAccessKey: stored.secretAccessKey,
      ...(stored.sessionToken ? { sessionToken: stored.sessionToken } : {}),
    };
    return async () => creds;
  }
  const provider = configuredProvider(source);
  return async () => {
    try {
      return await provider();
    } catch (err) {
      throw new AirlockError('NO_SOURCE_CREDENTIALS',
        `no AWS credentials to assume the role with from ${source ? describeAppSource(source) : 'the standard AWS chain'}: ${errorMessage(err)}`,
        source?.kind === 'profile'
          ? `check the profile in ~/.aws/config (for SSO: aws sso login --profile ${source.profile}), or store keys with: airlock credentials set APP`
          : 'set AWS_PROFILE (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), run aws sso login, or store keys with: airlock credentials set APP');
    }
  };
}
