import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../credentials/atomic-file';
import { localUserName } from '../credentials/session-name';
import { AirlockError, errorMessage } from '../errors';
import type { PolicyIdentity } from './model';

const UserName = z.string().min(1).max(256).regex(/^[^\p{Cc}]+$/u, 'must not hold control characters');
const Traits = z.record(z.string().min(1, 'trait names must not be empty'), z.array(z.string()));

export const IdentityFileSchema = z.object({
  user: UserName.optional(),
  traits: Traits.default({}),
});

/** AIRLOCK_HOME/identity.json as stored. */
export type IdentityFile = z.infer<typeof IdentityFileSchema>;

export interface Identity {
  /** The user the policy's `kind: user` resources are looked up by. */
  user: string;
  /** True when no user was set and the OS user name stands in. */
  userIsDefault: boolean;
  /** The traits the user entered (`{{external.NAME}}`), e.g. email. */
  traits: Record<string, string[]>;
}

export interface IdentityPatch {
  /** A new user name; '' or null goes back to the OS user name. */
  user?: string | null;
  /** Replaces all traits. */
  traits?: Record<string, string[]>;
}

export interface IdentityStoreOptions {
  /** The OS user name (tests); os.userInfo().username by default. */
  osUser?: () => string;
}

/** Who the user is to the policy, kept in AIRLOCK_HOME/identity.json. */
export class IdentityStore {
  readonly path: string;
  private readonly osUser: () => string;

  constructor(home: string, options: IdentityStoreOptions = {}) {
    this.path = join(home, 'identity.json');
    this.osUser = options.osUser ?? (() => localUserName());
  }

  async get(): Promise<Identity> {
    return this.view(await this.read());
  }

  /** Validates and stores the fields given; answers the result. */
  async set(patch: IdentityPatch): Promise<Identity> {
    const current = await this.read();
    const next: Record<string, unknown> = { ...current };
    if (patch.user === null || patch.user === '') delete next.user;
    else if (patch.user !== undefined) next.user = patch.user;
    if (patch.traits !== undefined) next.traits = patch.traits;
    const parsed = IdentityFileSchema.safeParse(next);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      throw new AirlockError('BAD_IDENTITY', `invalid identity ${where}${issue?.message ?? 'bad value'}`,
        'the user is a non-empty name; traits map names to lists of values');
    }
    await writeFileAtomic(this.path, Buffer.from(`${JSON.stringify(parsed.data, null, 2)}\n`, 'utf8'), 0o600);
    return this.view(parsed.data);
  }

  /** Sets one trait; an empty list removes it. */
  async setTrait(name: string, values: string[]): Promise<Identity> {
    const traits = { ...(await this.read()).traits };
    if (values.length) traits[name] = [...new Set(values)];
    else delete traits[name];
    return this.set({ traits });
  }

  /** The identity offeredRoles() takes. */
  async policyIdentity(): Promise<PolicyIdentity> {
    const { user, traits } = await this.get();
    return { user, external: traits };
  }

  private view(data: IdentityFile): Identity {
    return { user: data.user ?? this.osUser(), userIsDefault: data.user === undefined, traits: data.traits };
  }

  private async read(): Promise<IdentityFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { traits: {} };
      throw new AirlockError('IDENTITY_INVALID', `cannot read ${this.path}: ${errorMessage(err)}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new AirlockError('IDENTITY_INVALID', `${this.path} is not valid JSON: ${errorMessage(err)}`, 'fix it, or delete it to start over');
    }
    const parsed = IdentityFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AirlockError('IDENTITY_INVALID',
        `${this.path} is invalid: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'bad value'}`, 'fix it, or delete it to start over');
    }
    return parsed.data;
  }
}
