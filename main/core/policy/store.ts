import { readdir, readFile, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../credentials/atomic-file';
import { AirlockError, errorMessage, isAirlockError } from '../errors';
import { parsePolicyFile } from './file';
import { managedPolicyPath } from './managed';
import type { Policy } from './model';

export interface PolicyFileInfo {
  /** The file's name in the store (what list() shows and remove() takes). */
  name: string;
  path: string;
  roles: string[];
  users: string[];
  /** Set when the stored file no longer parses (edited by hand): it is left out of load(). */
  error?: string;
}

export interface PolicyLoadError {
  file: string;
  managed: boolean;
  message: string;
  /** The file's last valid version is in force instead. */
  previousInForce?: true;
}

export interface LoadedPolicy extends Policy {
  /** The files in force: the managed one first (when present and valid), then the imported ones by name. */
  files: string[];
  /** Files left out, each named: an invalid managed file does not stop the user's files. */
  errors: PolicyLoadError[];
}

/** The managed policy file as the policy views show it. */
export interface ManagedPolicyStatus {
  /** Where this OS looks for it. */
  path: string;
  /** load() reports a missing managed file as nothing at all; anything else means a file is there. */
  found: boolean;
  /** The file as it is on disk is in force. */
  loaded: boolean;
  /** The file is invalid: its last valid version is in force. */
  lastValidInForce?: true;
}

/** The managed file's status in a loaded policy. */
export function managedPolicyStatus(managedPath: string, loaded: LoadedPolicy): ManagedPolicyStatus {
  const error = loaded.errors.find((e) => e.managed);
  const inForce = loaded.files.includes(managedPath);
  return {
    path: managedPath,
    found: inForce || error !== undefined,
    loaded: inForce && !error,
    ...(error?.previousInForce ? { lastValidInForce: true } : {}),
  };
}

/** Files whose on-disk version is invalid, in force through their last valid version. */
export function staleFiles(loaded: LoadedPolicy): Set<string> {
  return new Set(loaded.errors.filter((e) => e.previousInForce).map((e) => e.file));
}

export interface PolicyStoreOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}

const POLICY_FILE = /\.ya?ml$/i;
/** Last valid version of each file (names() skips dot-names, so it is never taken for an import). */
const LAST_GOOD_DIR = '.last-good';
/** The managed file's copy; imported files keep their own names there. */
const MANAGED_LAST_GOOD = '.managed.yaml';

/**
 * The user's imported policy files in AIRLOCK_HOME/policy/, plus the managed policy file an
 * administrator may place (managedPolicyPath), which Airlock only ever reads.
 */
export class PolicyStore {
  readonly dir: string;
  readonly managedPath: string;

  constructor(home: string, options: PolicyStoreOptions = {}) {
    this.dir = join(home, 'policy');
    this.managedPath = managedPolicyPath(options.platform ?? process.platform, options.env ?? process.env);
  }

  /**
   * Validates the file, then copies it into the store under its own name (replacing an earlier
   * import of that name). An invalid file throws POLICY_INVALID and changes nothing.
   */
  async import(filePath: string): Promise<PolicyFileInfo> {
    let text: string;
    try {
      text = await readFile(filePath, 'utf8');
    } catch (err) {
      throw new AirlockError('NO_SUCH_FILE', `cannot read policy file ${filePath}: ${errorMessage(err)}`);
    }
    return this.importText(basename(filePath), text, filePath);
  }

  /** import() of a file's text (the page read the file the user picked); `shownAs` names it in errors. */
  async importText(fileName: string, text: string, shownAs: string = fileName): Promise<PolicyFileInfo> {
    const policy = parsePolicyFile(text, shownAs);
    const name = storeName(basename(fileName));
    const path = join(this.dir, name);
    await writeFileAtomic(path, Buffer.from(text, 'utf8'), 0o600);
    return { name, path, roles: policy.roles.map((r) => r.name), users: policy.users.map((u) => u.name) };
  }

  /** The imported files, by name; a file that no longer parses is listed with its error. */
  async list(): Promise<PolicyFileInfo[]> {
    const out: PolicyFileInfo[] = [];
    for (const name of await this.names()) {
      const path = join(this.dir, name);
      try {
        const policy = parsePolicyFile(await readFile(path, 'utf8'), path);
        out.push({ name, path, roles: policy.roles.map((r) => r.name), users: policy.users.map((u) => u.name) });
      } catch (err) {
        out.push({ name, path, roles: [], users: [], error: errorMessage(err) });
      }
    }
    return out;
  }

  async remove(name: string): Promise<void> {
    const names = await this.names();
    if (!names.includes(name)) {
      throw new AirlockError('NO_SUCH_POLICY', `no imported policy file named "${name}"`,
        names.length ? `imported files: ${names.join(', ')}` : 'import one with: airlock policy import FILE');
    }
    await unlink(join(this.dir, name));
    await this.forgetLastGood(name);
  }

  /**
   * The policy in force: the managed file (if any) merged with every imported file. A file that
   * does not parse (a managed file replaced by a broken one, an imported file edited by hand) is
   * reported, and its last valid version stays in force: a broken file never drops its deny rules.
   */
  async load(): Promise<LoadedPolicy> {
    const loaded: LoadedPolicy = { roles: [], users: [], files: [], errors: [] };
    const managed = await this.readManaged();
    if (managed.error) loaded.errors.push({ file: this.managedPath, managed: true, message: managed.error });
    else if (managed.text === undefined) await this.forgetLastGood(MANAGED_LAST_GOOD);
    if (managed.text !== undefined || managed.error) {
      await this.take(loaded, this.managedPath, MANAGED_LAST_GOOD, managed.text, true);
    }
    for (const name of await this.names()) {
      const path = join(this.dir, name);
      let text: string | undefined;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        loaded.errors.push({ file: path, managed: false, message: `cannot read policy file ${path}: ${errorMessage(err)}` });
      }
      await this.take(loaded, path, name, text, false);
    }
    return loaded;
  }

  /** Adds a file's resources; when `text` is missing or invalid, those of its last valid version. */
  private async take(loaded: LoadedPolicy, file: string, lastGoodName: string, text: string | undefined, managed: boolean): Promise<void> {
    const add = (policy: Policy): void => {
      loaded.roles.push(...policy.roles);
      loaded.users.push(...policy.users);
      loaded.files.push(file);
    };
    if (text !== undefined) {
      try {
        add(parsePolicyFile(text, file));
        await this.rememberLastGood(lastGoodName, text);
        return;
      } catch (err) {
        if (!isAirlockError(err)) throw err;
        loaded.errors.push({ file, managed, message: managed ? `managed policy ${file} is invalid:\n${err.message}` : err.message });
      }
    }
    const previous = await this.readLastGood(lastGoodName);
    if (previous === undefined) return;
    try {
      add(parsePolicyFile(previous, file));
      const error = loaded.errors[loaded.errors.length - 1]!;
      error.message += '\nIts last valid version stays in force until the file is fixed.';
      error.previousInForce = true;
    } catch {
      // A last-good copy that no longer parses (a newer Airlock wrote it): nothing to fall back on.
    }
  }

  private lastGoodPath(name: string): string {
    return join(this.dir, LAST_GOOD_DIR, name);
  }

  private async readLastGood(name: string): Promise<string | undefined> {
    try {
      return await readFile(this.lastGoodPath(name), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  private async rememberLastGood(name: string, text: string): Promise<void> {
    if ((await this.readLastGood(name)) === text) return;
    await writeFileAtomic(this.lastGoodPath(name), Buffer.from(text, 'utf8'), 0o600);
  }

  private async forgetLastGood(name: string): Promise<void> {
    await unlink(this.lastGoodPath(name)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  private async readManaged(): Promise<{ text?: string; error?: string }> {
    try {
      return { text: await readFile(this.managedPath, 'utf8') };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      return { error: `cannot read managed policy ${this.managedPath}: ${errorMessage(err)}` };
    }
  }

  private async names(): Promise<string[]> {
    try {
      const entries = await readdir(this.dir, { withFileTypes: true });
      return entries.filter((e) => e.isFile() && !e.name.startsWith('.') && POLICY_FILE.test(e.name)).map((e) => e.name).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }
}

/** A safe file name for the store: letters, digits, '.', '_' and '-', ending in .yaml or .yml. */
function storeName(original: string): string {
  let name = original.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  if (!name || name.replace(POLICY_FILE, '') === '') name = `policy${name}`;
  if (!POLICY_FILE.test(name)) name += '.yaml';
  return name;
}
