/**
 * The table browser's service end to end: the real CoreHost, its endpoint proxy (verify, re-sign
 * with the assumed role's session, audit) and the strict AWS fixture in front of dynalite.
 */
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import type { BatchWriteItemCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttrValue, Condition, Item, ReadSpec } from '../../preload/dynamodb';
import { FILTER_OPS } from '../../preload/dynamodb';
import { sourceKey } from '../../main/core/credentials/source';
import { deleteItems } from '../../main/core/dynamodb/items';
import type { DynamoService } from '../../main/core/dynamodb/service';
import { CoreHost } from '../../main/core/host';
import { isAirlockError } from '../../main/core/errors';
import { ROLE_ARNS, startAwsFixture } from '../fixtures/aws-fixture';
import type { AwsFixture } from '../fixtures/aws-fixture';
import { TestHome } from './harness';

let fx: AwsFixture;
let home: TestHome;
let host: CoreHost;
let svc: DynamoService;
const where = { app: 'dev' };
const TABLE = 'browser-ops';

const S = (s: string): AttrValue => ({ S: s });
const N = (n: string): AttrValue => ({ N: n });
const num = (v: AttrValue | undefined): string => (v as { N: string }).N;

/** Thirty items with every type; the expectations below are computed from this list, not by the service. */
function opsItem(i: number): Item {
  const item: Item = {
    pk: S('P'),
    sk: N(String(i)),
    name: S(`item-${String(i).padStart(2, '0')}`),
    n: N(String(i * 10)),
    tags: { SS: i % 2 ? ['odd', `t${i % 3}`] : ['even', `t${i % 3}`] },
    nested: { M: { level: { M: { deep: N(String(i % 5)) } }, list: { L: [S(`x${i}`), N(String(i))] } } },
    flag: { BOOL: i % 3 === 0 },
  };
  if (i % 4 === 0) item.maybe = { NULL: true };
  if (i % 5 === 0) item.blob = { B: Buffer.from([i, 1, 2]).toString('base64') };
  return item;
}
const ITEMS = Array.from({ length: 30 }, (_, i) => opsItem(i + 1));

const cond = (path: (string | number)[], op: Condition['op'], ...values: AttrValue[]): Condition => ({ kind: 'condition', path, op, values });

/** Every filter operator, with what it must match, computed independently in plain JS. */
const OP_CASES: { op: Condition['op']; c: Condition; expect: (it: Item) => boolean }[] = [
  { op: '=', c: cond(['n'], '=', N('50')), expect: (x) => num(x.n) === '50' },
  { op: '<>', c: cond(['n'], '<>', N('50')), expect: (x) => num(x.n) !== '50' },
  { op: '<', c: cond(['n'], '<', N('50')), expect: (x) => Number(num(x.n)) < 50 },
  { op: '<=', c: cond(['n'], '<=', N('50')), expect: (x) => Number(num(x.n)) <= 50 },
  { op: '>', c: cond(['n'], '>', N('250')), expect: (x) => Number(num(x.n)) > 250 },
  { op: '>=', c: cond(['n'], '>=', N('250')), expect: (x) => Number(num(x.n)) >= 250 },
  { op: 'between', c: cond(['n'], 'between', N('100'), N('150')), expect: (x) => Number(num(x.n)) >= 100 && Number(num(x.n)) <= 150 },
  { op: 'exists', c: cond(['maybe'], 'exists'), expect: (x) => 'maybe' in x },
  { op: 'not_exists', c: cond(['blob'], 'not_exists'), expect: (x) => !('blob' in x) },
  { op: 'contains', c: cond(['tags'], 'contains', S('odd')), expect: (x) => (x.tags as { SS: string[] }).SS.includes('odd') },
  { op: 'not_contains', c: cond(['tags'], 'not_contains', S('t1')), expect: (x) => !(x.tags as { SS: string[] }).SS.includes('t1') },
  { op: 'begins_with', c: cond(['name'], 'begins_with', S('item-1')), expect: (x) => (x.name as { S: string }).S.startsWith('item-1') },
  { op: 'attribute_type', c: cond(['maybe'], 'attribute_type', S('NULL')), expect: (x) => 'maybe' in x },
  { op: 'size=', c: cond(['tags'], 'size=', N('2')), expect: () => true },
  { op: 'size<>', c: cond(['name'], 'size<>', N('8')), expect: () => true },
  { op: 'size<', c: cond(['nested', 'list'], 'size<', N('3')), expect: () => true },
  { op: 'size<=', c: cond(['name'], 'size<=', N('6')), expect: () => false },
  { op: 'size>', c: cond(['blob'], 'size>', N('2')), expect: (x) => 'blob' in x },
  { op: 'size>=', c: cond(['name'], 'size>=', N('7')), expect: () => true },
];

beforeAll(async () => {
  fx = await startAwsFixture();
  home = new TestHome(fx.sourceCredentials);
  host = new CoreHost({ env: home.env });
  host.apps.add({
    name: 'dev', uri: 'https://console.aws.amazon.com/', region: 'us-east-1', roleArns: [ROLE_ARNS.admin],
    endpoints: { dynamodb: fx.dynamodbUrl }, stsEndpoint: fx.stsUrl,
  });
  await (await host.vault()).set(sourceKey('dev'), { ...fx.sourceCredentials, storedAt: new Date().toISOString() });
  await (await host.sessions()).login({ app: host.apps.get('dev'), role: 'Admin', durationSeconds: 3600 });
  svc = host.dynamo();
  await svc.createTable(where, { table: TABLE, partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'N' } });
  for (const item of ITEMS) expect((await svc.createItem(where, TABLE, item)).status).toBe('saved');
}, 60_000);

afterAll(async () => {
  await host?.close();
  await fx?.stop();
  home?.remove();
});

const keysOf = (items: Item[]): string[] => items.map((i) => (i.sk as { N: string }).N).sort((a, b) => Number(a) - Number(b));
const expectedKeys = (pred: (i: Item) => boolean): string[] => keysOf(ITEMS.filter(pred));

describe('DynamoDB service through the local proxy', () => {
  it('goes through the proxy with the assumed role: the fixture saw the session key, the audit names the table', async () => {
    const { tables } = await svc.listTables(where);
    expect(tables).toContain(TABLE);
    const fromBrowser = fx.requests.filter((r) => r.service === 'dynamodb' && r.accessKeyId);
    expect(fromBrowser.length).toBeGreaterThan(30);
    const session = await (await host.sessions()).get('dev');
    expect(fromBrowser.every((r) => r.accessKeyId === session!.accessKeyId)).toBe(true);
    await host.auditLog().flush();
    const { readAudit } = await import('../../main/core/proxy/audit-read');
    const records = [];
    for await (const r of readAudit(host.paths.auditDir, { app: 'dev' })) records.push(r);
    expect(records.some((r) => r.action === 'PutItem' && r.table === TABLE && r.roleArn === ROLE_ARNS.admin && r.decision === 'forwarded')).toBe(true);
  });

  it.each(OP_CASES)('filters with $op (Query on the partition key, filter on the rest)', async ({ c, expect: pred }) => {
    const spec: ReadSpec = { table: TABLE, partition: S('P'), filter: { kind: 'group', join: 'AND', items: [c] } };
    const result = await svc.read(where, spec, undefined, { rows: 1000 });
    expect(result.plan.operation).toBe('Query');
    expect(keysOf(result.items)).toEqual(expectedKeys(pred));
  });

  it('covers every filter operator of the contract', () => {
    expect(new Set(OP_CASES.map((c) => c.op))).toEqual(new Set(FILTER_OPS));
  });

  it.each([
    ['=', [N('7')], (k: number) => k === 7],
    ['<', [N('7')], (k: number) => k < 7],
    ['<=', [N('7')], (k: number) => k <= 7],
    ['>', [N('27')], (k: number) => k > 27],
    ['>=', [N('27')], (k: number) => k >= 27],
    ['between', [N('10'), N('12')], (k: number) => k >= 10 && k <= 12],
  ] as const)('queries with the sort key condition %s', async (op, values, pred) => {
    const result = await svc.read(where, { table: TABLE, partition: S('P'), sort: { op, values: [...values] } }, undefined, { rows: 1000 });
    expect(keysOf(result.items)).toEqual(keysOf(ITEMS.filter((i) => pred(Number((i.sk as { N: string }).N)))));
  });

  it('combines AND/OR groups on nested paths, projects and reads descending', async () => {
    const spec: ReadSpec = {
      table: TABLE, partition: S('P'), descending: true, projection: [['sk'], ['nested', 'level', 'deep']],
      filter: {
        kind: 'group', join: 'OR', items: [
          cond(['nested', 'level', 'deep'], '=', N('0')),
          { kind: 'group', join: 'AND', items: [cond(['flag'], '=', { BOOL: true }), cond(['nested', 'list', 0], 'begins_with', S('x2'))] },
        ],
      },
    };
    const result = await svc.read(where, spec, undefined, { rows: 1000 });
    const expected = ITEMS.filter((i) => {
      const n = Number((i.sk as { N: string }).N);
      return n % 5 === 0 || (n % 3 === 0 && String(n).startsWith('2'));
    });
    expect(result.items.map((i) => (i.sk as { N: string }).N)).toEqual(keysOf(expected).reverse());
    expect(Object.keys(result.items[0]!).sort()).toEqual(['nested', 'sk']);
  });

  it('says when a read will Scan, and promotes an = on the partition key to a Query', async () => {
    const scan = await svc.plan(where, { table: TABLE, filter: { kind: 'group', join: 'AND', items: [cond(['n'], '>', N('5'))] } });
    expect(scan.operation).toBe('Scan');
    expect(scan.explanation).toMatch(/Scan/);
    const promoted = await svc.plan(where, { table: TABLE, filter: { kind: 'group', join: 'AND', items: [cond(['pk'], '=', S('P'))] } });
    expect(promoted.operation).toBe('Query');
  });

  it('keeps rows to show apart from the page size, and continues exactly after the last row shown', async () => {
    const spec: ReadSpec = { table: TABLE, partition: S('P'), pageSize: 4, filter: { kind: 'group', join: 'AND', items: [cond(['flag'], '=', { BOOL: false })] } };
    const seen: string[] = [];
    let startKey: Item | undefined;
    let reads = 0;
    for (;;) {
      const r = await svc.read(where, spec, startKey, { rows: 3 });
      reads++;
      expect(r.items.length).toBeLessThanOrEqual(3);
      r.pages.forEach((p) => expect(p.scannedCount).toBeLessThanOrEqual(4));
      seen.push(...r.items.map((i) => (i.sk as { N: string }).N));
      if (!r.lastKey) {
        expect(r.stoppedBy).toBe('end');
        break;
      }
      expect(r.stoppedBy).toBe('rows');
      startKey = r.lastKey;
    }
    expect(seen).toEqual(expectedKeys((i) => !(i.flag as { BOOL: boolean }).BOOL));
    expect(reads).toBeGreaterThan(5);
  });

  it('stops on a read-capacity budget and reports each page', async () => {
    const r = await svc.read(where, { table: TABLE, pageSize: 2 }, undefined, { rows: 1000, maxCapacityUnits: 1 });
    expect(r.stoppedBy).toBe('capacity');
    expect(r.pages.length).toBeGreaterThanOrEqual(1);
    expect(r.lastKey).toBeDefined();
  });

  it('pages past 1 MB responses without losing or repeating an item', async () => {
    const big = 'big-pages';
    await svc.createTable(where, { table: big, partitionKey: { name: 'id', type: 'S' } });
    const filler = 'x'.repeat(20_000);
    const client = (await svc.open(where)).client;
    const all = Array.from({ length: 160 }, (_, i) => ({ id: { S: `id-${i}` }, filler: { S: filler } }));
    for (let i = 0; i < all.length; i += 25) {
      const input: BatchWriteItemCommandInput = { RequestItems: { [big]: all.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } };
      await client.send(new BatchWriteItemCommand(input));
    }
    const r = await svc.read(where, { table: big }, undefined, { rows: 1000 });
    expect(r.pages.length).toBeGreaterThanOrEqual(3); // 3.2 MB: DynamoDB stops each page at 1 MB
    expect(r.stoppedBy).toBe('end');
    expect(new Set(r.items.map((i) => (i.id as { S: string }).S)).size).toBe(160);
  });

  it('round-trips every attribute type, 38-digit numbers and empty containers exactly', async () => {
    const item: Item = {
      pk: S('types'), sk: N('99999999999999999999999999999999999999'),
      s: S('ünïcødé "quoted" \n newline'), n: N('-0.00000000000000000000000000000000000001'),
      big: N('12345678901234567890123456789012345678'), exp: N('1.5E+20'),
      b: { B: Buffer.from([0, 255, 1]).toString('base64') }, t: { BOOL: true }, nul: { NULL: true },
      ss: { SS: ['a', 'b'] }, ns: { NS: ['1.10', '98765432109876543210987654321098765432'] }, bs: { BS: [Buffer.from('x').toString('base64')] },
      l: { L: [S('x'), N('1'), { L: [] }, { M: {} }] }, m: { M: { 'dotted.name': S('v'), 'with space': { M: { deeper: { NULL: true } } } } },
    };
    expect((await svc.createItem(where, TABLE, item)).status).toBe('saved');
    const back = await svc.getItem(where, TABLE, { pk: item.pk!, sk: item.sk! }, true);
    expect(back!.big).toEqual(N('12345678901234567890123456789012345678'));
    expect(back!.sk).toEqual(N('99999999999999999999999999999999999999'));
    expect(back!.b).toEqual(item.b);
    expect(back!.bs).toEqual(item.bs);
    expect(new Set((back!.ns as { NS: string[] }).NS.map((x) => x.replace(/\.?0+$/, '')))).toEqual(new Set(['1.1', '98765432109876543210987654321098765432']));
    expect(back!.m).toEqual(item.m);
    expect(back!.l).toEqual(item.l);
    expect(back!.s).toEqual(item.s);
  });

  it('refuses to create an item over an existing one, and shows it instead', async () => {
    const r = await svc.createItem(where, TABLE, { ...ITEMS[0]!, name: S('impostor') });
    expect(r.status).toBe('conflict');
    expect(r.status === 'conflict' && r.current?.name).toEqual(ITEMS[0]!.name);
  });

  it('saves an edit as a conditional diff, and shows a concurrent edit as a conflict instead of overwriting it', async () => {
    const key = { pk: S('P'), sk: N('2') };
    const loaded = (await svc.getItem(where, TABLE, key, true))!;
    const mine = { ...loaded, name: S('mine'), added: S('new') };
    delete (mine as Record<string, unknown>).maybe;
    // Someone else edits the item in between.
    const theirs = await svc.saveItem(where, TABLE, loaded, { ...loaded, n: N('12345') });
    expect(theirs.status).toBe('saved');
    const r = await svc.saveItem(where, TABLE, loaded, mine);
    expect(r.status).toBe('conflict');
    if (r.status !== 'conflict') return;
    expect(r.current!.n).toEqual(N('12345'));
    expect((await svc.getItem(where, TABLE, key, true))!.name).toEqual(loaded.name);
    // The user chooses to overwrite: saving against the current version succeeds.
    const again = await svc.saveItem(where, TABLE, r.current!, { ...r.current!, name: S('mine') });
    expect(again.status).toBe('saved');
    expect((await svc.getItem(where, TABLE, key, true))!).toMatchObject({ name: S('mine'), n: N('12345') });
  });

  it('moves an item to a new key in one transaction, and refuses a key that is taken', async () => {
    const key = { pk: S('P'), sk: N('3') };
    const loaded = (await svc.getItem(where, TABLE, key, true))!;
    const moved = await svc.saveItem(where, TABLE, loaded, { ...loaded, sk: N('3000') });
    expect(moved.status).toBe('saved');
    expect(await svc.getItem(where, TABLE, key, true)).toBeNull();
    const now = (await svc.getItem(where, TABLE, { pk: S('P'), sk: N('3000') }, true))!;
    expect(now.name).toEqual(loaded.name);
    const taken = await svc.saveItem(where, TABLE, now, { ...now, sk: N('4') }).catch((e: unknown) => e);
    expect(isAirlockError(taken) && taken.code).toBe('ITEM_EXISTS');
    expect(await svc.getItem(where, TABLE, { pk: S('P'), sk: N('3000') }, true)).not.toBeNull();
  });

  it('deletes conditionally: a changed item is a conflict', async () => {
    const key = { pk: S('P'), sk: N('5') };
    const loaded = (await svc.getItem(where, TABLE, key, true))!;
    await svc.saveItem(where, TABLE, loaded, { ...loaded, n: N('1') });
    const r = await svc.deleteItem(where, TABLE, key, loaded);
    expect(r.status).toBe('conflict');
    expect((await svc.deleteItem(where, TABLE, key, (await svc.getItem(where, TABLE, key, true))!)).status).toBe('deleted');
  });

  it('deletes many items in batches and retries unprocessed ones', async () => {
    const table = 'batch-delete';
    await svc.createTable(where, { table, partitionKey: { name: 'id', type: 'N' } });
    const client = (await svc.open(where)).client;
    const keys = Array.from({ length: 60 }, (_, i) => ({ id: N(String(i)) }));
    for (let i = 0; i < keys.length; i += 25) {
      await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: keys.slice(i, i + 25).map((k) => ({ PutRequest: { Item: { id: { N: num(k.id) } } } })) } }));
    }
    // DynamoDB leaves items unprocessed under load; dynalite never does, so the first answer of each batch
    // is made to hold some back (the writes still go to dynalite through the proxy).
    let held = 0;
    const flaky = {
      send: async (cmd: BatchWriteItemCommand) => {
        const reqs = cmd.input.RequestItems![table]!;
        if (reqs.length > 5 && held < 3) {
          held++;
          const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: reqs.slice(5) } }));
          return { ...out, UnprocessedItems: { [table]: reqs.slice(0, 5) } };
        }
        return client.send(cmd);
      },
    } as unknown as DynamoDBClient;
    const r = await deleteItems(flaky, table, keys, { attempts: 5, baseMs: 1, maxMs: 5 });
    expect(held).toBe(3);
    expect(r).toEqual({ deleted: 60, failed: [] });
    expect((await svc.read(where, { table }, undefined, { rows: 100 })).items).toEqual([]);
    // Through the service too, with duplicates in the selection sent once.
    const more = [{ id: N('1') }];
    await svc.createItem(where, table, more[0]!);
    expect(await svc.deleteItems(where, table, [...more, ...more])).toEqual({ deleted: 1, failed: [] });
  });

  it('runs PartiQL and remembers the statement', async () => {
    const r = await svc.partiql(where, { statement: `SELECT * FROM "${TABLE}" WHERE pk = ? AND sk = ?`, parameters: [S('P'), N('7')] });
    expect(r.items).toHaveLength(1);
    expect(r.items[0]!.name).toEqual(S('item-07'));
    expect(svc.queries.history('dev')[0]?.statement).toContain('SELECT');
  });

  it('gives copy-as-code for the same read', async () => {
    const code = await svc.code(where, { table: TABLE, partition: S('P'), sort: { op: 'between', values: [N('1'), N('3')] } });
    expect(code.cli).toMatch(/^aws dynamodb query /);
    expect(code.cli).toContain('--table-name');
    expect(code.javascript).toContain('QueryCommand');
    expect(code.python).toContain('boto3');
  });

  it('pages the table list past 100 names', async () => {
    for (let i = 0; i < 102; i++) await svc.createTable(where, { table: `many-${String(i).padStart(3, '0')}`, partitionKey: { name: 'id', type: 'S' } });
    const { tables } = await svc.listTables(where);
    expect(tables.filter((t) => t.startsWith('many-'))).toHaveLength(102);
    expect(tables.length).toBeGreaterThan(104);
  }, 60_000);

  it('describes a table and deletes it only when its name is typed', async () => {
    const view = await svc.describe(where, TABLE);
    expect(view).toMatchObject({ name: TABLE, key: { partition: 'pk', sort: 'sk' }, billingMode: 'PAY_PER_REQUEST', deletionProtection: false });
    expect(view.attributeTypes).toEqual({ pk: 'S', sk: 'N' });
    const wrong = await svc.deleteTable(where, 'many-000', 'many-00').catch((e: unknown) => e);
    expect(isAirlockError(wrong) && wrong.code).toBe('CONFIRM_MISMATCH');
    await svc.deleteTable(where, 'many-000', 'many-000');
    // Like DynamoDB, the table is DELETING for a moment before it leaves the list.
    await expect.poll(async () => (await svc.listTables(where)).tables.includes('many-000'), { timeout: 10_000 }).toBe(false);
  });

  it('says the session ended (and what to do) once the user logs out', async () => {
    await (await host.sessions()).logout('dev');
    const err = await svc.read(where, { table: TABLE }, undefined, { rows: 1 }).catch((e: unknown) => e);
    expect(isAirlockError(err) && err.code).toBe('SESSION_EXPIRED');
    expect(isAirlockError(err) && err.message).toMatch(/not logged in/);
  });
});
