import { describe, expect, it } from 'vitest';
import { EMPTY_CREATE_TABLE, validateCreateTable } from '../../renderer/features/tables/createTable';
import type { CreateTableDraft, IndexDraft } from '../../renderer/features/tables/createTable';

const base: CreateTableDraft = { ...EMPTY_CREATE_TABLE, table: 'orders', partitionKey: 'pk' };
const ix = (patch: Partial<IndexDraft>): IndexDraft => ({
  id: 'i1', kind: 'GSI', name: 'byX', partitionKey: 'x', partitionType: 'S', sortKey: '', sortType: 'S', projection: 'ALL', attributes: '', ...patch,
});

describe('create table validation', () => {
  it('builds the minimal on-demand spec', () => {
    expect(validateCreateTable(base)).toEqual({
      errors: {},
      spec: { table: 'orders', partitionKey: { name: 'pk', type: 'S' }, billingMode: 'PAY_PER_REQUEST', indexes: [] },
    });
  });

  it('requires a valid table name and a partition key', () => {
    const r = validateCreateTable({ ...EMPTY_CREATE_TABLE, table: 'ab' });
    expect(r.spec).toBeUndefined();
    expect(r.errors.table).toMatch(/3 to 255/);
    expect(r.errors.partitionKey).toMatch(/Name the partition key/);
    expect(validateCreateTable({ ...base, table: 'has space' }).errors.table).toBeDefined();
  });

  it('checks provisioned capacity', () => {
    const ok = validateCreateTable({ ...base, billingMode: 'PROVISIONED', read: '5', write: '10' });
    expect(ok.spec?.capacity).toEqual({ read: 5, write: 10 });
    const bad = validateCreateTable({ ...base, billingMode: 'PROVISIONED', read: '0', write: '1.5' });
    expect(bad.errors.read).toBeDefined();
    expect(bad.errors.write).toBeDefined();
    expect(validateCreateTable({ ...base, read: 'x' }).spec?.capacity).toBeUndefined();
  });

  it('sort key must differ from the partition key', () => {
    expect(validateCreateTable({ ...base, sortKey: 'pk' }).errors.sortKey).toMatch(/differ/);
  });

  it('builds GSIs and LSIs with projections', () => {
    const r = validateCreateTable({
      ...base, sortKey: 'sk', sortType: 'N',
      indexes: [
        ix({ projection: 'INCLUDE', attributes: 'a, b, a' }),
        ix({ id: 'i2', kind: 'LSI', name: 'byY', sortKey: 'y', sortType: 'N', projection: 'KEYS_ONLY' }),
      ],
    });
    expect(r.errors).toEqual({});
    expect(r.spec?.indexes).toEqual([
      { name: 'byX', kind: 'GSI', partitionKey: { name: 'x', type: 'S' }, projection: 'INCLUDE', attributes: ['a', 'b'] },
      { name: 'byY', kind: 'LSI', partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'y', type: 'N' }, projection: 'KEYS_ONLY' },
    ]);
  });

  it('explains index mistakes per index field', () => {
    const r = validateCreateTable({
      ...base,
      indexes: [
        ix({ name: '', partitionKey: '' }),
        ix({ id: 'i2', name: 'dup' }),
        ix({ id: 'i3', name: 'dup', partitionKey: 'pk', partitionType: 'N' }),
        ix({ id: 'i4', kind: 'LSI', name: 'local', sortKey: '' }),
        ix({ id: 'i5', name: 'inc', projection: 'INCLUDE', attributes: ' , ' }),
      ],
    });
    expect(r.spec).toBeUndefined();
    expect(r.errors['i1.name']).toMatch(/Name the index/);
    expect(r.errors['i1.partitionKey']).toMatch(/Name the partition key/);
    expect(r.errors['i3.name']).toMatch(/Another index/);
    expect(r.errors['i3.partitionKey']).toMatch(/one attribute has one type/);
    expect(r.errors['i4.sortKey']).toMatch(/own sort key/);
    expect(r.errors.indexes).toMatch(/need a table with a sort key/);
    expect(r.errors['i5.attributes']).toMatch(/Name the attributes/);
  });

  it('limits the number of indexes', () => {
    const many = Array.from({ length: 21 }, (_, i) => ix({ id: `g${i}`, name: `idx${i}` }));
    expect(validateCreateTable({ ...base, indexes: many }).errors.indexes).toMatch(/At most 20/);
  });
});
