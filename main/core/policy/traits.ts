import type { PolicyIdentity, PolicyUser } from './model';
import type { TraitSources } from './template';

/**
 * The traits templates see for `identity`: `internal` from the policy's `kind: user` resources
 * named like the user (several — e.g. a managed file and an imported one — merge, values
 * unioned), `external` from the traits the user entered.
 */
export function traitSources(users: readonly PolicyUser[], identity: PolicyIdentity): TraitSources {
  return { internal: mergeTraits(users.filter((u) => u.name === identity.user).map((u) => u.traits)), external: identity.external };
}

export function mergeTraits(all: readonly Readonly<Record<string, readonly string[]>>[]): Record<string, string[]> {
  const merged = Object.create(null) as Record<string, string[]>;
  for (const traits of all) {
    for (const [key, values] of Object.entries(traits)) {
      const into = (merged[key] ??= []);
      for (const v of values) if (!into.includes(v)) into.push(v);
    }
  }
  return merged;
}
