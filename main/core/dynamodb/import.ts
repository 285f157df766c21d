/**
 * Streaming import of JSON Lines (DynamoDB JSON per line) or CSV (the form export writes) into a
 * table. Rows are checked one at a time; rows that cannot be written go to a JSON Lines report
 * with their line number and the reason, and the others are written. Memory stays flat: the file
 * is pulled as rows are written, with a bounded number of batches in flight.
 */
import { stat } from 'node:fs/promises';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Item } from '../../../preload/dynamodb';
import { AirlockError } from '../errors';
import { BatchWriter, keyOf } from './batch-writer';
import { FileSink } from './file-sink';
import { csvRows, jsonlRows } from './import-source';
import { itemToSdk, typeOf } from './wire';
import { DEFAULT_RETRY } from './retry';
import type { RetryPolicy } from './retry';

export interface ImportProgress {
  items: number;
  rejected: number;
  bytes: number;
  totalBytes: number;
}

export interface ImportOptions {
  client: DynamoDBClient;
  table: string;
  format: 'jsonl' | 'csv';
  path: string;
  signal: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Rejected rows, as JSON Lines { line, reason, row }; created here (an existing file is not replaced). */
  reportPath: string;
  /** Batches in flight at once. */
  concurrency?: number;
  retry?: RetryPolicy;
}

export interface ImportResult {
  state: 'done' | 'cancelled';
  items: number;
  rejected: number;
  bytes: number;
  reportPath: string;
}

interface KeyAttr { name: string; type: string }

const MAX_ROW_TEXT = 1000;

async function keySchema(client: DynamoDBClient, table: string): Promise<KeyAttr[]> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
  const types = new Map((Table?.AttributeDefinitions ?? []).map((d) => [d.AttributeName, d.AttributeType]));
  // Partition key first, then sort key, whatever order the service lists them in.
  const schema = [...(Table?.KeySchema ?? [])].sort((a, b) => (a.KeyType === 'HASH' ? -1 : b.KeyType === 'HASH' ? 1 : 0));
  const keys = schema.map((k) => ({ name: k.AttributeName ?? '', type: types.get(k.AttributeName) ?? '' }));
  if (keys.length === 0 || keys.some((k) => !k.name || !k.type)) {
    throw new AirlockError('TABLE_KEY_UNKNOWN', `could not read the key schema of table ${table}`);
  }
  return keys;
}

function keyProblem(item: Item, keys: KeyAttr[]): string | undefined {
  for (const { name, type } of keys) {
    const value = item[name];
    if (!value) return `missing key attribute ${JSON.stringify(name)}`;
    if (typeOf(value) !== type) return `key attribute ${JSON.stringify(name)} must be of type ${type}, not ${typeOf(value)}`;
    if (('S' in value && value.S === '') || ('B' in value && value.B === '')) return `key attribute ${JSON.stringify(name)} is empty`;
  }
  return undefined;
}

export async function importTable(opts: ImportOptions): Promise<ImportResult> {
  const { client, table, path, signal, reportPath } = opts;
  const { size: totalBytes } = await stat(path);
  const keys = await keySchema(client, table);
  const keyNames = keys.map((k) => k.name);
  const report = await FileSink.open(reportPath, 'wx');
  let items = 0;
  let rejected = 0;
  let bytes = 0;
  const progress = (): void => opts.onProgress?.({ items, rejected, bytes, totalBytes });
  const reject = async (line: number, raw: string, reason: string): Promise<void> => {
    rejected++;
    await report.write(`${JSON.stringify({ line, reason, row: raw.slice(0, MAX_ROW_TEXT) })}\n`);
    progress();
  };
  const writer = new BatchWriter({
    client,
    table,
    keyNames,
    concurrency: Math.max(1, opts.concurrency ?? 4),
    retry: opts.retry ?? DEFAULT_RETRY,
    onWritten: (n) => {
      items += n;
      progress();
    },
    onRejected: (p, reason) => reject(p.line, p.raw, reason),
  });

  let cancelled = false;
  try {
    const rows = opts.format === 'csv' ? csvRows(path) : jsonlRows(path);
    for await (const row of rows) {
      // Leaving the loop closes the file: cancel stops reading at once.
      if (signal.aborted) break;
      bytes = row.bytes;
      const problem = row.error ?? (row.item ? keyProblem(row.item, keys) : 'no item');
      if (problem !== undefined || !row.item) {
        await reject(row.line, row.raw, problem ?? 'no item');
        continue;
      }
      const item = itemToSdk(row.item);
      await writer.add({ line: row.line, raw: row.raw, key: keyOf(item, keyNames), item });
    }
    cancelled = signal.aborted;
    // Cancelled: batches already sent complete; rows read but not sent are dropped.
    if (cancelled) {
      await writer.settle();
    } else {
      await writer.finish();
      bytes = totalBytes;
    }
  } catch (err) {
    await writer.settle();
    throw err;
  } finally {
    await report.close();
  }
  progress();
  return { state: cancelled ? 'cancelled' : 'done', items, rejected, bytes, reportPath };
}
