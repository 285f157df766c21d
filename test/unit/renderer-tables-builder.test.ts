import { describe, expect, it } from 'vitest';
import type { TableView } from '../../preload/dynamodb';
import { draftToSpec, emptyDraft, keyOfTarget, newCondition, newGroup, specToDraft, updateNode, countConditions } from '../../renderer/features/tables/builder';
import type { Draft } from '../../renderer/features/tables/builder';
import { arity, FILTER_OP_LIST, SORT_OP_LIST, typeAfterOpChange, typesFor } from '../../renderer/features/tables/ops';

const table: TableView = {
  name: 'orders',
  status: 'ACTIVE',
  key: { partition: 'pk', sort: 'sk' },
  attributeTypes: { pk: 'S', sk: 'N', status: 'S', gpk: 'N', lsk: 'B' },
  indexes: [
    { name: 'byStatus', kind: 'GSI', key: { partition: 'gpk', sort: 'status' }, projection: { type: 'ALL', attributes: [] } },
    { name: 'byL', kind: 'LSI', key: { partition: 'pk', sort: 'lsk' }, projection: { type: 'KEYS_ONLY', attributes: [] } },
  ],
  billingMode: 'PAY_PER_REQUEST',
  itemCount: 0,
  sizeBytes: 0,
  stream: { enabled: false },
  deletionProtection: false,
  unavailable: [],
};

const draft = (patch: Partial<Draft>): Draft => ({ ...emptyDraft(), ...patch });

describe('operators', () => {
  it('covers every filter and sort operator of the contract with an arity', () => {
    expect(FILTER_OP_LIST).toHaveLength(19);
    expect(SORT_OP_LIST).toHaveLength(7);
    expect(arity('between')).toBe(2);
    expect(arity('exists')).toBe(0);
    expect(arity('size>=')).toBe(1);
  });

  it('offers the types an operator can compare with', () => {
    expect(typesFor('begins_with')).toEqual(['S', 'B']);
    expect(typesFor('size<')).toEqual(['N']);
    expect(typesFor('exists')).toEqual([]);
    expect(typeAfterOpChange('<', 'BOOL')).toBe('S');
    expect(typeAfterOpChange('=', 'M')).toBe('M');
  });
});

describe('key of the read target', () => {
  it('uses the table or index key with the attribute types', () => {
    expect(keyOfTarget(table, '')).toMatchObject({ partition: 'pk', sort: 'sk', partitionType: 'S', sortType: 'N', kind: 'table' });
    expect(keyOfTarget(table, 'byStatus')).toMatchObject({ partition: 'gpk', sort: 'status', partitionType: 'N', sortType: 'S', kind: 'GSI' });
    expect(keyOfTarget(table, 'byL')).toMatchObject({ sortType: 'B', kind: 'LSI' });
  });
});

describe('draft → ReadSpec', () => {
  it('an empty draft is a Scan of the table with the default rows, reading no more than it shows', () => {
    expect(draftToSpec(emptyDraft(), table)).toEqual({ spec: { table: 'orders', pageSize: 100 }, budget: { rows: 100, autoPageSize: true }, errors: {} });
  });

  it('an automatic page size follows the rows without a filter and is left to DynamoDB with one', () => {
    expect(draftToSpec(draft({ rows: '20000' }), table).spec?.pageSize).toBe(10_000);
    const c = { ...newCondition(), path: 'a', op: 'exists' as const };
    expect(draftToSpec(draft({ filter: newGroup('AND', [c]) }), table).spec?.pageSize).toBeUndefined();
    expect(draftToSpec(draft({ filter: newGroup('AND', [c]), pageSize: '7' }), table).spec?.pageSize).toBe(7);
  });

  it('types the key values by the key attribute types', () => {
    const r = draftToSpec(draft({ partition: 'u#1', sortOp: 'between', sort: '1', sort2: '10.5' }), table);
    expect(r.spec).toEqual({ table: 'orders', partition: { S: 'u#1' }, sort: { op: 'between', values: [{ N: '1' }, { N: '10.5' }] }, pageSize: 100 });
    const g = draftToSpec(draft({ index: 'byStatus', partition: '42', sortOp: 'begins_with', sort: 'open' }), table);
    expect(g.spec).toEqual({ table: 'orders', index: 'byStatus', partition: { N: '42' }, sort: { op: 'begins_with', values: [{ S: 'open' }] }, pageSize: 100 });
  });

  it('reports bad key values by field', () => {
    const r = draftToSpec(draft({ index: 'byStatus', partition: 'abc', sortOp: '=', sort: '' }), table);
    expect(r.spec).toBeUndefined();
    expect(r.errors.partition).toMatch(/Not a number/);
    expect(r.errors.sort).toMatch(/sort key value/);
  });

  it('builds nested AND/OR filters with typed values', () => {
    const c1 = { ...newCondition(), path: 'status', op: '=' as const, type: 'S' as const, value: 'open' };
    const c2 = { ...newCondition(), path: 'total', op: 'between' as const, type: 'N' as const, value: '1', value2: '9' };
    const c3 = { ...newCondition(), path: '`a.b`[0]', op: 'exists' as const };
    const c4 = { ...newCondition(), path: 'tags', op: 'size>' as const, value: '2' };
    const c5 = { ...newCondition(), path: 'x', op: 'attribute_type' as const, value: 'NS' };
    const filter = newGroup('AND', [c1, newGroup('OR', [c2, c3]), c4, c5]);
    const r = draftToSpec(draft({ filter }), table);
    expect(r.errors).toEqual({});
    expect(r.spec?.filter).toEqual({
      kind: 'group', join: 'AND', items: [
        { kind: 'condition', path: ['status'], op: '=', values: [{ S: 'open' }] },
        { kind: 'group', join: 'OR', items: [
          { kind: 'condition', path: ['total'], op: 'between', values: [{ N: '1' }, { N: '9' }] },
          { kind: 'condition', path: ['a.b', 0], op: 'exists', values: [] },
        ] },
        { kind: 'condition', path: ['tags'], op: 'size>', values: [{ N: '2' }] },
        { kind: 'condition', path: ['x'], op: 'attribute_type', values: [{ S: 'NS' }] },
      ],
    });
    expect(countConditions(filter)).toBe(5);
  });

  it('reports each bad condition field under the condition id', () => {
    const c = { ...newCondition(), path: 'a..b', op: '=' as const, type: 'N' as const, value: 'x' };
    const r = draftToSpec(draft({ filter: newGroup('AND', [c]) }), table);
    expect(r.spec).toBeUndefined();
    expect(Object.keys(r.errors).sort()).toEqual([`${c.id}.path`, `${c.id}.value`]);
  });

  it('leaves out empty groups', () => {
    expect(draftToSpec(draft({ filter: newGroup('AND', [newGroup('OR')]) }), table).spec).toEqual({ table: 'orders', pageSize: 100 });
  });

  it('keeps page size (Limit) apart from rows to show, and reads the budgets', () => {
    const r = draftToSpec(draft({ pageSize: '25', rows: '500', maxCapacity: '10.5', maxSeconds: '2.5', projection: 'pk, a.b', descending: true }), table);
    expect(r.spec).toEqual({ table: 'orders', pageSize: 25, projection: [['pk'], ['a', 'b']], descending: true });
    expect(r.budget).toEqual({ rows: 500, maxCapacityUnits: 10.5, maxMs: 2500 });
    const bad = draftToSpec(draft({ pageSize: '0', rows: '1e3', maxCapacity: '-1', maxSeconds: '9999' }), table);
    expect(Object.keys(bad.errors).sort()).toEqual(['maxCapacity', 'maxSeconds', 'pageSize', 'rows']);
  });

  it('never asks a GSI for a strongly consistent read', () => {
    expect(draftToSpec(draft({ consistent: true }), table).spec?.consistent).toBe(true);
    expect(draftToSpec(draft({ consistent: true, index: 'byL' }), table).spec?.consistent).toBe(true);
    expect(draftToSpec(draft({ consistent: true, index: 'byStatus' }), table).spec?.consistent).toBeUndefined();
  });

  it('a saved spec comes back as the same spec', () => {
    const c1 = { ...newCondition(), path: 'weird.`x.y`', op: 'contains' as const, type: 'SS' as const, value: '["a"]' };
    const c2 = { ...newCondition(), path: 'flag', op: '<>' as const, type: 'BOOL' as const, value: 'false' };
    const original = draftToSpec(draft({ partition: 'p', sortOp: '>=', sort: '3', filter: newGroup('OR', [c1, newGroup('AND', [c2])]), projection: '`a,b`, c[1]', pageSize: '7' }), table);
    expect(original.spec).toBeDefined();
    const again = draftToSpec(specToDraft(original.spec!), table);
    expect(again.spec).toEqual(original.spec);
  });

  it('edits nested nodes immutably', () => {
    const c = newCondition();
    const inner = newGroup('OR', [c]);
    const root = newGroup('AND', [inner]);
    const renamed = updateNode(root, c.id, (n) => ({ ...n, path: 'x' } as typeof c));
    expect((renamed.items[0] as typeof inner).items[0]).toMatchObject({ path: 'x' });
    expect(c.path).toBe('');
    const removed = updateNode(root, c.id, () => null);
    expect((removed.items[0] as typeof inner).items).toEqual([]);
  });
});
