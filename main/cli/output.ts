import { AirlockError, errorMessage, isAirlockError } from '../core/errors';

export function reportError(err: unknown): void {
  if (isAirlockError(err)) {
    process.stderr.write(`airlock: ${err.message}\n${err.hint ? `  hint: ${err.hint}\n` : ''}`);
  } else {
    process.stderr.write(`airlock: unexpected error: ${errorMessage(err)}\n`);
    if (process.env.AIRLOCK_DEBUG) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
  }
}

/** "1h 4m", "12m 30s", "45s" */
export function formatTimeLeft(ms: number): string {
  if (ms <= 0) return 'expired';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

/** Left-aligned columns for plain-text tables. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

/** Collects repeatable options (--label a=b --label c=d). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function parsePairs(values: string[], what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new AirlockError('BAD_ARGUMENT', `${what} must be KEY=VALUE (got "${v}")`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}
