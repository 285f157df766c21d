/**
 * THE contract between the renderer and the main side: every call the renderer may make and
 * every event it may receive, with schemas. Main handlers validate requests with these schemas
 * (a compromised renderer can ask only for what is listed); the renderer's client is typed from it.
 * Used by the Electron preload/IPC binding and by the web UI host alike.
 */
import { z } from 'zod';
import { AwsImportPreview, AwsImportRequest, AwsImportResult } from './aws-config';
import {
  AttrValue, CodeSnippets, CreateTableSpec, HistoryEntry, Item, JobView, SavedQuery, ReadBudget, ReadPlan, ReadResult, ReadSpec, SaveResult, TableView,
  region, tableName,
} from './dynamodb';

const appName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-" (up to 64)');

export const SessionView = z.object({
  roleArn: z.string(),
  roleName: z.string(),
  accountId: z.string(),
  sessionName: z.string(),
  expiration: z.string(),
  usedMfa: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;

/** A role the user may assume for an app. */
export const RoleView = z.object({
  arn: z.string(),
  name: z.string(),
  accountId: z.string(),
  /** Why it is offered: the policy roles granting it, or ['app'] (the app's own role list, no policy roles). */
  grantedBy: z.array(z.string()),
  /** The session length this role asks for unless the user picks one (duration_seconds of ~/.aws/config). */
  durationSeconds: z.number().int().optional(),
  /** Its MFA device (the role's, else the app's): the role needs an MFA code. */
  mfaSerial: z.string().optional(),
});
export type RoleView = z.infer<typeof RoleView>;

/** A value the policy produced that is not offered (e.g. a malformed ARN after expansion), and why. */
export const PolicyWarningView = z.object({ value: z.string(), policyRole: z.string(), reason: z.string() });
export type PolicyWarningView = z.infer<typeof PolicyWarningView>;

export const AppView = z.object({
  name: z.string(),
  /** 'local': a DynamoDB emulator (the embedded one, DynamoDB Local, LocalStack): no AWS account, no roles, no login. */
  kind: z.enum(['aws', 'local']),
  /** Local apps: 'embedded' or the emulator's URL. */
  localEndpoint: z.string().optional(),
  uri: z.string(),
  partition: z.enum(['aws', 'aws-us-gov', 'aws-cn']),
  region: z.string(),
  labels: z.record(z.string(), z.string()),
  /** The app's AWS account, when it names one (or all its own roles are in one). */
  accountId: z.string().optional(),
  /** The account the app names itself (what the app dialog edits); absent when `accountId` is derived from its roles. */
  ownAccountId: z.string().optional(),
  /** The roles offered to the user (what the role selector lists and login accepts). */
  roles: z.array(RoleView),
  /** 'policy': the access policy decides `roles`; 'app': no policy roles, the app's own list. */
  rolesFrom: z.enum(['policy', 'app']),
  /** The app's own role list (what the app dialog edits), whatever the policy offers. */
  ownRoleArns: z.array(z.string()),
  roleWarnings: z.array(PolicyWarningView),
  /** Policy roles whose deny.app_labels match the app: nothing is offered for it. */
  deniedBy: z.array(z.string()).optional(),
  /** Where the source credentials come from when no keys are stored, e.g. 'AWS profile "base"'. */
  source: z.string().optional(),
  endpoints: z.record(z.string(), z.string()),
  stsEndpoint: z.string().optional(),
  federationEndpoint: z.string().optional(),
  mfaSerial: z.string().optional(),
  hasStoredKeys: z.boolean(),
  session: SessionView.nullable(),
});
export type AppView = z.infer<typeof AppView>;

export const ProxyView = z.object({
  id: z.string(),
  app: z.string(),
  mode: z.enum(['forward', 'endpoint']),
  url: z.string(),
  port: z.number().int(),
  env: z.record(z.string(), z.string()),
  /** The env settings as the user pastes them, formatted by the core (one quoting implementation). */
  envText: z.object({ sh: z.string(), fish: z.string(), powershell: z.string(), json: z.string() }),
  caPath: z.string(),
  startedAt: z.string(),
  stats: z.object({ requests: z.number(), forwarded: z.number(), refused: z.number(), tunneled: z.number() }),
});
export type ProxyView = z.infer<typeof ProxyView>;

export const AuditRecordView = z.object({
  time: z.string(),
  app: z.string(),
  roleArn: z.string().optional(),
  localKeyId: z.string().optional(),
  service: z.string().optional(),
  region: z.string().optional(),
  action: z.string().optional(),
  table: z.string().optional(),
  host: z.string().optional(),
  method: z.string().optional(),
  status: z.number(),
  errorCode: z.string().optional(),
  latencyMs: z.number(),
  bytesIn: z.number(),
  bytesOut: z.number(),
  decision: z.enum(['forwarded', 'refused', 'tunneled']),
  reason: z.string().optional(),
});
export type AuditRecordView = z.infer<typeof AuditRecordView>;

/** The user's preferences, kept in Airlock's config.json and shared by the desktop app, the web UI and the CLI. */
export const PreferencesView = z.object({
  defaultDurationSeconds: z.number().int().min(900).max(43_200),
  theme: z.enum(['light', 'dark', 'system']),
  launchAtLogin: z.boolean(),
});
export type PreferencesView = z.infer<typeof PreferencesView>;

/** The preferences, and whether this host can start Airlock at login (only the desktop app on macOS and Windows). */
export const SettingsView = PreferencesView.extend({ launchAtLoginSupported: z.boolean() });
export type SettingsView = z.infer<typeof SettingsView>;

const ok = z.object({ ok: z.literal(true) });

/** Who the user is to the policy: the user name (its `kind: user` resource) and the external traits entered. */
export const IdentityView = z.object({
  user: z.string(),
  /** No user set: the OS user name stands in. */
  userIsDefault: z.boolean(),
  traits: z.record(z.string(), z.array(z.string())),
});
export type IdentityView = z.infer<typeof IdentityView>;

const PolicyConditionsView = z.object({ appLabels: z.record(z.string(), z.array(z.string())), awsRoleArns: z.array(z.string()) });

/** The access policy in force, its files and resources, who the user is to it, and what it offers per app. */
export const PolicyView = z.object({
  managed: z.object({
    /** Where this OS looks for the administrator's policy file (read only for Airlock). */
    path: z.string(),
    found: z.boolean(),
    loaded: z.boolean(),
    /** The file is invalid: its last valid version is in force. */
    lastValidInForce: z.boolean().optional(),
  }),
  files: z.array(z.object({
    managed: z.boolean(),
    /** Imported files: the name policy.remove takes. */
    name: z.string().optional(),
    path: z.string(),
    /** The file is invalid now: these are the resources of its last valid version. */
    lastValidVersion: z.boolean().optional(),
    roles: z.array(z.object({ name: z.string(), version: z.string(), line: z.number().int(), allow: PolicyConditionsView, deny: PolicyConditionsView })),
    users: z.array(z.object({ name: z.string(), line: z.number().int(), traits: z.record(z.string(), z.array(z.string())) })),
  })),
  errors: z.array(z.object({ managed: z.boolean(), name: z.string().optional(), path: z.string(), message: z.string(), previousInForce: z.boolean().optional() })),
  identity: IdentityView,
  apps: z.array(z.object({
    app: z.string(),
    kind: z.enum(['aws', 'local']),
    accountId: z.string().optional(),
    rolesFrom: z.enum(['policy', 'app']),
    roles: z.array(RoleView),
    warnings: z.array(PolicyWarningView),
    deniedBy: z.array(z.string()).optional(),
  })),
});
export type PolicyView = z.infer<typeof PolicyView>;


const traitName = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, "_", ".", ":" or "-"');

/** What a user sets on an app (apps.add needs the URI; apps.update takes any subset). */
const AppSettings = z.object({
  uri: z.string().min(1).max(2048),
  region: z.string().max(32).optional(),
  labels: z.record(z.string().max(128), z.string().max(256)).optional(),
  roleArns: z.array(z.string().max(2048)).max(200).optional(),
  endpoints: z.record(z.string().max(64), z.string().max(2048)).optional(),
  stsEndpoint: z.string().max(2048).optional(),
  federationEndpoint: z.string().max(2048).optional(),
  mfaSerial: z.string().max(2048).optional(),
  /** The app's AWS account (12 digits): a policy offers only its roles. */
  accountId: z.string().max(12).optional(),
});

/** Request/response schemas per channel. */
export const calls = {
  'apps.list': { request: z.object({}).strict(), response: z.array(AppView) },
  'apps.add': { request: AppSettings.extend({ name: appName }).strict(), response: AppView },
  /** Fields given replace that field (labels, roleArns and endpoints as a whole); "" resets region, stsEndpoint, mfaSerial. */
  'apps.update': { request: AppSettings.partial().extend({ name: appName }).strict(), response: AppView },
  /** A local DynamoDB app: the embedded one (no url) or an emulator such as DynamoDB Local or LocalStack at `url`. */
  'apps.addLocal': {
    request: z.object({ name: appName, url: z.string().url().max(2048).optional(), region: region.optional() }).strict(),
    response: AppView,
  },
  'apps.remove': { request: z.object({ name: appName }).strict(), response: ok },
  /** What ~/.aws/config and ~/.aws/credentials would give (the files the SDK reads at login): apps, roles, key profiles, problems. No key value. */
  'awsConfig.preview': { request: z.object({}).strict(), response: AwsImportPreview },
  /** Creates the chosen planned apps (never over an existing app) and copies the named profiles' keys into the vault; the AWS files are not changed. */
  'awsConfig.import': { request: AwsImportRequest, response: AwsImportResult },
  'sessions.login': {
    request: z.object({
      app: appName,
      role: z.string().min(1).max(2048),
      durationSeconds: z.number().int().min(900).max(43_200),
      mfaCode: z.string().regex(/^\d{6}$/, 'six digits').optional(),
    }).strict(),
    response: SessionView,
  },
  /**
   * Opens the AWS console of the app's current session (federation sign-in). `window`: an in-app
   * console window, isolated per app and role (desktop app only); `browser`: the default browser.
   * A host that cannot open either itself (the web UI) returns the sign-in URL for the page to open.
   */
  'console.open': {
    request: z.object({
      app: appName,
      target: z.enum(['window', 'browser']).default('browser'),
      destination: z.enum(['home', 'dynamodb']).default('home'),
      region: region.optional(),
    }).strict(),
    response: z.object({
      openedIn: z.enum(['window', 'browser', 'none']),
      /** Only when openedIn is 'none': the single-use sign-in URL (valid until validUntil). */
      url: z.string().nullable(),
      roleArn: z.string(),
      destination: z.string(),
      validUntil: z.string(),
      /** Why the console session is shorter than the app session (role chaining caps it at 1 hour), if it is. */
      durationNote: z.string().optional(),
    }),
  },
  'sessions.logout': { request: z.object({ app: appName }).strict(), response: z.object({ loggedOut: z.boolean() }) },
  'credentials.set': {
    request: z.object({
      app: appName,
      accessKeyId: z.string().regex(/^(AKIA|ASIA)[A-Z0-9]{12,124}$/, 'an AWS access key id (AKIA… or ASIA…)'),
      secretAccessKey: z.string().regex(/^[\x21-\x7e]{16,128}$/, 'the secret access key'),
      sessionToken: z.string().max(4096).optional(),
    }).strict(),
    response: ok,
  },
  'credentials.remove': { request: z.object({ app: appName }).strict(), response: z.object({ removed: z.boolean() }) },
  'proxies.list': { request: z.object({}).strict(), response: z.array(ProxyView) },
  'proxies.start': {
    request: z.object({ app: appName, mode: z.enum(['forward', 'endpoint']), port: z.number().int().min(0).max(65535).optional() }).strict(),
    response: ProxyView,
  },
  'proxies.stop': { request: z.object({ id: z.string().max(64) }).strict(), response: z.object({ stopped: z.boolean() }) },
  'audit.query': {
    request: z.object({
      app: appName.optional(),
      sinceMs: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(10_000).default(1000),
    }).strict(),
    response: z.array(AuditRecordView),
  },
  'policy.show': { request: z.object({}).strict(), response: PolicyView },
  /** A policy file's text (read by the page from a file the user picked): validated, then kept under its name; invalid changes nothing. */
  'policy.import': {
    request: z.object({ fileName: z.string().min(1).max(255), text: z.string().max(1_048_576) }).strict(),
    response: z.object({ name: z.string(), replaced: z.boolean(), roles: z.array(z.string()), users: z.array(z.string()) }),
  },
  'policy.remove': { request: z.object({ name: z.string().min(1).max(255) }).strict(), response: ok },
  /** `user`: null or "" goes back to the OS user name; `traits` replaces all external traits. */
  'identity.set': {
    request: z.object({
      user: z.string().max(256).nullable().optional(),
      traits: z.record(traitName, z.array(z.string().max(1024)).max(100)).optional(),
    }).strict(),
    response: IdentityView,
  },
  'settings.get': { request: z.object({}).strict(), response: SettingsView },
  /** Fields given replace that preference; the others keep their value. */
  'settings.set': { request: PreferencesView.partial().strict(), response: SettingsView },

  // DynamoDB table browser: every call goes through the app session's local proxy (region: the app's unless given).
  'tables.list': { request: z.object({ app: appName, region: region.optional() }).strict(), response: z.object({ region: z.string(), tables: z.array(z.string()) }) },
  'tables.describe': { request: z.object({ app: appName, region: region.optional(), table: tableName }).strict(), response: TableView },
  'tables.create': { request: z.object({ app: appName, region: region.optional(), spec: CreateTableSpec }).strict(), response: TableView },
  /** `confirm` must repeat the table name: deleting a table is not undone. */
  'tables.delete': { request: z.object({ app: appName, region: region.optional(), table: tableName, confirm: z.string() }).strict(), response: ok },
  'items.plan': { request: z.object({ app: appName, region: region.optional(), spec: ReadSpec }).strict(), response: ReadPlan },
  'items.read': {
    request: z.object({ app: appName, region: region.optional(), spec: ReadSpec, startKey: Item.optional(), budget: ReadBudget.default({ rows: 100 }) }).strict(),
    response: ReadResult,
  },
  'items.get': { request: z.object({ app: appName, region: region.optional(), table: tableName, key: Item, consistent: z.boolean().default(true) }).strict(), response: Item.nullable() },
  /** A new item (create, duplicate): never replaces an item with the same key (that is a conflict). */
  'items.create': { request: z.object({ app: appName, region: region.optional(), table: tableName, item: Item }).strict(), response: SaveResult },
  /** An edited item: written as an UpdateItem diff conditioned on `original`; a key change is a transaction. */
  'items.save': { request: z.object({ app: appName, region: region.optional(), table: tableName, original: Item, updated: Item }).strict(), response: SaveResult },
  'items.delete': {
    request: z.object({ app: appName, region: region.optional(), table: tableName, key: Item, expected: Item.optional() }).strict(),
    response: z.discriminatedUnion('status', [z.object({ status: z.literal('deleted') }), z.object({ status: z.literal('conflict'), current: Item.nullable() })]),
  },
  'items.deleteMany': {
    request: z.object({ app: appName, region: region.optional(), table: tableName, keys: z.array(Item).min(1).max(10_000) }).strict(),
    response: z.object({ deleted: z.number(), failed: z.array(z.object({ key: Item, reason: z.string() })) }),
  },
  'items.code': { request: z.object({ app: appName, region: region.optional(), spec: ReadSpec, startKey: Item.optional() }).strict(), response: CodeSnippets },
  'partiql.execute': {
    request: z.object({
      app: appName, region: region.optional(), statement: z.string().min(1).max(8192), parameters: z.array(AttrValue).max(100).optional(),
      nextToken: z.string().max(32_768).optional(), limit: z.number().int().min(1).max(10_000).optional(), consistent: z.boolean().optional(),
    }).strict(),
    response: z.object({ items: z.array(Item), nextToken: z.string().optional(), consumedCapacity: z.number().optional(), elapsedMs: z.number() }),
  },
  'queries.list': { request: z.object({ app: appName.optional(), table: tableName.optional() }).strict(), response: z.array(SavedQuery) },
  /** Saves a new query, or replaces the one with the same id (rename, edit). Importing a shared file is a save. */
  'queries.save': {
    request: z.object({ id: z.string().max(64).optional(), name: z.string().min(1).max(200), app: appName, region: region.optional(), spec: ReadSpec }).strict(),
    response: SavedQuery,
  },
  'queries.remove': { request: z.object({ id: z.string().max(64) }).strict(), response: z.object({ removed: z.boolean() }) },
  /** Recent reads of one table (newest first), or recent PartiQL statements of an app when `table` is absent. */
  'queries.history': { request: z.object({ app: appName, table: tableName.optional() }).strict(), response: z.array(HistoryEntry) },
  /**
   * A native file dialog for an export (save) or an import (open). Only the desktop app has one
   * (`supported: false` elsewhere); there, export and import take only paths chosen through it.
   */
  'files.choose': {
    request: z.object({ purpose: z.enum(['export', 'import']), suggestedName: z.string().max(255).optional() }).strict(),
    response: z.object({ supported: z.boolean(), path: z.string().nullable() }),
  },
  'jobs.list': { request: z.object({}).strict(), response: z.array(JobView) },
  /** Export the current query (spec) or the whole table (spec with only `table`) to a file; segments > 1 scan in parallel. */
  'jobs.export': {
    request: z.object({
      app: appName, region: region.optional(), spec: ReadSpec, format: z.enum(['jsonl', 'csv']),
      path: z.string().min(1).max(4096).optional(), segments: z.number().int().min(1).max(64).default(1),
    }).strict(),
    response: JobView,
  },
  'jobs.import': {
    request: z.object({ app: appName, region: region.optional(), table: tableName, format: z.enum(['jsonl', 'csv']), path: z.string().min(1).max(4096) }).strict(),
    response: JobView,
  },
  'jobs.cancel': { request: z.object({ id: z.string().max(64) }).strict(), response: JobView },
  /** A job paused because its session ended carries on from its cursors after the user logs in again. */
  'jobs.resume': { request: z.object({ id: z.string().max(64) }).strict(), response: JobView },
} as const;

export type Channel = keyof typeof calls;
export type Request<C extends Channel> = z.input<(typeof calls)[C]['request']>;
export type Response<C extends Channel> = z.infer<(typeof calls)[C]['response']>;

/** Events pushed from the main side. */
export const events = {
  'proxy.record': z.object({ proxyId: z.string(), record: AuditRecordView }),
  'proxy.stopped': z.object({ proxyId: z.string() }),
  'session.changed': z.object({ app: z.string() }),
  /** The access policy or the identity changed: the roles every app offers may have changed. */
  'policy.changed': z.object({}),
  'session.ended': z.object({ app: z.string(), message: z.string() }),
  'job.progress': JobView,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** Errors cross the boundary as data: a stable code, a message for the user and an optional hint. */
export const ErrorView = z.object({ code: z.string(), message: z.string(), hint: z.string().optional() });
export type ErrorView = z.infer<typeof ErrorView>;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}
