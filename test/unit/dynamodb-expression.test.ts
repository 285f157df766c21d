import { describe, expect, it } from 'vitest';
import type { AttrPath, AttrValue, Condition, ConditionGroup, Item, ReadSpec } from '../../preload/dynamodb';
import { FILTER_OPS } from '../../preload/dynamodb';
import {
  buildCreate, buildExpectedCondition, buildRead, buildUpdate, conditionExpression, planRead, Placeholders,
} from '../../main/core/dynamodb/expression';
import type { TableKeys } from '../../main/core/dynamodb/expression';
import { toSdk } from '../../main/core/dynamodb/wire';

const cond = (path: AttrPath, op: Condition['op'], ...values: AttrValue[]): Condition => ({ kind: 'condition', path, op, values });
const and = (...items: (Condition | ConditionGroup)[]): ConditionGroup => ({ kind: 'group', join: 'AND', items });
const or = (...items: (Condition | ConditionGroup)[]): ConditionGroup => ({ kind: 'group', join: 'OR', items });

/** Renders one node and returns the expression with its placeholder maps. */
function render(node: Condition | ConditionGroup) {
  const alloc = new Placeholders();
  const expression = conditionExpression(node, alloc);
  return { expression, names: alloc.attributeNames, values: alloc.attributeValues };
}

/** Only placeholders, functions, operators and punctuation: nothing a user typed. */
const PLACEHOLDERS_ONLY = /^(?:#n\d+|:v\d+|\[\d+\]|attribute_exists|attribute_not_exists|attribute_type|begins_with|contains|size|NOT|AND|OR|BETWEEN|<>|<=|>=|[=<>().,\s])*$/;

describe('placeholders', () => {
  it('gives each name one placeholder and each value a fresh one', () => {
    const alloc = new Placeholders();
    expect(alloc.name('status')).toBe('#n0');
    expect(alloc.name('other')).toBe('#n1');
    expect(alloc.name('status')).toBe('#n0');
    expect(alloc.value({ S: 'x' })).toBe(':v0');
    expect(alloc.value({ S: 'x' })).toBe(':v1');
    expect(alloc.attributeNames).toEqual({ '#n0': 'status', '#n1': 'other' });
    expect(alloc.attributeValues).toEqual({ ':v0': { S: 'x' }, ':v1': { S: 'x' } });
  });

  it('is undefined when empty (DynamoDB refuses empty maps)', () => {
    const alloc = new Placeholders();
    expect(alloc.attributeNames).toBeUndefined();
    expect(alloc.attributeValues).toBeUndefined();
  });

  it('writes nested paths with list indexes', () => {
    const alloc = new Placeholders();
    expect(alloc.path(['a', 'b', 0, 'c'])).toBe('#n0.#n1[0].#n2');
    expect(alloc.path(['a', 2, 10])).toBe('#n0[2][10]');
    expect(alloc.path(['c', 'a'])).toBe('#n2.#n0');
    expect(() => alloc.path([0, 'a'])).toThrow(/must start with a name/);
  });
});

describe('condition expressions: every operator', () => {
  const S = { S: 'x' };
  const N = { N: '5' };
  const cases: [Condition, string, Record<string, AttrValue>][] = [
    [cond(['a'], '=', S), '#n0 = :v0', { ':v0': S }],
    [cond(['a'], '<>', S), '#n0 <> :v0', { ':v0': S }],
    [cond(['a'], '<', N), '#n0 < :v0', { ':v0': N }],
    [cond(['a'], '<=', N), '#n0 <= :v0', { ':v0': N }],
    [cond(['a'], '>', N), '#n0 > :v0', { ':v0': N }],
    [cond(['a'], '>=', N), '#n0 >= :v0', { ':v0': N }],
    [cond(['a'], 'between', { N: '1' }, { N: '9' }), '#n0 BETWEEN :v0 AND :v1', { ':v0': { N: '1' }, ':v1': { N: '9' } }],
    [cond(['a'], 'exists'), 'attribute_exists(#n0)', {}],
    [cond(['a'], 'not_exists'), 'attribute_not_exists(#n0)', {}],
    [cond(['a'], 'contains', S), 'contains(#n0, :v0)', { ':v0': S }],
    [cond(['a'], 'not_contains', S), 'NOT contains(#n0, :v0)', { ':v0': S }],
    [cond(['a'], 'begins_with', S), 'begins_with(#n0, :v0)', { ':v0': S }],
    [cond(['a'], 'attribute_type', { S: 'NS' }), 'attribute_type(#n0, :v0)', { ':v0': { S: 'NS' } }],
    [cond(['a'], 'size=', N), 'size(#n0) = :v0', { ':v0': N }],
    [cond(['a'], 'size<>', N), 'size(#n0) <> :v0', { ':v0': N }],
    [cond(['a'], 'size<', N), 'size(#n0) < :v0', { ':v0': N }],
    [cond(['a'], 'size<=', N), 'size(#n0) <= :v0', { ':v0': N }],
    [cond(['a'], 'size>', N), 'size(#n0) > :v0', { ':v0': N }],
    [cond(['a'], 'size>=', N), 'size(#n0) >= :v0', { ':v0': N }],
  ];

  it('covers every FILTER_OP', () => {
    expect(new Set(cases.map(([c]) => c.op))).toEqual(new Set(FILTER_OPS));
  });

  it.each(cases)('%j → %s', (condition, expression, values) => {
    const out = render(condition);
    expect(out.expression).toBe(expression);
    expect(out.names).toEqual({ '#n0': 'a' });
    expect(out.values).toEqual(Object.keys(values).length ? Object.fromEntries(Object.entries(values).map(([k, v]) => [k, toSdk(v)])) : undefined);
  });

  it.each([
    [cond(['a'], '='), /a = needs 1 value, got 0/],
    [cond(['a'], '<', N, N), /a < needs 1 value, got 2/],
    [cond(['a'], 'between', N), /a between needs 2 values, got 1/],
    [cond(['a'], 'exists', N), /a exists needs 0 values, got 1/],
    [cond(['a'], 'not_exists', S), /a not_exists needs 0 values, got 1/],
    [cond(['a'], 'contains'), /a contains needs 1 value/],
    [cond(['a'], 'not_contains'), /a not_contains needs 1 value/],
    [cond(['a'], 'begins_with'), /a begins_with needs 1 value/],
    [cond(['a'], 'begins_with', N), /a begins_with needs a string or binary value/],
    [cond(['a'], 'attribute_type'), /a attribute_type needs 1 value/],
    [cond(['a'], 'attribute_type', { S: 'STRING' }), /needs a type name, one of S, N, B, BOOL, NULL, SS, NS, BS, L, M/],
    [cond(['a'], 'attribute_type', { N: '1' }), /needs a type name/],
    [cond(['a'], 'size=', S), /a size= compares a size, so its value must be a number/],
    [cond(['a'], 'size>'), /a size> needs 1 value/],
    [cond(['a'], '<', { BOOL: true }), /a < needs a string, number or binary value/],
    [cond(['a'], 'between', { N: '1' }, { S: '9' }), /a between needs both bounds of the same type/],
    [cond(['my attr', 0, 'x.y'], '=',), /"my attr"\[0\]\."x\.y" = needs 1 value/],
  ] as [Condition, RegExp][])('refuses %j', (condition, message) => {
    expect(() => render(condition)).toThrow(message);
    expect(() => render(condition)).toThrow(expect.objectContaining({ code: 'BAD_QUERY' }));
    expect(() => render(and(cond(['ok'], 'exists'), or(condition)))).toThrow(message);
  });
});

describe('condition expressions: groups and paths', () => {
  it('joins groups, parenthesises nested ones and skips empty ones', () => {
    const group = and(
      cond(['a'], '=', { N: '1' }),
      or(cond(['b'], 'exists'), and(cond(['c'], '<', { N: '2' }), cond(['d'], 'not_contains', { S: 'x' }))),
      and(),
      or(cond(['a'], '>', { N: '0' })),
    );
    const out = render(group);
    expect(out.expression).toBe('#n0 = :v0 AND (attribute_exists(#n1) OR (#n2 < :v1 AND NOT contains(#n3, :v2))) AND (#n0 > :v3)');
    expect(out.names).toEqual({ '#n0': 'a', '#n1': 'b', '#n2': 'c', '#n3': 'd' });
  });

  it('yields no expression for an empty group (nested empties included)', () => {
    expect(render(and()).expression).toBeUndefined();
    expect(render(or(and(), or())).expression).toBeUndefined();
  });

  it('uses placeholders for nested paths', () => {
    const out = render(cond(['address', 'lines', 0, 'city'], 'begins_with', { S: 'Par' }));
    expect(out.expression).toBe('begins_with(#n0.#n1[0].#n2, :v0)');
    expect(out.names).toEqual({ '#n0': 'address', '#n1': 'lines', '#n2': 'city' });
  });

  const awkward = ['status', 'name', 'a.b', 'with space', '#hash', ':colon', 'quote\'s "double"', '$dollar', 'size', 'AND', 'ünï', 'a)b(c', 'x = y'];

  it.each(awkward)('never pastes the name %j (nor values) into the expression', (name) => {
    const group = or(
      cond([name], '=', { S: name }),
      cond([name, name, 1], 'contains', { S: `${name}:v0` }),
      cond(['ok', name], 'size>=', { N: '1' }),
      and(cond([name], 'between', { S: 'a' }, { S: name }), cond([name], 'attribute_type', { S: 'S' })),
    );
    const out = render(group);
    expect(out.expression).toMatch(PLACEHOLDERS_ONLY);
    // "size" and "AND" are expression words themselves; the exact text below shows they came from us.
    if (name !== 'size' && name !== 'AND') expect(out.expression).not.toContain(name);
    expect(Object.values(out.names!)).toContain(name);
    expect(out.expression).toBe('#n0 = :v0 OR contains(#n0.#n0[1], :v1) OR size(#n1.#n0) >= :v2 OR (#n0 BETWEEN :v3 AND :v4 AND attribute_type(#n0, :v5))');
  });
});

const TABLE: TableKeys = {
  key: { partition: 'pk', sort: 'sk' },
  indexes: [
    { name: 'byStatus', kind: 'GSI', key: { partition: 'status', sort: 'created' } },
    { name: 'byHash', kind: 'GSI', key: { partition: 'h' } },
    { name: 'local', kind: 'LSI', key: { partition: 'pk', sort: 'other' } },
  ],
};
const spec = (extra: Partial<ReadSpec>): ReadSpec => ({ table: 'Orders', ...extra });

describe('planRead', () => {
  it('queries when the partition key value is given', () => {
    const plan = planRead(spec({ partition: { S: 'a' } }), TABLE);
    expect(plan).toEqual({ operation: 'Query', explanation: expect.stringMatching(/^Query on Orders: the partition key pk has a value/), keyNames: TABLE.key });
  });

  it('scans without a partition value, and says why', () => {
    const plan = planRead(spec({ filter: and(cond(['x'], '=', { S: '1' })) }), TABLE);
    expect(plan.operation).toBe('Scan');
    expect(plan.explanation).toMatch(/^This will Scan Orders: no partition key value for pk/);
  });

  it('promotes pk = … at the top of an AND group (or a single condition) to the key condition', () => {
    for (const filter of [and(cond(['x'], 'exists'), cond(['pk'], '=', { S: 'a' })), or(cond(['pk'], '=', { S: 'a' })), and(cond(['pk'], '=', { S: 'a' }))]) {
      const plan = planRead(spec({ filter }), TABLE);
      expect(plan.operation).toBe('Query');
      expect(plan.explanation).toMatch(/the filter's pk = … gives the partition key value/);
    }
  });

  it.each([
    ['an OR group', or(cond(['pk'], '=', { S: 'a' }), cond(['x'], 'exists'))],
    ['a nested group', and(and(cond(['pk'], '=', { S: 'a' }), cond(['x'], 'exists')), cond(['y'], 'exists'))],
    ['a nested path', and(cond(['pk', 'x'], '=', { S: 'a' }))],
    ['another operator', and(cond(['pk'], 'begins_with', { S: 'a' }))],
    ['a non-key type', and(cond(['pk'], '=', { BOOL: true }))],
  ])('does not promote from %s', (_what, filter) => {
    expect(planRead(spec({ filter }), TABLE).operation).toBe('Scan');
  });

  it('turns spec.sort into a filter on a Scan, and says so', () => {
    const plan = planRead(spec({ sort: { op: '>', values: [{ N: '3' }] } }), TABLE);
    expect(plan.operation).toBe('Scan');
    expect(plan.explanation).toMatch(/no partition key value for pk.*The sort key condition on sk is applied as a filter/);
  });

  it('plans against the index key', () => {
    const plan = planRead(spec({ index: 'byStatus', filter: and(cond(['status'], '=', { S: 'open' })) }), TABLE);
    expect(plan).toMatchObject({ operation: 'Query', keyNames: { partition: 'status', sort: 'created' } });
    expect(plan.explanation).toMatch(/^Query on index byStatus of Orders/);
    expect(planRead(spec({ index: 'byStatus' }), TABLE).explanation).toMatch(/^This will Scan index byStatus of Orders: no partition key value for status/);
  });

  it.each([
    ['an unknown index', spec({ index: 'nope' }), /has no index named "nope"/],
    ['a consistent read on a GSI', spec({ index: 'byStatus', partition: { S: 'x' }, consistent: true }), /strongly consistent reads are not supported on global secondary indexes/],
    ['descending on a Scan', spec({ descending: true }), /Descending order needs a Query/],
    ['a sort condition on a key without sort', spec({ index: 'byHash', partition: { S: 'x' }, sort: { op: '=', values: [{ S: 'a' }] } }), /has no sort key/],
    ['a sort condition with too few values', spec({ partition: { S: 'x' }, sort: { op: 'between', values: [{ N: '1' }] } }), /sk between needs 2 values, got 1/],
    ['a non-key partition type', spec({ partition: { BOOL: true } }), /partition key pk must be a string, number or binary/],
    ['a filter on a key attribute of an explicit Query', spec({ partition: { S: 'x' }, filter: and(cond(['sk'], '<>', { N: '1' })) }), /cannot filter on its key attribute sk/],
  ])('refuses %s', (_what, bad, message) => {
    expect(() => planRead(bad, TABLE)).toThrow(message);
    expect(() => planRead(bad, TABLE)).toThrow(expect.objectContaining({ code: 'BAD_QUERY' }));
  });

  it('allows a consistent read on an LSI and on the table', () => {
    expect(planRead(spec({ index: 'local', partition: { S: 'x' }, consistent: true }), TABLE).operation).toBe('Query');
    expect(planRead(spec({ consistent: true }), TABLE).operation).toBe('Scan');
  });

  it('scans rather than promote when the rest of the filter still needs a key attribute', () => {
    const plan = planRead(spec({ filter: and(cond(['pk'], '=', { S: 'a' }), or(cond(['sk'], '=', { N: '1' }), cond(['sk'], '=', { N: '2' }))) }), TABLE);
    expect(plan.operation).toBe('Scan');
    expect(plan.explanation).toMatch(/the filter uses the key attribute sk in a way a Query cannot/);
  });
});

describe('buildRead', () => {
  it('builds a Query with key condition, filter, projection and options', () => {
    const built = buildRead(spec({
      partition: { S: 'a' },
      sort: { op: 'between', values: [{ N: '1' }, { N: '9' }] },
      filter: and(cond(['status'], '=', { S: 'open' }), cond(['name'], 'exists')),
      projection: [['status'], ['address', 'lines', 0]],
      descending: true,
      consistent: true,
      pageSize: 25,
    }), TABLE);
    expect(built.operation).toBe('Query');
    expect(built.input).toEqual({
      TableName: 'Orders',
      KeyConditionExpression: '#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2',
      FilterExpression: '#n2 = :v3 AND attribute_exists(#n3)',
      ProjectionExpression: '#n2, #n4.#n5[0]',
      ExpressionAttributeNames: { '#n0': 'pk', '#n1': 'sk', '#n2': 'status', '#n3': 'name', '#n4': 'address', '#n5': 'lines' },
      ExpressionAttributeValues: { ':v0': { S: 'a' }, ':v1': { N: '1' }, ':v2': { N: '9' }, ':v3': { S: 'open' } },
      ScanIndexForward: false,
      ConsistentRead: true,
      Limit: 25,
      ReturnConsumedCapacity: 'TOTAL',
    });
  });

  it('removes the promoted key conditions from the filter', () => {
    const built = buildRead(spec({
      index: 'byStatus',
      filter: and(cond(['x'], '>', { N: '1' }), cond(['created'], 'begins_with', { S: '2024' }), cond(['status'], '=', { S: 'open' })),
    }), TABLE);
    expect(built.operation).toBe('Query');
    expect(built.input).toEqual({
      TableName: 'Orders',
      IndexName: 'byStatus',
      KeyConditionExpression: '#n0 = :v0 AND begins_with(#n1, :v1)',
      FilterExpression: '#n2 > :v2',
      ExpressionAttributeNames: { '#n0': 'status', '#n1': 'created', '#n2': 'x' },
      ExpressionAttributeValues: { ':v0': { S: 'open' }, ':v1': { S: '2024' }, ':v2': { N: '1' } },
      ReturnConsumedCapacity: 'TOTAL',
    });
    expect(built.plan.explanation).toMatch(/its condition on created is the sort key condition/);
  });

  it('keeps a sort-key condition the key cannot take in the filter of a Scan', () => {
    const built = buildRead(spec({ filter: and(cond(['pk'], '=', { S: 'a' }), cond(['sk'], '<>', { N: '1' })) }), TABLE);
    expect(built.operation).toBe('Scan');
    expect(built.input.FilterExpression).toBe('#n0 = :v0 AND #n1 <> :v1');
  });

  it('prefers spec.sort over a sort condition in the filter, which then makes it a Scan', () => {
    const built = buildRead(spec({ partition: { S: 'a' }, sort: { op: '>', values: [{ N: '1' }] }, filter: and(cond(['x'], 'exists')) }), TABLE);
    expect(built.input).toMatchObject({ KeyConditionExpression: '#n0 = :v0 AND #n1 > :v1', FilterExpression: 'attribute_exists(#n2)' });
  });

  it('builds a bare Scan and a Scan with the sort condition as filter', () => {
    expect(buildRead(spec({}), TABLE)).toEqual({
      plan: expect.objectContaining({ operation: 'Scan' }),
      operation: 'Scan',
      input: { TableName: 'Orders', ReturnConsumedCapacity: 'TOTAL' },
    });
    const built = buildRead(spec({ sort: { op: '<=', values: [{ N: '3' }] }, filter: or(cond(['a'], 'exists'), cond(['b'], 'exists')) }), TABLE);
    expect(built.input).toMatchObject({ FilterExpression: '#n0 <= :v0 AND (attribute_exists(#n1) OR attribute_exists(#n2))' });
    expect(built.input).not.toHaveProperty('KeyConditionExpression');
    expect(built.input).not.toHaveProperty('ScanIndexForward');
  });

  it('leaves out a filter made only of promoted conditions', () => {
    const built = buildRead(spec({ filter: and(cond(['pk'], '=', { N: '7' }), cond(['sk'], '>=', { N: '2' })), descending: true }), TABLE);
    expect(built.input).toEqual({
      TableName: 'Orders',
      KeyConditionExpression: '#n0 = :v0 AND #n1 >= :v1',
      ExpressionAttributeNames: { '#n0': 'pk', '#n1': 'sk' },
      ExpressionAttributeValues: { ':v0': { N: '7' }, ':v1': { N: '2' } },
      ScanIndexForward: false,
      ReturnConsumedCapacity: 'TOTAL',
    });
  });
});

describe('conditional writes', () => {
  const keys = { partition: 'pk', sort: 'sk' };
  const original: Item = {
    pk: { S: 'a' }, sk: { N: '1' }, status: { S: 'open' }, count: { N: '1.0' }, tags: { SS: ['x', 'y'] },
    doc: { M: { a: { L: [{ N: '1' }] } } }, gone: { BOOL: true },
  };

  it('writes only the diff, conditioned on every original attribute', () => {
    const updated: Item = { ...original, status: { S: 'closed' }, count: { N: '1' }, tags: { SS: ['y', 'x'] }, added: { NULL: true } };
    delete updated.gone;
    const input = buildUpdate('Orders', keys, original, updated)!;
    expect(input).toEqual({
      TableName: 'Orders',
      Key: { pk: { S: 'a' }, sk: { N: '1' } },
      UpdateExpression: 'SET #n0 = :v0, #n1 = :v1 REMOVE #n2',
      ConditionExpression: '#n3 = :v2 AND #n4 = :v3 AND #n0 = :v4 AND #n5 = :v5 AND #n6 = :v6 AND #n7 = :v7 AND #n2 = :v8',
      ExpressionAttributeNames: { '#n0': 'status', '#n1': 'added', '#n2': 'gone', '#n3': 'pk', '#n4': 'sk', '#n5': 'count', '#n6': 'tags', '#n7': 'doc' },
      ExpressionAttributeValues: {
        ':v0': { S: 'closed' }, ':v1': { NULL: true },
        ':v2': { S: 'a' }, ':v3': { N: '1' }, ':v4': { S: 'open' }, ':v5': { N: '1.0' }, ':v6': { SS: ['x', 'y'] },
        // Lists and maps are compared whole with "=": DynamoDB compares them deeply (dynalite does not, see the integration test).
        ':v7': { M: { a: { L: [{ N: '1' }] } } }, ':v8': { BOOL: true },
      },
      ReturnValues: 'ALL_NEW',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  it('returns undefined when nothing changed (numbers by value, sets by members)', () => {
    expect(buildUpdate('Orders', keys, original, { ...original, count: { N: '1' }, tags: { SS: ['y', 'x'] } })).toBeUndefined();
  });

  it('refuses a changed key: that is a different item', () => {
    const call = () => buildUpdate('Orders', keys, original, { ...original, sk: { N: '2' } });
    expect(call).toThrow(/key attribute sk changed/);
    expect(call).toThrow(expect.objectContaining({ code: 'KEY_CHANGED' }));
    expect(buildUpdate('Orders', keys, original, { ...original, sk: { N: '1.00' }, status: { S: 'z' } })?.Key).toEqual({ pk: { S: 'a' }, sk: { N: '1' } });
    expect(() => buildUpdate('Orders', keys, original, { pk: { S: 'a' } })).toThrow(/no value for its key attribute "sk"/);
  });

  it('builds the expected-item condition alone', () => {
    expect(buildExpectedCondition({ pk: { S: 'a' }, 'a.b': { B: 'AQ==' } })).toEqual({
      ConditionExpression: '#n0 = :v0 AND #n1 = :v1',
      ExpressionAttributeNames: { '#n0': 'pk', '#n1': 'a.b' },
      ExpressionAttributeValues: { ':v0': { S: 'a' }, ':v1': { B: new Uint8Array([1]) } },
    });
    expect(() => buildExpectedCondition({})).toThrow(/no attributes/);
  });

  it('creates only when no item has the key', () => {
    expect(buildCreate('Orders', keys, { pk: { S: 'a' }, sk: { N: '1' }, x: { L: [] } })).toEqual({
      TableName: 'Orders',
      Item: { pk: { S: 'a' }, sk: { N: '1' }, x: { L: [] } },
      ConditionExpression: 'attribute_not_exists(#n0)',
      ExpressionAttributeNames: { '#n0': 'pk' },
    });
    expect(() => buildCreate('Orders', keys, { pk: { S: 'a' } })).toThrow(expect.objectContaining({ code: 'BAD_ITEM' }));
  });
});
