import { AirlockError } from '../errors';
import { openConfigFile } from './config-file';
import type { ConfigFile } from './config-file';
import { ACCOUNT_ID, APP_NAME, AppSchema, AppSourceSchema, ROLE_ARN, RoleSettingsSchema } from './model';
import type { App, AppSource, LocalTarget, RoleSettings } from './model';
import { partitionFromConsoleUri, isRegionOf } from './partitions';
import { parseRoleArn } from './roles';

export interface NewApp {
  name: string;
  uri: string;
  region?: string;
  labels?: Record<string, string>;
  roleArns?: string[];
  endpoints?: Record<string, string>;
  stsEndpoint?: string;
  federationEndpoint?: string;
  mfaSerial?: string;
  /** The app's AWS account (12 digits); its role ARNs must be in it. */
  accountId?: string;
  source?: AppSource;
  roleSettings?: Record<string, RoleSettings>;
  /** A local DynamoDB app (see LocalTargetSchema); its uri names the emulator. */
  local?: LocalTarget;
}

/** The console URI stored for the embedded emulator: there is no console, only a name to show. */
export const EMBEDDED_URI = 'airlock://local-dynamodb';

export interface NewLocalApp {
  name: string;
  /** An emulator's URL (DynamoDB Local, LocalStack); none: the embedded one. */
  url?: string;
  region?: string;
  labels?: Record<string, string>;
}

/**
 * A change to an app: every field given replaces that field (lists and maps as a whole); fields
 * left undefined keep their value. An empty region, STS endpoint, MFA serial or account id resets it.
 * The name is the app's identity (vault keys, CLI arguments): it cannot change.
 */
export type AppPatch = Partial<Omit<NewApp, 'name' | 'source'>> & {
  /** null: no configured source (the standard AWS chain). */
  source?: AppSource | null;
};

/** Apps live in AIRLOCK_HOME/config.json (see config-file.ts), shared by every host. */
export class AppStore {
  private readonly conf: ConfigFile;

  /** Opens AIRLOCK_HOME/config.json, or shares a config file opened already (CoreHost). */
  constructor(home: string | ConfigFile) {
    this.conf = typeof home === 'string' ? openConfigFile(home) : home;
  }

  list(): App[] {
    return [...this.conf.get('apps')].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): App {
    const app = this.conf.get('apps').find((a) => a.name === name);
    if (!app) {
      const names = this.list().map((a) => a.name);
      throw new AirlockError('NO_SUCH_APP', `no app named "${name}"`,
        names.length ? `known apps: ${names.join(', ')}` : 'add one with: airlock apps add NAME --uri CONSOLE_URI');
    }
    return app;
  }

  has(name: string): boolean {
    return this.conf.get('apps').some((a) => a.name === name);
  }

  add(input: NewApp): App {
    const app = buildApp(input);
    const apps = this.conf.get('apps');
    if (apps.some((a) => a.name === app.name)) {
      throw new AirlockError('APP_EXISTS', `an app named "${app.name}" already exists`, `remove it first: airlock apps rm ${app.name}`);
    }
    this.conf.set('apps', [...apps, app]);
    return app;
  }

  addLocal(input: NewLocalApp): App {
    const local: LocalTarget = input.url ? { url: checkUrl('emulator URL', input.url) } : { embedded: true };
    return this.add({
      name: input.name,
      uri: 'url' in local ? local.url : EMBEDDED_URI,
      region: input.region ?? 'us-east-1',
      labels: input.labels ?? { env: 'local' },
      local,
    });
  }

  /** Re-validates the whole app like `add`; keeps its name and createdAt; one atomic write. */
  update(name: string, patch: AppPatch): App {
    const current = this.get(name);
    const { source, ...rest } = patch;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Omit<AppPatch, 'source'>;
    const merged: NewApp = {
      uri: current.uri,
      region: current.region,
      labels: current.labels,
      roleArns: current.roleArns,
      endpoints: current.endpoints,
      ...(current.stsEndpoint ? { stsEndpoint: current.stsEndpoint } : {}),
      ...(current.federationEndpoint ? { federationEndpoint: current.federationEndpoint } : {}),
      ...(current.mfaSerial ? { mfaSerial: current.mfaSerial } : {}),
      ...(current.accountId ? { accountId: current.accountId } : {}),
      ...(current.source ? { source: current.source } : {}),
      ...(current.roleSettings ? { roleSettings: current.roleSettings } : {}),
      ...(current.local ? { local: current.local } : {}),
      ...defined,
      name: current.name,
    };
    if (source === null) delete merged.source;
    else if (source !== undefined) merged.source = source;
    // A local app's URI is its emulator's URL: changing one changes the other.
    if (merged.local && 'url' in merged.local && defined.uri) merged.local = { url: defined.uri };
    // An empty region means the partition's default (of the new console URI, if that changed too).
    if (!merged.region) delete merged.region;
    const app: App = { ...buildApp(merged), createdAt: current.createdAt };
    this.conf.set('apps', this.conf.get('apps').map((a) => (a.name === name ? app : a)));
    return app;
  }

  remove(name: string): App {
    const app = this.get(name);
    this.conf.set('apps', this.conf.get('apps').filter((a) => a.name !== name));
    return app;
  }
}

function checkUrl(what: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AirlockError('BAD_ENDPOINT', `${what} "${value}" is not a URL`, 'use e.g. http://127.0.0.1:8000');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AirlockError('BAD_ENDPOINT', `${what} "${value}" must be http:// or https://`);
  }
  if (url.username || url.password) throw new AirlockError('BAD_ENDPOINT', `${what} must not contain credentials`);
  return url.toString().replace(/\/$/, '');
}

/** Validates user input into an App; every error names the offending value. */
export function buildApp(input: NewApp): App {
  if (!APP_NAME.test(input.name)) {
    throw new AirlockError('BAD_APP_NAME', `"${input.name}" is not a valid app name`,
      'use letters, digits, ".", "_" or "-" (up to 64), starting with a letter or digit');
  }
  if (input.local) return buildLocalApp(input, input.local);
  const partition = partitionFromConsoleUri(input.uri);
  const region = input.region ?? partition.defaultRegion;
  if (!isRegionOf(partition, region)) {
    throw new AirlockError('BAD_REGION', `region "${region}" is not in partition ${partition.id}`);
  }
  if (input.accountId && !ACCOUNT_ID.test(input.accountId)) {
    throw new AirlockError('BAD_ACCOUNT_ID', `"${input.accountId}" is not an AWS account id`, 'an account id is 12 digits');
  }
  const roleArns = [...new Set(input.roleArns ?? [])];
  for (const arn of roleArns) checkRoleArn(arn, partition.id, input);
  const roleSettings = checkRoleSettings(input.roleSettings, partition.id, input);
  const source = input.source ? checkSource(input.source) : undefined;
  const endpoints: Record<string, string> = {};
  for (const [service, url] of Object.entries(input.endpoints ?? {})) {
    if (!/^[a-z0-9-]+$/.test(service)) throw new AirlockError('BAD_ENDPOINT', `"${service}" is not an AWS service name`);
    endpoints[service] = checkUrl(`endpoint for ${service}`, url);
  }
  const app: App = {
    name: input.name,
    uri: input.uri,
    partition: partition.id,
    region,
    labels: input.labels ?? {},
    roleArns,
    endpoints,
    ...(input.stsEndpoint ? { stsEndpoint: checkUrl('STS endpoint', input.stsEndpoint) } : {}),
    ...(input.federationEndpoint ? { federationEndpoint: checkUrl('federation endpoint', input.federationEndpoint) } : {}),
    ...(input.mfaSerial ? { mfaSerial: input.mfaSerial } : {}),
    ...(input.accountId ? { accountId: input.accountId } : {}),
    ...(source ? { source } : {}),
    ...(roleSettings ? { roleSettings } : {}),
    createdAt: new Date().toISOString(),
  };
  return AppSchema.parse(app);
}

function checkRoleArn(arn: string, partition: string, input: NewApp): void {
  if (!ROLE_ARN.test(arn)) {
    throw new AirlockError('BAD_ROLE_ARN', `"${arn}" is not an IAM role ARN`, 'expected arn:PARTITION:iam::123456789012:role/NAME');
  }
  const role = parseRoleArn(arn)!;
  if (role.partition !== partition) {
    throw new AirlockError('BAD_ROLE_ARN', `role "${arn}" is not in partition ${partition} of ${input.uri}`);
  }
  if (input.accountId && role.accountId !== input.accountId) {
    throw new AirlockError('BAD_ROLE_ARN', `role "${arn}" is not in account ${input.accountId} of app "${input.name}"`,
      'an app is one account: add another app for the other account');
  }
}

function checkRoleSettings(settings: Record<string, RoleSettings> | undefined, partition: string, input: NewApp): Record<string, RoleSettings> | undefined {
  const entries = Object.entries(settings ?? {});
  if (!entries.length) return undefined;
  const out: Record<string, RoleSettings> = {};
  for (const [arn, value] of entries) {
    checkRoleArn(arn, partition, input);
    const parsed = RoleSettingsSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AirlockError('BAD_ROLE_SETTINGS', `settings of role ${arn}: ${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`);
    }
    out[arn] = parsed.data;
  }
  return out;
}

function checkSource(source: AppSource): AppSource {
  const parsed = AppSourceSchema.safeParse(source);
  if (!parsed.success) {
    throw new AirlockError('BAD_SOURCE', `source credentials: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      'name an AWS profile, or Environment, Ec2InstanceMetadata or EcsContainer');
  }
  return parsed.data;
}

/** A local app has no account: no roles, no STS, no MFA; DynamoDB goes to the emulator. */
function buildLocalApp(input: NewApp, local: LocalTarget): App {
  if ((input.roleArns ?? []).length || input.stsEndpoint || input.mfaSerial || input.federationEndpoint || input.accountId || input.source || input.roleSettings) {
    throw new AirlockError('LOCAL_APP', `"${input.name}" is a local DynamoDB app: it has no AWS account, IAM roles, source credentials, STS endpoint or MFA`);
  }
  const region = input.region ?? 'us-east-1';
  if (!/^[a-z]{2}(-gov)?-[a-z]+-\d+$/.test(region)) throw new AirlockError('BAD_REGION', `"${region}" is not a region name`);
  const target: LocalTarget = 'url' in local ? { url: checkUrl('emulator URL', local.url) } : { embedded: true };
  return AppSchema.parse({
    name: input.name,
    uri: 'url' in target ? target.url : EMBEDDED_URI,
    partition: 'aws',
    region,
    labels: input.labels ?? {},
    roleArns: [],
    endpoints: {},
    local: target,
    createdAt: new Date().toISOString(),
  });
}
