import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient, QueryCommandOutput, ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import type { Item, ReadResult } from '../../../preload/dynamodb';
import type { BuiltRead, TableKeys } from './read-plan';
import { itemFromSdk, itemToSdk } from './wire';
import type { SdkItem } from './wire';

export interface ReadBudget {
  rows: number;
  maxCapacityUnits?: number;
  maxMs?: number;
}

/** A read with no budget of its own still stops: a filtered Scan of a huge table would otherwise run for hours. */
export const DEFAULT_MAX_MS = 30_000;

/** The key attributes an ExclusiveStartKey needs after `item`: the table's key, plus the index's when reading an index. */
export function startKeyAfter(item: SdkItem, keys: TableKeys, index?: string): SdkItem {
  const names = new Set([keys.key.partition, keys.key.sort]);
  const ix = index ? keys.indexes.find((i) => i.name === index) : undefined;
  if (ix) [ix.key.partition, ix.key.sort].forEach((n) => names.add(n));
  const out: SdkItem = {};
  for (const n of names) if (n && item[n]) out[n] = item[n];
  return out;
}

/**
 * Reads pages until `budget.rows` items matched, the table/index ends, or a read-capacity or time
 * budget is spent. The page size (Limit: items evaluated per request) stays what the user chose;
 * when a page matches more rows than wanted, the read stops at the last row shown and the next
 * read starts right after it (its key is a valid ExclusiveStartKey), so no row is skipped.
 */
export async function readPages(client: DynamoDBClient, built: BuiltRead, keys: TableKeys, startKey: Item | undefined,
  budget: ReadBudget, clock: () => number = () => performance.now()): Promise<ReadResult> {
  const started = clock();
  const maxMs = budget.maxMs ?? (budget.maxCapacityUnits === undefined ? DEFAULT_MAX_MS : undefined);
  const items: SdkItem[] = [];
  const pages: ReadResult['pages'] = [];
  let cursor: SdkItem | undefined = startKey ? itemToSdk(startKey) : undefined;
  let count = 0;
  let scanned = 0;
  let capacity: number | undefined;
  let stoppedBy: ReadResult['stoppedBy'] = 'end';
  for (;;) {
    const t0 = clock();
    const out: QueryCommandOutput | ScanCommandOutput = built.operation === 'Query'
      ? await client.send(new QueryCommand({ ...built.input, ExclusiveStartKey: cursor }))
      : await client.send(new ScanCommand({ ...built.input, ExclusiveStartKey: cursor }));
    const got = out.Items ?? [];
    const units = out.ConsumedCapacity?.CapacityUnits;
    if (units !== undefined) capacity = (capacity ?? 0) + units;
    pages.push({ count: out.Count ?? got.length, scannedCount: out.ScannedCount ?? got.length, ...(units !== undefined ? { consumedCapacity: units } : {}), ms: clock() - t0 });
    scanned += out.ScannedCount ?? got.length;
    const room = budget.rows - items.length;
    if (got.length >= room) {
      items.push(...got.slice(0, room));
      count += room;
      // Stop at the last row shown; when the page ended exactly there, DynamoDB's own key says whether more follows.
      cursor = got.length > room ? startKeyAfter(got[room - 1]!, keys, built.input.IndexName) : out.LastEvaluatedKey;
      stoppedBy = cursor ? 'rows' : 'end';
      break;
    }
    items.push(...got);
    count += got.length;
    cursor = out.LastEvaluatedKey;
    if (!cursor) {
      stoppedBy = 'end';
      break;
    }
    if (budget.maxCapacityUnits !== undefined && (capacity ?? 0) >= budget.maxCapacityUnits) {
      stoppedBy = 'capacity';
      break;
    }
    if (maxMs !== undefined && clock() - started >= maxMs) {
      stoppedBy = 'time';
      break;
    }
  }
  return {
    plan: built.plan,
    items: items.map(itemFromSdk),
    ...(cursor ? { lastKey: itemFromSdk(cursor) } : {}),
    count,
    scannedCount: scanned,
    ...(capacity !== undefined ? { consumedCapacity: capacity } : {}),
    pages,
    elapsedMs: clock() - started,
    stoppedBy,
  };
}
