/** The create-table form: its text state and its validation into the contract's CreateTableSpec. */
import type { CreateTableSpec } from '../../../preload/dynamodb';
import type { KeyType } from './values';

export interface IndexDraft {
  id: string;
  kind: 'GSI' | 'LSI';
  name: string;
  partitionKey: string;
  partitionType: KeyType;
  sortKey: string;
  sortType: KeyType;
  projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  attributes: string;
}

export interface CreateTableDraft {
  table: string;
  partitionKey: string;
  partitionType: KeyType;
  sortKey: string;
  sortType: KeyType;
  billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  read: string;
  write: string;
  indexes: IndexDraft[];
}

export const EMPTY_CREATE_TABLE: CreateTableDraft = {
  table: '', partitionKey: '', partitionType: 'S', sortKey: '', sortType: 'S', billingMode: 'PAY_PER_REQUEST', read: '5', write: '5', indexes: [],
};

export const TABLE_NAME_RE = /^[A-Za-z0-9_.-]{3,255}$/;
export const MAX_GSI = 20;
export const MAX_LSI = 5;

/** Errors keyed by field (`table`, `partitionKey`, …) or `<index id>.<field>`. */
export type CreateTableErrors = Record<string, string>;

function capacity(text: string, label: string): number | string {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return `${label}: a whole number from 1 to 40,000`;
  const n = Number(t);
  return n >= 1 && n <= 40_000 ? n : `${label}: a whole number from 1 to 40,000`;
}

function keyNameError(name: string, what: string): string | undefined {
  if (!name) return `Name the ${what}`;
  if (name.length > 255) return `The ${what} name has at most 255 characters`;
  return undefined;
}

export function validateCreateTable(d: CreateTableDraft): { spec?: CreateTableSpec; errors: CreateTableErrors } {
  const errors: CreateTableErrors = {};
  const table = d.table.trim();
  if (!table) errors.table = 'Name the table';
  else if (!TABLE_NAME_RE.test(table)) errors.table = '3 to 255 letters, digits, "_", "-" or "."';

  const pk = d.partitionKey.trim();
  const sk = d.sortKey.trim();
  const pkErr = keyNameError(pk, 'partition key');
  if (pkErr) errors.partitionKey = pkErr;
  if (sk && sk.length > 255) errors.sortKey = 'The sort key name has at most 255 characters';
  if (sk && sk === pk) errors.sortKey = 'The sort key must differ from the partition key';

  // One attribute has one type across the table and all its indexes.
  const types = new Map<string, KeyType>();
  const typeClash = (name: string, type: KeyType): string | undefined => {
    const had = types.get(name);
    if (had && had !== type) return `${name} is already a key of type ${had}: one attribute has one type`;
    types.set(name, type);
    return undefined;
  };
  if (pk) typeClash(pk, d.partitionType);
  if (sk && !errors.sortKey) {
    const e = typeClash(sk, d.sortType);
    if (e) errors.sortKey = e;
  }

  let read: number | undefined;
  let write: number | undefined;
  if (d.billingMode === 'PROVISIONED') {
    const r = capacity(d.read, 'Read capacity');
    const w = capacity(d.write, 'Write capacity');
    if (typeof r === 'string') errors.read = r; else read = r;
    if (typeof w === 'string') errors.write = w; else write = w;
  }

  const gsis = d.indexes.filter((i) => i.kind === 'GSI').length;
  const lsis = d.indexes.filter((i) => i.kind === 'LSI').length;
  if (gsis > MAX_GSI) errors.indexes = `At most ${MAX_GSI} global secondary indexes`;
  if (lsis > MAX_LSI) errors.indexes = `At most ${MAX_LSI} local secondary indexes`;
  if (lsis > 0 && !sk) errors.indexes = 'Local secondary indexes need a table with a sort key';

  const names = new Set<string>();
  const indexes: NonNullable<CreateTableSpec['indexes']> = [];
  for (const ix of d.indexes) {
    const at = (f: string): string => `${ix.id}.${f}`;
    const name = ix.name.trim();
    if (!name) errors[at('name')] = 'Name the index';
    else if (!TABLE_NAME_RE.test(name)) errors[at('name')] = '3 to 255 letters, digits, "_", "-" or "."';
    else if (names.has(name)) errors[at('name')] = 'Another index has this name';
    names.add(name);

    // An LSI shares the table's partition key.
    const ipk = ix.kind === 'LSI' ? pk : ix.partitionKey.trim();
    const ipkType = ix.kind === 'LSI' ? d.partitionType : ix.partitionType;
    const isk = ix.sortKey.trim();
    if (ix.kind === 'GSI') {
      const e = keyNameError(ipk, 'partition key');
      if (e) errors[at('partitionKey')] = e;
      else {
        const clash = typeClash(ipk, ipkType);
        if (clash) errors[at('partitionKey')] = clash;
      }
    }
    if (ix.kind === 'LSI' && !isk) errors[at('sortKey')] = 'A local index needs its own sort key';
    else if (isk) {
      if (isk === ipk) errors[at('sortKey')] = 'The sort key must differ from the partition key';
      else if (ix.kind === 'LSI' && isk === sk) errors[at('sortKey')] = 'Choose a sort key other than the table\'s';
      else {
        const clash = typeClash(isk, ix.sortType);
        if (clash) errors[at('sortKey')] = clash;
      }
    }
    let attributes: string[] | undefined;
    if (ix.projection === 'INCLUDE') {
      attributes = [...new Set(ix.attributes.split(',').map((a) => a.trim()).filter(Boolean))];
      if (attributes.length === 0) errors[at('attributes')] = 'Name the attributes to include, separated by commas';
      else if (attributes.length > 20) errors[at('attributes')] = 'At most 20 attributes';
    }
    indexes.push({
      name,
      kind: ix.kind,
      partitionKey: { name: ipk, type: ipkType },
      ...(isk ? { sortKey: { name: isk, type: ix.sortType } } : {}),
      projection: ix.projection,
      ...(attributes ? { attributes } : {}),
    });
  }

  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    spec: {
      table,
      partitionKey: { name: pk, type: d.partitionType },
      ...(sk ? { sortKey: { name: sk, type: d.sortType } } : {}),
      billingMode: d.billingMode,
      ...(read !== undefined && write !== undefined ? { capacity: { read, write } } : {}),
      indexes,
    },
  };
}
