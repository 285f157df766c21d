/**
 * The grid's columns: the key attributes first (marked), then every other attribute name in the
 * order it was first seen, so columns never jump around when more pages arrive.
 */
import type { Item } from '../../../preload/dynamodb';

export type KeyRole = 'partition' | 'sort' | 'index-partition' | 'index-sort';

export interface Column {
  name: string;
  key?: KeyRole;
}

export interface KeyColumns {
  partition?: string | undefined;
  sort?: string | undefined;
  indexPartition?: string | undefined;
  indexSort?: string | undefined;
}

/** Key columns in order (table partition, table sort, index partition, index sort), each name once. */
export function keyColumns(keys: KeyColumns): Column[] {
  const out: Column[] = [];
  const add = (name: string | undefined, key: KeyRole): void => {
    if (name && !out.some((c) => c.name === name)) out.push({ name, key });
  };
  add(keys.partition, 'partition');
  add(keys.sort, 'sort');
  add(keys.indexPartition, 'index-partition');
  add(keys.indexSort, 'index-sort');
  return out;
}

/**
 * The columns after `items` arrive: `previous` keeps its order, names not seen before are appended.
 * Only the new items are scanned, so appending pages of a large result stays cheap.
 */
export function mergeColumns(previous: readonly Column[], items: readonly Item[]): Column[] {
  const seen = new Set(previous.map((c) => c.name));
  const out = [...previous];
  for (const item of items) {
    for (const name of Object.keys(item)) {
      if (!seen.has(name)) {
        seen.add(name);
        out.push({ name });
      }
    }
  }
  return out;
}

/** Key columns first, then the other attributes of `items` in first-seen order. */
export function orderColumns(keys: KeyColumns, items: readonly Item[]): Column[] {
  return mergeColumns(keyColumns(keys), items);
}

export const KEY_ROLE_LABELS: Record<KeyRole, { short: string; long: string }> = {
  partition: { short: 'PK', long: 'Partition key' },
  sort: { short: 'SK', long: 'Sort key' },
  'index-partition': { short: 'IPK', long: 'Index partition key' },
  'index-sort': { short: 'ISK', long: 'Index sort key' },
};
