import type { PartitionId } from './partitions';
import type { CREDENTIAL_SOURCES } from './model';

/**
 * Types of "import existing AWS setup": what was read from ~/.aws/config and ~/.aws/credentials
 * (AwsSetup) and what Airlock would create from it (ImportPlan). Both are plain JSON-safe data
 * and neither carries a credential value: keys stay behind readStaticKeys().
 */

export type AwsFileKind = 'config' | 'credentials';

export interface AwsFileInfo {
  kind: AwsFileKind;
  /** Absolute path, from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE or ~/.aws/. */
  path: string;
  /** false when the file does not exist (which is fine). */
  found: boolean;
}

/** Where something was read: a file, and the 1-based line and section header when known. */
export interface SourceLocation {
  file: string;
  kind: AwsFileKind;
  line: number;
  /** The section header as written between the brackets, e.g. "profile dev" or "default". */
  section: string;
}

export type ProblemCode =
  // Syntax: found while reading a file.
  | 'MALFORMED_SECTION_HEADER'
  | 'MALFORMED_LINE'
  | 'SETTING_OUTSIDE_SECTION'
  | 'UNKNOWN_SECTION'
  | 'PROFILE_PREFIX_IN_CREDENTIALS'
  | 'SECTION_IN_WRONG_FILE'
  | 'NONSTANDARD_SECTION_HEADER'
  | 'FORBIDDEN_SECTION_NAME'
  | 'DUPLICATE_PROFILE'
  | 'DUPLICATE_SSO_SESSION'
  | 'DUPLICATE_SETTING'
  // Meaning: found while planning.
  | 'NOT_A_ROLE_ARN'
  | 'NO_ROLE_SOURCE'
  | 'SOURCE_PROFILE_MISSING'
  | 'SOURCE_PROFILE_CYCLE'
  | 'SOURCE_CONFLICT'
  | 'BAD_CREDENTIAL_SOURCE'
  | 'SOURCE_WITHOUT_CREDENTIALS'
  | 'INCOMPLETE_STATIC_KEYS'
  | 'SSO_SESSION_MISSING'
  | 'SSO_INCOMPLETE'
  | 'SSO_CONFLICT'
  | 'ROLE_ARN_IGNORED'
  | 'BAD_ACCOUNT_ID'
  | 'BAD_REGION'
  | 'BAD_DURATION'
  | 'CHAINED_DURATION_TOO_LONG'
  | 'BAD_ROLE_SESSION_NAME'
  | 'BAD_EXTERNAL_ID'
  | 'MFA_SERIAL_DIFFERS';

/**
 * Something in the files that the import cannot take as written. `error`: that profile or line
 * is not usable (the AWS CLI/SDK would fail or ignore it too); `warning`: imported, but look.
 */
export interface ImportProblem {
  code: ProblemCode;
  severity: 'error' | 'warning';
  /** Absolute path of the file; absent for problems of the plan as a whole. */
  file?: string;
  line?: number;
  /** The section header as written between the brackets, e.g. "profile dev". */
  section?: string;
  reason: string;
}

/** A profile as the SDK sees it: config and credentials merged (credentials wins per setting). */
export interface AwsProfileEntry {
  name: string;
  /** Every setting except credentials (keys, tokens, credential_process, anything named like a secret). */
  settings: Record<string, string>;
  /** Names of the credential settings present, never their values. */
  credentialKeys: string[];
  /** The sections defining this profile, in file order (config first). */
  sections: SourceLocation[];
  /** Where each setting, credential ones included, was read (the occurrence the SDK uses). */
  settingLocations: Record<string, SourceLocation>;
}

export interface AwsSsoSessionEntry {
  name: string;
  settings: Record<string, string>;
  sections: SourceLocation[];
  settingLocations: Record<string, SourceLocation>;
}

/** A section the SDK does not read under the name it seems to have (kept to explain lookups). */
export interface IgnoredSection extends SourceLocation {
  /** The profile name someone may have meant, e.g. "dev" for [profile dev] in the credentials file. */
  meant?: string;
}

/** What readAwsSetup found. Secret values are not in here (see readStaticKeys). */
export interface AwsSetup {
  configFile: AwsFileInfo;
  credentialsFile: AwsFileInfo;
  profiles: AwsProfileEntry[];
  ssoSessions: AwsSsoSessionEntry[];
  ignoredSections: IgnoredSection[];
  /** Syntax problems; planImport adds the problems of meaning. */
  problems: ImportProblem[];
}

export type CredentialSourceValue = (typeof CREDENTIAL_SOURCES)[number];

/** What gives the credentials that call sts:AssumeRole (or, for SSO, the way in itself). */
export type ImportSource =
  | {
    kind: 'profile';
    profile: string;
    /** The profile has aws_access_key_id + aws_secret_access_key; the values stay out of the plan. */
    hasStaticKeys: boolean;
    /** The keys come with aws_session_token: temporary, they will expire. */
    hasSessionToken?: true;
    /** A profile without keys that gets credentials another way. */
    provider?: 'credential_process' | 'web_identity';
  }
  | { kind: 'credential_source'; value: CredentialSourceValue }
  | {
    kind: 'sso';
    /** The profile holding the SSO settings. */
    profile: string;
    startUrl: string;
    /** The IAM Identity Center region (sso_region), not the app's region. */
    region: string;
    accountId: string;
    roleName: string;
    /** The [sso-session NAME] used; absent for the legacy style (sso_start_url in the profile). */
    session?: string;
  };

/**
 * Why a role's session is capped at 1 hour: it is assumed with the credentials of another role
 * session ("role chaining"). `role-profile`: the source_profile chain goes through another
 * role_arn profile; `sso`: the source is an IAM Identity Center role; `ec2-instance-role`,
 * `ecs-task-role`: credential_source gives role credentials; `web-identity`: a source profile
 * that assumes a role with a web identity token.
 */
export type ChainedBy = 'role-profile' | 'sso' | 'ec2-instance-role' | 'ecs-task-role' | 'web-identity';

interface PlannedRoleBase {
  /** The profile this role came from. */
  profile: string;
  /** Where the role is set (role_arn, or sso_role_name for SSO roles). */
  file: string;
  line: number;
  /** The profile's region, when valid for the partition. */
  region?: string;
  /** Absent when it cannot be resolved; plan.problems says why. */
  source?: ImportSource;
  /** The source_profile chain, nearest first, ending at the profile that gives credentials. */
  chain: string[];
  /** true when STS caps the session at 1 hour because of role chaining. */
  chained: boolean;
  chainedBy?: ChainedBy;
}

export interface PlannedAssumedRole extends PlannedRoleBase {
  access: 'assume-role';
  roleArn: string;
  roleName: string;
  mfaSerial?: string;
  durationSeconds?: number;
  externalId?: string;
  roleSessionName?: string;
}

/** An SSO-only profile: the way in is the IAM Identity Center role itself, its ARN unknown. */
export interface PlannedSsoRole extends PlannedRoleBase {
  access: 'sso';
  accountId: string;
  /** The permission set name (sso_role_name). */
  roleName: string;
}

export type PlannedRole = PlannedAssumedRole | PlannedSsoRole;

/** One app to create: an AWS account in a partition. */
export interface PlannedApp {
  /** A suggestion: matches APP_NAME and is unique in the plan (and among existing apps given). */
  name: string;
  accountId: string;
  partition: PartitionId;
  /** Console URI of the partition. */
  uri: string;
  /** The region the profiles agree on, else the partition default. */
  region: string;
  /** The assume-role ARNs, each once, in file order (SSO roles have none). */
  roleArns: string[];
  /** The mfa_serial of the roles, when they all use the same one. */
  mfaSerial?: string;
  /** The profiles the app came from. */
  profiles: string[];
  roles: PlannedRole[];
  /** The distinct sources of the roles, in order. */
  sources: ImportSource[];
}

/** A profile with long-lived keys: a source only; its keys can be moved into the vault on request. */
export interface KeyProfile {
  profile: string;
  hasStaticKeys: true;
  hasSessionToken: boolean;
  file: string;
  line: number;
  /** Apps with a role whose source is this profile. */
  usedBy: string[];
}

export interface ImportPlan {
  configFile: AwsFileInfo;
  credentialsFile: AwsFileInfo;
  apps: PlannedApp[];
  keyProfiles: KeyProfile[];
  problems: ImportProblem[];
}

/** Long-lived keys of a profile, only from readStaticKeys when the user moves them into the vault. */
export interface StaticKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}
