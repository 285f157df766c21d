import {
  ConditionalCheckFailedException, CreateTableCommand, DeleteItemCommand, GetItemCommand, PutItemCommand,
  QueryCommand, ScanCommand, UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { AttributeValue , DynamoDBClient} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttrPath, AttrValue, Condition, ConditionGroup, Item, ReadSpec } from '../../preload/dynamodb';
import { FILTER_OPS, SORT_KEY_OPS } from '../../preload/dynamodb';
import { buildCreate, buildExpectedCondition, buildRead, buildUpdate } from '../../main/core/dynamodb/expression';
import type { TableKeys } from '../../main/core/dynamodb/expression';
import { itemFromSdk, itemToSdk } from '../../main/core/dynamodb/wire';
import { directClient, startDynalite } from '../fixtures/dynalite';
import type { DynaliteHandle } from '../fixtures/dynalite';

/**
 * Every filter and sort-key operator, built by the expression builders and run by dynalite. The
 * expected keys come from a small evaluator of DynamoDB's documented semantics written here, not
 * from the builders.
 *
 * dynalite is patched (patches/dynalite+4.0.0.patch) where it differed from DynamoDB: `=` on lists
 * and maps compares deeply, size() of a string counts UTF-8 bytes ('' has size 0), and
 * attribute_type(v, 'BOOL') matches { BOOL: false }. One gap remains: dynalite orders strings by
 * UTF-16 code unit, DynamoDB by UTF-8 byte, so all strings compared here are ASCII.
 */

const TABLE = 'Operators';
const BIG = '12345678901234567890123456789012345678';
const KEYS: TableKeys = {
  key: { partition: 'pk', sort: 'sk' },
  indexes: [{ name: 'byGroup', kind: 'GSI', key: { partition: 'gpk', sort: 'gsk' } }],
};

const b64 = (bytes: number[]): string => Buffer.from(bytes).toString('base64');
const SKS = ['-3', '-0.5', '0', '1', '2', '2.5', '10', '11', '100', BIG];
/** `v` takes every type in turn (and is missing on every 11th item). */
const V: ((i: number) => AttrValue | undefined)[] = [
  (i) => ({ S: ['apple', 'banana', 'apricot', 'cherry'][i % 4]! }),
  (i) => ({ N: String(i % 5) }),
  (i) => ({ B: b64([i % 3, 7]) }),
  (i) => ({ BOOL: i % 2 === 0 }),
  () => ({ NULL: true }),
  (i) => ({ SS: i % 2 ? ['apple', 'kiwi'] : ['banana'] }),
  (i) => ({ NS: i % 2 ? ['3', '4'] : ['1', '2.5'] }),
  (i) => ({ BS: [b64([1]), b64([2, i % 3])] }),
  (i) => ({ L: [{ S: 'apple' }, { N: String(i % 3) }] }),
  (i) => ({ M: { k: { S: 'apple' }, n: { N: String(i) } } }),
  () => undefined,
];
/** `sz` is on every item, with a size: strings, binary, sets, lists and maps of 1-5. */
const SZ: ((n: number) => AttrValue)[] = [
  (n) => ({ S: 'x'.repeat(n) }),
  (n) => ({ B: b64(Array.from({ length: n }, (_, k) => k)) }),
  (n) => ({ SS: Array.from({ length: n }, (_, k) => `s${k}`) }),
  (n) => ({ NS: Array.from({ length: n }, (_, k) => String(k)) }),
  (n) => ({ L: Array.from({ length: n }, () => ({ NULL: true as const })) }),
  (n) => ({ M: Object.fromEntries(Array.from({ length: n }, (_, k) => [`k${k}`, { N: '1' }])) }),
];

function makeItem(i: number): Item {
  const item: Item = {
    pk: { S: `p${i % 3}` },
    sk: { N: SKS[Math.floor(i / 3)]! },
    'a.b': { N: String(i * 1.5) },
    name: { S: `item ${String(i).padStart(2, '0')}` },
    big: { N: i === 29 ? `-${BIG}` : i === 28 ? `0.${BIG}` : (BigInt(BIG) + BigInt(i % 10) - 5n).toString() },
    bin: { B: b64([i % 4, i]) },
    sz: SZ[i % SZ.length]!((i % 5) + 1),
  };
  const v = V[i % V.length]!(i);
  if (v) item.v = v;
  const status = ['open', 'closed', 'pending', undefined][i % 4];
  if (status) item.status = { S: status };
  if (i % 3 !== 2) {
    item.nested = { M: { 'in ner': { L: [{ S: i % 2 ? 'y' : 'x' }, { N: String(i) }] }, ...(i % 2 ? { 'x y': { S: 'odd' } } : {}) } };
  }
  if (i % 3 === 0) item.bs = { BS: [b64([1]), b64([i + 2])] };
  if (i % 4 !== 3) {
    item.gpk = { S: `g${i % 2}` };
    item.gsk = { S: `${['a', 'b', 'c'][i % 3]}#${String(i).padStart(2, '0')}` };
  }
  return item;
}
const ITEMS = Array.from({ length: 30 }, (_, i) => makeItem(i));

// ---- DynamoDB's semantics, written independently of the builders ----

function child(value: AttrValue, part: string | number): AttrValue | undefined {
  if (typeof part === 'number') return 'L' in value ? value.L[part] : undefined;
  return 'M' in value ? value.M[part] : undefined;
}

function resolve(item: Item, path: AttrPath): AttrValue | undefined {
  let current: AttrValue | undefined = { M: item };
  for (const part of path) current = current === undefined ? undefined : child(current, part);
  return current;
}

/** Exact decimal comparison by scaling both to integers (the data here has no exponents). */
function compareDecimal(a: string, b: string): number {
  const parse = (s: string): [bigint, number] => {
    const [int = '', frac = ''] = s.replace('-', '').split('.');
    return [BigInt(`${s.startsWith('-') ? '-' : ''}${int || '0'}${frac}`), frac.length];
  };
  const [x, xs] = parse(a);
  const [y, ys] = parse(b);
  const scale = Math.max(xs, ys);
  const xx = x * 10n ** BigInt(scale - xs);
  const yy = y * 10n ** BigInt(scale - ys);
  return xx < yy ? -1 : xx > yy ? 1 : 0;
}

const typeName = (v: AttrValue): string => Object.keys(v)[0]!;

function equal(a: AttrValue, b: AttrValue): boolean {
  if (typeName(a) !== typeName(b)) return false;
  if ('N' in a && 'N' in b) return compareDecimal(a.N, b.N) === 0;
  if ('B' in a && 'B' in b) return Buffer.from(a.B, 'base64').equals(Buffer.from(b.B, 'base64'));
  if ('NS' in a && 'NS' in b) return a.NS.length === b.NS.length && a.NS.every((x) => b.NS.some((y) => compareDecimal(x, y) === 0));
  if ('SS' in a && 'SS' in b) return a.SS.length === b.SS.length && a.SS.every((x) => b.SS.includes(x));
  if ('BS' in a && 'BS' in b) return a.BS.length === b.BS.length && a.BS.every((x) => b.BS.includes(x));
  if ('L' in a && 'L' in b) return a.L.length === b.L.length && a.L.every((x, k) => equal(x, b.L[k]!));
  if ('M' in a && 'M' in b) {
    const keys = Object.keys(a.M);
    return keys.length === Object.keys(b.M).length && keys.every((k) => b.M[k] !== undefined && equal(a.M[k]!, b.M[k]!));
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Order of two scalars of the same ordered type (strings by UTF-8 bytes, binary by bytes). */
function order(a: AttrValue, b: AttrValue): number | undefined {
  if ('N' in a && 'N' in b) return compareDecimal(a.N, b.N);
  if ('S' in a && 'S' in b) return Buffer.compare(Buffer.from(a.S), Buffer.from(b.S));
  if ('B' in a && 'B' in b) return Buffer.compare(Buffer.from(a.B, 'base64'), Buffer.from(b.B, 'base64'));
  return undefined;
}

function compare(op: string, a: AttrValue | undefined, b: AttrValue): boolean {
  // A missing attribute equals nothing, so "<>" holds for it (as in DynamoDB and dynalite).
  if (op === '=') return a !== undefined && equal(a, b);
  if (op === '<>') return a === undefined || !equal(a, b);
  const o = a === undefined ? undefined : order(a, b);
  if (o === undefined) return false;
  return op === '<' ? o < 0 : op === '<=' ? o <= 0 : op === '>' ? o > 0 : o >= 0;
}

function contains(a: AttrValue | undefined, x: AttrValue): boolean {
  if (a === undefined) return false;
  if ('S' in a) return 'S' in x && a.S.includes(x.S);
  if ('SS' in a) return 'S' in x && a.SS.includes(x.S);
  if ('NS' in a) return 'N' in x && a.NS.some((n) => compareDecimal(n, x.N) === 0);
  if ('BS' in a) return 'B' in x && a.BS.some((b) => equal({ B: b }, x));
  if ('L' in a) return a.L.some((e) => equal(e, x));
  return false;
}

function size(a: AttrValue | undefined): AttrValue | undefined {
  if (a === undefined) return undefined;
  if ('S' in a) return { N: String(Buffer.byteLength(a.S)) };
  if ('B' in a) return { N: String(Buffer.from(a.B, 'base64').length) };
  if ('SS' in a) return { N: String(a.SS.length) };
  if ('NS' in a) return { N: String(a.NS.length) };
  if ('BS' in a) return { N: String(a.BS.length) };
  if ('L' in a) return { N: String(a.L.length) };
  if ('M' in a) return { N: String(Object.keys(a.M).length) };
  return undefined;
}

function holds(item: Item, c: Condition): boolean {
  const a = resolve(item, c.path);
  const [x, y] = c.values;
  switch (c.op) {
    case 'exists': return a !== undefined;
    case 'not_exists': return a === undefined;
    case 'between': return compare('>=', a, x!) && compare('<=', a, y!);
    case 'contains': return contains(a, x!);
    case 'not_contains': return !contains(a, x!);
    case 'begins_with':
      if (a !== undefined && 'S' in a && 'S' in x!) return a.S.startsWith(x.S);
      if (a !== undefined && 'B' in a && 'B' in x!) return Buffer.from(a.B, 'base64').subarray(0, Buffer.from(x.B, 'base64').length).equals(Buffer.from(x.B, 'base64'));
      return false;
    case 'attribute_type': return a !== undefined && 'S' in x! && typeName(a) === x.S;
    default:
      if (c.op.startsWith('size')) {
        const s = size(a);
        return s !== undefined && compare(c.op.slice(4), s, x!);
      }
      return compare(c.op, a, x!);
  }
}

function matches(item: Item, node: Condition | ConditionGroup): boolean {
  if (node.kind === 'condition') return holds(item, node);
  if (node.items.length === 0) return true;
  return node.join === 'AND' ? node.items.every((n) => matches(item, n)) : node.items.some((n) => matches(item, n));
}

/** The keys a read should return, straight from the semantics above. */
function expectedKeys(spec: ReadSpec): string[] {
  const index = KEYS.indexes.find((i) => i.name === spec.index);
  const key = index?.key ?? KEYS.key;
  return ITEMS.filter((item) => {
    // An index holds only the items that have its key attributes.
    if (index && (item[key.partition] === undefined || item[key.sort!] === undefined)) return false;
    if (spec.partition && !equal(item[key.partition]!, spec.partition)) return false;
    if (spec.sort && !holds(item, { kind: 'condition', path: [key.sort!], op: spec.sort.op, values: spec.sort.values })) return false;
    return spec.filter === undefined || matches(item, spec.filter);
  }).map(keyString).sort();
}

const keyString = (item: Item): string => `${(item.pk as { S: string }).S}|${(item.sk as { N: string }).N}`;

// ---- the table ----

let db: DynaliteHandle;
let client: DynamoDBClient;

beforeAll(async () => {
  db = await startDynalite();
  client = directClient(db);
  await client.send(new CreateTableCommand({
    TableName: TABLE,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' },
      { AttributeName: 'gpk', AttributeType: 'S' }, { AttributeName: 'gsk', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [{
      IndexName: 'byGroup',
      KeySchema: [{ AttributeName: 'gpk', KeyType: 'HASH' }, { AttributeName: 'gsk', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'ALL' },
    }],
  }));
  for (const item of ITEMS) await client.send(new PutItemCommand({ TableName: TABLE, Item: itemToSdk(item) }));
});

afterAll(async () => {
  client?.destroy();
  await db?.stop();
});

/** Runs the built read to the end, page by page; returns the items in the order they came. */
async function read(spec: ReadSpec): Promise<{ operation: string; items: Item[] }> {
  const built = buildRead(spec, KEYS);
  const items: Item[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = built.operation === 'Query'
      ? await client.send(new QueryCommand({ ...built.input, ExclusiveStartKey: start }))
      : await client.send(new ScanCommand({ ...built.input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map(itemFromSdk));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return { operation: built.operation, items };
}

const cond = (path: AttrPath, op: Condition['op'], ...values: AttrValue[]): Condition => ({ kind: 'condition', path, op, values });
const and = (...items: (Condition | ConditionGroup)[]): ConditionGroup => ({ kind: 'group', join: 'AND', items });
const or = (...items: (Condition | ConditionGroup)[]): ConditionGroup => ({ kind: 'group', join: 'OR', items });
const filter = (...items: (Condition | ConditionGroup)[]): ReadSpec => ({ table: TABLE, filter: and(...items) });

const FILTER_CASES: [string, ReadSpec][] = [
  ['= on a string', filter(cond(['v'], '=', { S: 'apple' }))],
  ['= on a number, by value', filter(cond(['v'], '=', { N: '3.0' }))],
  ['= on binary', filter(cond(['v'], '=', { B: b64([1, 7]) }))],
  ['= on a bool', filter(cond(['v'], '=', { BOOL: true }))],
  ['= on a list, deeply and in order', filter(cond(['v'], '=', { L: [{ S: 'apple' }, { N: '1' }] }))],
  ['= on a map, deeply', filter(cond(['v'], '=', { M: { n: { N: '20' }, k: { S: 'apple' } } }))],
  ['= on null', filter(cond(['v'], '=', { NULL: true }))],
  ['= on a string set, in another order', filter(cond(['v'], '=', { SS: ['kiwi', 'apple'] }))],
  ['= on a number set', filter(cond(['v'], '=', { NS: ['2.50', '1'] }))],
  ['= on a binary set', filter(cond(['v'], '=', { BS: [b64([2, 1]), b64([1])] }))],
  ['= on a reserved word', filter(cond(['status'], '=', { S: 'open' }))],
  ['= on a dotted name', filter(cond(['a.b'], '=', { N: '4.5' }))],
  ['= in a list inside a map', filter(cond(['nested', 'in ner', 0], '=', { S: 'y' }))],
  ['= on a 38-digit number', filter(cond(['big'], '=', { N: BIG }))],
  ['= on a 38-digit sort key', filter(cond(['sk'], '=', { N: BIG }))],
  ['<> on a string (missing counts)', filter(cond(['status'], '<>', { S: 'open' }))],
  ['<> on mixed types', filter(cond(['v'], '<>', { N: '3' }))],
  ['< on mixed types', filter(cond(['v'], '<', { N: '3' }))],
  ['<= on 38 digits', filter(cond(['big'], '<=', { N: '12345678901234567890123456789012345676' }))],
  ['> on 38 digits', filter(cond(['big'], '>', { N: '12345678901234567890123456789012345676' }))],
  ['>= on a string', filter(cond(['status'], '>=', { S: 'open' }))],
  ['< on binary', filter(cond(['bin'], '<', { B: b64([2]) }))],
  ['> on a nested number', filter(cond(['nested', 'in ner', 1], '>', { N: '20' }))],
  ['< on the sort key of a Scan', filter(cond(['sk'], '<', { N: '1' }))],
  ['between numbers', filter(cond(['big'], 'between', { N: '12345678901234567890123456789012345675' }, { N: BIG }))],
  ['between strings', filter(cond(['status'], 'between', { S: 'closed' }, { S: 'open' }))],
  ['between binaries', filter(cond(['bin'], 'between', { B: b64([1]) }, { B: b64([2, 255]) }))],
  ['between a tiny and a huge number', filter(cond(['big'], 'between', { N: '-1' }, { N: '1' }))],
  ['exists', filter(cond(['status'], 'exists'))],
  ['exists, nested', filter(cond(['nested', 'x y'], 'exists'))],
  ['not_exists', filter(cond(['v'], 'not_exists'))],
  ['not_exists, in a list', filter(cond(['nested', 'in ner', 2], 'not_exists'))],
  ['contains a substring, a set member or a list element', filter(cond(['v'], 'contains', { S: 'apple' }))],
  ['contains a substring', filter(cond(['v'], 'contains', { S: 'an' }))],
  ['contains a number', filter(cond(['v'], 'contains', { N: '2.5' }))],
  ['contains a binary set member', filter(cond(['bs'], 'contains', { B: b64([5]) }))],
  ['not_contains (missing counts)', filter(cond(['v'], 'not_contains', { S: 'apple' }))],
  ['not_contains a number', filter(cond(['v'], 'not_contains', { N: '3' }))],
  ['begins_with a string', filter(cond(['v'], 'begins_with', { S: 'ap' }))],
  ['begins_with binary', filter(cond(['bin'], 'begins_with', { B: b64([2]) }))],
  ['begins_with on a dotted, reserved name', filter(cond(['name'], 'begins_with', { S: 'item 1' }))],
  ...(['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M'].map((t): [string, ReadSpec] =>
    [`attribute_type ${t}`, filter(cond(['v'], 'attribute_type', { S: t }))])),
  ['size=', filter(cond(['sz'], 'size=', { N: '3' }))],
  ['size<>', filter(cond(['sz'], 'size<>', { N: '3' }))],
  ['size<', filter(cond(['sz'], 'size<', { N: '3' }))],
  ['size<=', filter(cond(['sz'], 'size<=', { N: '3' }))],
  ['size>', filter(cond(['sz'], 'size>', { N: '3' }))],
  ['size>=', filter(cond(['sz'], 'size>=', { N: '3' }))],
  ['size of a nested list', filter(cond(['nested', 'in ner'], 'size=', { N: '2' }))],
  ['an OR of ANDs', { table: TABLE, filter: or(and(cond(['status'], '=', { S: 'open' }), cond(['v'], 'exists')), cond(['a.b'], '>', { N: '40' })) }],
  ['an AND with an OR inside', filter(cond(['nested'], 'exists'), or(cond(['v'], 'attribute_type', { S: 'S' }), cond(['v'], 'attribute_type', { S: 'N' })))],
  ['an OR on the GSI', { table: TABLE, index: 'byGroup', filter: or(cond(['status'], '=', { S: 'closed' }), cond(['gsk'], 'begins_with', { S: 'c' })) }],
];

describe('every filter operator against dynalite', () => {
  it('covers every FILTER_OP', () => {
    const ops = new Set<string>();
    const walk = (n: Condition | ConditionGroup): void => { if (n.kind === 'condition') ops.add(n.op); else n.items.forEach(walk); };
    for (const [, spec] of FILTER_CASES) if (spec.filter) walk(spec.filter);
    expect(ops).toEqual(new Set(FILTER_OPS));
  });

  it.each(FILTER_CASES)('%s', async (label, spec) => {
    const want = expectedKeys(spec);
    const { operation, items } = await read(spec);
    expect(operation).toBe('Scan');
    expect(items.map(keyString).sort()).toEqual(want);
  });

  it('the cases are not vacuous: most select some items but not all', () => {
    const sizes = FILTER_CASES.map(([, spec]) => expectedKeys(spec).length);
    expect(sizes.filter((n) => n > 0 && n < ITEMS.length).length).toBeGreaterThan(FILTER_CASES.length * 0.85);
  });
});

const SORT_CASES: [string, ReadSpec][] = [
  ...(['=', '<', '<=', '>', '>='] as const).map((op): [string, ReadSpec] =>
    [`table, sk ${op}`, { table: TABLE, partition: { S: 'p0' }, sort: { op, values: [{ N: '2' }] } }]),
  ['table, sk between', { table: TABLE, partition: { S: 'p1' }, sort: { op: 'between', values: [{ N: '-0.5' }, { N: '10' }] } }],
  ['table, sk = a 38-digit number', { table: TABLE, partition: { S: 'p2' }, sort: { op: '=', values: [{ N: BIG }] } }],
  ['table, sk > with a filter', { table: TABLE, partition: { S: 'p0' }, sort: { op: '>', values: [{ N: '-1' }] }, filter: and(cond(['status'], 'exists')) }],
  ...(['=', '<', '<=', '>', '>='] as const).map((op): [string, ReadSpec] =>
    [`GSI, gsk ${op}`, { table: TABLE, index: 'byGroup', partition: { S: 'g0' }, sort: { op, values: [{ S: 'b#10' }] } }]),
  ['GSI, gsk between', { table: TABLE, index: 'byGroup', partition: { S: 'g1' }, sort: { op: 'between', values: [{ S: 'a' }, { S: 'b#99' }] } }],
  ['GSI, gsk begins_with', { table: TABLE, index: 'byGroup', partition: { S: 'g1' }, sort: { op: 'begins_with', values: [{ S: 'c#' }] } }],
  ['promoted from the filter', filter(cond(['status'], '<>', { S: 'pending' }), cond(['sk'], 'between', { N: '0' }, { N: '11' }), cond(['pk'], '=', { S: 'p2' }))],
  ['promoted on the GSI', { table: TABLE, index: 'byGroup', filter: and(cond(['gsk'], 'begins_with', { S: 'a' }), cond(['gpk'], '=', { S: 'g0' })) }],
  ['paged in fours', { table: TABLE, partition: { S: 'p1' }, pageSize: 4 }],
];

describe('every sort-key operator against dynalite', () => {
  it('covers every SORT_KEY_OP', () => {
    expect(new Set(SORT_CASES.flatMap(([, s]) => (s.sort ? [s.sort.op] : [])))).toEqual(new Set(SORT_KEY_OPS));
  });

  it.each(SORT_CASES)('%s', async (_label, spec) => {
    const want = expectedKeys(spec);
    const { operation, items } = await read(spec);
    expect(operation).toBe('Query');
    expect(items.map(keyString).sort()).toEqual(want);
    expect(want.length).toBeGreaterThan(0);
  });

  it('reads in descending sort key order, numerically', async () => {
    const { items } = await read({ table: TABLE, partition: { S: 'p0' }, descending: true, consistent: true });
    const sks = items.map((item) => (item.sk as { N: string }).N);
    expect(sks).toEqual([...SKS].sort(compareDecimal).reverse());
  });

  it('falls back to a Scan, with the right items, when the filter needs a key attribute a Query cannot filter on', async () => {
    const spec = filter(cond(['pk'], '=', { S: 'p1' }), or(cond(['sk'], '=', { N: '1' }), cond(['sk'], '=', { N: '100' })));
    const { operation, items } = await read(spec);
    expect(operation).toBe('Scan');
    expect(items.map(keyString).sort()).toEqual(['p1|1', 'p1|100']);
    expect(expectedKeys(spec)).toEqual(['p1|1', 'p1|100']);
  });
});

describe('conditional writes against dynalite', () => {
  const keys = { partition: 'pk', sort: 'sk' };
  // No lists or maps: dynalite never finds them equal to anything (see the top of this file).
  const original: Item = {
    pk: { S: 'w' }, sk: { N: '1' }, status: { S: 'open' }, count: { N: BIG }, tags: { SS: ['a', 'b'] },
    nums: { NS: ['1', '2.5'] }, blob: { B: b64([0, 1, 2]) }, flag: { BOOL: false }, gone: { NULL: true },
  };
  const get = async (key: Item) => {
    const out = await client.send(new GetItemCommand({ TableName: TABLE, Key: itemToSdk(key), ConsistentRead: true }));
    return out.Item ? itemFromSdk(out.Item) : undefined;
  };

  it('creates once, then refuses to overwrite', async () => {
    await client.send(new PutItemCommand(buildCreate(TABLE, keys, original)));
    await expect(client.send(new PutItemCommand(buildCreate(TABLE, keys, original)))).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    expect(await get({ pk: { S: 'w' }, sk: { N: '1' } })).toEqual(original);
  });

  it('a 38-digit number round-trips exactly', async () => {
    const stored = await get({ pk: { S: 'w' }, sk: { N: '1' } });
    expect(stored!.count).toEqual({ N: BIG });
    const ninety = { pk: { S: 'w' }, sk: { N: BIG }, n: { N: '-0.00000000000000000000000000000000000012345678901234567890123456789012345678' } };
    await client.send(new PutItemCommand({ TableName: TABLE, Item: itemToSdk(ninety) }));
    expect(await get({ pk: { S: 'w' }, sk: { N: BIG } })).toEqual(ninety);
  });

  it('writes the diff, then reports a conflict when the item changed meanwhile', async () => {
    const updated: Item = { ...original, status: { S: 'closed' }, tags: { SS: ['b', 'a'] }, added: { BS: [b64([9])] } };
    delete updated.gone;
    const input = buildUpdate(TABLE, keys, original, updated)!;
    const out = await client.send(new UpdateItemCommand(input));
    expect(itemFromSdk(out.Attributes!)).toEqual({ ...updated, tags: { SS: ['a', 'b'] } });
    expect(await get({ pk: { S: 'w' }, sk: { N: '1' } })).toEqual({ ...updated, tags: { SS: ['a', 'b'] } });

    // Someone else edits the item; our save, still based on `original`, must not land.
    await client.send(new PutItemCommand({ TableName: TABLE, Item: itemToSdk({ ...original, status: { S: 'theirs' } }) }));
    await expect(client.send(new UpdateItemCommand(input))).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    expect((await get({ pk: { S: 'w' }, sk: { N: '1' } }))!.status).toEqual({ S: 'theirs' });
  });

  it('matches numbers and sets by value, not by spelling or order', async () => {
    await client.send(new PutItemCommand({ TableName: TABLE, Item: itemToSdk(original) }));
    const respelled: Item = { ...original, sk: { N: '1.0' }, nums: { NS: ['2.50', '1'] }, tags: { SS: ['b', 'a'] } };
    const input = buildUpdate(TABLE, keys, respelled, { ...respelled, flag: { BOOL: true } })!;
    const out = await client.send(new UpdateItemCommand(input));
    expect(itemFromSdk(out.Attributes!).flag).toEqual({ BOOL: true });
  });

  it('deletes only the item as it was loaded', async () => {
    await client.send(new PutItemCommand({ TableName: TABLE, Item: itemToSdk(original) }));
    const key = itemToSdk({ pk: { S: 'w' }, sk: { N: '1' } });
    const stale = { ...original, status: { S: 'old' } };
    await expect(client.send(new DeleteItemCommand({ TableName: TABLE, Key: key, ...buildExpectedCondition(stale) })))
      .rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await client.send(new DeleteItemCommand({ TableName: TABLE, Key: key, ...buildExpectedCondition(original) }));
    expect(await get({ pk: { S: 'w' }, sk: { N: '1' } })).toBeUndefined();
    // And an update of a deleted item is a conflict, not a re-creation.
    const input = buildUpdate(TABLE, keys, original, { ...original, status: { S: 'again' } })!;
    await expect(client.send(new UpdateItemCommand(input))).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    expect(await get({ pk: { S: 'w' }, sk: { N: '1' } })).toBeUndefined();
  });
});
