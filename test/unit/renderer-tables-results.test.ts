import { describe, expect, it } from 'vitest';
import type { ReadResult } from '../../preload/dynamodb';
import { applyRead, applySaved, efficiency, emptyResults, formatMs, removeRows, stoppedText } from '../../renderer/features/tables/results';
import { statementTable } from '../../renderer/features/tables/partiql';

const keyNames = { partition: 'pk', sort: 'sk' };
const plan = { operation: 'Scan' as const, explanation: 'This will Scan orders', keyNames };
const item = (pk: string, sk: number, extra: Record<string, string> = {}) => ({
  pk: { S: pk }, sk: { N: String(sk) }, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, { S: v }])),
});
const read = (items: ReturnType<typeof item>[], patch: Partial<ReadResult> = {}): ReadResult => ({
  plan, items, count: items.length, scannedCount: items.length * 2, consumedCapacity: 1.5,
  pages: [{ count: items.length, scannedCount: items.length * 2, consumedCapacity: 1.5, ms: 10 }], elapsedMs: 12, stoppedBy: 'rows',
  lastKey: { pk: { S: 'z' }, sk: { N: '1' } }, ...patch,
});

describe('read results', () => {
  const start = emptyResults({ table: 'orders' }, { rows: 2 }, keyNames, { partition: 'pk', sort: 'sk' });

  it('appends pages, adds up the figures and keeps the last read apart', () => {
    const one = applyRead(start, read([item('a', 1, { x: '1' }), item('b', 2)]));
    const two = applyRead(one, read([item('c', 3, { y: '2' })], { stoppedBy: 'end', lastKey: undefined }));
    expect(two.items).toHaveLength(3);
    expect(two.ids[0]).toBe('{"pk":{"S":"a"},"sk":{"N":"1"}}');
    expect(two.columns.map((c) => c.name)).toEqual(['pk', 'sk', 'x', 'y']);
    expect(two.totals).toEqual({ count: 3, scannedCount: 6, consumedCapacity: 3, elapsedMs: 24, requests: 2 });
    expect(two.last?.count).toBe(1);
    expect(two.pages.map((p) => p.read)).toEqual([1, 2]);
    expect(two.lastKey).toBeUndefined();
    expect(two.reads).toBe(2);
  });

  it('replaces an item read twice instead of showing it twice', () => {
    const r = applyRead(applyRead(start, read([item('a', 1, { v: 'old' })])), read([item('a', 1, { v: 'new' })]));
    expect(r.items).toHaveLength(1);
    expect(r.items[0]!.v).toEqual({ S: 'new' });
  });

  it('applies saves: in place, after a key change, and new items first', () => {
    const r = applyRead(start, read([item('a', 1), item('b', 2)]));
    expect(applySaved(r, item('b', 2, { n: 'x' })).items[1]!.n).toEqual({ S: 'x' });
    const moved = applySaved(r, item('b', 9), { pk: { S: 'b' }, sk: { N: '2' } });
    expect(moved.items.map((i) => i.sk)).toEqual([{ N: '1' }, { N: '9' }]);
    expect(moved.ids[1]).toBe('{"pk":{"S":"b"},"sk":{"N":"9"}}');
    const created = applySaved(r, item('new', 0, { fresh: 'y' }));
    expect(created.items[0]!.pk).toEqual({ S: 'new' });
    expect(created.columns.map((c) => c.name)).toContain('fresh');
    expect(removeRows(r, new Set([r.ids[0]!])).items).toHaveLength(1);
  });

  it('explains why a read stopped', () => {
    const r = applyRead(start, read([item('a', 1), item('b', 2)]));
    expect(stoppedText(r)).toBe('stopped: 2 rows matched');
    expect(stoppedText({ ...r, last: { ...r.last!, stoppedBy: 'end' } })).toMatch(/^end of table/);
    expect(stoppedText({ ...r, last: { ...r.last!, stoppedBy: 'capacity' } })).toBe('stopped: read-capacity budget spent');
    expect(stoppedText({ ...r, last: { ...r.last!, stoppedBy: 'time' } })).toBe('stopped: time budget spent');
  });

  it('formats efficiency and time', () => {
    expect(efficiency(5, 100)).toBe('5.0%');
    expect(efficiency(50, 100)).toBe('50%');
    expect(efficiency(0, 0)).toBe('—');
    expect(formatMs(12.4)).toBe('12 ms');
    expect(formatMs(1500)).toBe('1.50 s');
    expect(formatMs(125_000)).toBe('2m 05s');
  });
});

describe('PartiQL statement table', () => {
  it('finds the table a statement names', () => {
    expect(statementTable('SELECT * FROM "orders" WHERE pk = ?')).toBe('orders');
    expect(statementTable('select a from orders.v2')).toBe('orders.v2');
    expect(statementTable('SELECT * FROM "orders"."byStatus"')).toBe('orders');
    expect(statementTable('UPDATE "t-1" SET a = 1 WHERE pk = \'x\'')).toBe('t-1');
    expect(statementTable('INSERT INTO "we""ird" VALUE {}')).toBe('we"ird');
    expect(statementTable('-- from nothing\nDELETE FROM tbl WHERE pk = 1')).toBe('tbl');
    expect(statementTable('EXISTS')).toBeUndefined();
  });
});
