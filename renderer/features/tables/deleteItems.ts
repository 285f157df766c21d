import type { Item } from '../../../preload/dynamodb';
import { call } from '../../api';
import { itemId, keyOf } from './values';
import type { KeyNames } from './values';

export interface DeleteOutcome {
  /** Rows that are gone from the table. */
  deleted: Set<string>;
  /** Rows that were not deleted, with the service's reason. */
  failed: Map<string, string>;
  /** Selected rows without their key attributes (a projection left them out): not sent. */
  skipped: number;
}

const CHUNK = 10_000;

/** Deletes the selected rows by their typed keys with items.deleteMany (in chunks the contract accepts). */
export async function deleteRows(where: { app: string; region?: string; table: string }, keyNames: KeyNames,
  ids: readonly string[], items: readonly Item[], selected: ReadonlySet<string>): Promise<DeleteOutcome> {
  const targets: { id: string; key: Item }[] = [];
  ids.forEach((id, i) => {
    if (!selected.has(id)) return;
    const key = keyOf(items[i]!, keyNames);
    if (key) targets.push({ id, key });
  });
  const failedByKey = new Map<string, string>();
  for (let i = 0; i < targets.length; i += CHUNK) {
    const chunk = targets.slice(i, i + CHUNK);
    const res = await call('items.deleteMany', { ...where, keys: chunk.map((t) => t.key) });
    // A failed key's identity is the row's: the canonical JSON of its typed key.
    for (const f of res.failed) failedByKey.set(itemId(f.key, keyNames) ?? JSON.stringify(f.key), f.reason);
  }
  const failed = new Map<string, string>();
  const deleted = new Set<string>();
  for (const t of targets) {
    const reason = failedByKey.get(t.id);
    if (reason !== undefined) failed.set(t.id, reason);
    else deleted.add(t.id);
  }
  return { deleted, failed, skipped: selected.size - targets.length };
}
