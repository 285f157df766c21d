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
}

export interface LoadedPolicy extends Policy {
  /** The files in force: the managed one first (when present and valid), then the imported ones by name. */
  files: string[];
  /** Files left out, each named: an invalid managed file does not stop the user's files. */
  errors: PolicyLoadError[];
}

export interface PolicyStoreOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}

const POLICY_FILE = /\.ya?ml$/i;

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
    const policy = parsePolicyFile(text, filePath);
    const name = storeName(basename(filePath));
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
  }

  /** The policy in force: the managed file (if any) merged with every imported file that parses. */
  async load(): Promise<LoadedPolicy> {
    const loaded: LoadedPolicy = { roles: [], users: [], files: [], errors: [] };
    const take = (policy: Policy, file: string): void => {
      loaded.roles.push(...policy.roles);
      loaded.users.push(...policy.users);
      loaded.files.push(file);
    };

    const managed = await this.readManaged();
    if (managed.error) loaded.errors.push({ file: this.managedPath, managed: true, message: managed.error });
    else if (managed.text !== undefined) {
      try {
        take(parsePolicyFile(managed.text, this.managedPath), this.managedPath);
      } catch (err) {
        if (!isAirlockError(err)) throw err;
        loaded.errors.push({ file: this.managedPath, managed: true, message: `managed policy ${this.managedPath} is invalid:\n${err.message}` });
      }
    }

    for (const name of await this.names()) {
      const path = join(this.dir, name);
      try {
        take(parsePolicyFile(await readFile(path, 'utf8'), path), path);
      } catch (err) {
        loaded.errors.push({ file: path, managed: false, message: errorMessage(err) });
      }
    }
    return loaded;
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
