import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditLog, scrubAuditRecord } from '../../main/core/proxy/audit';
import type { AuditRecord } from '../../main/core/proxy/audit';
import { formatAuditText, parseDuration, readAudit } from '../../main/core/proxy/audit-read';
import type { AuditFilter, AuditReadStats } from '../../main/core/proxy/audit-read';
import { AirlockError } from '../../main/core/errors';

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'airlock-audit-'));
  dir = join(root, 'audit');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const DAY = '2025-03-01';

function rec(i: number, over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    time: new Date(Date.parse(`${DAY}T10:00:00.000Z`) + i * 1000).toISOString(),
    app: 'orders',
    roleArn: 'arn:aws:iam::123456789012:role/team/OrdersReadOnly',
    service: 'dynamodb',
    region: 'us-east-1',
    action: 'GetItem',
    table: 'Orders',
    status: 200,
    latencyMs: 12.5,
    bytesIn: i,
    bytesOut: 100,
    decision: 'forwarded',
    ...over,
  };
}

async function lines(file: string): Promise<string[]> {
  return (await readFile(file, 'utf8')).split('\n').filter(Boolean);
}

async function collect(filter: AuditFilter = {}, stats?: AuditReadStats): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for await (const r of readAudit(dir, filter, stats)) out.push(r);
  return out;
}

describe('AuditLog (writer)', () => {
  it('writes every appended record, in order, as parseable JSON lines with private permissions', async () => {
    const log = new AuditLog({ dir });
    for (let i = 0; i < 2500; i++) log.append(rec(i));
    await log.close();

    const written = await lines(join(dir, `audit-${DAY}.jsonl`));
    expect(written).toHaveLength(2500);
    const parsed = written.map((l) => JSON.parse(l) as AuditRecord);
    expect(parsed.map((r) => r.bytesIn)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    expect(parsed[7]).toEqual(rec(7));
    if (process.platform !== 'win32') {
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      expect((await stat(join(dir, `audit-${DAY}.jsonl`))).mode & 0o777).toBe(0o600);
    }
  });

  it('does not write synchronously per append: nothing is on disk until the batch is flushed', async () => {
    const log = new AuditLog({ dir, flushIntervalMs: 60_000 });
    const file = join(dir, `audit-${DAY}.jsonl`);
    for (let i = 0; i < 1000; i++) log.append(rec(i));
    const before = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
    expect(before).toBeLessThan(1000);
    await log.flush();
    expect(await lines(file)).toHaveLength(1000);
    await log.close();
  });

  it('flushes on its own after the interval, without close()', async () => {
    const log = new AuditLog({ dir, flushIntervalMs: 10 });
    log.append(rec(1));
    const file = join(dir, `audit-${DAY}.jsonl`);
    await vi.waitFor(async () => expect(await lines(file)).toHaveLength(1), { timeout: 10_000, interval: 20 });
    await log.close();
  });

  it('rotates past maxFileBytes to audit-DAY.N.jsonl and keeps order across files', async () => {
    const log = new AuditLog({ dir, maxFileBytes: 4096, maxBatch: 37 });
    for (let i = 0; i < 200; i++) log.append(rec(i));
    await log.close();

    const files = (await readdir(dir)).sort();
    expect(files).toContain(`audit-${DAY}.jsonl`);
    expect(files).toContain(`audit-${DAY}.1.jsonl`);
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect((await stat(join(dir, f))).size).toBeLessThanOrEqual(4096);
    expect((await collect()).map((r) => r.bytesIn)).toEqual(Array.from({ length: 200 }, (_, i) => i));

    // A restarted writer continues the newest file (or the next one) instead of the full base file.
    const baseSize = (await stat(join(dir, `audit-${DAY}.jsonl`))).size;
    const again = new AuditLog({ dir, maxFileBytes: 4096 });
    again.append(rec(200));
    await again.close();
    expect((await stat(join(dir, `audit-${DAY}.jsonl`))).size).toBe(baseSize);
    const holder: string[] = [];
    for (const f of await readdir(dir)) if ((await readFile(join(dir, f), 'utf8')).includes('"bytesIn":200,')) holder.push(f);
    expect([`audit-${DAY}.${files.length - 1}.jsonl`, `audit-${DAY}.${files.length}.jsonl`]).toContain(holder[0]);
    expect(holder).toHaveLength(1);
    expect((await collect()).map((r) => r.bytesIn).at(-1)).toBe(200);
  });

  it('names files by the UTC day of each record', async () => {
    const log = new AuditLog({ dir });
    log.append(rec(0, { time: '2025-03-01T23:59:59.999Z' }));
    log.append(rec(1, { time: '2025-03-02T00:00:00.000Z' }));
    await log.close();
    expect((await readdir(dir)).sort()).toEqual(['audit-2025-03-01.jsonl', 'audit-2025-03-02.jsonl']);
  });

  it('scrubs fields outside the schema, wrong types and query-string credentials', async () => {
    const log = new AuditLog({ dir });
    const dirty = {
      ...rec(1),
      action: 'GET /bucket/key?X-Amz-Security-Token=FQoGZXIvYXdzEXAMPLE&X-Amz-Signature=abc123',
      reason: 'bad signature in Authorization: AWS4-HMAC-SHA256 Credential=AKIA/…, Signature=deadbeef',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE, Signature=f00d' },
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE',
      table: { name: 'not a string' },
    } as unknown as AuditRecord;
    log.append(dirty);
    await log.close();

    const text = await readFile(join(dir, `audit-${DAY}.jsonl`), 'utf8');
    for (const secret of ['FQoGZXIvYXdzEXAMPLE', 'abc123', 'deadbeef', 'f00d', 'wJalrXUtnFEMI', 'IQoJb3JpZ2luX2VjEXAMPLE', 'headers']) {
      expect(text).not.toContain(secret);
    }
    const line = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(line).sort()).toEqual(
      ['action', 'app', 'bytesIn', 'bytesOut', 'decision', 'latencyMs', 'reason', 'region', 'roleArn', 'service', 'status', 'time'],
    );
    expect(line.action).toBe('GET /bucket/key');
    expect(scrubAuditRecord(rec(3))).toEqual(rec(3));
  });

  it('copies the record at append time, so later mutation by the caller is not logged', async () => {
    const log = new AuditLog({ dir });
    const r = rec(1);
    log.append(r);
    r.status = 500;
    await log.close();
    expect((await collect())[0]?.status).toBe(200);
  });

  it('never throws into the request path: write failures and late appends go to onError', async () => {
    await writeFile(join(root, 'not-a-dir'), 'x');
    const errors: unknown[] = [];
    const log = new AuditLog({ dir: join(root, 'not-a-dir'), onError: (e) => { errors.push(e); throw new Error('bad handler'); } });
    expect(() => log.append(rec(1))).not.toThrow();
    await log.flush();
    expect(errors[0]).toBeInstanceOf(AirlockError);
    expect((errors[0] as AirlockError).code).toBe('AUDIT_DROPPED');
    expect(log.droppedCount).toBe(1);

    await log.close();
    expect(() => log.append(rec(2))).not.toThrow();
    expect(log.droppedCount).toBe(2);
    expect(errors).toHaveLength(2);
  });
});

describe('readAudit', () => {
  async function seed(): Promise<void> {
    const log = new AuditLog({ dir });
    log.append(rec(0, { time: '2025-03-01T10:00:00.000Z', app: 'orders' }));
    log.append(rec(1, { time: '2025-03-01T11:00:00.000Z', app: 'billing' }));
    log.append(rec(2, { time: '2025-03-02T09:00:00.000Z', app: 'orders' }));
    log.append(rec(3, { time: '2025-03-03T09:00:00.000Z', app: 'orders' }));
    await log.close();
  }

  it('filters by app and by time window, across day files', async () => {
    await seed();
    expect((await collect()).map((r) => r.bytesIn)).toEqual([0, 1, 2, 3]);
    expect((await collect({ app: 'orders' })).map((r) => r.bytesIn)).toEqual([0, 2, 3]);
    expect((await collect({ since: new Date('2025-03-01T10:30:00Z') })).map((r) => r.bytesIn)).toEqual([1, 2, 3]);
    expect((await collect({ until: new Date('2025-03-02T09:00:00Z') })).map((r) => r.bytesIn)).toEqual([0, 1, 2]);
    expect((await collect({ app: 'orders', since: new Date('2025-03-01T12:00:00Z'), until: new Date('2025-03-02T12:00:00Z') })).map((r) => r.bytesIn)).toEqual([2]);
  });

  it('skips and counts malformed lines instead of failing', async () => {
    await seed();
    const file = join(dir, 'audit-2025-03-01.jsonl');
    const [first, second] = await lines(file);
    await writeFile(file, `${first}\n{"time":"broken\nnot json at all\n{"app":"x"}\n\n${second}\n`);
    await appendFile(file, '{"time":"2025-03-01T12:00:00.000Z","app":"orders","status":200'); // torn last write
    const stats: AuditReadStats = { files: 0, malformed: 0 };
    expect((await collect({}, stats)).map((r) => r.bytesIn)).toEqual([0, 1, 2, 3]);
    expect(stats).toEqual({ files: 3, malformed: 4 });
  });

  it('yields nothing for a missing directory and ignores unrelated files', async () => {
    expect(await collect()).toEqual([]);
    await seed();
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await writeFile(join(dir, 'audit-latest.jsonl'), '{}');
    expect(await collect()).toHaveLength(4);
  });

  it('can stop early', async () => {
    await seed();
    const seen: number[] = [];
    for await (const r of readAudit(dir, {})) {
      seen.push(r.bytesIn);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([0, 1]);
  });
});

describe('formatAuditText', () => {
  it('shows time, app, role name, service, action, table, status and latency on one line', () => {
    const line = formatAuditText(rec(0));
    expect(line).toBe(`${DAY}T10:00:00.000Z  orders  OrdersReadOnly  dynamodb  GetItem [Orders]  200  13ms`);
  });

  it('says why a request was refused and keeps control characters off the terminal', () => {
    const line = formatAuditText(rec(0, {
      decision: 'refused', status: 403, latencyMs: 0.42, roleArn: undefined, table: undefined,
      action: 'Evil\u001b[2J', reason: 'signature does not match',
    }));
    expect(line).toBe(`${DAY}T10:00:00.000Z  orders  -  dynamodb  Evil?[2J  403  0.4ms  refused: signature does not match`);
    expect(line).not.toContain('\n');
  });
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['7d', 604_800_000],
    ['1h30m', 5_400_000],
    ['1d2h3m4s', 93_784_000],
    [' 5m ', 300_000],
  ])('%s', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(['', '15', 'm', '1.5h', '-5m', '15x', '30m1h', '1h1h', '0s', '5 m', '1y', '99999999999999999d'])('rejects %j', (input) => {
    expect(() => parseDuration(input)).toThrow(AirlockError);
  });
});
