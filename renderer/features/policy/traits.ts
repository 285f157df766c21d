/** The traits editor's rows and their validation (the contract's rules, said before a round trip). */

export interface TraitRow {
  /** Stable React key while rows are added and removed. */
  key: number;
  name: string;
  /** Values as typed: separated by commas. */
  values: string;
}

export interface TraitRowError {
  name?: string;
  values?: string;
}

export type TraitsResult =
  | { ok: true; traits: Record<string, string[]> }
  | { ok: false; errors: Record<number, TraitRowError> };

export const TRAIT_NAME_RE = /^[A-Za-z0-9_.:-]+$/;
const MAX_NAME = 128;
const MAX_VALUE = 1024;
const MAX_VALUES = 100;

let nextKey = 1;
export const newRow = (name = '', values = ''): TraitRow => ({ key: nextKey++, name, values });

export function rowsOf(traits: Record<string, string[]>): TraitRow[] {
  return Object.entries(traits).map(([name, values]) => newRow(name, values.join(', ')));
}

/** "a@x.com, b@x.com" → ['a@x.com', 'b@x.com'] (blanks and repeats dropped). */
export function splitValues(text: string): string[] {
  return [...new Set(text.split(',').map((v) => v.trim()).filter(Boolean))];
}

/** Rows → traits; a row left entirely blank is ignored (an "Add trait" not filled in). */
export function traitsOf(rows: readonly TraitRow[]): TraitsResult {
  const traits: Record<string, string[]> = {};
  const errors: Record<number, TraitRowError> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row.name.trim();
    const values = splitValues(row.values);
    if (!name && values.length === 0) continue;
    const err: TraitRowError = {};
    if (!name) err.name = 'Name the trait, e.g. email.';
    else if (!TRAIT_NAME_RE.test(name)) err.name = 'Use letters, digits, "_", ".", ":" or "-" (no spaces).';
    else if (name.length > MAX_NAME) err.name = `Up to ${MAX_NAME} characters.`;
    else if (seen.has(name)) err.name = `${name} is already above: put all its values in one row.`;
    if (values.length === 0) err.values = 'Give at least one value, or remove the trait.';
    else if (values.length > MAX_VALUES) err.values = `Up to ${MAX_VALUES} values.`;
    else if (values.some((v) => v.length > MAX_VALUE)) err.values = `Each value up to ${MAX_VALUE} characters.`;
    if (err.name || err.values) errors[row.key] = err;
    else traits[name] = values;
    if (name) seen.add(name);
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, traits };
}
