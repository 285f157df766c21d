/**
 * Streaming export of a table (Scan, optionally in parallel segments) or of a Query to JSON Lines
 * or CSV. Pages go straight to the file with backpressure, so memory stays flat whatever the table
 * size. The file is written as `path.partial` and moved to `path` only when complete. When the
 * session ends mid-way the export pauses: the partial file stays and per-segment cursors let a
 * later call carry on exactly where each segment stopped.
 */
import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient, QueryCommandInput, ScanCommandInput } from '@aws-sdk/client-dynamodb';
import type { Item } from '../../../preload/dynamodb';
import { AirlockError, errorMessage } from '../errors';
import { ColumnTracker } from './csv-codec';
import type { ColumnType } from './csv-codec';
import { writeCsv } from './csv-write';
import { exists, FileSink, fileExists, publish, removeFiles } from './file-sink';
import { DEFAULT_RETRY, isSessionEnded, oneLine, retryThrottled } from './retry';
import type { RetryPolicy } from './retry';
import { itemFromSdk, itemToSdk } from './wire';

export type ExportFormat = 'jsonl' | 'csv';

/** Where one segment stands: from the start (no lastKey), after lastKey, or read to the end. */
export interface SegmentCursor {
  segment: number;
  done: boolean;
  lastKey?: Item;
}

/** Everything a paused export needs to carry on; plain data (DynamoDB JSON keys), so a job can keep it. */
export interface ExportResume {
  cursors: SegmentCursor[];
  items: number;
  scanned: number;
  /** CSV: the columns seen so far (the header is written at the end). */
  columns?: [string, ColumnType][];
}

export interface ExportProgress {
  items: number;
  scanned: number;
  bytes: number;
  segmentsDone: number;
}

export interface ExportOptions {
  client: DynamoDBClient;
  table: string;
  operation: 'Scan' | 'Query';
  /** The request base (index, filter, projection, key condition, Limit…); table, start key and segment are set here. */
  scanInput?: Partial<ScanCommandInput> | Partial<QueryCommandInput>;
  /** Parallel Scan segments; a Query always uses one. */
  segments: number;
  format: ExportFormat;
  path: string;
  signal: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  resume?: ExportResume;
  retry?: RetryPolicy;
}

export interface ExportResult {
  state: 'done' | 'cancelled' | 'paused';
  items: number;
  scanned: number;
  bytes: number;
  cursors?: SegmentCursor[];
  /** Paused: pass this back as `resume`. */
  resume?: ExportResume;
  /** Paused: why (the session ended, or a file appeared at `path` before the finished export could move there). */
  reason?: string;
}

type Outcome = { kind: 'cancelled' } | { kind: 'paused'; reason: string } | { kind: 'failed'; error: unknown };

const MB = 1024 * 1024;

/**
 * Parallel segments for a table of this size. Each segment is a chain of sequential ≤1 MB pages,
 * so segments multiply read speed on big tables; but each one also draws read capacity (throttling
 * on provisioned tables) and all of them feed one file. So: 1 for small tables (below ~1 MB and
 * 10k items, where one chain is quick anyway), then one more per doubling, at most 16.
 */
export function suggestSegments(itemCount: number, sizeBytes: number): number {
  if (sizeBytes < MB && itemCount < 10_000) return 1;
  const bySize = 1 + Math.floor(Math.log2(Math.max(sizeBytes, 1) / MB));
  const byItems = 1 + Math.floor(Math.log2(Math.max(itemCount, 1) / 10_000));
  return Math.min(16, Math.max(1, bySize, byItems));
}

/** The in-progress files of an export to `path`: scanned items, and for CSV the CSV being written. */
export function partialFiles(path: string, format: ExportFormat): { data: string; csv?: string } {
  return format === 'csv' ? { data: `${path}.partial.jsonl`, csv: `${path}.partial` } : { data: `${path}.partial` };
}

/** Drops what a paused export left (when the user cancels it instead of resuming). */
export async function discardExport(path: string, format: ExportFormat): Promise<void> {
  const files = partialFiles(path, format);
  await removeFiles(files.data, ...(files.csv ? [files.csv] : []));
}

export async function exportTable(opts: ExportOptions): Promise<ExportResult> {
  const { client, table, path, format, signal } = opts;
  const files = partialFiles(path, format);
  // Before any read: never overwrite, and never mix two exports into one partial file.
  if (await exists(path)) throw fileExists(path);
  for (const partial of opts.resume ? [files.csv] : [files.data, files.csv]) {
    if (partial && (await exists(partial))) {
      throw new AirlockError('FILE_EXISTS', `${partial} already exists (an export to ${path} is running or was interrupted)`,
        'wait for that export, or delete the partial file');
    }
  }
  if (opts.resume && !(await exists(files.data))) {
    throw new AirlockError('EXPORT_PARTIAL_MISSING', `cannot resume: ${files.data} is gone`, 'start the export again');
  }
  const segments = opts.operation === 'Query' ? 1 : Math.max(1, Math.floor(opts.segments));
  const cursors: SegmentCursor[] = opts.resume
    ? opts.resume.cursors.map((c) => ({ ...c }))
    : Array.from({ length: segments }, (_, segment) => ({ segment, done: false }));
  const total = cursors.length;
  const retry = opts.retry ?? DEFAULT_RETRY;
  const columns = new ColumnTracker(opts.resume?.columns);
  let items = opts.resume?.items ?? 0;
  let scanned = opts.resume?.scanned ?? 0;

  const sink = await FileSink.open(files.data, opts.resume ? 'a' : 'wx');
  const stop = new AbortController();
  let outcome: Outcome | undefined;
  const end = (o: Outcome): void => {
    outcome ??= o;
    stop.abort();
  };
  const onAbort = (): void => end({ kind: 'cancelled' });
  if (signal.aborted) onAbort();
  signal.addEventListener('abort', onAbort, { once: true });

  const progress = (): void => opts.onProgress?.({ items, scanned, bytes: sink.bytes, segmentsDone: cursors.filter((c) => c.done).length });

  const page = (cursor: SegmentCursor) => {
    const base = { ...opts.scanInput, TableName: table, ExclusiveStartKey: cursor.lastKey ? itemToSdk(cursor.lastKey) : undefined };
    if (opts.operation === 'Query') return client.send(new QueryCommand(base as QueryCommandInput), { abortSignal: stop.signal });
    const segment = total > 1 ? { Segment: cursor.segment, TotalSegments: total } : {};
    return client.send(new ScanCommand({ ...(base as ScanCommandInput), ...segment }), { abortSignal: stop.signal });
  };

  const run = async (cursor: SegmentCursor): Promise<void> => {
    while (!cursor.done && !outcome) {
      let out;
      try {
        out = await retryThrottled(() => page(cursor), retry, stop.signal);
      } catch (err) {
        // Once stopping, errors are just the aborted requests of the other segments.
        if (!outcome) end(isSessionEnded(err) ? { kind: 'paused', reason: oneLine(errorMessage(err)) } : { kind: 'failed', error: err });
        return;
      }
      // The page is written whole before the cursor moves past it: a pause never loses or repeats items.
      let text = '';
      for (const raw of out.Items ?? []) {
        const item = itemFromSdk(raw);
        if (files.csv) columns.see(item);
        text += `${JSON.stringify(item)}\n`;
      }
      try {
        await sink.write(text);
      } catch (err) {
        end({ kind: 'failed', error: err });
        return;
      }
      items += out.Items?.length ?? 0;
      scanned += out.ScannedCount ?? 0;
      cursor.lastKey = out.LastEvaluatedKey ? itemFromSdk(out.LastEvaluatedKey) : undefined;
      cursor.done = !out.LastEvaluatedKey;
      progress();
    }
  };

  await Promise.all(cursors.map(run));
  signal.removeEventListener('abort', onAbort);
  try {
    await sink.close();
  } catch (err) {
    // Data may be missing from the file: a pause could not be trusted either.
    if (outcome?.kind !== 'cancelled') outcome = { kind: 'failed', error: err };
  }
  const counts = { items, scanned, bytes: sink.bytes };

  const paused = (reason: string): ExportResult => {
    const resume: ExportResume = { cursors, items, scanned, ...(files.csv ? { columns: columns.entries() } : {}) };
    return { state: 'paused', ...counts, cursors, resume, reason };
  };
  if (outcome?.kind === 'paused') return paused(outcome.reason);
  if (outcome) {
    await discardExport(path, format);
    if (outcome.kind === 'failed') throw outcome.error;
    return { state: 'cancelled', ...counts, cursors };
  }
  try {
    let bytes = sink.bytes;
    if (files.csv) {
      bytes = await writeCsv(files.data, files.csv, columns.columns(), signal);
      await publish(files.csv, path);
      await removeFiles(files.data);
    } else {
      await publish(files.data, path);
    }
    return { state: 'done', ...counts, bytes, cursors };
  } catch (err) {
    if (signal.aborted) {
      await discardExport(path, format);
      return { state: 'cancelled', ...counts, cursors };
    }
    // A file appeared at `path` meanwhile: keep the complete data and pause (every cursor done), so that
    // resuming after the user moves that file only publishes. The CSV is made again from the data then.
    if (err instanceof AirlockError && err.code === 'FILE_EXISTS') {
      if (files.csv) await removeFiles(files.csv);
      return paused(err.message);
    }
    await discardExport(path, format);
    throw err;
  }
}
