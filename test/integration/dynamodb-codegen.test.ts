import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, PutItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, QueryCommandInput, ScanCommandInput , DynamoDBClient} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item, ReadSpec } from '../../preload/dynamodb';
import { codeSnippets } from '../../main/core/dynamodb/codegen';
import { buildRead } from '../../main/core/dynamodb/expression';
import type { TableKeys } from '../../main/core/dynamodb/expression';
import { itemFromSdk, itemToSdk } from '../../main/core/dynamodb/wire';
import { directClient, startDynalite } from '../fixtures/dynalite';
import type { DynaliteHandle } from '../fixtures/dynalite';

/**
 * The generated code really runs: Debian's aws CLI, Debian's python3-boto3 and node with the
 * project's SDK each make the request against dynalite and must get exactly the SDK's items.
 * Names and values carry quotes, spaces, `$`, `$(…)` and backslashes to prove the quoting.
 */
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const TABLE = 'code-gen.Test_1';
const PK = "it's $pk";
const SK = 's k';
const NAME = "na'me $USER";
const FLAG = 'fl ag';
const HASH = '#hash:colon';
const TAG = "o'clock $(echo injected) \\n";
const P = 'it\'s "here" $HOME \\';
const KEYS: TableKeys = { key: { partition: PK, sort: SK }, indexes: [{ name: 'by-grp.1', kind: 'GSI', key: { partition: 'grp' } }] };

function makeItems(): Item[] {
  const items: Item[] = [];
  for (let i = 1; i <= 8; i++) {
    items.push({
      [PK]: { S: P },
      [SK]: { N: String(i) },
      [NAME]: { B: Buffer.from(i % 2 ? [1, 2] : [3]).toString('base64') },
      [FLAG]: { BOOL: i % 3 === 0 },
      [HASH]: { N: String(i) },
      tags: { SS: i % 2 === 0 ? [TAG, 'x'] : ['x'] },
      ...(i <= 4 ? { grp: { S: 'g' } } : {}),
      doc: { M: { list: { L: [{ NULL: true }, { BS: [Buffer.from([i]).toString('base64')] }] } } },
    });
  }
  for (let i = 1; i <= 4; i++) {
    items.push({ [PK]: { S: 'other' }, [SK]: { N: String(i) }, tags: { SS: [TAG] }, [HASH]: { N: String(10 * i) } });
  }
  return items;
}

let db: DynaliteHandle;
let client: DynamoDBClient;

beforeAll(async () => {
  db = await startDynalite();
  client = directClient(db);
  await client.send(new CreateTableCommand({
    TableName: TABLE,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: PK, AttributeType: 'S' }, { AttributeName: SK, AttributeType: 'N' }, { AttributeName: 'grp', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: PK, KeyType: 'HASH' }, { AttributeName: SK, KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [{ IndexName: 'by-grp.1', KeySchema: [{ AttributeName: 'grp', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
  }));
  for (const item of makeItems()) await client.send(new PutItemCommand({ TableName: TABLE, Item: itemToSdk(item) }));
});

afterAll(async () => {
  client?.destroy();
  await db?.stop();
});

const ENV = {
  PATH: `/usr/bin:/bin:${process.env.PATH ?? ''}`,
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'fake',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/nonexistent',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PAGER: '',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { env: ENV, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

function parsed(result: { code: number; stdout: string; stderr: string }): unknown {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as unknown;
}

type Input = QueryCommandInput | ScanCommandInput;

/** The SDK's own answer to the same input: the reference the snippets must match. */
async function viaSdk(operation: 'Query' | 'Scan', input: Input): Promise<Item[]> {
  const out = operation === 'Query' ? await client.send(new QueryCommand(input as QueryCommandInput)) : await client.send(new ScanCommand(input));
  return (out.Items ?? []).map(itemFromSdk);
}

async function checkSnippets(operation: 'Query' | 'Scan', input: Input, ordered: boolean): Promise<Item[]> {
  const want = await viaSdk(operation, input);
  const sort = (items: Item[]): Item[] => (ordered ? items : [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
  // The CLI exactly as shown, with only the emulator's endpoint appended; the others take it as an option.
  const { cli } = codeSnippets(operation, input, { region: 'us-east-1' });
  const { python, javascript } = codeSnippets(operation, input, { region: 'us-east-1', endpointUrl: db.url });
  const [cliOut, pyOut, jsOut] = await Promise.all([
    run('/bin/bash', ['-c', `${cli} --endpoint-url ${db.url}`]),
    run('/usr/bin/python3', ['-c', python]),
    run(process.execPath, ['--input-type=module', '-e', javascript]),
  ]);
  expect(sort((parsed(cliOut) as { Items: Item[] }).Items)).toEqual(sort(want));
  expect(sort(parsed(pyOut) as Item[])).toEqual(sort(want));
  expect(sort(parsed(jsOut) as Item[])).toEqual(sort(want));
  return want;
}

const skOf = (items: Item[]): string[] => items.map((item) => (item[SK] as { N: string } | undefined)?.N ?? '-');

describe('generated code runs and reads the same items', () => {
  it('a Query with a sort key range, a binary/bool filter, descending', async () => {
    const spec: ReadSpec = {
      table: TABLE,
      partition: { S: P },
      sort: { op: 'between', values: [{ N: '2' }, { N: '7' }] },
      filter: { kind: 'group', join: 'OR', items: [
        { kind: 'condition', path: [NAME], op: '=', values: [{ B: Buffer.from([1, 2]).toString('base64') }] },
        { kind: 'condition', path: [FLAG], op: '=', values: [{ BOOL: true }] },
      ] },
      descending: true,
      pageSize: 10,
    };
    const built = buildRead(spec, KEYS);
    expect(built.operation).toBe('Query');
    expect(skOf(await checkSnippets(built.operation, built.input, true))).toEqual(['7', '6', '5', '3']);
  });

  it('one page', async () => {
    const built = buildRead({ table: TABLE, partition: { S: P }, pageSize: 3 }, KEYS);
    expect(skOf(await checkSnippets(built.operation, built.input, true))).toEqual(['1', '2', '3']);
  });

  it('the next page from an ExclusiveStartKey', async () => {
    const built = buildRead({ table: TABLE, partition: { S: P }, pageSize: 3 }, KEYS);
    const start: Record<string, AttributeValue> = itemToSdk({ [PK]: { S: P }, [SK]: { N: '3' } });
    expect(skOf(await checkSnippets(built.operation, { ...built.input, ExclusiveStartKey: start }, true))).toEqual(['4', '5', '6']);
  });

  it('a Scan whose values hold quotes, $(…) and backslashes', async () => {
    const built = buildRead({ table: TABLE, filter: { kind: 'group', join: 'AND', items: [
      { kind: 'condition', path: ['tags'], op: 'contains', values: [{ S: TAG }] },
      { kind: 'condition', path: [HASH], op: '>=', values: [{ N: '5' }] },
    ] } }, KEYS);
    expect(built.operation).toBe('Scan');
    const items = await checkSnippets(built.operation, built.input, false);
    expect(items.map((item) => `${(item[PK] as { S: string }).S}|${(item[SK] as { N: string }).N}`).sort())
      .toEqual([`${P}|6`, `${P}|8`, 'other|1', 'other|2', 'other|3', 'other|4'].sort());
  });

  it('a Query on a GSI with a projection of awkward and nested names', async () => {
    const built = buildRead({ table: TABLE, index: 'by-grp.1', partition: { S: 'g' }, projection: [[NAME], [HASH], ['doc', 'list', 1]] }, KEYS);
    const items = await checkSnippets(built.operation, built.input, false);
    expect(items.map((item) => (item[HASH] as { N: string }).N).sort()).toEqual(['1', '2', '3', '4']);
    expect(items.every((item) => Object.keys(item).sort().join() === [HASH, NAME, 'doc'].sort().join())).toBe(true);
  });
});
