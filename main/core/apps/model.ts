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
