import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { App } from '../apps/model';
import { PARTITIONS, stsEndpoint } from '../apps/partitions';
import type { RoleRef } from '../apps/roles';
import { AirlockError, isAirlockError } from '../errors';
import { isTemporaryCredential } from './types';
import type { StoredSession } from './types';

export interface AssumeRoleInput {
  app: App;
  role: RoleRef;
  source: AwsCredentialIdentityProvider;
  sessionName: string;
  durationSeconds: number;
  mfaCode?: string;
  now?: () => Date;
}

/** The MFA device for a role: its own setting, else the app's. */
export function roleMfaSerial(app: App, roleArn: string): string | undefined {
  return app.roleSettings?.[roleArn]?.mfaSerial ?? app.mfaSerial;
}

/** STS endpoint of an app: its override, else the partition's regional endpoint. */
export function appStsEndpoint(app: App): string {
  return app.stsEndpoint ?? stsEndpoint(PARTITIONS[app.partition], app.region);
}

export async function assumeRole(input: AssumeRoleInput): Promise<StoredSession> {
  const { app, role, mfaCode } = input;
  const mfaSerial = roleMfaSerial(app, role.arn);
  const externalId = app.roleSettings?.[role.arn]?.externalId;
  if (mfaCode !== undefined && !mfaSerial) {
    throw new AirlockError('NO_MFA_SERIAL', `app "${app.name}" has no MFA device configured`,
      `add it with --mfa-serial arn:${app.partition}:iam::ACCOUNT:mfa/NAME when adding the app`);
  }
  if (mfaCode !== undefined && !/^\d{6}$/.test(mfaCode)) {
    throw new AirlockError('BAD_MFA_CODE', 'the MFA code must be 6 digits');
  }
  // Resolved first: whether they are temporary decides how long a console session may be (role chaining).
  const source = await input.source();
  const client = new STSClient({
    region: app.region,
    endpoint: appStsEndpoint(app),
    credentials: source,
    maxAttempts: 2,
  });
  const now = input.now ?? (() => new Date());
  const issuedAt = now();
  try {
    const out = await client.send(new AssumeRoleCommand({
      RoleArn: role.arn,
      RoleSessionName: input.sessionName,
      DurationSeconds: input.durationSeconds,
      ...(externalId ? { ExternalId: externalId } : {}),
      ...(mfaCode !== undefined ? { SerialNumber: mfaSerial, TokenCode: mfaCode } : {}),
    }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw new AirlockError('STS_BAD_RESPONSE', 'STS returned no credentials');
    }
    return {
      app: app.name,
      roleArn: role.arn,
      assumedRoleArn: out.AssumedRoleUser?.Arn ?? role.arn,
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration.toISOString(),
      issuedAt: issuedAt.toISOString(),
      durationSeconds: input.durationSeconds,
      sessionName: input.sessionName,
      usedMfa: mfaCode !== undefined,
      sourceTemporary: isTemporaryCredential(source),
    };
  } catch (err) {
    throw stsError(err, input);
  } finally {
    client.destroy();
  }
}

function stsError(err: unknown, input: AssumeRoleInput): Error {
  if (isAirlockError(err)) return err;
  const e = err as { name?: string; message?: string; Code?: string };
  const code = e.name ?? e.Code ?? 'Error';
  const msg = e.message ?? String(err);
  const what = `could not assume ${input.role.arn}`;
  if (code === 'AccessDenied' && (/MultiFactor|MFA/i.test(msg) || (input.mfaCode === undefined && roleMfaSerial(input.app, input.role.arn)))) {
    return new AirlockError('MFA_REQUIRED', `${what}: ${msg}`,
      input.mfaCode === undefined ? 'this role needs MFA: pass --mfa-code CODE' : 'check the MFA code and try again');
  }
  if (code === 'AccessDenied') {
    return new AirlockError('ACCESS_DENIED', `${what}: ${msg}`, 'check that your source identity may assume this role (its trust policy)');
  }
  if (code === 'ValidationError') return new AirlockError('STS_VALIDATION', `${what}: ${msg}`);
  if (code === 'ExpiredToken' || code === 'ExpiredTokenException') {
    return new AirlockError('SOURCE_EXPIRED', `${what}: your source credentials have expired`, 'refresh them (e.g. aws sso login) and log in again');
  }
  if (code === 'InvalidClientTokenId' || code === 'SignatureDoesNotMatch') {
    return new AirlockError('SOURCE_INVALID', `${what}: the source credentials were rejected (${code})`,
      'check the keys stored with airlock credentials set, or your AWS profile');
  }
  return new AirlockError('STS_ERROR', `${what}: ${code}: ${msg}`);
}
