import { describe, expect, it } from 'vitest';
import type { Item } from '../../preload/dynamodb';
import { keyColumns, mergeColumns, orderColumns } from '../../renderer/features/tables/columns';
import { columnWidths, gridTemplate } from '../../renderer/features/tables/gridLayout';
import { allSelected, prune, selectRange, toggle, toggleAll } from '../../renderer/features/tables/selection';

describe('column ordering', () => {
  it('puts key columns first, then other names in first-seen order', () => {
    const items: Item[] = [{ z: { S: '' }, sk: { N: '1' }, pk: { S: 'a' } }, { a: { S: '' }, z: { S: '' } }];
    expect(orderColumns({ partition: 'pk', sort: 'sk' }, items)).toEqual([
      { name: 'pk', key: 'partition' }, { name: 'sk', key: 'sort' }, { name: 'z' }, { name: 'a' },
    ]);
  });

  it('marks index keys after the table keys, each name once', () => {
    expect(keyColumns({ partition: 'pk', sort: 'sk', indexPartition: 'gpk', indexSort: 'pk' })).toEqual([
      { name: 'pk', key: 'partition' }, { name: 'sk', key: 'sort' }, { name: 'gpk', key: 'index-partition' },
    ]);
  });

  it('appending pages never moves existing columns', () => {
    const first = orderColumns({ partition: 'pk' }, [{ pk: { S: '' }, b: { S: '' } }]);
    const next = mergeColumns(first, [{ a: { S: '' }, b: { S: '' } }, { '<img src=x>': { S: '' } }]);
    expect(next.map((c) => c.name)).toEqual(['pk', 'b', 'a', '<img src=x>']);
    expect(mergeColumns(next, [])).toEqual(next);
  });

  it('sizes columns from names and sample values, within bounds', () => {
    const cols = orderColumns({ partition: 'pk' }, [{ pk: { S: 'x' }, long: { S: 'y'.repeat(400) } }]);
    const w = columnWidths(cols, [{ pk: { S: 'x' }, long: { S: 'y'.repeat(400) } }]);
    expect(w[0]).toBeGreaterThanOrEqual(96);
    expect(w[1]).toBeLessThanOrEqual(360);
    expect(gridTemplate([100, 200], true)).toBe('40px 100px 200px');
    expect(gridTemplate([100], false)).toBe('100px');
  });
});

describe('row selection', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];

  it('toggles one row', () => {
    expect([...toggle(new Set(), 'a')]).toEqual(['a']);
    expect([...toggle(new Set(['a']), 'a')]).toEqual([]);
  });

  it('shift-click selects the range from the anchor, in either direction', () => {
    expect([...selectRange(new Set(), order, 1, 3)].sort()).toEqual(['b', 'c', 'd']);
    expect([...selectRange(new Set(['e']), order, 3, 1)].sort()).toEqual(['b', 'c', 'd', 'e']);
  });

  it('shift-click on a selected row clears the range', () => {
    expect([...selectRange(new Set(['a', 'b', 'c', 'd']), order, 0, 2)].sort()).toEqual(['d']);
  });

  it('without an anchor shift-click is a toggle', () => {
    expect([...selectRange(new Set(), order, undefined, 2)]).toEqual(['c']);
    expect([...selectRange(new Set(), order, 99, 2)]).toEqual(['c']);
  });

  it('select all loaded, and again to clear', () => {
    const all = toggleAll(new Set(['a']), order);
    expect(all.size).toBe(5);
    expect(allSelected(all, order)).toBe(true);
    expect(toggleAll(all, order).size).toBe(0);
    expect(allSelected(new Set(), [])).toBe(false);
  });

  it('drops rows that are gone', () => {
    expect([...prune(new Set(['a', 'x']), order)]).toEqual(['a']);
  });
});

describe('table list and app choice', () => {
  it('filters table names by every word, case-insensitively', async () => {
    const { filterTables } = await import('../../renderer/features/tables/pick');
    const names = ['Orders', 'orders-archive', 'users', 'audit.orders'];
    expect(filterTables(names, '')).toEqual(names);
    expect(filterTables(names, 'ORD')).toEqual(['Orders', 'orders-archive', 'audit.orders']);
    expect(filterTables(names, 'orders arch')).toEqual(['orders-archive']);
  });

  it('opens the chosen app, else one that needs no login', async () => {
    const { defaultApp } = await import('../../renderer/features/tables/pick');
    const apps = [
      { name: 'prod', kind: 'aws' as const, session: null },
      { name: 'local', kind: 'local' as const, session: null },
    ];
    expect(defaultApp(apps, undefined)?.name).toBe('local');
    expect(defaultApp(apps, 'prod')?.name).toBe('prod');
    expect(defaultApp(apps, 'gone')?.name).toBe('local');
    expect(defaultApp([], undefined)).toBeUndefined();
  });
});
