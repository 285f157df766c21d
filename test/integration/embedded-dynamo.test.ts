/**
 * The embedded Local DynamoDB (dynalite + the compatibility layer) driven as users drive it: the
 * AWS SDK and Debian's aws CLI against its loopback URL, in memory and on a LevelDB directory.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchExecuteStatementCommand, BatchWriteItemCommand, CreateTableCommand, DescribeContinuousBackupsCommand,
  DescribeTimeToLiveCommand, DynamoDBClient, ExecuteStatementCommand, ExecuteTransactionCommand, GetItemCommand,
  PutItemCommand, TransactGetItemsCommand, TransactWriteItemsCommand, UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type {
  AttributeValue, BatchStatementRequest, ExecuteStatementCommandInput, ParameterizedStatement, TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedDynamo } from '../../main/core/local/embedded-server';
import type { EmbeddedDynamo } from '../../main/core/local/embedded-server';
import { TTL_FILE } from '../../main/core/local/ttl-store';

const AWS_CLI = process.env.AIRLOCK_TEST_AWS_CLI ?? '/usr/bin/aws';
const BIG = '12345678901234567890123456789012345678';
const TINY = '0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001';

type Item = Record<string, AttributeValue>;

function clientFor(url: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'fake' },
    // The SDK's default retries, as users have them (e.g. for a keep-alive socket the server just closed).
    // Sockets enough for the concurrency tests' bursts, so requests are not queued in the client.
    requestHandler: { httpAgent: { keepAlive: true, maxSockets: 400 } },
  });
}

interface CliResult { code: number; stdout: string; stderr: string }

function aws(url: string, args: string[]): Promise<CliResult> {
  const env = {
    PATH: '/usr/bin:/bin',
    HOME: tmpdir(),
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'fake',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  return new Promise((resolve) => {
    execFile(AWS_CLI, ['dynamodb', ...args, '--endpoint-url', url, '--output', 'json'], { env }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function createTable(client: DynamoDBClient, name: string, sortType?: 'S' | 'N'): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: name,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, ...(sortType ? [{ AttributeName: 'sk', KeyType: 'RANGE' as const }] : [])],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      ...(sortType ? [{ AttributeName: 'sk', AttributeType: sortType }] : []),
      { AttributeName: 'g', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
}

async function errorOf(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected a failure');
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const S = (s: string): AttributeValue => ({ S: s });
const N = (n: string | number): AttributeValue => ({ N: String(n) });

describe('embedded Local DynamoDB, in memory', () => {
  let dynamo: EmbeddedDynamo;
  let url: string;
  let client: DynamoDBClient;

  const exec = (Statement: string, rest: Omit<ExecuteStatementCommandInput, 'Statement'> = {}) =>
    client.send(new ExecuteStatementCommand({ Statement, ...rest }));
  const get = async (table: string, key: Item): Promise<Item | undefined> =>
    (await client.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;
  const sks = (items: Item[] | undefined): number[] => (items ?? []).map((i) => Number(i.sk?.N)).sort((a, b) => a - b);

  beforeAll(async () => {
    dynamo = createEmbeddedDynamo({});
    ({ url } = await dynamo.listen());
    client = clientFor(url);
    await createTable(client, 'items', 'N');
    // Partition 'p' holds sk 1..10 with a variety of attributes the conditions below pick out.
    const puts = Array.from({ length: 10 }, (_, k) => {
      const i = k + 1;
      const item: Item = {
        pk: S('p'), sk: N(i), name: S(`name-${i}`), n: N(i * 10), g: S(i % 2 ? 'odd' : 'even'),
        tags: { SS: i <= 3 ? ['a', 'b'] : ['c'] }, m: { M: { inner: { M: { v: N(i) } }, list: { L: [S('x'), N(i)] } } },
      };
      if (i === 4) item.nul = { NULL: true };
      if (i <= 5) item.opt = S('here');
      return client.send(new PutItemCommand({ TableName: 'items', Item: item }));
    });
    await Promise.all(puts);
    await client.send(new PutItemCommand({ TableName: 'items', Item: { pk: S('q'), sk: N(1), name: S('other'), n: N(5) } }));
  });

  afterAll(async () => {
    client?.destroy();
    await dynamo?.close();
  });

  it('binds 127.0.0.1 only', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(dynamo.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  describe('ExecuteStatement SELECT', () => {
    it('with a partition key equality reads that partition (Query), in order, and backwards with ORDER BY DESC', async () => {
      const out = await exec('SELECT sk FROM "items" WHERE pk = \'p\'');
      expect(out.Items?.map((i) => Number(i.sk?.N))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(out.Items?.[0]).toEqual({ sk: N(1) });
      const desc = await exec('SELECT sk FROM "items" WHERE pk = \'p\' AND sk >= 8 ORDER BY sk DESC');
      expect(desc.Items?.map((i) => Number(i.sk?.N))).toEqual([10, 9, 8]);
      const capacity = await exec('SELECT * FROM items WHERE pk = \'q\'', { ReturnConsumedCapacity: 'TOTAL' });
      expect(capacity.ConsumedCapacity).toMatchObject({ TableName: 'items' });
    });

    it('with only a filter scans the table', async () => {
      const out = await exec('SELECT pk, sk FROM items WHERE n <= 20');
      expect(out.Items).toHaveLength(3);
      expect(out.Items?.map((i) => `${i.pk?.S}${i.sk?.N}`).sort()).toEqual(['p1', 'p2', 'q1']);
    });

    it('reads an index', async () => {
      const out = await exec('SELECT sk FROM "items"."byG" WHERE g = \'even\'');
      expect(sks(out.Items)).toEqual([2, 4, 6, 8, 10]);
    });

    it.each<[string, string, number[]]>([
      ['=', 'sk = 3', [3]],
      ['<>', 'sk <> 3 AND sk < 5', [1, 2, 4]],
      ['<', 'sk < 3', [1, 2]],
      ['<=', 'sk <= 3', [1, 2, 3]],
      ['>', 'sk > 8', [9, 10]],
      ['>=', 'sk >= 8', [8, 9, 10]],
      ['BETWEEN', 'sk BETWEEN 4 AND 6', [4, 5, 6]],
      ['IN', 'sk IN [2, 4, 99]', [2, 4]],
      ['IN on a non-key attribute', 'name IN (\'name-1\', \'name-7\')', [1, 7]],
      ['begins_with', 'begins_with(name, \'name-1\')', [1, 10]],
      ['contains on a set', 'contains(tags, \'a\')', [1, 2, 3]],
      ['contains on a string', 'contains(name, \'-9\')', [9]],
      ['attribute_type', 'attribute_type(nul, \'NULL\')', [4]],
      ['size', 'size(tags) = 2', [1, 2, 3]],
      ['IS MISSING', 'opt IS MISSING', [6, 7, 8, 9, 10]],
      ['IS NOT MISSING', 'opt IS NOT MISSING', [1, 2, 3, 4, 5]],
      // PartiQL: NULL and MISSING both satisfy IS NULL.
      ['IS NULL', 'nul IS NULL AND sk <= 5', [1, 2, 3, 4, 5]],
      ['IS NOT NULL', 'opt IS NOT NULL', [1, 2, 3, 4, 5]],
      ['NOT', 'NOT (sk > 2)', [1, 2]],
      ['OR with parentheses', '(sk = 1 OR sk = 10) AND n > 50', [10]],
      ['nested map path', 'm.inner.v = 7', [7]],
      ['list index path', 'm.list[1] >= 9', [9, 10]],
      ['quoted names', '"name" = \'name-2\'', [2]],
    ])('condition %s', async (_name, condition, expected) => {
      const out = await exec(`SELECT * FROM items WHERE pk = 'p' AND ${condition}`);
      expect(sks(out.Items)).toEqual(expected);
    });

    it('projects nested paths', async () => {
      const out = await exec('SELECT m.inner.v, m.list[0] FROM items WHERE pk = \'p\' AND sk = 2');
      expect(out.Items).toEqual([{ m: { M: { inner: { M: { v: N(2) } }, list: { L: [S('x')] } } } }]);
    });

    it('takes ? parameters in order', async () => {
      const out = await exec('SELECT sk FROM items WHERE pk = ? AND sk BETWEEN ? AND ? AND contains(tags, ?)', {
        Parameters: [S('p'), N(2), N(9), S('c')],
      });
      expect(sks(out.Items)).toEqual([4, 5, 6, 7, 8, 9]);
      const err = await errorOf(exec('SELECT * FROM items WHERE pk = ?'));
      expect(err.name).toBe('ValidationException');
      expect(err.message).toBe('Number of parameters in request and statement don\'t match.');
    });

    it('pages with Limit and NextToken, over a Query and over a Scan', async () => {
      await Promise.all(Array.from({ length: 120 }, (_, i) =>
        client.send(new PutItemCommand({ TableName: 'items', Item: { pk: S('many'), sk: N(i), even: { BOOL: i % 2 === 0 } } }))));
      for (const statement of ['SELECT sk FROM items WHERE pk = \'many\'', 'SELECT sk FROM items WHERE even = TRUE']) {
        const seen: number[] = [];
        let token: string | undefined;
        let pages = 0;
        do {
          const out = await exec(statement, { Limit: 25, ...(token ? { NextToken: token } : {}) });
          expect(out.Items?.length).toBeLessThanOrEqual(25);
          seen.push(...(out.Items ?? []).map((i) => Number(i.sk?.N)));
          token = out.NextToken;
          pages += 1;
        } while (token);
        const expected = statement.includes('even') ? Array.from({ length: 60 }, (_, i) => i * 2) : Array.from({ length: 120 }, (_, i) => i);
        expect(seen.sort((a, b) => a - b)).toEqual(expected);
        expect(pages).toBeGreaterThan(4);
      }
      const bad = await errorOf(exec('SELECT * FROM items', { NextToken: 'not a token' }));
      expect(bad.name).toBe('ValidationException');
    });

    it('answers malformed statements, unknown tables and unknown indexes like DynamoDB', async () => {
      const syntax = await errorOf(exec('SELECT * FROM items WHERE'));
      expect(syntax.name).toBe('ValidationException');
      expect(syntax.message).toBe('Statement wasn\'t well formed, can\'t be processed: unexpected end of statement');
      expect((await errorOf(exec('SELECT * FROM "nope"'))).name).toBe('ResourceNotFoundException');
      expect((await errorOf(exec('SELECT * FROM items."nope"'))).message).toBe('The table does not have the specified index: nope');
    });
  });

  describe('ExecuteStatement writes', () => {
    it('INSERT keeps exact numbers, sets and nested values; a second INSERT of the key is a DuplicateItemException', async () => {
      await exec(`INSERT INTO items VALUE {'pk': 'w', 'sk': 1, 'big': ${BIG}, 'neg': -${BIG}, 'tiny': ${TINY}, 'ss': <<'x', 'y'>>, 'ns': <<1, ${BIG}>>, 'bs': ?, 'doc': {'a': [1, {'b': TRUE}], 'n': NULL}, 'q': 'it''s'}`, {
        Parameters: [{ BS: [new Uint8Array([1, 2]), new Uint8Array([3])] }],
      });
      const item = await get('items', { pk: S('w'), sk: N(1) });
      expect(item).toEqual({
        pk: S('w'), sk: N(1), big: N(BIG), neg: N(`-${BIG}`), tiny: N(TINY), ss: { SS: ['x', 'y'] }, ns: { NS: ['1', BIG] },
        bs: { BS: [new Uint8Array([1, 2]), new Uint8Array([3])] },
        doc: { M: { a: { L: [N(1), { M: { b: { BOOL: true } } }] }, n: { NULL: true } } }, q: S('it\'s'),
      });
      const found = await exec(`SELECT big FROM items WHERE pk = 'w' AND big = ${BIG}`);
      expect(found.Items).toEqual([{ big: N(BIG) }]);
      const none = await exec('SELECT big FROM items WHERE pk = \'w\' AND big = 12345678901234567890123456789012345677');
      expect(none.Items).toEqual([]);

      const dup = await errorOf(exec('INSERT INTO items VALUE {\'pk\': \'w\', \'sk\': 1}'));
      expect(dup.name).toBe('DuplicateItemException');
      expect(dup.message).toBe('Duplicate primary key exists in table');
      expect((await get('items', { pk: S('w'), sk: N(1) }))?.big).toEqual(N(BIG));
    });

    it('UPDATE sets, removes, adds to sets and counts; it never creates an item', async () => {
      await exec('INSERT INTO items VALUE {\'pk\': \'u\', \'sk\': 1, \'count\': 1, \'old\': \'x\', \'s\': <<\'a\'>>, \'m\': {\'k\': 1}}');
      const out = await exec('UPDATE items SET "count" = "count" + ?, m.k = 2, m.added = \'new\' SET s = set_add(s, <<\'b\'>>) REMOVE old WHERE pk = \'u\' AND sk = 1 RETURNING ALL NEW *', {
        Parameters: [N(41)],
      });
      const expected = { pk: S('u'), sk: N(1), count: N(42), s: { SS: ['a', 'b'] }, m: { M: { k: N(2), added: S('new') } } };
      expect(out.Items).toEqual([expected]);
      expect(await get('items', { pk: S('u'), sk: N(1) })).toEqual(expected);

      const missing = await errorOf(exec('UPDATE items SET a = 1 WHERE pk = \'u\' AND sk = 2'));
      expect(missing.name).toBe('ConditionalCheckFailedException');
      expect(await get('items', { pk: S('u'), sk: N(2) })).toBeUndefined();
      const conditional = await errorOf(exec('UPDATE items SET a = 1 WHERE pk = \'u\' AND sk = 1 AND "count" = 0'));
      expect(conditional.name).toBe('ConditionalCheckFailedException');
      const noKey = await errorOf(exec('UPDATE items SET a = 1 WHERE pk = \'u\''));
      expect(noKey.name).toBe('ValidationException');
      expect(noKey.message).toBe('Where clause does not contain a mandatory equality on all key attributes');
    });

    it('DELETE by key, with a condition and RETURNING ALL OLD', async () => {
      await exec('INSERT INTO items VALUE {\'pk\': \'d\', \'sk\': 1, \'v\': 1}');
      const blocked = await errorOf(exec('DELETE FROM items WHERE pk = \'d\' AND sk = 1 AND v = 2'));
      expect(blocked.name).toBe('ConditionalCheckFailedException');
      const out = await exec('DELETE FROM items WHERE pk = \'d\' AND sk = 1 RETURNING ALL OLD *');
      expect(out.Items).toEqual([{ pk: S('d'), sk: N(1), v: N(1) }]);
      expect(await get('items', { pk: S('d'), sk: N(1) })).toBeUndefined();
      const noKey = await errorOf(exec('DELETE FROM items WHERE sk = 1'));
      expect(noKey.message).toBe('Where clause does not contain a mandatory equality on all key attributes');
    });
  });

  describe('transactions', () => {
    beforeAll(async () => {
      await createTable(client, 'bank');
    });

    const account = (id: string, balance: number) => client.send(new PutItemCommand({ TableName: 'bank', Item: { pk: S(id), balance: N(balance) } }));
    const balance = async (id: string) => Number((await get('bank', { pk: S(id) }))?.balance?.N);

    it('applies Put, Update, Delete and ConditionCheck together', async () => {
      await Promise.all([account('t1', 10), account('t2', 0), account('gone', 1), account('guard', 1)]);
      await client.send(new TransactWriteItemsCommand({
        TransactItems: [
          { Update: { TableName: 'bank', Key: { pk: S('t1') }, UpdateExpression: 'SET balance = balance - :v', ConditionExpression: 'balance >= :v', ExpressionAttributeValues: { ':v': N(4) } } },
          { Update: { TableName: 'bank', Key: { pk: S('t2') }, UpdateExpression: 'SET balance = balance + :v', ExpressionAttributeValues: { ':v': N(4) } } },
          { Put: { TableName: 'bank', Item: { pk: S('new'), balance: N(BIG) }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Delete: { TableName: 'bank', Key: { pk: S('gone') } } },
          { ConditionCheck: { TableName: 'bank', Key: { pk: S('guard') }, ConditionExpression: '#b = :one', ExpressionAttributeNames: { '#b': 'balance' }, ExpressionAttributeValues: { ':one': N(1) } } },
        ],
      }));
      expect(await balance('t1')).toBe(6);
      expect(await balance('t2')).toBe(4);
      expect((await get('bank', { pk: S('new') }))?.balance).toEqual(N(BIG));
      expect(await get('bank', { pk: S('gone') })).toBeUndefined();
      expect(await get('bank', { pk: S('guard') })).toEqual({ pk: S('guard'), balance: N(1) });
    });

    it('a failing condition cancels the whole transaction: nothing changes, reasons per action', async () => {
      await Promise.all([account('c1', 5), account('c2', 5), account('c3', 5)]);
      const before = await Promise.all(['c1', 'c2', 'c3'].map((id) => get('bank', { pk: S(id) })));
      const err = await errorOf(client.send(new TransactWriteItemsCommand({
        TransactItems: [
          { Update: { TableName: 'bank', Key: { pk: S('c1') }, UpdateExpression: 'SET balance = :z', ExpressionAttributeValues: { ':z': N(0) } } },
          { Put: { TableName: 'bank', Item: { pk: S('c2'), balance: N(99) }, ConditionExpression: 'balance = :x', ExpressionAttributeValues: { ':x': N(6) }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
          { Delete: { TableName: 'bank', Key: { pk: S('c3') } } },
          { Put: { TableName: 'bank', Item: { pk: S('c4'), balance: N(1) } } },
        ],
      })));
      expect(err.name).toBe('TransactionCanceledException');
      expect(err.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None, None]');
      expect(err.CancellationReasons).toEqual([
        { Code: 'None' },
        { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { pk: S('c2'), balance: N(5) } },
        { Code: 'None' },
        { Code: 'None' },
      ]);
      expect(await Promise.all(['c1', 'c2', 'c3'].map((id) => get('bank', { pk: S(id) })))).toEqual(before);
      expect(await get('bank', { pk: S('c4') })).toBeUndefined();
    });

    it('an error found only while writing rolls back what was applied', async () => {
      await Promise.all([account('r1', 1), client.send(new PutItemCommand({ TableName: 'bank', Item: { pk: S('r2'), balance: S('not a number') } }))]);
      const err = await errorOf(client.send(new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'bank', Item: { pk: S('r1'), balance: N(100) } } },
          { Put: { TableName: 'bank', Item: { pk: S('r3'), balance: N(100) } } },
          { Update: { TableName: 'bank', Key: { pk: S('r2') }, UpdateExpression: 'SET balance = balance + :one', ExpressionAttributeValues: { ':one': N(1) } } },
        ],
      })));
      expect(err.name).toBe('ValidationException');
      expect(await balance('r1')).toBe(1);
      expect(await get('bank', { pk: S('r3') })).toBeUndefined();
    });

    it('refuses two actions on one item, and more than 100 actions', async () => {
      const twice = await errorOf(client.send(new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'bank', Item: { pk: S('x'), balance: N(1) } } },
          { ConditionCheck: { TableName: 'bank', Key: { pk: S('x') }, ConditionExpression: 'attribute_exists(pk)' } },
        ],
      })));
      expect(twice.name).toBe('ValidationException');
      expect(twice.message).toBe('Transaction request cannot include multiple operations on one item');
      const many: TransactWriteItem[] = Array.from({ length: 101 }, (_, i) => ({ Put: { TableName: 'bank', Item: { pk: S(`many${i}`) } } }));
      expect((await errorOf(client.send(new TransactWriteItemsCommand({ TransactItems: many })))).name).toBe('ValidationException');
      expect(await get('bank', { pk: S('many0') })).toBeUndefined();
      await client.send(new TransactWriteItemsCommand({ TransactItems: many.slice(0, 100) }));
      expect(await get('bank', { pk: S('many99') })).toEqual({ pk: S('many99') });
    });

    it('TransactGetItems reads items consistently, {} for a missing one', async () => {
      await account('g1', 7);
      const out = await client.send(new TransactGetItemsCommand({
        TransactItems: [
          { Get: { TableName: 'bank', Key: { pk: S('g1') }, ProjectionExpression: '#b', ExpressionAttributeNames: { '#b': 'balance' } } },
          { Get: { TableName: 'bank', Key: { pk: S('absent') } } },
        ],
      }));
      expect(out.Responses).toEqual([{ Item: { balance: N(7) } }, {}]);
    });

    it('transactions are atomic relative to concurrent writes and transactional reads', async () => {
      const total = 200;
      await Promise.all([account('A', total), account('B', 0)]);
      const move = (i: number) => client.send(new TransactWriteItemsCommand({
        TransactItems: [
          { Update: { TableName: 'bank', Key: { pk: S('A') }, UpdateExpression: 'SET balance = balance - :one, lastMove = :i', ConditionExpression: 'balance >= :one', ExpressionAttributeValues: { ':one': N(1), ':i': N(i) } } },
          { Update: { TableName: 'bank', Key: { pk: S('B') }, UpdateExpression: 'SET balance = balance + :one', ExpressionAttributeValues: { ':one': N(1) } } },
        ],
      })).then(() => true, (err: Error) => {
        if (err.name !== 'TransactionCanceledException') throw err;
        return false;
      });
      const sums: number[] = [];
      const check = async () => {
        const out = await client.send(new TransactGetItemsCommand({
          TransactItems: [{ Get: { TableName: 'bank', Key: { pk: S('A') } } }, { Get: { TableName: 'bank', Key: { pk: S('B') } } }],
        }));
        sums.push(Number(out.Responses?.[0]?.Item?.balance?.N) + Number(out.Responses?.[1]?.Item?.balance?.N));
      };
      const noise = (i: number) => i % 2
        ? client.send(new PutItemCommand({ TableName: 'bank', Item: { pk: S(`noise${i}`), balance: N(i) } }))
        : client.send(new BatchWriteItemCommand({ RequestItems: { bank: [{ PutRequest: { Item: { pk: S(`noise${i}`), balance: N(i) } } }] } }));
      const work: Promise<unknown>[] = [];
      const moves: Promise<boolean>[] = [];
      for (let i = 0; i < 150; i += 1) {
        const m = move(i);
        moves.push(m);
        work.push(m, noise(i));
        if (i % 5 === 0) work.push(check());
      }
      await Promise.all(work);
      const moved = (await Promise.all(moves)).filter(Boolean).length;
      expect(moved).toBe(150);
      expect(sums.length).toBeGreaterThan(20);
      expect(sums.every((s) => s === total)).toBe(true);
      expect(await balance('A')).toBe(total - moved);
      expect(await balance('B')).toBe(moved);
    });

    it('a PutItem never lands inside a transaction (it would be lost to the rollback)', async () => {
      await client.send(new PutItemCommand({ TableName: 'bank', Item: { pk: S('bad'), balance: S('text') } }));
      // Each round: a transaction that writes P then fails (rolling P back), racing a PutItem of P.
      // Serialised, the PutItem's value always survives; interleaved, the rollback could erase it.
      for (let round = 0; round < 40; round += 1) {
        const tx = client.send(new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'bank', Item: { pk: S('P'), balance: N(-1) } } },
            { Update: { TableName: 'bank', Key: { pk: S('bad') }, UpdateExpression: 'SET balance = balance + :one', ExpressionAttributeValues: { ':one': N(1) } } },
          ],
        })).catch((err: Error) => err.name);
        // Staggered so that, unserialised, the PutItem would land at every step of the transaction.
        const put = delay(round % 10).then(() => client.send(new PutItemCommand({ TableName: 'bank', Item: { pk: S('P'), balance: N(round) } })));
        const [txResult] = await Promise.all([tx, put]);
        expect(txResult).toBe('ValidationException');
        expect(await balance('P')).toBe(round);
      }
    });
  });

  describe('PartiQL batches and transactions', () => {
    const batch = (Statements: BatchStatementRequest[], rest: { ReturnConsumedCapacity?: 'TOTAL' } = {}) =>
      client.send(new BatchExecuteStatementCommand({ Statements, ...rest }));
    const transaction = (TransactStatements: ParameterizedStatement[]) =>
      client.send(new ExecuteTransactionCommand({ TransactStatements }));
    const key = (pk: string, sk: number): Item => ({ pk: S(pk), sk: N(sk) });
    const notAGet = 'Select statements within BatchExecuteStatement must specify the primary key in the where clause.';

    beforeAll(async () => {
      await createTable(client, 'pql', 'N');
      await Promise.all([1, 2, 3].map((sk) => client.send(new PutItemCommand({ TableName: 'pql', Item: { ...key('r', sk), v: N(sk), g: S('x') } }))));
    });

    it('BatchExecuteStatement writes run one by one: a duplicate INSERT or a failed condition fails only its own slot', async () => {
      await client.send(new PutItemCommand({ TableName: 'pql', Item: { ...key('bw', 1), v: N(1) } }));
      const out = await batch([
        { Statement: 'INSERT INTO pql VALUE {\'pk\': \'bw\', \'sk\': 2, \'v\': 2}' },
        { Statement: 'INSERT INTO pql VALUE {\'pk\': ?, \'sk\': 1, \'v\': 99}', Parameters: [S('bw')] },
        { Statement: 'UPDATE pql SET v = v + 10 WHERE pk = \'bw\' AND sk = 1' },
        { Statement: 'UPDATE pql SET v = 0 WHERE pk = \'bw\' AND sk = 1 AND v = 1', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
        { Statement: 'DELETE FROM pql WHERE pk = \'bw\' AND sk = 2 AND v = 5' },
        { Statement: 'UPDATE pql SET v = 0 WHERE' },
        { Statement: 'DELETE FROM "nope" WHERE pk = \'bw\' AND sk = 1' },
        { Statement: 'UPDATE pql SET v = 0 WHERE pk = \'bw\'' },
        { Statement: 'INSERT INTO pql VALUE {\'pk\': \'bw\', \'sk\': 3}' },
      ]);
      const failedCondition = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };
      expect(out.Responses).toEqual([
        { TableName: 'pql' },
        { TableName: 'pql', Error: { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' } },
        { TableName: 'pql' },
        // ALL_OLD: the item as it was when its condition failed (after the UPDATE before it).
        { TableName: 'pql', Error: { ...failedCondition, Item: { ...key('bw', 1), v: N(11) } } },
        { TableName: 'pql', Error: failedCondition },
        { Error: { Code: 'ValidationError', Message: 'Statement wasn\'t well formed, can\'t be processed: unexpected end of statement' } },
        { Error: { Code: 'ResourceNotFound', Message: expect.stringContaining('not found') } },
        { Error: { Code: 'ValidationError', Message: 'Where clause does not contain a mandatory equality on all key attributes' } },
        { TableName: 'pql' },
      ]);
      expect(await get('pql', key('bw', 1))).toEqual({ ...key('bw', 1), v: N(11) });
      expect(await get('pql', key('bw', 2))).toEqual({ ...key('bw', 2), v: N(2) });
      expect(await get('pql', key('bw', 3))).toEqual(key('bw', 3));
    });

    it('BatchExecuteStatement reads are single-item gets: an Item where one exists, none where not', async () => {
      const out = await batch([
        { Statement: 'SELECT * FROM pql WHERE pk = \'r\' AND sk = 1', ConsistentRead: true },
        { Statement: 'SELECT v FROM pql WHERE sk = ? AND pk = ?', Parameters: [N(2), S('r')] },
        { Statement: 'SELECT * FROM pql WHERE pk = \'r\' AND sk = 9' },
        { Statement: 'SELECT v FROM pql WHERE pk = \'r\' AND sk = 3 AND v > 2' },
        { Statement: 'SELECT v FROM pql WHERE pk = \'r\' AND sk = 3 AND v > 3' },
        { Statement: 'SELECT * FROM "nope" WHERE pk = \'r\' AND sk = 1' },
      ], { ReturnConsumedCapacity: 'TOTAL' });
      expect(out.Responses).toEqual([
        { TableName: 'pql', Item: { ...key('r', 1), v: N(1), g: S('x') } },
        { TableName: 'pql', Item: { v: N(2) } },
        { TableName: 'pql' },
        { TableName: 'pql', Item: { v: N(3) } },
        { TableName: 'pql' },
        { Error: { Code: 'ResourceNotFound', Message: expect.stringContaining('not found') } },
      ]);
      expect(out.ConsumedCapacity).toEqual([{ TableName: 'pql', CapacityUnits: expect.any(Number) }]);
    });

    it('a batch read without an equality on the whole primary key is refused in its slot, as DynamoDB does', async () => {
      const out = await batch([
        { Statement: 'SELECT * FROM pql WHERE pk = \'r\'' },
        { Statement: 'SELECT * FROM pql WHERE pk = \'r\' AND sk > 1' },
        { Statement: 'SELECT * FROM pql' },
        { Statement: 'SELECT * FROM pql."byG" WHERE g = \'x\'' },
        { Statement: 'SELECT * FROM pql WHERE pk = \'r\' AND sk = 1 AND pk = \'s\'' },
        { Statement: 'SELECT * FROM pql WHERE pk = \'r\' AND sk = 1' },
      ]);
      const refused = { Error: { Code: 'ValidationError', Message: notAGet } };
      expect(out.Responses).toEqual([refused, refused, refused, refused, refused, { TableName: 'pql', Item: { ...key('r', 1), v: N(1), g: S('x') } }]);
    });

    it('a batch that mixes reads and writes, or has more than 25 statements, is refused as a whole: nothing runs', async () => {
      const mixed = await errorOf(batch([
        { Statement: 'INSERT INTO pql VALUE {\'pk\': \'mix\', \'sk\': 1}' },
        { Statement: 'SELECT * FROM pql WHERE pk = \'r\' AND sk = 1' },
      ]));
      expect(mixed.name).toBe('ValidationException');
      expect(await get('pql', key('mix', 1))).toBeUndefined();

      const inserts = Array.from({ length: 26 }, (_, i) => ({ Statement: `INSERT INTO pql VALUE {'pk': 'many', 'sk': ${i}}` }));
      const many = await errorOf(batch(inserts));
      expect(many.name).toBe('ValidationException');
      expect(many.message).toBe('1 validation error detected: Value at \'statements\' failed to satisfy constraint: Member must have length less than or equal to 25');
      expect(await get('pql', key('many', 0))).toBeUndefined();
      expect((await errorOf(batch([]))).name).toBe('ValidationException');
      const ok = await batch(inserts.slice(0, 25));
      expect(ok.Responses).toEqual(Array.from({ length: 25 }, () => ({ TableName: 'pql' })));
    });

    it('ExecuteTransaction applies INSERT, UPDATE and DELETE together', async () => {
      await Promise.all([1, 2].map((sk) => client.send(new PutItemCommand({ TableName: 'pql', Item: { ...key('tx', sk), v: N(sk) } }))));
      const out = await transaction([
        { Statement: 'INSERT INTO pql VALUE {\'pk\': \'tx\', \'sk\': 3, \'v\': ?}', Parameters: [N(BIG)] },
        { Statement: 'UPDATE pql SET v = v + 5 SET w = \'new\' WHERE pk = \'tx\' AND sk = 1 AND v = 1' },
        { Statement: 'DELETE FROM pql WHERE pk = \'tx\' AND sk = 2' },
      ]);
      expect(out.Responses).toBeUndefined();
      expect(await get('pql', key('tx', 3))).toEqual({ ...key('tx', 3), v: N(BIG) });
      expect(await get('pql', key('tx', 1))).toEqual({ ...key('tx', 1), v: N(6), w: S('new') });
      expect(await get('pql', key('tx', 2))).toBeUndefined();
    });

    it('one failing statement cancels the transaction: reasons in statement order, nothing applied', async () => {
      await Promise.all([1, 2].map((sk) => client.send(new PutItemCommand({ TableName: 'pql', Item: { ...key('tc', sk), v: N(sk) } }))));
      const state = () => Promise.all([1, 2, 3, 4].map((sk) => get('pql', key('tc', sk))));
      const before = await state();
      const err = await errorOf(transaction([
        { Statement: 'UPDATE pql SET v = 100 WHERE pk = \'tc\' AND sk = 1' },
        { Statement: 'INSERT INTO pql VALUE {\'pk\': \'tc\', \'sk\': 2}' },
        { Statement: 'INSERT INTO pql VALUE {\'pk\': \'tc\', \'sk\': 3}' },
        { Statement: 'UPDATE pql SET v = 0 WHERE pk = \'tc\' AND sk = 4' },
      ]));
      expect(err.name).toBe('TransactionCanceledException');
      expect(err.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, DuplicateItem, None, ConditionalCheckFailed]');
      expect(err.CancellationReasons).toEqual([
        { Code: 'None' },
        { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' },
        { Code: 'None' },
        { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
      ]);
      expect(await state()).toEqual(before);

      // An error found only while writing (a number added to text) rolls back what was applied.
      await client.send(new PutItemCommand({ TableName: 'pql', Item: { ...key('tc', 5), v: S('text') } }));
      const rolledBack = await errorOf(transaction([
        { Statement: 'INSERT INTO pql VALUE {\'pk\': \'tc\', \'sk\': 3}' },
        { Statement: 'UPDATE pql SET v = v + 1 WHERE pk = \'tc\' AND sk = 5' },
      ]));
      expect(rolledBack.name).toBe('ValidationException');
      expect(await get('pql', key('tc', 3))).toBeUndefined();
    });

    it('ExecuteTransaction refuses a mix of reads and writes, two statements on one item, RETURNING and more than 100 statements', async () => {
      const mixed = await errorOf(transaction([
        { Statement: 'INSERT INTO pql VALUE {\'pk\': \'tm\', \'sk\': 1}' },
        { Statement: 'SELECT * FROM pql WHERE pk = \'r\' AND sk = 1' },
      ]));
      expect(mixed.name).toBe('ValidationException');
      const twice = await errorOf(transaction([
        { Statement: 'INSERT INTO pql VALUE {\'pk\': \'tm\', \'sk\': 1}' },
        { Statement: 'DELETE FROM pql WHERE sk = 1.0 AND pk = \'tm\'' },
      ]));
      expect(twice.message).toBe('Transaction request cannot include multiple operations on one item');
      const returning = await errorOf(transaction([{ Statement: 'DELETE FROM pql WHERE pk = \'r\' AND sk = 1 RETURNING ALL OLD *' }]));
      expect(returning.message).toMatch(/^Validation failed in TransactStatements\[0\]: /);
      const syntax = await errorOf(transaction([{ Statement: 'SELECT * FROM pql WHERE pk = \'r\' AND sk = 1' }, { Statement: 'SELECT' }]));
      expect(syntax.message).toBe('Validation failed in TransactStatements[1]: Statement wasn\'t well formed, can\'t be processed: unexpected end of statement');
      const many = Array.from({ length: 101 }, (_, i) => ({ Statement: `INSERT INTO pql VALUE {'pk': 'tm', 'sk': ${i}}` }));
      expect((await errorOf(transaction(many))).message).toBe('1 validation error detected: Value at \'transactStatements\' failed to satisfy constraint: Member must have length less than or equal to 100');
      expect((await errorOf(transaction([{ Statement: 'DELETE FROM "nope" WHERE pk = \'r\'' }]))).name).toBe('ResourceNotFoundException');
      expect(await get('pql', key('tm', 1))).toBeUndefined();
      expect(await get('pql', key('r', 1))).toBeDefined();
    });

    it('ExecuteTransaction reads: single-item gets, {} for a missing item; a read not by the whole key is refused', async () => {
      const out = await transaction([
        { Statement: 'SELECT * FROM pql WHERE pk = \'r\' AND sk = 1' },
        { Statement: 'SELECT v, g FROM pql WHERE sk = ? AND pk = ?', Parameters: [N(2), S('r')] },
        { Statement: 'SELECT * FROM pql WHERE pk = \'r\' AND sk = 99' },
      ]);
      expect(out.Responses).toEqual([{ Item: { ...key('r', 1), v: N(1), g: S('x') } }, { Item: { v: N(2), g: S('x') } }, {}]);
      for (const where of ['pk = \'r\'', 'pk = \'r\' AND sk = 1 AND v = 1']) {
        const err = await errorOf(transaction([{ Statement: 'SELECT * FROM pql WHERE pk = \'r\' AND sk = 2' }, { Statement: `SELECT * FROM pql WHERE ${where}` }]));
        expect(err.name).toBe('ValidationException');
        expect(err.message).toBe('Validation failed in TransactStatements[1]: Select statements within ExecuteTransaction must specify the primary key in the where clause.');
      }
      const index = await errorOf(transaction([{ Statement: 'SELECT * FROM pql."byG" WHERE g = \'x\'' }]));
      expect(index.message).toBe('Validation failed in TransactStatements[0]: Reads on indices are not supported within transactions.');
    });
  });

  describe('table settings', () => {
    it('DescribeContinuousBackups: backups enabled, PITR disabled; a missing table is TableNotFoundException', async () => {
      const out = await client.send(new DescribeContinuousBackupsCommand({ TableName: 'items' }));
      expect(out.ContinuousBackupsDescription).toEqual({
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
      });
      expect((await errorOf(client.send(new DescribeContinuousBackupsCommand({ TableName: 'nope' })))).name).toBe('TableNotFoundException');
    });

    it('UpdateTimeToLive shows in DescribeTimeToLive; enabling twice or disabling when off is refused', async () => {
      const describe = async () => (await client.send(new DescribeTimeToLiveCommand({ TableName: 'items' }))).TimeToLiveDescription;
      expect(await describe()).toEqual({ TimeToLiveStatus: 'DISABLED' });
      const on = await client.send(new UpdateTimeToLiveCommand({ TableName: 'items', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }));
      expect(on.TimeToLiveSpecification).toEqual({ Enabled: true, AttributeName: 'expires' });
      expect(await describe()).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
      const again = await errorOf(client.send(new UpdateTimeToLiveCommand({ TableName: 'items', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } })));
      expect(again.message).toBe('TimeToLive is already enabled');
      await client.send(new UpdateTimeToLiveCommand({ TableName: 'items', TimeToLiveSpecification: { Enabled: false, AttributeName: 'expires' } }));
      expect(await describe()).toEqual({ TimeToLiveStatus: 'DISABLED' });
      const off = await errorOf(client.send(new UpdateTimeToLiveCommand({ TableName: 'items', TimeToLiveSpecification: { Enabled: false, AttributeName: 'expires' } })));
      expect(off.message).toBe('TimeToLive is already disabled');
      expect((await errorOf(client.send(new DescribeTimeToLiveCommand({ TableName: 'nope' })))).name).toBe('ResourceNotFoundException');
    });
  });

  describe('the wire format', () => {
    it('errors are AWS JSON 1.0 with a request id; other operations still reach dynalite', async () => {
      const post = (target: string, body: string) => fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${target}`,
          authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
          'x-amz-date': '20240101T000000Z',
        },
        body,
      });
      const res = await post('ExecuteStatement', JSON.stringify({ Statement: 'SELECT * FROM' }));
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.0');
      expect(res.headers.get('x-amzn-requestid')).toMatch(/^[A-Z0-9]{52}$/);
      expect(await res.json()).toEqual({
        __type: 'com.amazonaws.dynamodb.v20120810#ValidationException',
        message: 'Statement wasn\'t well formed, can\'t be processed: unexpected end of statement',
      });
      expect((await post('ExecuteStatement', '{not json')).status).toBe(400);
      const list = await post('ListTables', '{}');
      expect(await list.json()).toMatchObject({ TableNames: expect.arrayContaining(['items', 'bank']) });
    });
  });

  // Each CLI run starts Python: slow on a loaded machine.
  describe('the aws CLI', { timeout: 180_000 }, () => {
    it('execute-statement: select with parameters, exact numbers', async () => {
      await client.send(new PutItemCommand({ TableName: 'items', Item: { pk: S('cli'), sk: N(1), big: N(BIG) } }));
      const [out, bad] = await Promise.all([
        aws(url, ['execute-statement', '--statement', `SELECT * FROM "items" WHERE pk = ? AND big = ${BIG}`, '--parameters', '[{"S":"cli"}]']),
        aws(url, ['execute-statement', '--statement', 'SELECT * FROM']),
      ]);
      expect(out.stderr).toBe('');
      expect(JSON.parse(out.stdout)).toEqual({ Items: [{ pk: { S: 'cli' }, sk: { N: '1' }, big: { N: BIG } }] });
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/ValidationException.*Statement wasn't well formed, can't be processed: unexpected end of statement/);
    });

    it('transact-write-items: success, then a cancelled one that leaves everything unchanged', async () => {
      const ok = await aws(url, ['transact-write-items', '--transact-items', JSON.stringify([
        { Put: { TableName: 'bank', Item: { pk: { S: 'cli1' }, balance: { N: '1' } } } },
        { Put: { TableName: 'bank', Item: { pk: { S: 'cli2' }, balance: { N: '2' } } } },
      ])]);
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(await get('bank', { pk: S('cli2') })).toEqual({ pk: S('cli2'), balance: N(2) });
      const cancelled = await aws(url, ['transact-write-items', '--transact-items', JSON.stringify([
        { Delete: { TableName: 'bank', Key: { pk: { S: 'cli1' } } } },
        { ConditionCheck: { TableName: 'bank', Key: { pk: { S: 'cli2' } }, ConditionExpression: 'balance > :n', ExpressionAttributeValues: { ':n': { N: '5' } } } },
      ])]);
      expect(cancelled.code).not.toBe(0);
      expect(cancelled.stderr).toMatch(/TransactionCanceledException.*\[None, ConditionalCheckFailed\]/);
      expect(await get('bank', { pk: S('cli1') })).toEqual({ pk: S('cli1'), balance: N(1) });
    });

    it('batch-execute-statement and execute-transaction: slots with items and errors, a transaction applied and one cancelled', async () => {
      await createTable(client, 'clipq');
      const statements = (list: string[]) => JSON.stringify(list.map((Statement) => ({ Statement })));
      const writes = await aws(url, ['batch-execute-statement', '--statements', statements([
        'INSERT INTO clipq VALUE {\'pk\': \'c1\', \'v\': 1}',
        'INSERT INTO clipq VALUE {\'pk\': \'c1\', \'v\': 2}',
        'INSERT INTO clipq VALUE {\'pk\': \'c2\'}',
      ])]);
      expect(writes.stderr).toBe('');
      expect(JSON.parse(writes.stdout)).toEqual({
        Responses: [
          { TableName: 'clipq' },
          { TableName: 'clipq', Error: { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' } },
          { TableName: 'clipq' },
        ],
      });

      const [reads, txReads] = await Promise.all([
        aws(url, ['batch-execute-statement', '--statements', statements([
          'SELECT * FROM clipq WHERE pk = \'c1\'', 'SELECT * FROM clipq WHERE pk = \'none\'', 'SELECT * FROM clipq WHERE v = 1',
        ])]),
        aws(url, ['execute-transaction', '--transact-statements', statements(['SELECT v FROM clipq WHERE pk = \'c1\'', 'SELECT * FROM clipq WHERE pk = \'none\''])]),
      ]);
      expect(JSON.parse(reads.stdout)).toEqual({
        Responses: [
          { TableName: 'clipq', Item: { pk: { S: 'c1' }, v: { N: '1' } } },
          { TableName: 'clipq' },
          { Error: { Code: 'ValidationError', Message: 'Select statements within BatchExecuteStatement must specify the primary key in the where clause.' } },
        ],
      });
      expect(JSON.parse(txReads.stdout)).toEqual({ Responses: [{ Item: { v: { N: '1' } } }, {}] });

      const tx = await aws(url, ['execute-transaction', '--transact-statements', JSON.stringify([
        { Statement: 'UPDATE clipq SET v = v + ? WHERE pk = ?', Parameters: [{ N: '41' }, { S: 'c1' }] },
        { Statement: 'DELETE FROM clipq WHERE pk = \'c2\'' },
      ])]);
      expect(tx.stderr).toBe('');
      expect(tx.code).toBe(0);
      expect(await get('clipq', { pk: S('c1') })).toEqual({ pk: S('c1'), v: N(42) });
      expect(await get('clipq', { pk: S('c2') })).toBeUndefined();

      const cancelled = await aws(url, ['execute-transaction', '--transact-statements', statements([
        'INSERT INTO clipq VALUE {\'pk\': \'c1\'}', 'INSERT INTO clipq VALUE {\'pk\': \'c3\'}',
      ])]);
      expect(cancelled.code).not.toBe(0);
      expect(cancelled.stderr).toMatch(/TransactionCanceledException.*\[DuplicateItem, None\]/);
      expect(await get('clipq', { pk: S('c3') })).toBeUndefined();
    });

    it('describe-continuous-backups and update/describe-time-to-live', async () => {
      const [pitr, update] = await Promise.all([
        aws(url, ['describe-continuous-backups', '--table-name', 'bank']),
        aws(url, ['update-time-to-live', '--table-name', 'bank', '--time-to-live-specification', 'Enabled=true,AttributeName=ttl']),
      ]);
      expect(JSON.parse(pitr.stdout)).toMatchObject({ ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED' } });
      expect(JSON.parse(update.stdout)).toEqual({ TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } });
      const ttl = await aws(url, ['describe-time-to-live', '--table-name', 'bank']);
      expect(JSON.parse(ttl.stdout)).toEqual({ TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' } });
    });
  });
});

describe('embedded Local DynamoDB on a LevelDB directory', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'airlock-local-dynamo-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps items and TTL settings across close and reopen', async () => {
    const data = join(dir, 'local-dynamodb');
    const first = createEmbeddedDynamo({ path: data });
    const a = clientFor((await first.listen()).url);
    await createTable(a, 'kept', 'S');
    await a.send(new ExecuteStatementCommand({ Statement: `INSERT INTO kept VALUE {'pk': 'k', 'sk': 's', 'big': ${BIG}}` }));
    await a.send(new UpdateTimeToLiveCommand({ TableName: 'kept', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } }));
    a.destroy();
    await first.close();
    expect(existsSync(join(data, TTL_FILE))).toBe(true);
    expect(JSON.parse(readFileSync(join(data, TTL_FILE), 'utf8'))).toMatchObject({ kept: { attributeName: 'expiresAt' } });

    // Reopening the same directory works only if close() released LevelDB's lock.
    const second = createEmbeddedDynamo({ path: data });
    const b = clientFor((await second.listen()).url);
    try {
      const out = await b.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM kept WHERE pk = ?', Parameters: [S('k')] }));
      expect(out.Items).toEqual([{ pk: S('k'), sk: S('s'), big: N(BIG) }]);
      const ttl = await b.send(new DescribeTimeToLiveCommand({ TableName: 'kept' }));
      expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
      await b.send(new TransactWriteItemsCommand({ TransactItems: [{ Update: { TableName: 'kept', Key: { pk: S('k'), sk: S('s') }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': N(1) } } }] }));
    } finally {
      b.destroy();
      await second.close();
    }

    const third = createEmbeddedDynamo({ path: data });
    const c = clientFor((await third.listen()).url);
    try {
      const item = await c.send(new GetItemCommand({ TableName: 'kept', Key: { pk: S('k'), sk: S('s') } }));
      expect(item.Item).toEqual({ pk: S('k'), sk: S('s'), big: N(BIG), v: N(1) });
    } finally {
      c.destroy();
      await third.close();
    }
  });
});
