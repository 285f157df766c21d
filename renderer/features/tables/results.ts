/**
 * The loaded rows of a read and its statistics, as pure state transitions: a new read, each page
 * appended, an item saved or deleted in the editor. Rows are identified by their typed key.
 */
import type { Item, ReadPlan, ReadResult, ReadSpec } from '../../../preload/dynamodb';
import type { Budget } from './builder';
import { mergeColumns, orderColumns } from './columns';
import type { Column, KeyColumns } from './columns';
import { itemId } from './values';
import type { KeyNames } from './values';

export interface Totals {
  count: number;
  scannedCount: number;
  consumedCapacity?: number;
  elapsedMs: number;
  requests: number;
}

type PageStat = ReadResult['pages'][number];

export interface PageRow extends PageStat {
  /** Which read (1 = the first Run, 2 = the first "Next page", …) the page belongs to. */
  read: number;
}

export interface Results {
  spec: ReadSpec;
  budget: Budget;
  keyNames: KeyNames;
  items: Item[];
  /** Identity of each row, parallel to items. */
  ids: string[];
  columns: Column[];
  plan?: ReadPlan;
  /** The last read's own figures. */
  last?: Omit<ReadResult, 'items' | 'plan' | 'lastKey'>;
  totals: Totals;
  pages: PageRow[];
  lastKey?: Item;
  reads: number;
}

export function emptyResults(spec: ReadSpec, budget: Budget, keyNames: KeyNames, keyCols: KeyColumns): Results {
  return {
    spec, budget, keyNames, items: [], ids: [], columns: orderColumns(keyCols, []),
    totals: { count: 0, scannedCount: 0, elapsedMs: 0, requests: 0 }, pages: [], reads: 0,
  };
}

let anonymous = 0;
/** A row without its key attributes (a projection that left them out) still needs an identity. */
function idFor(item: Item, keyNames: KeyNames): string {
  return itemId(item, keyNames) ?? `#${++anonymous}`;
}

/** Appends one read's items (an item already loaded is replaced in place) and adds up its figures. */
export function applyRead(r: Results, res: ReadResult): Results {
  const items = r.items.slice();
  const ids = r.ids.slice();
  const where = new Map<string, number>();
  // Only needed when a page can repeat a loaded item (a table changed while reading).
  if (ids.length && res.items.length) ids.forEach((id, i) => where.set(id, i));
  for (const item of res.items) {
    const id = idFor(item, r.keyNames);
    const at = where.get(id);
    if (at !== undefined) items[at] = item;
    else {
      where.set(id, items.length);
      items.push(item);
      ids.push(id);
    }
  }
  const reads = r.reads + 1;
  const cap = res.consumedCapacity ?? res.pages.reduce<number | undefined>((s, p) => (p.consumedCapacity === undefined ? s : (s ?? 0) + p.consumedCapacity), undefined);
  const totalCap = cap === undefined ? r.totals.consumedCapacity : (r.totals.consumedCapacity ?? 0) + cap;
  return {
    ...r,
    items,
    ids,
    columns: mergeColumns(r.columns, res.items),
    plan: res.plan,
    last: {
      count: res.count, scannedCount: res.scannedCount, pages: res.pages, elapsedMs: res.elapsedMs, stoppedBy: res.stoppedBy,
      ...(cap !== undefined ? { consumedCapacity: cap } : {}),
    },
    totals: {
      count: r.totals.count + res.count,
      scannedCount: r.totals.scannedCount + res.scannedCount,
      elapsedMs: r.totals.elapsedMs + res.elapsedMs,
      requests: r.totals.requests + res.pages.length,
      ...(totalCap !== undefined ? { consumedCapacity: totalCap } : {}),
    },
    pages: [...r.pages, ...res.pages.map((p) => ({ ...p, read: reads }))],
    ...(res.lastKey ? { lastKey: res.lastKey } : { lastKey: undefined }),
    reads,
  };
}

/** After the editor saved: replace the row (or the row of the old key when the key changed); a new item goes first. */
export function applySaved(r: Results, item: Item, previousKey?: Item): Results {
  const id = idFor(item, r.keyNames);
  const oldId = previousKey ? itemId(previousKey, r.keyNames) : undefined;
  const items = r.items.slice();
  const ids = r.ids.slice();
  let at = ids.indexOf(oldId ?? id);
  if (at < 0 && oldId) at = ids.indexOf(id);
  if (at >= 0) {
    items[at] = item;
    ids[at] = id;
    // The new key may already be loaded elsewhere (saved over another row): keep one.
    const dup = ids.findIndex((x, i) => x === id && i !== at);
    if (dup >= 0) {
      items.splice(dup, 1);
      ids.splice(dup, 1);
    }
  } else {
    items.unshift(item);
    ids.unshift(id);
  }
  return { ...r, items, ids, columns: mergeColumns(r.columns, [item]) };
}

export function removeRows(r: Results, remove: ReadonlySet<string>): Results {
  if (remove.size === 0) return r;
  const items: Item[] = [];
  const ids: string[] = [];
  r.ids.forEach((id, i) => {
    if (!remove.has(id)) {
      ids.push(id);
      items.push(r.items[i]!);
    }
  });
  return { ...r, items, ids };
}

/** Count/ScannedCount as a percentage: how much of what was read matched the filter. */
export function efficiency(count: number, scanned: number): string {
  if (scanned === 0) return '—';
  const pct = (count / scanned) * 100;
  return `${pct >= 10 || pct === 0 ? Math.round(pct) : pct.toFixed(1)}%`;
}

/** Why the last read stopped, in words. */
export function stoppedText(r: Pick<Results, 'last' | 'spec' | 'plan'>): string {
  const last = r.last;
  if (!last) return '';
  switch (last.stoppedBy) {
    case 'rows':
      return `stopped: ${last.count.toLocaleString('en-US')} ${last.count === 1 ? 'row' : 'rows'} matched`;
    case 'end':
      if (r.plan?.operation === 'Query') return 'end of table: no more items for this key';
      return r.spec.index ? 'end of table: the whole index was read' : 'end of table: the whole table was read';
    case 'capacity':
      return 'stopped: read-capacity budget spent';
    case 'time':
      return 'stopped: time budget spent';
  }
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

export function formatCapacity(units: number | undefined): string {
  if (units === undefined) return 'not reported';
  return `${units % 1 === 0 ? units : units.toFixed(1)} RCU`;
}
