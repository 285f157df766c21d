import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteItemCommand, CreateTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { BatchWriteItemCommandInput, BatchWriteItemCommandOutput , DynamoDBClient} from '@aws-sdk/client-dynamodb';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item, JobView } from '../../preload/dynamodb';
import { exportTable, suggestSegments } from '../../main/core/dynamodb/export';
import type { ExportFormat } from '../../main/core/dynamodb/export';
import { importTable } from '../../main/core/dynamodb/import';
import { JobRunner } from '../../main/core/dynamodb/jobs';
import { itemFromSdk, itemToSdk } from '../../main/core/dynamodb/wire';
import { directClient, startDynalite } from '../fixtures/dynalite';
import type { DynaliteHandle } from '../fixtures/dynalite';

/** Export and import against an in-memory dynalite: exact round trips, cancel, pause/resume, rejected rows, retries. */
let db: DynaliteHandle;
let client: DynamoDBClient;
let dir: string;
const SRC = 'source-10k';
const COUNT = 10_000;

type Send = (command: unknown, options?: unknown) => Promise<unknown>;

function newClient(): DynamoDBClient {
  return directClient(db);
}

/** A test double around `send`: the data still comes from dynalite. */
function wrapSend(hook: (command: unknown, real: () => Promise<unknown>) => Promise<unknown>): DynamoDBClient {
  const c = newClient();
  const real = c.send.bind(c) as Send;
  (c as unknown as { send: Send }).send = (command, options) => hook(command, () => real(command, options));
  return c;
}

function expiredToken(): Error {
  return Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' });
}

async function createTable(name: string): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: name,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
}

const b64 = (...bytes: number[]): string => Buffer.from(bytes).toString('base64');
const NAMES = ['plain', 'comma, inside', 'quote " inside', 'line\nbreak', 'crlf\r\nbreak', 'ünïcödé ✓ 日本語 🚀', '  padded  ', '"fully quoted"', '=1+2', '#hash'];

/**
 * Varied types: nested maps and lists, sets, binary, BOOL, NULL, 38-digit numbers, empty strings, CSV-hostile
 * text. The richer attributes rotate between items (every type is there many times) to keep dynalite quick.
 */
function itemFor(i: number): Item {
  const item: Item = {
    pk: { S: `user#${i % 700}` },
    sk: { N: String(i) },
    name: { S: NAMES[i % NAMES.length] as string },
    amount: { N: i % 7 === 0 ? '12345678901234567890123456789012345678' : i % 7 === 1 ? '-0.00000000000000000000000000000000000012345678901234567890123456789012345678' : `${i}.25` },
    flag: { BOOL: i % 2 === 0 },
  };
  switch (i % 6) {
    case 0:
      item.tags = { SS: ['a', `t${i}`, 'comma,tag', 'quote"tag'] };
      item.nums = { NS: ['-2', String(i + 10), '3.14159265358979323846264338327950288'] };
      break;
    case 1:
      item.blobs = { BS: [b64(i & 255, 0, 255), b64(1, 2, 3, 4, 5)] };
      item.bin = { B: b64(0, 255, i & 255, (i >> 8) & 255, 10, 13, 44) };
      break;
    case 2:
      item.meta = {
        M: {
          empty: { S: '' },
          nested: { M: { deep: { L: [{ N: '1' }, { S: 'x,"y"\n' }, { M: {} }, { L: [] }, { NULL: true }] } } },
          'key with:colon': { BOOL: true },
        },
      };
      break;
    case 3:
      item.list = { L: [{ S: 'a,b' }, { N: '0' }, { NULL: true }, { B: b64(9) }, { SS: ['x'] }, { NS: ['1'] }] };
      break;
    case 4:
      item.maybeEmpty = { S: i % 4 === 0 ? '' : `v${i}` };
      item.nothing = { NULL: true };
      break;
    default:
      item['attr:with:colons'] = { S: 'colons' };
      if (i % 4 === 1) item.emptyBin = { B: '' };
  }
  if (i % 3 === 0) item.mixed = { S: 'text' };
  else if (i % 3 === 1) item.mixed = { N: '7' };
  return item;
}

async function seed(table: string, items: Item[]): Promise<void> {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const worker = async (): Promise<void> => {
    for (let batch = batches.pop(); batch; batch = batches.pop()) {
      let requests = batch.map((item) => ({ PutRequest: { Item: itemToSdk(item) } }));
      while (requests.length > 0) {
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
        requests = (out.UnprocessedItems?.[table] ?? []).map((r) => ({ PutRequest: { Item: r.PutRequest?.Item ?? {} } }));
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

const keyText = (item: Item): string => JSON.stringify([item.pk, item.sk]);

async function scanAll(table: string): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, never> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }));
    for (const raw of out.Items ?? []) items.push(itemFromSdk(raw));
    startKey = out.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  return items.sort((a, b) => (keyText(a) < keyText(b) ? -1 : keyText(a) > keyText(b) ? 1 : 0));
}

const lines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
const abort = (): AbortSignal => new AbortController().signal;
let sourceItems: Item[];

beforeAll(async () => {
  db = await startDynalite();
  client = newClient();
  dir = mkdtempSync(join(tmpdir(), 'airlock-export-'));
  await createTable(SRC);
  await seed(SRC, Array.from({ length: COUNT }, (_, i) => itemFor(i)));
  sourceItems = await scanAll(SRC);
}, 180_000);

afterAll(async () => {
  client?.destroy();
  await db?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('export then import round trip', () => {
  it.each<ExportFormat>(['jsonl', 'csv'])('%s: a 10,000-item table with varied types comes back identical', async (format) => {
    expect(sourceItems).toHaveLength(COUNT);
    const path = join(dir, `round-trip.${format}`);
    const progress: number[] = [];
    const exported = await exportTable({
      client, table: SRC, operation: 'Scan', segments: 4, format, path, signal: abort(),
      onProgress: (p) => progress.push(p.items),
    });
    expect(exported).toMatchObject({ state: 'done', items: COUNT, scanned: COUNT });
    expect(existsSync(path)).toBe(true);
    expect(existsSync(`${path}.partial`)).toBe(false);
    expect(existsSync(`${path}.partial.jsonl`)).toBe(false);
    expect(progress.length).toBeGreaterThanOrEqual(4);
    const text = readFileSync(path, 'utf8');
    // Numbers keep their exact text; binary is base64.
    expect(text).toContain('12345678901234567890123456789012345678');
    if (format === 'jsonl') {
      const first = lines(path);
      expect(first).toHaveLength(COUNT);
      expect(Object.keys(JSON.parse(first[0] as string) as object)).toContain('pk');
      expect(text).toMatch(/"sk":\{"N":"\d+"\}/);
    } else {
      const header = (parse(text, { to_line: 1 }) as string[][])[0] as string[];
      expect(header).toEqual(expect.arrayContaining(['pk:S', 'sk:N', 'tags:SS', 'meta:M', 'flag:BOOL', 'mixed:ANY', 'maybeEmpty:ANY', 'attr:with:colons:S', 'bin:B']));
    }

    const target = `copy-${format}`;
    await createTable(target);
    const imported = await importTable({ client, table: target, format, path, signal: abort(), reportPath: join(dir, `round-trip-${format}.report.jsonl`) });
    expect(imported).toMatchObject({ state: 'done', items: COUNT, rejected: 0 });
    expect(readFileSync(imported.reportPath, 'utf8')).toBe('');
    const copied = await scanAll(target);
    expect(copied.length).toBe(COUNT);
    expect(copied).toEqual(sourceItems);
    // dynalite writes a few thousand items a second, less on a loaded machine: room above the default.
  }, 180_000);
});

describe('export safety', () => {
  it.each<ExportFormat>(['jsonl', 'csv'])('%s: cancel mid-export leaves neither the file nor a partial one', async (format) => {
    const path = join(dir, `cancelled.${format}`);
    const controller = new AbortController();
    const result = await exportTable({
      client, table: SRC, operation: 'Scan', segments: 2, format, path, signal: controller.signal, scanInput: { Limit: 100 },
      onProgress: (p) => {
        if (p.items >= 300) controller.abort();
      },
    });
    expect(result.state).toBe('cancelled');
    expect(result.items).toBeLessThan(COUNT);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.partial`)).toBe(false);
    expect(existsSync(`${path}.partial.jsonl`)).toBe(false);
  });

  it('refuses an existing file before reading anything', async () => {
    const path = join(dir, 'exists.jsonl');
    writeFileSync(path, 'keep me');
    let sends = 0;
    const counting = wrapSend((_command, real) => {
      sends++;
      return real();
    });
    await expect(exportTable({ client: counting, table: SRC, operation: 'Scan', segments: 1, format: 'jsonl', path, signal: abort() }))
      .rejects.toMatchObject({ code: 'FILE_EXISTS' });
    expect(sends).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('keep me');
    expect(existsSync(`${path}.partial`)).toBe(false);
  });

  it.each<ExportFormat>(['jsonl', 'csv'])('%s: a file that appears at the path meanwhile is kept; the export pauses, then publishes on resume', async (format) => {
    await createTable(`small-${format}`);
    await seed(`small-${format}`, Array.from({ length: 60 }, (_, i) => itemFor(i)));
    const path = join(dir, `appears.${format}`);
    let once = false;
    const first = await exportTable({
      client, table: `small-${format}`, operation: 'Scan', segments: 2, format, path, signal: abort(), scanInput: { Limit: 10 },
      onProgress: () => {
        if (!once) writeFileSync(path, 'someone else');
        once = true;
      },
    });
    expect(first).toMatchObject({ state: 'paused', items: 60, reason: expect.stringMatching(/already exists/) as unknown });
    expect(first.cursors?.every((c) => c.done)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('someone else');
    rmSync(path);
    const resumed = await exportTable({ client, table: `small-${format}`, operation: 'Scan', segments: 2, format, path, signal: abort(), resume: first.resume });
    expect(resumed).toMatchObject({ state: 'done', items: 60 });
    const rows = format === 'jsonl' ? lines(path) : (parse(readFileSync(path, 'utf8')) as string[][]).slice(1);
    expect(rows).toHaveLength(60);
    expect(existsSync(`${path}.partial`)).toBe(false);
    expect(existsSync(`${path}.partial.jsonl`)).toBe(false);
  });

  it('suggests more segments for bigger tables, within 1..16', () => {
    expect(suggestSegments(100, 50_000)).toBe(1);
    expect(suggestSegments(COUNT - 1, 900_000)).toBe(1);
    expect(suggestSegments(1_000_000, 1024 ** 3)).toBeGreaterThan(4);
    expect(suggestSegments(1e12, 1e15)).toBe(16);
  });
});

describe('pause when the session ends, then resume', () => {
  it.each<ExportFormat>(['jsonl', 'csv'])('%s: every item exactly once after resume with fresh credentials', async (format) => {
    const path = join(dir, `paused.${format}`);
    let pages = 0;
    const expiring = wrapSend((command, real) => {
      if (command instanceof ScanCommand && ++pages > 9) return Promise.reject(expiredToken());
      return real();
    });
    const first = await exportTable({ client: expiring, table: SRC, operation: 'Scan', segments: 4, format, path, signal: abort(), scanInput: { Limit: 400 } });
    expect(first.state).toBe('paused');
    expect(first.reason).toMatch(/expired/);
    expect(first.items).toBeGreaterThan(0);
    expect(first.items).toBeLessThan(COUNT);
    expect(first.cursors).toHaveLength(4);
    expect(first.cursors?.some((c) => !c.done && c.lastKey)).toBe(true);
    expect(existsSync(path)).toBe(false);
    const data = format === 'csv' ? `${path}.partial.jsonl` : `${path}.partial`;
    expect(lines(data)).toHaveLength(first.items);

    const resumed = await exportTable({
      client, table: SRC, operation: 'Scan', segments: 4, format, path, signal: abort(), scanInput: { Limit: 400 }, resume: first.resume,
    });
    expect(resumed).toMatchObject({ state: 'done', items: COUNT });
    expect(existsSync(`${path}.partial`)).toBe(false);
    expect(existsSync(`${path}.partial.jsonl`)).toBe(false);
    let keys: string[];
    if (format === 'jsonl') {
      keys = lines(path).map((l) => keyText(JSON.parse(l) as Item));
    } else {
      const rows = parse(readFileSync(path, 'utf8')) as string[][];
      const header = rows.shift() as string[];
      const pk = header.indexOf('pk:S');
      const sk = header.indexOf('sk:N');
      keys = rows.map((r) => `${r[pk]}|${r[sk]}`);
    }
    expect(keys).toHaveLength(COUNT);
    expect(new Set(keys).size).toBe(COUNT);
  });
});

describe('import problems', () => {
  it('JSON Lines: reports each bad row with its line number and imports the rest', async () => {
    await createTable('bad-jsonl');
    const path = join(dir, 'bad.jsonl');
    writeFileSync(path, [
      '{"pk":{"S":"ok1"},"sk":{"N":"1"}}',
      '{"pk":{"S":"broken"',
      '[1,2]',
      '{"pk":{"X":"a"},"sk":{"N":"1"}}',
      '',
      '{"sk":{"N":"2"}}',
      '{"pk":{"S":"ok2"},"sk":{"N":"2"},"n":{"N":"abc"}}',
      '{"pk":{"N":"1"},"sk":{"N":"3"}}',
      '{"pk":{"S":"ok3"},"sk":{"N":"3"},"s":{"SS":["a","a"]}}',
      '{"pk":{"S":"ok4"},"sk":{"N":"4"},"m":{"M":{"e":{"S":""}}}}',
      '',
    ].join('\n'));
    const reportPath = join(dir, 'bad.jsonl.report');
    const result = await importTable({ client, table: 'bad-jsonl', format: 'jsonl', path, signal: abort(), reportPath });
    expect(result).toMatchObject({ state: 'done', items: 2, rejected: 7 });
    const report = lines(reportPath).map((l) => JSON.parse(l) as { line: number; reason: string; row: string });
    expect(report.map((r) => r.line)).toEqual([2, 3, 4, 6, 7, 8, 9]);
    expect(report[0]?.reason).toMatch(/invalid JSON/);
    expect(report[0]?.row).toBe('{"pk":{"S":"broken"');
    expect(report[1]?.reason).toMatch(/expected an object/);
    expect(report[2]?.reason).toMatch(/unknown type tag "X"/);
    expect(report[3]?.reason).toMatch(/missing key attribute "pk"/);
    expect(report[4]?.reason).toMatch(/attribute n: N must be a number/);
    expect(report[5]?.reason).toMatch(/key attribute "pk" must be of type S, not N/);
    expect(report[6]?.reason).toMatch(/twice/);
    expect((await scanAll('bad-jsonl')).map((i) => i.pk)).toEqual([{ S: 'ok1' }, { S: 'ok4' }]);
  });

  it('CSV: bad cells, missing keys, extra cells and broken quoting are reported by line (CRLF file)', async () => {
    await createTable('bad-csv');
    const path = join(dir, 'bad.csv');
    writeFileSync(path, [
      'pk:S,sk:N,n:N,tags:SS,note:S', // 1
      'a,1,1.5,"[""x""]",hello', // 2
      'b,2,abc,,', // 3: not a number
      'c,3,,[x],', // 4: SS cell is not JSON
      ',4,,,', // 5: no partition key
      '"multi', // 6
      'line",5,,,"note, with comma"', // 7
      'd,6,1,,,extra', // 8: one cell too many
      '', // 9
      'e,7,2,"[""y""]",ok', // 10
      '"unclosed,8,,,', // 11: quote never closed
    ].join('\r\n'));
    const reportPath = join(dir, 'bad.csv.report');
    const result = await importTable({ client, table: 'bad-csv', format: 'csv', path, signal: abort(), reportPath });
    const report = lines(reportPath).map((l) => JSON.parse(l) as { line: number; reason: string; row: string });
    expect(report.map((r) => r.line)).toEqual([3, 4, 5, 8, 11]);
    expect(result).toMatchObject({ state: 'done', items: 3, rejected: 5 });
    expect(report[0]?.reason).toMatch(/column n:N: N must be a number/);
    expect(report[0]?.row).toBe('b,2,abc,,');
    expect(report[1]?.reason).toMatch(/column tags:SS: not valid JSON/);
    expect(report[2]?.reason).toMatch(/missing key attribute "pk"/);
    expect(report[3]?.reason).toMatch(/6 cells, but the header has 5/);
    expect(report[4]?.reason).toMatch(/CSV syntax error/);
    const items = await scanAll('bad-csv');
    expect(items.map((i) => i.pk)).toEqual([{ S: 'a' }, { S: 'e' }, { S: 'multi\r\nline' }]);
    expect(items[0]).toEqual({ pk: { S: 'a' }, sk: { N: '1' }, n: { N: '1.5' }, tags: { SS: ['x'] }, note: { S: 'hello' } });
    expect(items[2]?.note).toEqual({ S: 'note, with comma' });
  });

  it('retries UnprocessedItems until they land, and rejects what stays unprocessed', async () => {
    await createTable('unprocessed');
    const path = join(dir, 'unprocessed.jsonl');
    const rows = Array.from({ length: 200 }, (_, i) => JSON.stringify({ pk: { S: i === 77 ? 'stuck' : `p${i}` }, sk: { N: String(i) } }));
    // The same key twice in a row: must not travel in one batch, and the later row wins.
    rows.push('{"pk":{"S":"dup"},"sk":{"N":"1"},"v":{"S":"first"}}', '{"pk":{"S":"dup"},"sk":{"N":"1"},"v":{"S":"second"}}');
    writeFileSync(path, rows.join('\n'));
    let calls = 0;
    let duplicatesInOneBatch = false;
    const flaky = wrapSend(async (command, real) => {
      if (!(command instanceof BatchWriteItemCommand)) return real();
      calls++;
      const input = command.input as BatchWriteItemCommandInput;
      const requests = input.RequestItems?.unprocessed ?? [];
      const keys = requests.map((r) => JSON.stringify(itemFromSdk(r.PutRequest?.Item ?? {}).pk) + JSON.stringify(itemFromSdk(r.PutRequest?.Item ?? {}).sk));
      if (new Set(keys).size !== keys.length) duplicatesInOneBatch = true;
      const stuck = requests.filter((r) => r.PutRequest?.Item?.pk?.S === 'stuck');
      const others = requests.filter((r) => r.PutRequest?.Item?.pk?.S !== 'stuck');
      // The first three calls: only ten items go through, the rest come back unprocessed.
      const keep = calls <= 3 ? others.slice(0, 10) : others;
      const held = [...stuck, ...(calls <= 3 ? others.slice(10) : [])];
      if (keep.length > 0) input.RequestItems = { unprocessed: keep };
      const out = keep.length > 0 ? ((await real()) as BatchWriteItemCommandOutput) : ({ $metadata: {} } as BatchWriteItemCommandOutput);
      return { ...out, UnprocessedItems: held.length > 0 ? { unprocessed: held } : {} };
    });
    const reportPath = join(dir, 'unprocessed.report');
    const result = await importTable({
      client: flaky, table: 'unprocessed', format: 'jsonl', path, signal: abort(), reportPath, retry: { attempts: 3, baseMs: 5, maxMs: 20 },
    });
    expect(result).toMatchObject({ state: 'done', items: 201, rejected: 1 });
    expect(calls).toBeGreaterThan(Math.ceil(202 / 25) + 3);
    expect(duplicatesInOneBatch).toBe(false);
    const report = lines(reportPath).map((l) => JSON.parse(l) as { line: number; reason: string });
    expect(report).toEqual([{ line: 78, reason: expect.stringMatching(/not written after 3 attempts/) as unknown, row: rows[77] }]);
    const items = await scanAll('unprocessed');
    expect(items).toHaveLength(200);
    expect(items.find((i) => i.pk && 'S' in i.pk && i.pk.S === 'dup')?.v).toEqual({ S: 'second' });
  });
});

describe('JobRunner', () => {
  it('runs an export that pauses when the session ends and resumes with a new client', async () => {
    const seen: JobView[] = [];
    const at: number[] = [];
    const runner = new JobRunner({
      onChange: (j) => {
        seen.push(j);
        at.push(performance.now());
      },
    });
    let pages = 0;
    const expiring = wrapSend((command, real) => {
      if (command instanceof ScanCommand && ++pages > 5) return Promise.reject(expiredToken());
      return real();
    });
    const clients = [expiring, client];
    const path = join(dir, 'job.jsonl');
    const started = runner.startExport({
      // dynalite reports ItemCount 0 (DynamoDB's count lags too): give the count, as the UI does from describe.
      app: 'local', table: SRC, path, format: 'jsonl', operation: 'Scan', segments: 2, scanInput: { Limit: 500 }, itemCount: COUNT,
      clientFor: async () => clients.shift() ?? client,
    });
    expect(started.state).toBe('running');
    const paused = await runner.settled(started.id);
    expect(paused.state).toBe('paused');
    expect(paused.error).toMatch(/expired/);
    expect(paused.progress).toBeGreaterThan(0);
    expect(paused.progress).toBeLessThan(1);
    runner.resume(started.id);
    const done = await runner.settled(started.id);
    expect(done).toMatchObject({ state: 'done', items: COUNT, progress: 1, segments: 2 });
    expect(done.finishedAt).toBeDefined();
    expect(lines(path)).toHaveLength(COUNT);
    expect(seen.at(-1)).toMatchObject({ id: started.id, state: 'done' });
    expect(seen.filter((j) => j.state === 'paused').length).toBeGreaterThanOrEqual(1);
    // Throttled: two running reports in a row are at least ~100 ms apart (state changes are reported at once).
    const gaps = seen.slice(1).flatMap((j, i) => (j.state === 'running' && seen[i]?.state === 'running' ? [(at[i + 1] as number) - (at[i] as number)] : []));
    expect(gaps.length).toBeGreaterThan(0);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(90);
    expect(runner.list()).toHaveLength(1);
    expect(() => runner.resume(started.id)).toThrow(/only a paused export/);
  });

  it('runs an import, reports its rejected rows, and cancels a paused export by dropping its partial file', async () => {
    await createTable('job-import');
    const runner = new JobRunner();
    const path = join(dir, 'job-import.jsonl');
    writeFileSync(path, '{"pk":{"S":"a"},"sk":{"N":"1"}}\nnot json\n');
    const job = runner.startImport({ app: 'local', table: 'job-import', path, format: 'jsonl', clientFor: async () => client });
    const done = await runner.settled(job.id);
    expect(done).toMatchObject({ state: 'done', items: 1, rejected: 1, progress: 1 });
    expect(done.reportPath).toMatch(/job-import\.jsonl\.rejected-/);
    expect(lines(done.reportPath as string)).toHaveLength(1);

    const exportPath = join(dir, 'job-cancel.jsonl');
    const expired = wrapSend((command, real) => (command instanceof ScanCommand ? Promise.reject(expiredToken()) : real()));
    const exp = runner.startExport({ app: 'local', table: SRC, path: exportPath, format: 'jsonl', operation: 'Scan', segments: 1, clientFor: async () => expired });
    const paused = await runner.settled(exp.id);
    expect(paused.state).toBe('paused');
    // Unknown item count (dynalite says 0): no progress rather than a wrong one.
    expect(paused.progress).toBeUndefined();
    expect(existsSync(`${exportPath}.partial`)).toBe(true);
    expect((await runner.cancel(exp.id)).state).toBe('cancelled');
    expect(existsSync(`${exportPath}.partial`)).toBe(false);
    expect(existsSync(exportPath)).toBe(false);
  });
});
