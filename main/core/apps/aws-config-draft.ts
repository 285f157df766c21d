import { AirlockError, isAirlockError } from '../errors';
import type {
  AwsFileInfo, AwsProfileEntry, AwsSetup, ChainedBy, ImportPlan, ImportProblem, ImportSource, PlannedApp, PlannedAssumedRole,
  PlannedRole,
} from './aws-config-types';
import { APP_NAME, AppSourceSchema, describeAppSource } from './model';
import type { App, AppSource, RoleSettings } from './model';
import type { PartitionId } from './partitions';
import { buildApp } from './store';
import type { NewApp } from './store';

/**
 * "Import existing AWS setup", the mapping: what Airlock creates from an ImportPlan, decided per
 * role and per app, before anything is written. Pure (no file, no vault); JSON-safe; no secret.
 *
 * A role's source, as Airlock will resolve it at login (source.ts):
 * - the profile's own source_profile (the *nearest* link of its chain), not the end of the chain:
 *   Airlock calls the SDK's fromIni on it, which resolves the rest exactly as the AWS CLI does
 *   (keys, SSO, credential_process, and every role in between). Taking the end of the chain
 *   instead would assume the role straight from the first credentials, skipping the roles its
 *   trust policy expects (hub → partner-audit only trusts hub's session).
 * - except where fromIni on that profile would not give what the chain uses:
 *   a source with credential_source and no role_arn (fromIni refuses such a profile on its own;
 *   inside a chain the SDK uses its credential_source) → that credential_source;
 *   a source with long-lived keys that is itself an assume-role profile (the SDK uses its keys
 *   inside a chain, but fromIni on it assumes its role) → no source: only its keys, moved into
 *   the vault, reproduce it.
 * - an SSO profile as source → that profile (fromIni signs in with its cached SSO token).
 * SSO-only profiles (a permission set, no role ARN) cannot become roles Airlock assumes with
 * sts:AssumeRole; they stay out, with why, and remain usable as sources.
 */

export type RoleNoteLevel = 'info' | 'warning';

export interface RoleNote {
  level: RoleNoteLevel;
  text: string;
}

/** What becomes of one planned role. */
export interface RoleDraft {
  profile: string;
  access: PlannedRole['access'];
  roleName: string;
  /** Absent for SSO-only roles (their ARN is not in the files). */
  roleArn?: string;
  file: string;
  line: number;
  imported: boolean;
  /** Why it is not imported. */
  reason?: string;
  /** Where the credentials come from, as the AWS CLI would get them. */
  sourceText?: string;
  /** What Airlock uses as this role's source (app-level or per role, decided for the app). */
  source?: AppSource;
  /** The profile whose long-lived keys assume this role directly: what moving keys may copy. */
  keysProfile?: string;
  /** The source_profile chain, nearest first. */
  chain: string[];
  chained: boolean;
  chainedBy?: ChainedBy;
  mfaSerial?: string;
  durationSeconds?: number;
  externalId?: string;
  notes: RoleNote[];
}

export type AppDraftStatus =
  /** Will be created. */
  | 'ready'
  /** Nothing in it can be imported (SSO-only, unresolved sources, …): `reason` says why. */
  | 'not-importable'
  /** Airlock already has an app for this account: left out unless asked for by name. */
  | 'exists'
  /** Importable, but not in the selection. */
  | 'not-selected';

export interface AppDraft {
  /** The name the plan suggests: how a selection names this app. */
  planned: string;
  /** The name it is created under (the planned one unless renamed). */
  name: string;
  accountId: string;
  partition: PartitionId;
  uri: string;
  region: string;
  profiles: string[];
  status: AppDraftStatus;
  reason?: string;
  /** Apps Airlock has for the same account and partition. */
  existingApps: string[];
  roles: RoleDraft[];
  /** What AppStore.add gets (no createdAt); absent when not importable. */
  app?: NewApp;
  /** The one profile whose keys may be copied into this app's vault entry (see movableKeysOf). */
  movableKeys?: string;
  notes: RoleNote[];
}

export interface KeyProfileDraft {
  profile: string;
  hasSessionToken: boolean;
  file: string;
  line: number;
  /** Apps of the draft (by final name) with a role whose credentials come from this profile. */
  usedBy: string[];
  /** Apps of the draft whose vault entry may take these keys (every role assumed with them directly). */
  movableTo: string[];
}

export interface ImportDraft {
  configFile: AwsFileInfo;
  credentialsFile: AwsFileInfo;
  apps: AppDraft[];
  keyProfiles: KeyProfileDraft[];
  problems: ImportProblem[];
}

/** Which planned apps to import and under which names. */
export interface ImportSelection {
  /** Planned names; undefined: every importable app whose account Airlock does not have yet. */
  apps?: readonly string[];
  /** Planned name → the name to create it under. */
  renames?: Readonly<Record<string, string>>;
}

export interface DraftOptions {
  /** Apps Airlock has: their names are never reused, their accounts are not imported again by default. */
  existingApps?: readonly Pick<App, 'name' | 'partition' | 'accountId' | 'roleArns'>[];
  selection?: ImportSelection;
}

const CHAINED_MAX_SECONDS = 3600;

/** What a chained role is assumed with, for people (`chained` itself is on the role). */
export const CHAINED_BY: Readonly<Record<ChainedBy, string>> = {
  'role-profile': 'the session of another role profile',
  sso: 'an IAM Identity Center role session',
  'ec2-instance-role': 'the EC2 instance role',
  'ecs-task-role': 'the ECS task role',
  'web-identity': 'a web identity role session',
};

const SSO_ONLY_REASON = (r: PlannedRole): string =>
  `an IAM Identity Center (SSO) profile: it signs in to permission set "${r.roleName}" directly, and Airlock assumes IAM roles ` +
  'with sts:AssumeRole (a permission set has no role ARN in the files)' +
  (r.source ? `. It still works as a source: profiles with source_profile = ${r.profile} are imported` : '');

/** How the AWS CLI gets the credentials, for people. */
export function describeImportSource(s: ImportSource): string {
  if (s.kind === 'credential_source') return `credential_source ${s.value}`;
  if (s.kind === 'sso') {
    return `IAM Identity Center: profile "${s.profile}" (${s.session ? `sso-session ${s.session}, ` : ''}account ${s.accountId}, permission set ${s.roleName})`;
  }
  if (s.provider === 'credential_process') return `credential_process of profile "${s.profile}"`;
  if (s.provider === 'web_identity') return `web identity token of profile "${s.profile}"`;
  return `${s.hasSessionToken ? 'temporary keys' : 'keys'} of profile "${s.profile}"`;
}

/** What Airlock's login uses, for people. */
const sameSource = (a: AppSource | undefined, b: AppSource | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

function isAssumeRoleProfile(p: AwsProfileEntry): boolean {
  const s = p.settings;
  // The SDK's own test: role_arn with exactly one of source_profile and credential_source.
  return s.role_arn !== undefined && (s.source_profile !== undefined) !== (s.credential_source !== undefined);
}

const hasKeys = (p: AwsProfileEntry): boolean =>
  p.credentialKeys.includes('aws_access_key_id') && p.credentialKeys.includes('aws_secret_access_key');

class RoleDrafter {
  private readonly profiles: Map<string, AwsProfileEntry>;

  constructor(setup: AwsSetup, private readonly plan: ImportPlan) {
    this.profiles = new Map(setup.profiles.map((p) => [p.name, p]));
  }

  draft(role: PlannedRole): RoleDraft {
    const base = {
      profile: role.profile, access: role.access, roleName: role.roleName, file: role.file, line: role.line,
      ...(role.source ? { sourceText: describeImportSource(role.source) } : {}),
      chain: role.chain, chained: role.chained, ...(role.chainedBy ? { chainedBy: role.chainedBy } : {}),
    };
    if (role.access === 'sso') return { ...base, imported: false, reason: SSO_ONLY_REASON(role), notes: [] };
    const notes: RoleNote[] = [];
    const out: RoleDraft = {
      ...base,
      roleArn: role.roleArn,
      imported: true,
      ...(role.mfaSerial ? { mfaSerial: role.mfaSerial } : {}),
      ...(role.externalId ? { externalId: role.externalId } : {}),
      notes,
    };
    if (role.durationSeconds !== undefined) {
      // STS refuses more than an hour for a chained session: Airlock's AssumeRole is chained exactly when the CLI's is.
      out.durationSeconds = role.chained ? Math.min(role.durationSeconds, CHAINED_MAX_SECONDS) : role.durationSeconds;
      if (out.durationSeconds !== role.durationSeconds) {
        notes.push({ level: 'warning', text: `duration_seconds ${role.durationSeconds} lowered to ${CHAINED_MAX_SECONDS}: role chaining caps the session at 1 hour` });
      }
    }
    if (role.roleSessionName) {
      notes.push({ level: 'info', text: `role_session_name "${role.roleSessionName}" is not kept: Airlock names sessions after you` });
    }
    const source = this.airlockSource(role, out, notes);
    if (!out.imported) return { ...out, notes: [] };
    for (const p of this.errorsIn([role.profile])) {
      notes.push({ level: 'warning', text: `${p.reason} (${this.where(p)}): check what was read for it` });
    }
    if (source) {
      const checked = AppSourceSchema.safeParse(source);
      if (!checked.success) return { ...out, imported: false, reason: `its source ${describeAppSource(source)} is not a name Airlock accepts as a profile` };
      out.source = checked.data;
    }
    this.noteMfaInChain(role, notes);
    return out;
  }

  private where(p: ImportProblem): string {
    return `${p.file === this.plan.credentialsFile.path ? 'credentials' : 'config'} file line ${p.line}`;
  }

  /** The error problems found in the sections of these profiles, in plan order. */
  private errorsIn(names: string[]): ImportProblem[] {
    const sections = names.flatMap((n) => this.profiles.get(n)?.sections ?? []);
    return this.plan.problems.filter((p) => p.severity === 'error' && p.line !== undefined &&
      sections.some((s) => s.file === p.file && s.section === p.section));
  }

  /** Airlock's source for a role (see the file comment); marks the role not imported when there is none that is right. */
  private airlockSource(role: PlannedAssumedRole, out: RoleDraft, notes: RoleNote[]): AppSource | undefined {
    const source = role.source;
    if (!source) {
      if (this.plan.problems.some((p) => p.code === 'NO_ROLE_SOURCE' && p.file === role.file && p.line === role.line)) {
        notes.push({ level: 'warning', text: "no source_profile or credential_source: assumed with the app's credentials (keys stored in Airlock's vault, else the standard AWS chain)" });
        return undefined;
      }
      const why = this.errorsIn([role.profile, ...role.chain])[0];
      out.imported = false;
      out.reason = `its source credentials could not be worked out${why ? `: ${why.reason} (${this.where(why)})` : ''}`;
      return undefined;
    }
    if (source.kind === 'profile' && source.hasStaticKeys && role.chain.length === 1) out.keysProfile = source.profile;
    const nearest = role.chain[0];
    if (nearest === undefined) {
      if (source.kind === 'credential_source') return { kind: 'credential_source', value: source.value };
      out.imported = false;
      out.reason = source.kind === 'profile' && source.provider === 'web_identity'
        ? `profile "${role.profile}" gets its role with a web identity token (AssumeRoleWithWebIdentity); Airlock assumes roles with sts:AssumeRole from source credentials`
        : `no source profile to assume it with (${describeImportSource(source)})`;
      return undefined;
    }
    const entry = this.profiles.get(nearest);
    if (entry && entry.settings.role_arn === undefined && entry.settings.credential_source !== undefined && source.kind === 'credential_source') {
      return { kind: 'credential_source', value: source.value };
    }
    if (entry && hasKeys(entry) && isAssumeRoleProfile(entry)) {
      notes.push({
        level: 'warning',
        text: `profile "${nearest}" has keys but also assumes a role: as a source, the AWS SDK would give that role's session instead of its keys. ` +
          "Move its keys into Airlock's vault, else the app's credentials (the standard AWS chain) are used",
      });
      return undefined;
    }
    return { kind: 'profile', profile: nearest };
  }

  /** fromIni cannot ask for an MFA code: a role of the chain with mfa_serial stops the login. */
  private noteMfaInChain(role: PlannedAssumedRole, notes: RoleNote[]): void {
    const withMfa = role.chain.filter((name) => {
      const p = this.profiles.get(name);
      return p !== undefined && isAssumeRoleProfile(p) && !hasKeys(p) && p.settings.mfa_serial !== undefined;
    });
    if (withMfa.length > 0) {
      notes.push({ level: 'warning', text: `profile "${withMfa[0]}" of its chain needs an MFA code (mfa_serial), which Airlock cannot enter for a source: logins will fail` });
    }
  }
}

/** The roles of one app as NewApp fields: ARNs, app-level source and MFA where all agree, per-role settings otherwise. */
function appInput(name: string, planned: PlannedApp, roles: RoleDraft[]): NewApp {
  const imported = roles.filter((r) => r.imported);
  const first = imported[0];
  const sharedSource = first?.source && imported.every((r) => sameSource(r.source, first.source)) ? first.source : undefined;
  const sharedMfa = first?.mfaSerial && imported.every((r) => r.mfaSerial === first.mfaSerial) ? first.mfaSerial : undefined;
  const roleSettings: Record<string, RoleSettings> = {};
  for (const r of imported) {
    const settings: RoleSettings = {
      ...(r.externalId ? { externalId: r.externalId } : {}),
      ...(r.durationSeconds ? { durationSeconds: r.durationSeconds } : {}),
      ...(r.mfaSerial && !sharedMfa ? { mfaSerial: r.mfaSerial } : {}),
      ...(r.source && !sharedSource ? { source: r.source } : {}),
    };
    if (Object.keys(settings).length > 0) roleSettings[r.roleArn!] = settings;
  }
  return {
    name,
    uri: planned.uri,
    region: planned.region,
    accountId: planned.accountId,
    roleArns: imported.map((r) => r.roleArn!),
    ...(sharedMfa ? { mfaSerial: sharedMfa } : {}),
    ...(sharedSource ? { source: sharedSource } : {}),
    ...(Object.keys(roleSettings).length > 0 ? { roleSettings } : {}),
  };
}

/**
 * Two profiles naming one role ARN: the first one's settings are kept (roleSettings is per ARN);
 * a later one with other settings is left out, saying so.
 */
function dropDuplicateArns(roles: RoleDraft[]): void {
  const seen = new Map<string, RoleDraft>();
  for (const r of roles) {
    if (!r.imported || !r.roleArn) continue;
    const first = seen.get(r.roleArn);
    if (!first) {
      seen.set(r.roleArn, r);
      continue;
    }
    const settings = (d: RoleDraft): string => JSON.stringify([d.source ?? null, d.mfaSerial ?? null, d.durationSeconds ?? null, d.externalId ?? null]);
    r.imported = false;
    r.reason = settings(r) === settings(first)
      ? `same role as profile "${first.profile}", imported once`
      : `same role as profile "${first.profile}" with other settings: an app keeps one set per role, those of "${first.profile}"`;
  }
}

/**
 * The profile whose long-lived keys may go into the app's vault entry (`source/APP`). Stored keys
 * are used for every role of the app, so only when each role is assumed with those keys directly
 * (or has no source of its own and takes the app's credentials).
 */
function movableKeysOf(roles: RoleDraft[]): string | undefined {
  const imported = roles.filter((r) => r.imported);
  const profiles = new Set(imported.flatMap((r) => (r.keysProfile ? [r.keysProfile] : [])));
  if (profiles.size !== 1) return undefined;
  const [profile] = profiles;
  return imported.every((r) => r.keysProfile === profile || (r.keysProfile === undefined && r.source === undefined)) ? profile : undefined;
}

function existingFor(planned: PlannedApp, existing: DraftOptions['existingApps']): string[] {
  return (existing ?? []).filter((a) => a.partition === planned.partition &&
    (a.accountId === planned.accountId || (a.accountId === undefined && a.roleArns.some((arn) => arn.split(':')[4] === planned.accountId))))
    .map((a) => a.name);
}

function checkSelection(plan: ImportPlan, selection: ImportSelection): void {
  const known = new Set(plan.apps.map((a) => a.name));
  const unknown = [...(selection.apps ?? []), ...Object.keys(selection.renames ?? {})].filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new AirlockError('NOT_IN_IMPORT_PLAN', `no app named ${[...new Set(unknown)].map((n) => `"${n}"`).join(', ')} in the import plan`,
      `the apps the AWS config gives are: ${[...known].join(', ') || 'none'} (the files may have changed since the preview)`);
  }
  if (selection.apps) {
    const notSelected = Object.keys(selection.renames ?? {}).filter((n) => !selection.apps!.includes(n));
    if (notSelected.length > 0) {
      throw new AirlockError('RENAME_NOT_SELECTED', `renamed app ${notSelected.map((n) => `"${n}"`).join(', ')} is not selected for import`,
        'select it too, or drop the rename');
    }
  }
}

/** Every name problem of the apps to create at once: invalid, taken by an app Airlock has, or given twice. */
function checkNames(apps: AppDraft[], existing: readonly string[]): void {
  const taken = new Map(existing.map((n) => [n.toLowerCase(), n]));
  const used = new Map<string, AppDraft>();
  const errors: string[] = [];
  for (const a of apps.filter((x) => x.status === 'ready')) {
    const key = a.name.toLowerCase();
    if (!APP_NAME.test(a.name)) errors.push(`"${a.name}" (for ${a.planned}) is not a valid app name: letters, digits, ".", "_" or "-" (up to 64), starting with a letter or digit`);
    else if (taken.has(key)) errors.push(`"${a.name}" (for ${a.planned}) is taken by app "${taken.get(key)}", which is never overwritten`);
    else if (used.has(key)) errors.push(`"${a.name}" is given to both ${used.get(key)!.planned} and ${a.planned}`);
    used.set(key, a);
  }
  if (errors.length > 0) {
    throw new AirlockError('IMPORT_NAME_CONFLICT', `cannot import under these names: ${errors.join('; ')}`, 'rename them (--rename PLANNED=NEW), or leave those apps out');
  }
}

/**
 * Decides what an import creates: per planned app its status, name, NewApp input and what
 * becomes of each role. Throws (before anything is written) for a selection naming unknown apps,
 * or names that are invalid, taken or given twice.
 */
export function draftImport(setup: AwsSetup, plan: ImportPlan, options: DraftOptions = {}): ImportDraft {
  const selection = options.selection ?? {};
  checkSelection(plan, selection);
  const drafter = new RoleDrafter(setup, plan);
  const apps: AppDraft[] = plan.apps.map((planned) => {
    const name = selection.renames?.[planned.name] ?? planned.name;
    const roles = planned.roles.map((r) => drafter.draft(r));
    dropDuplicateArns(roles);
    const existingApps = existingFor(planned, options.existingApps);
    const common = {
      planned: planned.name, name, accountId: planned.accountId, partition: planned.partition, uri: planned.uri, region: planned.region,
      profiles: planned.profiles, existingApps, roles, notes: [] as RoleNote[],
    };
    if (!roles.some((r) => r.imported)) {
      const sso = roles.every((r) => r.access === 'sso');
      return {
        ...common, status: 'not-importable' as const,
        reason: sso ? 'only IAM Identity Center (SSO) permission sets, which Airlock cannot assume: see each role' : 'none of its roles can be imported: see each role',
      };
    }
    const app = appInput(name, planned, roles);
    try {
      // The store's own validation, so the preview never promises what add() refuses; names are checked below, all at once.
      buildApp({ ...app, name: planned.name });
    } catch (err) {
      if (!isAirlockError(err)) throw err;
      return { ...common, status: 'not-importable' as const, reason: err.message };
    }
    const selected = selection.apps ? selection.apps.includes(planned.name) : existingApps.length === 0;
    const status: AppDraftStatus = selected ? 'ready' : existingApps.length > 0 && !selection.apps ? 'exists' : 'not-selected';
    if (existingApps.length > 0 && status !== 'exists') {
      common.notes.push({ level: 'warning', text: `Airlock already has ${existingApps.map((n) => `"${n}"`).join(', ')} for account ${planned.accountId}` });
    }
    if (new Set(roles.filter((r) => r.imported).map((r) => JSON.stringify(r.source ?? null))).size > 1) {
      common.notes.push({ level: 'info', text: 'its roles get their credentials from different sources: each role keeps its own' });
    }
    const movableKeys = movableKeysOf(roles);
    return {
      ...common, status, app, ...(movableKeys ? { movableKeys } : {}),
      ...(status === 'exists' ? { reason: `Airlock already has an app for account ${planned.accountId} (${existingApps.join(', ')}): select it by name to import it anyway` } : {}),
    };
  });
  // A rename of an app that is not going to be created would be silently dropped: say so instead.
  const idle = apps.filter((a) => a.name !== a.planned && a.status !== 'ready');
  if (idle.length > 0) {
    throw new AirlockError('RENAME_NOT_SELECTED', `renamed app ${idle.map((a) => `"${a.planned}"`).join(', ')} is not imported: ${idle.map((a) => a.reason ?? a.status).join('; ')}`,
      'choose it by name too (--app), or drop the rename');
  }
  checkNames(apps, (options.existingApps ?? []).map((a) => a.name));

  const keyProfiles: KeyProfileDraft[] = plan.keyProfiles.map((k) => ({
    profile: k.profile,
    hasSessionToken: k.hasSessionToken,
    file: k.file,
    line: k.line,
    usedBy: apps.filter((a) => a.roles.some((r) => r.imported && (r.keysProfile === k.profile || r.chain.includes(k.profile)))).map((a) => a.name),
    movableTo: apps.filter((a) => a.status !== 'not-importable' && a.movableKeys === k.profile).map((a) => a.name),
  }));
  return { configFile: plan.configFile, credentialsFile: plan.credentialsFile, apps, keyProfiles, problems: plan.problems };
}
