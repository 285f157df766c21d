/**
 * Export and import jobs running in the background: their JobView records, cancel, and resume of
 * exports paused because the session ended. Each job gets its client from `clientFor()` on every
 * run, so a resume after a new login uses the new credentials. Changes are reported at most about
 * ten times a second per job, and the final state always.
 */
import { randomUUID } from 'node:crypto';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { JobView } from '../../../preload/dynamodb';
import { AirlockError, errorMessage } from '../errors';
import { discardExport, exportTable } from './export';
import type { ExportFormat, ExportOptions, ExportProgress, ExportResume } from './export';
import { importTable } from './import';
import type { ImportProgress } from './import';
import { oneLine } from './retry';

export type ClientFactory = () => Promise<DynamoDBClient>;

export interface ExportJobRequest {
  app: string;
  table: string;
  path: string;
  format: ExportFormat;
  operation: 'Scan' | 'Query';
  scanInput?: ExportOptions['scanInput'];
  segments: number;
  clientFor: ClientFactory;
  /** The table's approximate item count, for progress; a Scan looks it up (DescribeTable) when absent. */
  itemCount?: number;
}

export interface ImportJobRequest {
  app: string;
  table: string;
  path: string;
  format: ExportFormat;
  clientFor: ClientFactory;
  /** Defaults to `<path>.rejected-<job>.jsonl` next to the file. */
  reportPath?: string;
}

export interface JobRunnerOptions {
  onChange?: (job: JobView) => void;
  /** Least time between two reports of one job (the final state is never held back). */
  minIntervalMs?: number;
}

interface JobRecord {
  view: JobView;
  controller?: AbortController;
  running?: Promise<void>;
  lastEmit: number;
  timer?: NodeJS.Timeout;
  /** Exports: what a resume needs. */
  export?: { req: ExportJobRequest; itemCount?: number; resume?: ExportResume };
}

const FINAL_STATES: ReadonlySet<JobView['state']> = new Set(['done', 'cancelled', 'failed']);

async function approximateCount(client: DynamoDBClient, table: string): Promise<number | undefined> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    return Table?.ItemCount;
  } catch {
    // Progress is optional: a role without DescribeTable still exports.
    return undefined;
  }
}

export class JobRunner {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly minIntervalMs: number;

  constructor(private readonly opts: JobRunnerOptions = {}) {
    this.minIntervalMs = opts.minIntervalMs ?? 100;
  }

  list(): JobView[] {
    return [...this.jobs.values()].map((r) => ({ ...r.view }));
  }

  get(id: string): JobView | undefined {
    const rec = this.jobs.get(id);
    return rec ? { ...rec.view } : undefined;
  }

  startExport(req: ExportJobRequest): JobView {
    const segments = req.operation === 'Query' ? 1 : Math.max(1, Math.floor(req.segments));
    const rec = this.create('export', req, segments);
    rec.export = { req, itemCount: req.itemCount };
    this.runExport(rec);
    return { ...rec.view };
  }

  startImport(req: ImportJobRequest): JobView {
    const rec = this.create('import', req, 1);
    rec.view.reportPath = req.reportPath ?? `${req.path}.rejected-${rec.view.id.slice(0, 8)}.jsonl`;
    this.runImport(rec, req);
    return { ...rec.view };
  }

  /** A running job stops (its final state follows); a paused export is dropped with its partial file. */
  async cancel(id: string): Promise<JobView> {
    const rec = this.record(id);
    if (rec.controller) {
      rec.controller.abort();
    } else if (rec.view.state === 'paused') {
      await discardExport(rec.view.path, rec.view.format);
      this.finish(rec, 'cancelled');
    }
    return { ...rec.view };
  }

  /** Carries on a paused export from its cursors, with a client made now (fresh credentials). */
  resume(id: string): JobView {
    const rec = this.record(id);
    if (rec.view.kind !== 'export' || rec.view.state !== 'paused' || !rec.export || rec.controller) {
      throw new AirlockError('JOB_NOT_PAUSED', `job ${id} is ${rec.view.state}: only a paused export can be resumed`);
    }
    rec.view.state = 'running';
    rec.view.error = undefined;
    this.emit(rec, true);
    this.runExport(rec);
    return { ...rec.view };
  }

  /** Resolves once the job's current run has ended (paused, done, cancelled or failed). */
  async settled(id: string): Promise<JobView> {
    const rec = this.record(id);
    await rec.running;
    return { ...rec.view };
  }

  private record(id: string): JobRecord {
    const rec = this.jobs.get(id);
    if (!rec) throw new AirlockError('JOB_NOT_FOUND', `no job ${id}`);
    return rec;
  }

  private create(kind: JobView['kind'], req: { app: string; table: string; path: string; format: ExportFormat }, segments: number): JobRecord {
    const view: JobView = {
      id: randomUUID(), kind, app: req.app, table: req.table, path: req.path, format: req.format, state: 'running',
      items: 0, scanned: 0, rejected: 0, bytes: 0, segments, startedAt: new Date().toISOString(),
    };
    const rec: JobRecord = { view, lastEmit: 0 };
    this.jobs.set(view.id, rec);
    this.emit(rec);
    return rec;
  }

  private runExport(rec: JobRecord): void {
    const job = rec.export as NonNullable<JobRecord['export']>;
    const { req } = job;
    const controller = new AbortController();
    rec.controller = controller;
    const resuming = job.resume !== undefined;
    rec.running = (async () => {
      let client: DynamoDBClient;
      try {
        client = await req.clientFor();
      } catch (err) {
        // Still no session: a paused export stays paused (nothing is lost), a new one fails.
        rec.controller = undefined;
        if (controller.signal.aborted) {
          if (resuming) await discardExport(req.path, req.format).catch(() => undefined);
          this.finish(rec, 'cancelled');
        } else if (resuming) {
          this.pause(rec, err);
        } else {
          this.fail(rec, err);
        }
        return;
      }
      try {
        if (job.itemCount === undefined && req.operation === 'Scan') job.itemCount = await approximateCount(client, req.table);
        const total = req.operation === 'Scan' ? job.itemCount : undefined;
        const result = await exportTable({
          client, table: req.table, operation: req.operation, scanInput: req.scanInput, segments: rec.view.segments,
          format: req.format, path: req.path, signal: controller.signal, resume: job.resume,
          onProgress: (p: ExportProgress) => {
            Object.assign(rec.view, { items: p.items, scanned: p.scanned, bytes: p.bytes });
            if (total && total > 0) rec.view.progress = Math.min(1, p.scanned / total);
            this.emit(rec);
          },
        });
        Object.assign(rec.view, { items: result.items, scanned: result.scanned, bytes: result.bytes });
        rec.controller = undefined;
        if (result.state === 'paused') {
          job.resume = result.resume;
          this.pause(rec, result.reason);
        } else {
          if (result.state === 'done') rec.view.progress = 1;
          this.finish(rec, result.state);
        }
      } catch (err) {
        rec.controller = undefined;
        // A file now at the target path: the partial file is intact, so the user can move it away and resume.
        if (resuming && err instanceof AirlockError && err.code === 'FILE_EXISTS') this.pause(rec, err);
        else this.fail(rec, err);
      }
    })();
  }

  private runImport(rec: JobRecord, req: ImportJobRequest): void {
    const controller = new AbortController();
    rec.controller = controller;
    rec.running = (async () => {
      try {
        const client = await req.clientFor();
        const result = await importTable({
          client, table: req.table, format: req.format, path: req.path, signal: controller.signal,
          reportPath: rec.view.reportPath as string,
          onProgress: (p: ImportProgress) => {
            // The file's size is the known total of an import.
            Object.assign(rec.view, { items: p.items, rejected: p.rejected, scanned: p.items + p.rejected, bytes: p.bytes });
            if (p.totalBytes > 0) rec.view.progress = Math.min(1, p.bytes / p.totalBytes);
            this.emit(rec);
          },
        });
        Object.assign(rec.view, { items: result.items, rejected: result.rejected, scanned: result.items + result.rejected, bytes: result.bytes });
        if (result.state === 'done') rec.view.progress = 1;
        rec.controller = undefined;
        this.finish(rec, result.state);
      } catch (err) {
        rec.controller = undefined;
        this.fail(rec, err);
      }
    })();
  }

  private pause(rec: JobRecord, reason: unknown): void {
    rec.view.state = 'paused';
    rec.view.error = `paused: ${oneLine(typeof reason === 'string' ? reason : errorMessage(reason))}`;
    this.emit(rec, true);
  }

  private fail(rec: JobRecord, err: unknown): void {
    rec.view.error = oneLine(errorMessage(err));
    this.finish(rec, 'failed');
  }

  private finish(rec: JobRecord, state: JobView['state']): void {
    rec.view.state = state;
    if (FINAL_STATES.has(state)) rec.view.finishedAt = new Date().toISOString();
    this.emit(rec, true);
  }

  /** At most one report per job every minIntervalMs (a trailing one carries the latest counts); `now` skips the wait. */
  private emit(rec: JobRecord, now = false): void {
    const onChange = this.opts.onChange;
    if (!onChange) return;
    const send = (): void => {
      rec.timer = undefined;
      rec.lastEmit = Date.now();
      try {
        onChange({ ...rec.view });
      } catch {
        // A listener's failure must not stop the job.
      }
    };
    const wait = rec.lastEmit + this.minIntervalMs - Date.now();
    if (now || wait <= 0) {
      if (rec.timer) clearTimeout(rec.timer);
      send();
    } else if (!rec.timer) {
      rec.timer = setTimeout(send, wait);
      rec.timer.unref();
    }
  }
}
