import { sourceKey } from '../credentials/source';
import type { StoredSourceKeys } from '../credentials/source';
import type { VaultData } from '../credentials/vault';
import { AirlockError, errorMessage, isAirlockError } from '../errors';
import { readStaticKeys } from './aws-config-setup';
import type { AwsSetup } from './aws-config-types';
import type { AppDraft, ImportDraft } from './aws-config-draft';
import { describeAppSource } from './model';
import type { App } from './model';
import type { NewApp } from './store';

/**
 * "Import existing AWS setup", the writing part: creates the apps an ImportDraft marks ready and,
 * only for the profiles the user names, copies their long-lived keys into the vault as the
 * source keys of the apps assumed with them (`source/APP`). An app that exists is never
 * overwritten. The AWS files are only read: the credentials file keeps its keys, byte for byte.
 */

export { CHAINED_BY, describeImportSource, draftImport } from './aws-config-draft';
export { describeAppSource } from './model';
export type * from './aws-config-draft';

export interface CreatedApp {
  name: string;
  planned: string;
  accountId: string;
  partition: string;
  roles: string[];
  /** Airlock's source for the app's roles, when they share one. */
  source?: string;
}

export interface SkippedApp {
  planned: string;
  name: string;
  reason: string;
}

export interface KeysOutcome {
  profile: string;
  /** Apps whose vault entry now holds the profile's keys. */
  copiedTo: string[];
  /** Apps using the profile whose vault entry did not get them, and why. */
  notCopied: { app: string; reason: string }[];
}

export interface ImportResult {
  created: CreatedApp[];
  skipped: SkippedApp[];
  keys: KeysOutcome[];
  /** The apps were created but writing the vault failed: no key was copied. */
  keysError?: { code: string; message: string; hint?: string };
  /** The credentials file: read, never written. */
  credentialsFile: { path: string; changed: false };
}

/** What applyImport needs of the vault. */
export interface KeyVault {
  keys(prefix?: string): Promise<string[]>;
  update<R>(fn: (data: VaultData) => R | Promise<R>): Promise<R>;
}

export interface ApplyImportInput {
  /** As returned by readAwsSetup: the only holder of key values (readStaticKeys). */
  setup: AwsSetup;
  draft: ImportDraft;
  store: { add(input: NewApp): App };
  /** Profiles whose keys the user asked to copy into the vault. */
  moveKeys?: readonly string[];
  /** Opened only when keys are to be copied. */
  vault?: () => Promise<KeyVault>;
  now?: () => Date;
}

/** Which apps' vault entries would take a profile's keys, and which apps using it would not (why). */
export interface KeyCopyPlan {
  profile: string;
  to: string[];
  notCopied: { app: string; reason: string }[];
}

/** Why an app using a profile does not take its keys: stored keys would serve all of its roles. */
function whyNotMovable(app: AppDraft, profile: string): string {
  if (app.movableKeys) return `its roles are assumed with the keys of "${app.movableKeys}"`;
  const direct = app.roles.filter((r) => r.imported && r.keysProfile === profile);
  if (direct.length === 0) {
    const chains = app.roles.filter((r) => r.imported && r.chain.includes(profile)).map((r) => [r.profile, ...r.chain].join(' → '));
    return `its roles reach "${profile}" through other profiles (${chains.join('; ')}), which resolve it from the AWS files at login`;
  }
  return 'its other roles use other sources, and keys stored for an app are used for all of its roles';
}

/**
 * What copying the named profiles' keys would do, for the apps the draft will create. Pure; throws
 * for a profile that has no long-lived keys.
 */
export function planKeyCopies(draft: ImportDraft, moveKeys: readonly string[]): KeyCopyPlan[] {
  const known = new Set(draft.keyProfiles.map((k) => k.profile));
  const unknown = moveKeys.filter((p) => !known.has(p));
  if (unknown.length > 0) {
    throw new AirlockError('NOT_A_KEY_PROFILE',
      `${unknown.map((p) => `"${p}"`).join(', ')} ${unknown.length === 1 ? 'is not a profile' : 'are not profiles'} with long-lived keys in the AWS files`,
      `profiles with keys: ${[...known].join(', ') || 'none'}`);
  }
  const ready = draft.apps.filter((a) => a.status === 'ready');
  return [...new Set(moveKeys)].map((profile) => ({
    profile,
    to: ready.filter((a) => a.movableKeys === profile).map((a) => a.name),
    notCopied: ready
      .filter((a) => a.movableKeys !== profile && a.roles.some((r) => r.imported && (r.keysProfile === profile || r.chain.includes(profile))))
      .map((a) => ({ app: a.name, reason: whyNotMovable(a, profile) })),
  }));
}

/**
 * Creates the ready apps of the draft and copies the named profiles' keys. Argument errors (a
 * profile without keys) and a vault that cannot be read throw before anything is written.
 */
export async function applyImport(input: ApplyImportInput): Promise<ImportResult> {
  const { draft } = input;
  const plans = planKeyCopies(draft, input.moveKeys ?? []).map((plan) => {
    const keys = readStaticKeys(input.setup, plan.profile);
    if (!keys) throw new AirlockError('NOT_A_KEY_PROFILE', `profile "${plan.profile}" has no keys to copy`);
    return { plan, keys, outcome: { profile: plan.profile, copiedTo: [] as string[], notCopied: [...plan.notCopied] } };
  });
  const wantsVault = plans.some((p) => p.plan.to.length > 0);
  if (wantsVault && !input.vault) throw new AirlockError('NO_VAULT', 'copying keys needs the vault, which this caller did not give');
  // A locked vault (wrong passphrase) fails here, before any app is written.
  const vault = wantsVault ? await input.vault!() : undefined;
  if (vault) await vault.keys('source/');

  const created: CreatedApp[] = [];
  const skipped: SkippedApp[] = [];
  for (const a of draft.apps) {
    if (a.status === 'not-importable') {
      skipped.push({ planned: a.planned, name: a.name, reason: a.reason ?? 'nothing in it can be imported' });
      continue;
    }
    if (a.status !== 'ready' || !a.app) continue;
    try {
      const app = input.store.add(a.app);
      created.push({
        name: app.name, planned: a.planned, accountId: a.accountId, partition: app.partition,
        roles: a.roles.filter((r) => r.imported).map((r) => r.roleName),
        ...(app.source ? { source: describeAppSource(app.source) } : {}),
      });
    } catch (err) {
      // Another process may have added the name since the draft: never replace it.
      if (!isAirlockError(err)) throw err;
      skipped.push({ planned: a.planned, name: a.name, reason: err.message });
    }
  }

  const createdNames = new Set(created.map((c) => c.name));
  const writes = plans.flatMap((p) => p.plan.to.filter((app) => createdNames.has(app)).map((app) => ({ ...p, app })));
  let keysError: ImportResult['keysError'];
  if (vault && writes.length > 0) {
    const storedAt = (input.now?.() ?? new Date()).toISOString();
    try {
      await vault.update((data) => {
        for (const w of writes) {
          const stored: StoredSourceKeys = { ...w.keys, storedAt };
          data.set(sourceKey(w.app), stored);
        }
      });
      for (const w of writes) w.outcome.copiedTo.push(w.app);
    } catch (err) {
      keysError = isAirlockError(err)
        ? { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) }
        : { code: 'VAULT_ERROR', message: errorMessage(err) };
      keysError.hint ??= 'the apps were created; store their keys later with: airlock credentials set APP --access-key-id ID';
    }
  }
  for (const p of plans) {
    for (const app of p.plan.to) if (!createdNames.has(app)) p.outcome.notCopied.push({ app, reason: 'the app was not created' });
  }
  return {
    created,
    skipped,
    keys: plans.map((p) => p.outcome),
    ...(keysError ? { keysError } : {}),
    credentialsFile: { path: draft.credentialsFile.path, changed: false },
  };
}
