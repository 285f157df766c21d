import type {
  AwsProfileEntry, AwsSetup, AwsSsoSessionEntry, ChainedBy, CredentialSourceValue, ImportPlan, ImportProblem,
  ImportSource, KeyProfile, PlannedApp, PlannedAssumedRole, PlannedRole, PlannedSsoRole, ProblemCode,
} from './aws-config-types';
import { ACCOUNT_ID, APP_NAME, CREDENTIAL_SOURCES, EXTERNAL_ID } from './model';
import { PARTITIONS, isRegionOf } from './partitions';
import type { PartitionId } from './partitions';
import { parseRoleArn } from './roles';

/**
 * "Import existing AWS setup", the pure part: readAwsSetup reads ~/.aws/config and
 * ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), planImport turns what
 * was read into apps for a preview, and readStaticKeys hands out a profile's keys only when the
 * user asks to move them into the vault. Nothing here writes anything.
 */

export { assembleAwsSetup, awsFilePaths, readAwsSetup, readStaticKeys } from './aws-config-setup';
export type { ReadAwsSetupOptions } from './aws-config-setup';
export type * from './aws-config-types';

export interface PlanImportOptions {
  /** Names of apps Airlock already has: suggested names avoid them (case-insensitively). */
  existingAppNames?: readonly string[];
}

/** STS caps a session reached by role chaining at one hour. */
const CHAINED_MAX_SECONDS = 3600;
const MIN_DURATION = 900;
const MAX_DURATION = 43_200;
const ROLE_SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

interface Resolved {
  source?: ImportSource;
  chain: string[];
  chainedBy?: ChainedBy;
}

interface AppGroup {
  accountId: string;
  partition: PartitionId;
  roles: PlannedRole[];
}

function own(record: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function partitionOfRegion(region: string | undefined): PartitionId | undefined {
  if (!region) return undefined;
  return Object.values(PARTITIONS).find((p) => isRegionOf(p, region))?.id;
}

class Planner {
  private readonly profiles = new Map<string, AwsProfileEntry>();
  private readonly sessions = new Map<string, AwsSsoSessionEntry>();
  private readonly reported = new Set<string>();
  readonly problems: ImportProblem[] = [];
  readonly groups = new Map<string, AppGroup>();

  constructor(private readonly setup: AwsSetup) {
    for (const p of setup.profiles) this.profiles.set(p.name, p);
    for (const s of setup.ssoSessions) this.sessions.set(s.name, s);
  }

  private get(p: AwsProfileEntry | AwsSsoSessionEntry, key: string): string | undefined {
    return own(p.settings, key);
  }

  private hasStaticKeys(p: AwsProfileEntry): boolean {
    return p.credentialKeys.includes('aws_access_key_id') && p.credentialKeys.includes('aws_secret_access_key');
  }

  private isSso(p: AwsProfileEntry): boolean {
    return ['sso_session', 'sso_account_id', 'sso_role_name', 'sso_start_url', 'sso_region'].some((k) => this.get(p, k) !== undefined);
  }

  /** Where a setting of a profile is, else where the profile starts. */
  private at(p: AwsProfileEntry | AwsSsoSessionEntry, key?: string): { file: string; line: number; section: string } {
    const loc = (key !== undefined && Object.hasOwn(p.settingLocations, key) ? p.settingLocations[key] : undefined) ?? p.sections[0]!;
    return { file: loc.file, line: loc.line, section: loc.section };
  }

  /** Records a problem once: the same one is met again when several roles share a broken chain. */
  private report(code: ProblemCode, severity: ImportProblem['severity'], where: { file?: string; line?: number; section?: string }, reason: string, dedupe?: string): void {
    const key = dedupe ?? `${code}\u0000${where.file ?? ''}\u0000${where.line ?? ''}\u0000${reason}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push({ code, severity, ...where, reason });
  }

  run(): void {
    for (const p of this.setup.profiles) {
      const keys = p.credentialKeys;
      if (keys.includes('aws_access_key_id') !== keys.includes('aws_secret_access_key')) {
        const present = keys.includes('aws_access_key_id') ? 'aws_access_key_id' : 'aws_secret_access_key';
        this.report('INCOMPLETE_STATIC_KEYS', 'error', this.at(p, present),
          `profile "${p.name}" has ${present} without ${present === 'aws_access_key_id' ? 'aws_secret_access_key' : 'aws_access_key_id'}: its keys cannot be used`);
      }
      const roleArn = this.get(p, 'role_arn');
      if (roleArn !== undefined) {
        const hasSource = this.get(p, 'source_profile') !== undefined || this.get(p, 'credential_source') !== undefined;
        if (!hasSource && this.isSso(p)) {
          this.report('ROLE_ARN_IGNORED', 'warning', this.at(p, 'role_arn'),
            `profile "${p.name}" has role_arn but no source_profile or credential_source: the AWS CLI signs in with its SSO settings and ignores role_arn`);
          this.planSsoRole(p);
        } else {
          this.planAssumedRole(p, roleArn);
        }
      } else if (this.get(p, 'sso_account_id') !== undefined || this.get(p, 'sso_role_name') !== undefined) {
        this.planSsoRole(p);
      }
    }
  }

  private addRole(accountId: string, partition: PartitionId, role: PlannedRole): void {
    const key = `${partition}:${accountId}`;
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { accountId, partition, roles: [] }));
    group.roles.push(role);
  }

  private region(p: AwsProfileEntry, partition: PartitionId): string | undefined {
    const region = this.get(p, 'region');
    if (region === undefined) return undefined;
    if (isRegionOf(PARTITIONS[partition], region)) return region;
    this.report('BAD_REGION', 'warning', this.at(p, 'region'),
      `region "${region}" is not a region of partition ${partition}: the app uses another region`);
    return undefined;
  }

  private planAssumedRole(p: AwsProfileEntry, roleArn: string): void {
    const ref = parseRoleArn(roleArn);
    if (!ref) {
      this.report('NOT_A_ROLE_ARN', 'error', this.at(p, 'role_arn'),
        `role_arn "${roleArn}" of profile "${p.name}" is not an IAM role ARN (arn:PARTITION:iam::ACCOUNT:role/NAME)`);
      return;
    }
    const partition = ref.partition as PartitionId;
    const resolved = this.resolveSource(p);
    const chained = resolved.chainedBy !== undefined;
    const { file, line } = this.at(p, 'role_arn');
    const region = this.region(p, partition);
    const role: PlannedAssumedRole = {
      access: 'assume-role',
      profile: p.name,
      file,
      line,
      roleArn: ref.arn,
      roleName: ref.name,
      ...(region ? { region } : {}),
      ...this.roleOptions(p, chained),
      ...(resolved.source ? { source: resolved.source } : {}),
      chain: resolved.chain,
      chained,
      ...(resolved.chainedBy ? { chainedBy: resolved.chainedBy } : {}),
    };
    this.addRole(ref.accountId, partition, role);
  }

  private roleOptions(p: AwsProfileEntry, chained: boolean): Pick<PlannedAssumedRole, 'mfaSerial' | 'durationSeconds' | 'externalId' | 'roleSessionName'> {
    const out: Pick<PlannedAssumedRole, 'mfaSerial' | 'durationSeconds' | 'externalId' | 'roleSessionName'> = {};
    const mfa = this.get(p, 'mfa_serial');
    if (mfa) out.mfaSerial = mfa;
    const duration = this.get(p, 'duration_seconds');
    if (duration !== undefined) {
      const seconds = /^\d+$/.test(duration) ? Number(duration) : NaN;
      if (!(seconds >= MIN_DURATION && seconds <= MAX_DURATION)) {
        this.report('BAD_DURATION', 'warning', this.at(p, 'duration_seconds'),
          `duration_seconds "${duration}" is not a whole number of seconds from ${MIN_DURATION} to ${MAX_DURATION}: ignored`);
      } else {
        out.durationSeconds = seconds;
        if (chained && seconds > CHAINED_MAX_SECONDS) {
          this.report('CHAINED_DURATION_TOO_LONG', 'warning', this.at(p, 'duration_seconds'),
            `profile "${p.name}" is reached by role chaining: STS refuses sessions over ${CHAINED_MAX_SECONDS} seconds, not ${seconds}`);
        }
      }
    }
    const externalId = this.get(p, 'external_id');
    if (externalId !== undefined) {
      if (EXTERNAL_ID.test(externalId)) out.externalId = externalId;
      else this.report('BAD_EXTERNAL_ID', 'warning', this.at(p, 'external_id'), 'external_id must be 2 to 1224 characters of letters, digits and +=,.@:/-_ : ignored');
    }
    const sessionName = this.get(p, 'role_session_name');
    if (sessionName !== undefined) {
      if (ROLE_SESSION_NAME.test(sessionName)) out.roleSessionName = sessionName;
      else this.report('BAD_ROLE_SESSION_NAME', 'warning', this.at(p, 'role_session_name'), `role_session_name "${sessionName}" must be 2 to 64 characters of letters, digits and +=,.@-_ : ignored`);
    }
    return out;
  }

  private planSsoRole(p: AwsProfileEntry): void {
    const source = this.ssoAccess(p);
    const accountId = this.get(p, 'sso_account_id');
    const roleName = this.get(p, 'sso_role_name');
    if (accountId === undefined || roleName === undefined) return; // reported by ssoAccess
    if (!ACCOUNT_ID.test(accountId)) {
      this.report('BAD_ACCOUNT_ID', 'error', this.at(p, 'sso_account_id'), `sso_account_id "${accountId}" is not a 12-digit account id`);
      return;
    }
    const sessionName = this.get(p, 'sso_session');
    const ssoRegion = source?.kind === 'sso' ? source.region
      : this.get(p, 'sso_region') ?? (sessionName !== undefined && this.sessions.has(sessionName) ? this.get(this.sessions.get(sessionName)!, 'sso_region') : undefined);
    const partition = partitionOfRegion(ssoRegion) ?? partitionOfRegion(this.get(p, 'region')) ?? 'aws';
    const { file, line } = this.at(p, 'sso_role_name');
    const region = this.region(p, partition);
    const role: PlannedSsoRole = {
      access: 'sso',
      profile: p.name,
      file,
      line,
      accountId,
      roleName,
      ...(region ? { region } : {}),
      ...(source ? { source } : {}),
      chain: [],
      chained: false,
    };
    this.addRole(accountId, partition, role);
  }

  /** The SSO way in of a profile (new sso-session style or legacy), or undefined with a problem. */
  private ssoAccess(p: AwsProfileEntry): Extract<ImportSource, { kind: 'sso' }> | undefined {
    const accountId = this.get(p, 'sso_account_id');
    const roleName = this.get(p, 'sso_role_name');
    const sessionName = this.get(p, 'sso_session');
    let startUrl = this.get(p, 'sso_start_url');
    let region = this.get(p, 'sso_region');

    if (sessionName !== undefined) {
      const session = this.sessions.get(sessionName);
      if (!session) {
        const inCredentials = this.setup.ignoredSections.some((s) => s.kind === 'credentials' && s.section === `sso-session ${sessionName}`);
        this.report('SSO_SESSION_MISSING', 'error', this.at(p, 'sso_session'),
          `sso_session "${sessionName}" of profile "${p.name}" names no [sso-session ${sessionName}] section in the config file${inCredentials ? ' (it is in the credentials file, where it is not read)' : ''}`);
        return undefined;
      }
      const sessionUrl = this.get(session, 'sso_start_url');
      const sessionRegion = this.get(session, 'sso_region');
      for (const [key, mine, theirs] of [['sso_start_url', startUrl, sessionUrl], ['sso_region', region, sessionRegion]] as const) {
        if (mine !== undefined && theirs !== undefined && mine !== theirs) {
          this.report('SSO_CONFLICT', 'error', this.at(p, key),
            `${key} "${mine}" of profile "${p.name}" differs from "${theirs}" in [sso-session ${sessionName}]: the SDK refuses the profile`);
          return undefined;
        }
      }
      const missing = [sessionUrl === undefined ? 'sso_start_url' : '', sessionRegion === undefined ? 'sso_region' : ''].filter(Boolean);
      if (missing.length > 0) {
        this.report('SSO_INCOMPLETE', 'error', this.at(session),
          `[sso-session ${sessionName}] lacks ${missing.join(' and ')}`);
        return undefined;
      }
      startUrl = sessionUrl;
      region = sessionRegion;
    }

    const missing = [
      accountId === undefined ? 'sso_account_id' : '',
      roleName === undefined ? 'sso_role_name' : '',
      sessionName === undefined && startUrl === undefined ? 'sso_start_url (or sso_session)' : '',
      sessionName === undefined && region === undefined ? 'sso_region' : '',
    ].filter(Boolean);
    if (missing.length > 0) {
      this.report('SSO_INCOMPLETE', 'error', this.at(p),
        `SSO profile "${p.name}" lacks ${missing.join(', ')}`);
      return undefined;
    }
    if (!ACCOUNT_ID.test(accountId!)) {
      this.report('BAD_ACCOUNT_ID', 'error', this.at(p, 'sso_account_id'), `sso_account_id "${accountId}" is not a 12-digit account id`);
      return undefined;
    }
    return {
      kind: 'sso', profile: p.name, startUrl: startUrl!, region: region!, accountId: accountId!, roleName: roleName!,
      ...(sessionName !== undefined ? { session: sessionName } : {}),
    };
  }

  private credentialSource(p: AwsProfileEntry, value: string, resolved: Resolved): Resolved {
    if (!(CREDENTIAL_SOURCES as readonly string[]).includes(value)) {
      this.report('BAD_CREDENTIAL_SOURCE', 'error', this.at(p, 'credential_source'),
        `credential_source "${value}" of profile "${p.name}" is not Environment, Ec2InstanceMetadata or EcsContainer`);
      return resolved;
    }
    const v = value as CredentialSourceValue;
    const roleCredentials: ChainedBy | undefined = v === 'Ec2InstanceMetadata' ? 'ec2-instance-role' : v === 'EcsContainer' ? 'ecs-task-role' : undefined;
    const chainedBy = resolved.chainedBy ?? roleCredentials;
    return { source: { kind: 'credential_source', value: v }, chain: resolved.chain, ...(chainedBy ? { chainedBy } : {}) };
  }

  /**
   * Follows source_profile the way the AWS SDK does: a source with keys ends the walk (even
   * when it also has role_arn, and even when it is the profile itself); a source that is itself
   * an assume-role profile is a link of a chain; else its credential_source, web identity,
   * credential_process or SSO settings give the credentials.
   */
  private resolveSource(start: AwsProfileEntry): Resolved {
    const visited = [start.name];
    const chain: string[] = [];
    let chainedBy: ChainedBy | undefined;
    const result = (source?: ImportSource): Resolved => ({ ...(source ? { source } : {}), chain, ...(chainedBy ? { chainedBy } : {}) });
    let current = start;

    for (;;) {
      const sourceName = this.get(current, 'source_profile');
      const credentialSource = this.get(current, 'credential_source');
      if (sourceName !== undefined && credentialSource !== undefined) {
        this.report('SOURCE_CONFLICT', 'error', this.at(current, 'credential_source'),
          `profile "${current.name}" has both source_profile and credential_source: the AWS CLI and SDK refuse it`);
        return result();
      }
      if (credentialSource !== undefined) return this.credentialSource(current, credentialSource, result());
      if (sourceName === undefined && current === start && this.get(start, 'web_identity_token_file') !== undefined) {
        // Assumed with a web identity token (AssumeRoleWithWebIdentity), not with other credentials.
        return result({ kind: 'profile', profile: start.name, hasStaticKeys: false, provider: 'web_identity' });
      }
      if (sourceName === undefined) {
        this.report('NO_ROLE_SOURCE', 'warning', this.at(current, 'role_arn'),
          `role_arn of profile "${current.name}" has no source_profile or credential_source: Airlock will assume it with the credentials you give the app`);
        return result();
      }

      const source = this.profiles.get(sourceName);
      if (!source) {
        const ignored = this.setup.ignoredSections.find((s) => s.meant === sourceName);
        const hint = ignored ? ` (${ignored.file} line ${ignored.line} has [${ignored.section}], which is not read as that profile)` : '';
        this.report('SOURCE_PROFILE_MISSING', 'error', this.at(current, 'source_profile'),
          `source_profile "${sourceName}" of profile "${current.name}" names no profile${hint}`);
        return result();
      }
      if (this.hasStaticKeys(source)) {
        chain.push(sourceName);
        const token = source.credentialKeys.includes('aws_session_token');
        return result({ kind: 'profile', profile: sourceName, hasStaticKeys: true, ...(token ? { hasSessionToken: true as const } : {}) });
      }
      if (visited.includes(sourceName)) {
        const loop = [...visited.slice(visited.indexOf(sourceName)), sourceName];
        this.report('SOURCE_PROFILE_CYCLE', 'error', this.at(current, 'source_profile'),
          `source_profile goes round in a circle: ${loop.join(' → ')}`,
          `cycle\u0000${[...new Set(loop)].sort().join('\u0000')}`);
        return result();
      }
      visited.push(sourceName);
      chain.push(sourceName);

      const sourceRole = this.get(source, 'role_arn');
      const sourceHasSource = this.get(source, 'source_profile') !== undefined;
      const sourceCredentialSource = this.get(source, 'credential_source');
      if (sourceRole === undefined && sourceCredentialSource !== undefined) {
        current = source; // its credential_source gives the credentials directly
        continue;
      }
      if (sourceRole !== undefined && (sourceHasSource || sourceCredentialSource !== undefined)) {
        chainedBy ??= 'role-profile';
        if (!parseRoleArn(sourceRole)) return result(); // reported on that profile itself
        current = source;
        continue;
      }
      if (sourceRole !== undefined && this.get(source, 'web_identity_token_file') !== undefined) {
        chainedBy ??= 'web-identity';
        return result({ kind: 'profile', profile: sourceName, hasStaticKeys: false, provider: 'web_identity' });
      }
      if (source.credentialKeys.includes('credential_process')) {
        return result({ kind: 'profile', profile: sourceName, hasStaticKeys: false, provider: 'credential_process' });
      }
      if (this.isSso(source)) {
        const sso = this.ssoAccess(source);
        if (!sso) return result();
        chainedBy ??= 'sso';
        return result(sso);
      }
      this.report('SOURCE_WITHOUT_CREDENTIALS', 'error', this.at(current, 'source_profile'),
        `source_profile "${sourceName}" of profile "${current.name}" has no credentials (keys, credential_source, SSO or credential_process)`);
      return result();
    }
  }
}

/** Characters an app name may not have become "-"; the name starts with a letter or digit. */
function sanitizeName(candidate: string): string | undefined {
  const name = candidate.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 64).replace(/[-._]+$/, '');
  return APP_NAME.test(name) ? name : undefined;
}

/** The common leading words (split at - _ .) of the profile names, as written in the first. */
function commonPrefix(names: string[]): string | undefined {
  if (names.length === 0) return undefined;
  const words = names.map((n) => n.split(/[-_.]+/));
  let k = 0;
  while (words.every((w) => k < w.length && w[k] !== '' && w[k] === words[0]![k])) k++;
  if (k === 0) return undefined;
  const first = names[0]!;
  let seen = 0;
  let end = 0;
  const re = /[^-_.]+/g;
  for (let m = re.exec(first); m && seen < k; m = re.exec(first)) {
    seen++;
    end = m.index + m[0].length;
  }
  return first.slice(0, end);
}

function suggestNames(groups: AppGroup[], existing: readonly string[]): string[] {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  return groups.map((g) => {
    const fallback = `${g.partition}-${g.accountId}`;
    const profiles = [...new Set(g.roles.map((r) => r.profile))].filter((n) => n !== 'default');
    const base = sanitizeName(commonPrefix(profiles) ?? '') ?? fallback;
    const candidates = base === fallback ? [fallback] : [base, fallback];
    let name = candidates.find((c) => !taken.has(c.toLowerCase()));
    for (let i = 2; !name; i++) {
      const suffix = `-${i}`;
      const c = `${base.slice(0, 64 - suffix.length)}${suffix}`;
      if (!taken.has(c.toLowerCase())) name = c;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

function unique<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Turns what readAwsSetup found into apps for a preview: one per (account, partition) of the
 * role ARNs and SSO accounts, with where each role came from and how its credentials are got.
 * Pure, never throws for bad input: what cannot be imported is in `problems`. No secret value
 * is in the plan.
 */
export function planImport(setup: AwsSetup, options: PlanImportOptions = {}): ImportPlan {
  const planner = new Planner(setup);
  planner.run();
  const problems = [...setup.problems, ...planner.problems];

  const groups = [...planner.groups.values()];
  const names = suggestNames(groups, options.existingAppNames ?? []);
  const apps: PlannedApp[] = groups.map((g, i) => {
    const partition = PARTITIONS[g.partition];
    const regions = [...new Set(g.roles.map((r) => r.region).filter((r): r is string => r !== undefined))];
    const mfaSerials = [...new Set(g.roles.map((r) => (r.access === 'assume-role' ? r.mfaSerial : undefined)).filter((m): m is string => m !== undefined))];
    if (mfaSerials.length > 1) {
      problems.push({
        code: 'MFA_SERIAL_DIFFERS', severity: 'warning',
        reason: `the roles of account ${g.accountId} use different mfa_serial values (${mfaSerials.join(', ')}): an app has one MFA device, so none is set`,
      });
    }
    return {
      name: names[i]!,
      accountId: g.accountId,
      partition: g.partition,
      uri: `https://${partition.consoleHost}/`,
      region: regions.length === 1 ? regions[0]! : partition.defaultRegion,
      roleArns: [...new Set(g.roles.flatMap((r) => (r.access === 'assume-role' ? [r.roleArn] : [])))],
      ...(mfaSerials.length === 1 ? { mfaSerial: mfaSerials[0]! } : {}),
      profiles: [...new Set(g.roles.map((r) => r.profile))],
      roles: g.roles,
      sources: unique(g.roles.flatMap((r) => (r.source ? [r.source] : [])), (s) => JSON.stringify(s)),
    };
  });

  const keyProfiles: KeyProfile[] = setup.profiles
    .filter((p) => p.credentialKeys.includes('aws_access_key_id') && p.credentialKeys.includes('aws_secret_access_key'))
    .map((p) => {
      const loc = p.settingLocations.aws_access_key_id ?? p.sections[0]!;
      return {
        profile: p.name,
        hasStaticKeys: true as const,
        hasSessionToken: p.credentialKeys.includes('aws_session_token'),
        file: loc.file,
        line: loc.line,
        usedBy: apps.filter((a) => a.roles.some((r) => r.source?.kind === 'profile' && r.source.profile === p.name)).map((a) => a.name),
      };
    });

  const fileRank = (file: string | undefined): number =>
    file === setup.configFile.path ? 0 : file === setup.credentialsFile.path ? 1 : 2;
  const sorted = problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => fileRank(a.p.file) - fileRank(b.p.file) || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map(({ p }) => p);

  return { configFile: setup.configFile, credentialsFile: setup.credentialsFile, apps, keyProfiles, problems: sorted };
}
