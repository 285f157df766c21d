import { z } from 'zod';

/** App names are used as vault keys, file names and CLI arguments: keep them boring. */
export const APP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A well-formed IAM role ARN: arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME */
export const ROLE_ARN = /^arn:(aws|aws-us-gov|aws-cn):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

/**
 * A local DynamoDB app: the embedded one (dynalite under AIRLOCK_HOME/local-dynamodb) or an emulator
 * the user runs (DynamoDB Local, LocalStack) at a URL. No AWS account: no roles, no STS.
 */
export const LocalTargetSchema = z.union([
  z.object({ embedded: z.literal(true) }).strict(),
  z.object({ url: z.string().url() }).strict(),
]);
export type LocalTarget = z.infer<typeof LocalTargetSchema>;

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;

/** What credential_source (in ~/.aws/config) may name. */
export const CREDENTIAL_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'] as const;

/**
 * Where an app's source credentials (the identity that calls sts:AssumeRole) come from when no keys
 * are stored in the vault for it: a profile of ~/.aws/config (static keys, SSO, credential_process,
 * another role), or a credential_source. Without one, the standard AWS chain (AWS_PROFILE, env, …).
 */
export const AppSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('profile'), profile: z.string().min(1).max(128).regex(/^[^\s[\]]+$/, 'a profile name') }).strict(),
  z.object({ kind: z.literal('credential_source'), value: z.enum(CREDENTIAL_SOURCES) }).strict(),
]);
export type AppSource = z.infer<typeof AppSourceSchema>;

/** An app source as people read it: `AWS profile "dev"`, `credential_source Environment`. */
export function describeAppSource(s: AppSource): string {
  return s.kind === 'profile' ? `AWS profile "${s.profile}"` : `credential_source ${s.value}`;
}

/** STS's ExternalId: 2–1224 characters of [\w+=,.@:/-]. */
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/** Settings of one role of an app (from ~/.aws/config: external_id, duration_seconds, mfa_serial). */
export const RoleSettingsSchema = z.object({
  externalId: z.string().regex(EXTERNAL_ID).optional(),
  /** The session length to ask for with this role unless the user picks one. */
  durationSeconds: z.number().int().min(900).max(43_200).optional(),
  /** The MFA device for this role, when it is not the app's. */
  mfaSerial: z.string().min(1).max(256).optional(),
  /** Where this role's source credentials come from, when not the app's source. */
  source: AppSourceSchema.optional(),
}).strict();
export type RoleSettings = z.infer<typeof RoleSettingsSchema>;

export const AppSchema = z.object({
  name: z.string().regex(APP_NAME),
  uri: z.string().url(),
  partition: z.enum(['aws', 'aws-us-gov', 'aws-cn']),
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d+$/),
  labels: z.record(z.string(), z.string()),
  roleArns: z.array(z.string().regex(ROLE_ARN)),
  /** service → base URL (DynamoDB Local, LocalStack, test fixtures). */
  endpoints: z.record(z.string(), z.string().url()),
  stsEndpoint: z.string().url().optional(),
  /** AWS Sign-In federation endpoint for console launch (test fixtures, private partitions); default the partition's. */
  federationEndpoint: z.string().url().optional(),
  mfaSerial: z.string().optional(),
  /** The app's AWS account: a policy offers only this account's roles for it. */
  accountId: z.string().regex(ACCOUNT_ID).optional(),
  source: AppSourceSchema.optional(),
  /** Per role ARN. */
  roleSettings: z.record(z.string().regex(ROLE_ARN), RoleSettingsSchema).optional(),
  local: LocalTargetSchema.optional(),
  createdAt: z.string(),
});

export type App = z.infer<typeof AppSchema>;

/** Session durations STS allows: 15 minutes to 12 hours. */
export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43_200;

const preferenceFields = {
  defaultDurationSeconds: z.number().int().min(MIN_DURATION_SECONDS).max(MAX_DURATION_SECONDS),
  theme: z.enum(['light', 'dark', 'system']),
  launchAtLogin: z.boolean(),
};

/** What the user prefers, shared by the CLI, the web UI and the desktop app. */
export const PreferencesSchema = z.object({
  defaultDurationSeconds: preferenceFields.defaultDurationSeconds.default(3600),
  theme: preferenceFields.theme.default('system'),
  launchAtLogin: preferenceFields.launchAtLogin.default(false),
});

/** A change to the preferences: the fields given, no defaults filled in. */
export const PreferencesPatchSchema = z.object(preferenceFields).partial().strict();

export type Preferences = z.infer<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = Object.freeze(PreferencesSchema.parse({}));

export const ConfigSchema = z.object({
  apps: z.array(AppSchema),
  /** Optional on disk (config.json files from before preferences stay valid); defaults fill it in. */
  preferences: PreferencesSchema.default(() => ({ ...DEFAULT_PREFERENCES })),
  /** Set once the first start created the Local DynamoDB app: removing it later does not bring it back. */
  localAppOffered: z.boolean().optional(),
});

export type ConfigData = z.infer<typeof ConfigSchema>;
