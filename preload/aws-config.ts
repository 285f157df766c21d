/**
 * The "import existing AWS setup" part of the contract: the preview of what ~/.aws/config and
 * ~/.aws/credentials would give (apps, roles, key profiles, problems) and what an import did.
 * No key value ever crosses: key profiles are named, their keys stay on the main side.
 */
import { z } from 'zod';

const appName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-" (up to 64)');
/** A profile name as the AWS files allow it (no spaces or brackets). */
const profileName = z.string().min(1).max(128).regex(/^[^\s[\]]+$/, 'a profile name');

const AwsFileView = z.object({ kind: z.enum(['config', 'credentials']), path: z.string(), found: z.boolean() });

const AppSourceView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('profile'), profile: z.string() }),
  z.object({ kind: z.literal('credential_source'), value: z.enum(['Environment', 'Ec2InstanceMetadata', 'EcsContainer']) }),
]);

const NoteView = z.object({ level: z.enum(['info', 'warning']), text: z.string() });

export const ImportRoleView = z.object({
  profile: z.string(),
  access: z.enum(['assume-role', 'sso']),
  roleName: z.string(),
  roleArn: z.string().optional(),
  file: z.string(),
  line: z.number().int(),
  imported: z.boolean(),
  /** Why it is not imported. */
  reason: z.string().optional(),
  /** Where the AWS CLI gets its credentials, for people. */
  sourceText: z.string().optional(),
  /** What Airlock's login will use (absent: the app's credentials). */
  source: AppSourceView.optional(),
  /** The profile whose keys assume this role directly. */
  keysProfile: z.string().optional(),
  chain: z.array(z.string()),
  chained: z.boolean(),
  chainedBy: z.string().optional(),
  mfaSerial: z.string().optional(),
  durationSeconds: z.number().int().optional(),
  externalId: z.string().optional(),
  notes: z.array(NoteView),
});
export type ImportRoleView = z.infer<typeof ImportRoleView>;

export const ImportAppView = z.object({
  /** The plan's name for it: what awsConfig.import names in `apps[].planned`. */
  planned: z.string(),
  name: z.string(),
  accountId: z.string(),
  partition: z.enum(['aws', 'aws-us-gov', 'aws-cn']),
  uri: z.string(),
  region: z.string(),
  profiles: z.array(z.string()),
  /** ready: imported by default; exists: Airlock has this account (import only if chosen); not-importable: `reason`. */
  status: z.enum(['ready', 'not-importable', 'exists', 'not-selected']),
  reason: z.string().optional(),
  existingApps: z.array(z.string()),
  roles: z.array(ImportRoleView),
  /** Set for the whole app because every role agrees (else each role has its own). */
  shared: z.object({ source: AppSourceView.optional(), mfaSerial: z.string().optional() }),
  /** The profile whose keys may be copied into this app's vault entry. */
  movableKeys: z.string().optional(),
  notes: z.array(NoteView),
});
export type ImportAppView = z.infer<typeof ImportAppView>;

export const ImportProblemView = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  file: z.string().optional(),
  line: z.number().int().optional(),
  section: z.string().optional(),
  reason: z.string(),
});
export type ImportProblemView = z.infer<typeof ImportProblemView>;

export const ImportKeyProfileView = z.object({
  profile: z.string(),
  hasSessionToken: z.boolean(),
  file: z.string(),
  line: z.number().int(),
  usedBy: z.array(z.string()),
  movableTo: z.array(z.string()),
});
export type ImportKeyProfileView = z.infer<typeof ImportKeyProfileView>;

export const AwsImportPreview = z.object({
  configFile: AwsFileView,
  credentialsFile: AwsFileView,
  apps: z.array(ImportAppView),
  keyProfiles: z.array(ImportKeyProfileView),
  problems: z.array(ImportProblemView),
});
export type AwsImportPreview = z.infer<typeof AwsImportPreview>;

export const AwsImportRequest = z.object({
  /** The planned apps to create, each under `name` (its planned name, or a new one). */
  apps: z.array(z.object({ planned: appName, name: appName }).strict()).min(1).max(500),
  /** Profiles whose long-lived keys are copied into the vault for the apps assumed with them. */
  moveKeys: z.array(profileName).max(100).default([]),
}).strict();

export const AwsImportResult = z.object({
  created: z.array(z.object({
    name: z.string(), planned: z.string(), accountId: z.string(), partition: z.string(), roles: z.array(z.string()), source: z.string().optional(),
  })),
  skipped: z.array(z.object({ planned: z.string(), name: z.string(), reason: z.string() })),
  keys: z.array(z.object({ profile: z.string(), copiedTo: z.array(z.string()), notCopied: z.array(z.object({ app: z.string(), reason: z.string() })) })),
  keysError: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
  credentialsFile: z.object({ path: z.string(), changed: z.literal(false) }),
});
export type AwsImportResult = z.infer<typeof AwsImportResult>;
