import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { ParsedIniData } from '@smithy/types';
import { AirlockError } from '../errors';
import { scanAwsIni } from './aws-config-ini';
import type {
  AwsFileInfo, AwsFileKind, AwsProfileEntry, AwsSetup, AwsSsoSessionEntry, IgnoredSection, ImportProblem,
  SourceLocation, StaticKeys,
} from './aws-config-types';

/** Settings that are credentials: named in the setup, never valued. */
const CREDENTIAL_KEYS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token', 'credential_process'];
/** Also kept out: anything that looks like a secret, a misspelt aws_secret_acess_key included. */
const SECRET_LOOKING = /secret|password|passphrase|session_token$|security_token$|^aws_access_key/i;

function isCredentialKey(key: string): boolean {
  return CREDENTIAL_KEYS.includes(key) || SECRET_LOOKING.test(key);
}

/** The keys of each setup, out of the setup object so that logging or serialising it shows none. */
const SECRETS = new WeakMap<AwsSetup, Map<string, StaticKeys>>();

export interface ReadAwsSetupOptions {
  /** Where AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE are looked up; process.env by default. */
  env?: Record<string, string | undefined>;
  /** The home directory holding .aws/; os.homedir() by default. */
  home?: string;
}

/** An environment path: "~/" (and "~\" on Windows) starts at home; relative paths from the cwd. */
function envPath(value: string | undefined, home: string): string | undefined {
  if (!value) return undefined;
  if (value === '~') return home;
  if (value.startsWith('~/') || (sep === '\\' && value.startsWith('~\\'))) return join(home, value.slice(2));
  return resolve(value);
}

/** The two files the AWS CLI and SDKs read, given the environment and home directory. */
export function awsFilePaths(options: ReadAwsSetupOptions = {}): Record<AwsFileKind, string> {
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  return {
    config: envPath(env.AWS_CONFIG_FILE, home) ?? join(home, '.aws', 'config'),
    credentials: envPath(env.AWS_SHARED_CREDENTIALS_FILE, home) ?? join(home, '.aws', 'credentials'),
  };
}

async function readText(kind: AwsFileKind, path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new AirlockError('AWS_CONFIG_UNREADABLE', `cannot read the AWS ${kind} file ${path}: ${code ?? (err as Error).message}`,
      `check that ${path} is a readable file, or point ${kind === 'config' ? 'AWS_CONFIG_FILE' : 'AWS_SHARED_CREDENTIALS_FILE'} at another one`);
  }
}

/**
 * Reads the shared config and credentials files. A missing file is an empty one; a file that
 * exists but cannot be read throws AWS_CONFIG_UNREADABLE. Nothing else throws: what is wrong
 * inside the files goes to `problems`.
 */
export async function readAwsSetup(options: ReadAwsSetupOptions = {}): Promise<AwsSetup> {
  const paths = awsFilePaths(options);
  const [configText, credentialsText] = await Promise.all([
    readText('config', paths.config),
    readText('credentials', paths.credentials),
  ]);
  // The values are the SDK's reading of the files (what the AWS SDK itself would use); the scan
  // adds where each thing is and what the SDK silently drops.
  const parsed = configText === undefined && credentialsText === undefined
    ? { configFile: {}, credentialsFile: {} }
    : await loadSharedConfigFiles({ configFilepath: paths.config, filepath: paths.credentials, ignoreCache: true });
  return assembleAwsSetup(
    { info: { kind: 'config', path: paths.config, found: configText !== undefined }, text: configText, parsed: parsed.configFile },
    { info: { kind: 'credentials', path: paths.credentials, found: credentialsText !== undefined }, text: credentialsText, parsed: parsed.credentialsFile },
  );
}

interface FileInput {
  info: AwsFileInfo;
  text: string | undefined;
  /** The SDK's parse of the file (loadSharedConfigFiles). */
  parsed: ParsedIniData;
}

interface Builder {
  name: string;
  sections: SourceLocation[];
  values: Map<string, string>;
  locations: Map<string, SourceLocation>;
}

function builder(map: Map<string, Builder>, name: string): Builder {
  let b = map.get(name);
  if (!b) map.set(name, (b = { name, sections: [], values: new Map(), locations: new Map() }));
  return b;
}

/** Own string values only: a section named like an Object.prototype member must not leak one. */
function sdkSection(parsed: ParsedIniData, key: string): [string, string][] {
  if (!Object.hasOwn(parsed, key)) return [];
  const section = parsed[key];
  if (!section || typeof section !== 'object') return [];
  return Object.entries(section).filter((e): e is [string, string] => typeof e[1] === 'string');
}

function finish(b: Builder): { settings: Record<string, string>; settingLocations: Record<string, SourceLocation> } {
  const settings = [...b.values].filter(([k]) => !isCredentialKey(k));
  const locations = [...b.locations].filter(([k]) => b.values.has(k));
  return { settings: Object.fromEntries(settings), settingLocations: Object.fromEntries(locations) };
}

/** Builds the setup from the two files' texts and the SDK's parse of them. */
export function assembleAwsSetup(config: FileInput, credentials: FileInput): AwsSetup {
  const problems: ImportProblem[] = [];
  const ignoredSections: IgnoredSection[] = [];
  const profiles = new Map<string, Builder>();
  const sessions = new Map<string, Builder>();

  // Config first, then credentials: for a setting in both, the credentials file wins (as in the SDK).
  for (const file of [config, credentials]) {
    if (file.text === undefined) continue;
    const { kind, path } = file.info;
    const scan = scanAwsIni(file.text, kind);
    for (const p of scan.problems) {
      problems.push({ code: p.code, severity: p.severity, file: path, line: p.line, ...(p.section !== undefined ? { section: p.section } : {}), reason: p.reason });
    }
    for (const s of scan.sections) {
      const at: SourceLocation = { file: path, kind, line: s.line, section: s.header };
      if (s.type === 'ignored' || s.sdkKey === undefined) {
        ignoredSections.push({ ...at, ...(s.name ? { meant: s.name } : {}) });
        continue;
      }
      if (s.type === 'services') continue;
      const b = builder(s.type === 'profile' ? profiles : sessions, s.name);
      b.sections.push(at);
      for (const [k, v] of sdkSection(file.parsed, s.sdkKey)) b.values.set(k, v);
      for (const setting of s.settings) b.locations.set(setting.key, { ...at, line: setting.line });
    }
  }

  const secrets = new Map<string, StaticKeys>();
  const profileEntries: AwsProfileEntry[] = [...profiles.values()].map((b) => {
    const id = b.values.get('aws_access_key_id');
    const secret = b.values.get('aws_secret_access_key');
    const token = b.values.get('aws_session_token');
    if (id && secret) secrets.set(b.name, { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) });
    return {
      name: b.name,
      ...finish(b),
      credentialKeys: [...CREDENTIAL_KEYS.filter((k) => b.values.has(k)), ...[...b.values.keys()].filter((k) => !CREDENTIAL_KEYS.includes(k) && isCredentialKey(k))],
      sections: b.sections,
    };
  });
  const sessionEntries: AwsSsoSessionEntry[] = [...sessions.values()].map((b) => ({ name: b.name, ...finish(b), sections: b.sections }));

  const setup: AwsSetup = {
    configFile: config.info,
    credentialsFile: credentials.info,
    profiles: profileEntries,
    ssoSessions: sessionEntries,
    ignoredSections,
    problems,
  };
  SECRETS.set(setup, secrets);
  return setup;
}

/**
 * The long-lived keys of one profile, for when the user explicitly asks to move them into the
 * vault. undefined when the profile has no aws_access_key_id + aws_secret_access_key. Only a setup
 * returned by readAwsSetup holds keys (a copy or a deserialised one has none).
 */
export function readStaticKeys(setup: AwsSetup, profile: string): StaticKeys | undefined {
  const secrets = SECRETS.get(setup);
  if (!secrets) {
    throw new AirlockError('AWS_SETUP_NOT_READ', 'this AWS setup holds no keys: it was not returned by readAwsSetup',
      'read the files again with readAwsSetup and pass that object');
  }
  const keys = secrets.get(profile);
  return keys ? { ...keys } : undefined;
}
