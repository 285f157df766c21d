import { appendFile, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AirlockError } from '../errors';

/** One request through the proxy (allowed or refused): one JSON line. Never a secret. */
export interface AuditRecord {
  /** ISO 8601 with milliseconds. */
  time: string;
  app: string;
  roleArn?: string;
  /** Id of the local client key, never its secret. */
  localKeyId?: string;
  service?: string;
  region?: string;
  /** X-Amz-Target operation, Query Action, or "METHOD /path". */
  action?: string;
  /** DynamoDB TableName where present. */
  table?: string;
  host?: string;
  method?: string;
  status: number;
  errorCode?: string;
  latencyMs: number;
  bytesIn: number;
  bytesOut: number;
  decision: 'forwarded' | 'refused' | 'tunneled';
  reason?: string;
}

export interface AuditLogOptions {
  dir: string;
  /** How long a record may wait in memory before it is written. */
  flushIntervalMs?: number;
  /** Queue length that triggers a write without waiting for the interval. */
  maxBatch?: number;
  /** A day's file rolls over to audit-DAY.N.jsonl past this size. */
  maxFileBytes?: number;
  /** Records held in memory at most while the disk is slow or failing; beyond that they are dropped (and reported). */
  maxQueue?: number;
  onError?: (err: unknown) => void;
}

const STRING_FIELDS = ['app', 'roleArn', 'localKeyId', 'service', 'region', 'action', 'table', 'host', 'method', 'errorCode', 'reason'] as const;
const NUMBER_FIELDS = ['status', 'latencyMs', 'bytesIn', 'bytesOut'] as const;
const DECISIONS = new Set<string>(['forwarded', 'refused', 'tunneled']);
const MAX_STRING = 1024;
/** Query-string credentials (presigned URLs) that a caller might pass inside "action" or "reason". */
const CREDENTIAL_PARAMS = /\b(X-Amz-(?:Security-Token|Signature|Credential)|Signature|AWSAccessKeyId|SecurityToken)=[^&\s"]*/gi;

function cleanString(key: string, value: string): string {
  // "METHOD /path" only: the query string of a presigned URL carries a bearer token.
  let s = key === 'action' ? value.split('?')[0] ?? '' : value;
  s = s.replace(CREDENTIAL_PARAMS, '$1=REDACTED');
  return s.length > MAX_STRING ? `${s.slice(0, MAX_STRING)}…` : s;
}

/**
 * Copies only the schema's fields, with the right types. A caller that passes request headers
 * or a credentials object by mistake gets them dropped here instead of written to disk.
 */
export function scrubAuditRecord(input: AuditRecord): AuditRecord {
  const src = input as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const time = typeof src.time === 'string' && !Number.isNaN(Date.parse(src.time)) ? new Date(src.time).toISOString() : new Date().toISOString();
  out.time = time;
  for (const key of STRING_FIELDS) {
    const v = src[key];
    if (typeof v === 'string') out[key] = cleanString(key, v);
  }
  for (const key of NUMBER_FIELDS) {
    const v = src[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = key === 'latencyMs' ? Math.round(v * 100) / 100 : v;
  }
  if (typeof src.decision === 'string' && DECISIONS.has(src.decision)) out.decision = src.decision;
  out.app ??= '';
  return out as unknown as AuditRecord;
}

/** `audit-YYYY-MM-DD.jsonl`, then `.1`, `.2`, … for the same UTC day once a file is full. */
export function auditFileName(day: string, index: number): string {
  return index === 0 ? `audit-${day}.jsonl` : `audit-${day}.${index}.jsonl`;
}

export const AUDIT_FILE_RE = /^audit-(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.jsonl$/;

interface Pending {
  day: string;
  line: string;
}

/**
 * Append-only JSON-lines audit log. append() only queues: writes happen off the request path,
 * batched (one appendFile per batch and file) with at most one write in flight.
 */
export class AuditLog {
  private readonly dir: string;
  private readonly flushIntervalMs: number;
  private readonly maxBatch: number;
  private readonly maxFileBytes: number;
  private readonly maxQueue: number;
  private readonly onError: (err: unknown) => void;

  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private appended = 0;
  private written = 0;
  private dropped = 0;
  private closed = false;
  private dirReady = false;
  /** Where the current day's lines go; found by scanning the directory once per day. */
  private current: { day: string; index: number; size: number } | undefined;

  constructor(opts: AuditLogOptions) {
    this.dir = opts.dir;
    this.flushIntervalMs = opts.flushIntervalMs ?? 200;
    this.maxBatch = opts.maxBatch ?? 500;
    this.maxFileBytes = opts.maxFileBytes ?? 32 * 1024 * 1024;
    this.maxQueue = opts.maxQueue ?? 100_000;
    this.onError = opts.onError ?? (() => undefined);
  }

  /** Records that were dropped (queue full, write failure, or appended after close). */
  get droppedCount(): number {
    return this.dropped;
  }

  append(rec: AuditRecord): void {
    try {
      if (this.closed || this.queue.length >= this.maxQueue) {
        this.drop(1, this.closed ? 'the audit log is closed' : 'the write queue is full');
        return;
      }
      const clean = scrubAuditRecord(rec);
      this.queue.push({ day: clean.time.slice(0, 10), line: JSON.stringify(clean) + '\n' });
      this.appended++;
      if (this.queue.length >= this.maxBatch) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.flushIntervalMs).unref();
    } catch (err) {
      this.report(err);
    }
  }

  /** Resolves once every record appended before the call is on disk (or reported as failed). */
  async flush(): Promise<void> {
    const target = this.appended;
    while (this.written < target) {
      this.kick();
      await this.writing;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Starts a write unless one is in flight (that one drains the queue before it ends). */
  private kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing || this.queue.length === 0) return;
    this.writing = this.drain().finally(() => {
      this.writing = undefined;
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.writeBatch(batch);
      } catch (err) {
        // Dropping keeps memory bounded when the disk fails; the host hears about it. Rescan
        // next time in case the folder was removed under us.
        this.dirReady = false;
        this.current = undefined;
        this.drop(batch.length, `writing ${batch.length} record(s) failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      this.written += batch.length;
    }
  }

  /** Lines go in order; a new file starts when the day changes or the current one would pass maxFileBytes. */
  private async writeBatch(batch: Pending[]): Promise<void> {
    if (!this.dirReady) {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      this.dirReady = true;
    }
    let chunk = '';
    let chunkBytes = 0;
    const writeChunk = async (): Promise<void> => {
      const cur = this.current;
      if (!cur || !chunk) return;
      await appendFile(join(this.dir, auditFileName(cur.day, cur.index)), chunk, { mode: 0o600 });
      cur.size += chunkBytes;
      chunk = '';
      chunkBytes = 0;
    };
    for (const { day, line } of batch) {
      if (this.current?.day !== day) {
        await writeChunk();
        await this.openDay(day);
      }
      const cur = this.current as { day: string; index: number; size: number };
      const bytes = Buffer.byteLength(line);
      const used = cur.size + chunkBytes;
      // A single line larger than the limit still gets written, alone in its file.
      if (used > 0 && used + bytes > this.maxFileBytes) {
        await writeChunk();
        cur.index++;
        cur.size = 0;
      }
      chunk += line;
      chunkBytes += bytes;
    }
    await writeChunk();
  }

  /** Continue the newest file of that day (the process may have restarted mid-day). */
  private async openDay(day: string): Promise<void> {
    let index = 0;
    for (const name of await readdir(this.dir)) {
      const m = AUDIT_FILE_RE.exec(name);
      if (m && m[1] === day) index = Math.max(index, Number(m[2] ?? 0));
    }
    let size = 0;
    try {
      size = (await stat(join(this.dir, auditFileName(day, index)))).size;
    } catch {
      size = 0;
    }
    this.current = { day, index, size };
  }

  private drop(count: number, why: string): void {
    this.dropped += count;
    this.report(new AirlockError('AUDIT_DROPPED', `Audit records dropped: ${why}.`, 'Check free disk space and the permissions of the audit folder.'));
  }

  private report(err: unknown): void {
    try {
      this.onError(err);
    } catch {
      // The error callback must not break the request path either.
    }
  }
}
