import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AirlockError } from '../errors';
import { AUDIT_FILE_RE } from './audit';
import type { AuditRecord } from './audit';

export interface AuditFilter {
  app?: string;
  since?: Date;
  until?: Date;
}

/** Filled in while readAudit runs, so the CLI can say "3 malformed lines skipped". */
export interface AuditReadStats {
  files: number;
  malformed: number;
}

const DECISIONS = new Set(['forwarded', 'refused', 'tunneled']);

function isAuditRecord(v: unknown): v is AuditRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.time === 'string' && !Number.isNaN(Date.parse(r.time)) && typeof r.app === 'string'
    && typeof r.status === 'number' && typeof r.decision === 'string' && DECISIONS.has(r.decision);
}

/** Audit files in time order: by UTC day, then by rotation index (base file first). */
async function listAuditFiles(dir: string, filter: AuditFilter): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []; // nothing audited yet
    throw err;
  }
  // Files are named by the UTC day of their records, so whole days outside the range can be skipped.
  const firstDay = filter.since?.toISOString().slice(0, 10);
  const lastDay = filter.until?.toISOString().slice(0, 10);
  return names
    .map((name) => ({ name, m: AUDIT_FILE_RE.exec(name) }))
    .filter((f): f is { name: string; m: RegExpExecArray } => f.m !== null)
    .map(({ name, m }) => ({ name, day: m[1] ?? '', index: Number(m[2] ?? 0) }))
    .filter((f) => (!firstDay || f.day >= firstDay) && (!lastDay || f.day <= lastDay))
    .sort((a, b) => (a.day === b.day ? a.index - b.index : a.day < b.day ? -1 : 1))
    .map((f) => join(dir, f.name));
}

/**
 * Streams audit records oldest first, keeping those that match the filter. Malformed lines
 * (a torn write, a hand edit) are skipped and counted in `stats`, never fatal.
 */
export async function* readAudit(dir: string, filter: AuditFilter = {}, stats?: AuditReadStats): AsyncGenerator<AuditRecord> {
  const since = filter.since?.getTime();
  const until = filter.until?.getTime();
  for (const file of await listAuditFiles(dir, filter)) {
    const stream = createReadStream(file, { encoding: 'utf8' });
    const opened = await new Promise<boolean>((resolve, reject) => {
      stream.once('open', () => resolve(true));
      stream.once('error', (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? resolve(false) : reject(err)));
    });
    if (!opened) continue; // removed since the listing
    if (stats) stats.files++;
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (line.trim() === '') continue;
        let rec: unknown;
        try {
          rec = JSON.parse(line);
        } catch {
          rec = undefined;
        }
        if (!isAuditRecord(rec)) {
          if (stats) stats.malformed++;
          continue;
        }
        if (filter.app !== undefined && rec.app !== filter.app) continue;
        const t = Date.parse(rec.time);
        if ((since !== undefined && t < since) || (until !== undefined && t > until)) continue;
        yield rec;
      }
    } finally {
      lines.close();
      stream.destroy();
    }
  }
}

/** The role's name from its ARN ('arn:aws:iam::1:role/path/Name' -> 'Name'), else the ARN as given. */
function roleName(arn: string | undefined): string {
  if (!arn) return '-';
  const m = /:role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m?.[1] ?? arn;
}

/** Control characters come from clients (targets, host names): keep them off the user's terminal. */
function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** One line for `airlock audit`: time, app, role, service, action [table], status, latency, and why if not forwarded. */
export function formatAuditText(rec: AuditRecord): string {
  const latency = rec.latencyMs < 10 ? rec.latencyMs.toFixed(1) : String(Math.round(rec.latencyMs));
  const parts = [
    rec.time,
    rec.app || '-',
    roleName(rec.roleArn),
    rec.service ?? '-',
    (rec.action ?? '-') + (rec.table ? ` [${rec.table}]` : ''),
    String(rec.status),
    `${latency}ms`,
  ];
  if (rec.decision !== 'forwarded') parts.push(rec.decision + (rec.reason ? `: ${rec.reason}` : ''));
  return printable(parts.join('  '));
}

const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
const UNIT_ORDER = 'dhms';

/** '15m', '2h', '7d', '90s', '1h30m' -> milliseconds. Units largest first, each at most once. */
export function parseDuration(input: string): number {
  const s = input.trim();
  const bad = (): AirlockError => new AirlockError('BAD_DURATION', `"${input.slice(0, 40)}" is not a duration.`, 'Use a number and a unit (d, h, m, s), e.g. 90s, 15m, 2h, 7d or 1h30m.');
  if (!/^(\d+[dhms])+$/.test(s)) throw bad();
  let total = 0;
  let lastUnit = -1;
  for (const [, digits, unit] of s.matchAll(/(\d+)([dhms])/g)) {
    const order = UNIT_ORDER.indexOf(unit ?? '');
    if (order <= lastUnit) throw bad();
    lastUnit = order;
    total += Number(digits) * (UNIT_MS[unit ?? ''] ?? 0);
  }
  if (total <= 0 || !Number.isSafeInteger(total)) throw bad();
  return total;
}
