import type { AttrValue, ConditionGroup, ReadSpec } from '../../../preload/dynamodb';

/** A short text for a value in a one-line summary. */
export function briefValue(v: AttrValue): string {
  if ('S' in v) return JSON.stringify(v.S.length > 32 ? `${v.S.slice(0, 32)}…` : v.S);
  if ('N' in v) return v.N;
  if ('B' in v) return 'binary';
  if ('BOOL' in v) return String(v.BOOL);
  if ('NULL' in v) return 'null';
  return Object.keys(v)[0] ?? '?';
}

function countConditions(g: ConditionGroup): number {
  return g.items.reduce((n, c) => n + (c.kind === 'group' ? countConditions(c) : 1), 0);
}

/** "Query = "abc" · sort begins_with "2024" · index byDate · 2 filters" — a read in one line. */
export function describeSpec(spec: ReadSpec): string {
  const parts: string[] = [];
  parts.push(spec.partition ? `Query = ${briefValue(spec.partition)}` : 'Scan');
  if (spec.sort) parts.push(`sort ${spec.sort.op} ${spec.sort.values.map(briefValue).join(' and ')}`);
  if (spec.index) parts.push(`index ${spec.index}`);
  const filters = spec.filter ? countConditions(spec.filter) : 0;
  if (filters) parts.push(`${filters} filter${filters === 1 ? '' : 's'}`);
  if (spec.projection?.length) parts.push(`${spec.projection.length} attribute${spec.projection.length === 1 ? '' : 's'}`);
  if (spec.descending) parts.push('descending');
  if (spec.consistent) parts.push('consistent');
  return parts.join(' · ');
}

/** A file name for a shared query. */
export function queryFileName(name: string): string {
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return `${slug || 'query'}.airlock-query.json`;
}
