/**
 * Export and import as the UI runs them: contract calls through main/api, progress as events, every
 * request through the app's local proxy (audited), a 10,000-item table round-tripped exactly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../preload/contract';
import type { Item, JobView } from '../../preload/dynamodb';
import { createHandlers, invoke } from '../../main/api';
import type { Handlers } from '../../main/api/handler-types';
import { itemToSdk } from '../../main/core/dynamodb/wire';
import { CoreHost } from '../../main/core/host';
import { ProxyRegistry } from '../../main/core/proxy/registry';
import { readAudit } from '../../main/core/proxy/audit-read';
import { directClient, startDynalite } from '../fixtures/dynalite';
import type { DynaliteHandle } from '../fixtures/dynalite';
import { TestHome } from './harness';

let db: DynaliteHandle;
let home: TestHome;
let host: CoreHost;
let handlers: Handlers;
const jobEvents: JobView[] = [];
const COUNT = 10_000;

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const r = await invoke(handlers, channel, payload);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

function item(i: number): Item {
  const it: Item = {
    id: { S: `item-${i}` },
    n: { N: `${i}.${'1234567890123456789012345678901234'.slice(0, 30)}` },
    tags: { SS: [`t${i % 7}`, 'all'] },
    doc: { M: { list: { L: [{ N: String(i) }, { NULL: true }, { BOOL: i % 2 === 0 }] }, text: { S: `line, "quoted"\n${i}` } } },
  };
  if (i % 3 === 0) it.bin = { B: Buffer.from([i % 256, 0, 255]).toString('base64') };
  return it;
}

async function until(id: string, state: JobView['state']): Promise<JobView> {
  await expect.poll(() => jobEvents.filter((j) => j.id === id).at(-1)?.state, { timeout: 120_000, interval: 100 }).toBe(state);
  return jobEvents.filter((j) => j.id === id).at(-1)!;
}

const canon = (items: Item[]): string[] => items.map((i) => JSON.stringify(Object.entries(i).sort(([a], [b]) => a.localeCompare(b)))).sort();

async function readAll(table: string): Promise<Item[]> {
  const out: Item[] = [];
  let startKey: Item | undefined;
  do {
    const r = await call<{ items: Item[]; lastKey?: Item }>('items.read', { app: 'emu', spec: { table }, budget: { rows: 5000 }, ...(startKey ? { startKey } : {}) });
    out.push(...r.items);
    startKey = r.lastKey;
  } while (startKey);
  return out;
}

beforeAll(async () => {
  db = await startDynalite();
  home = new TestHome({ accessKeyId: '', secretAccessKey: '' });
  host = new CoreHost({ env: home.env });
  host.apps.addLocal({ name: 'emu', url: db.url });
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    if (name === 'job.progress') jobEvents.push(payload as JobView);
  };
  handlers = createHandlers({ host, proxies: new ProxyRegistry(host), emit });
  await call('tables.create', { app: 'emu', spec: { table: 'src', partitionKey: { name: 'id', type: 'S' } } });
  await call('tables.create', { app: 'emu', spec: { table: 'copy', partitionKey: { name: 'id', type: 'S' } } });
  // Seeding is setup, not the subject: straight to the emulator.
  const direct = directClient(db);
  const all = Array.from({ length: COUNT }, (_, i) => item(i));
  const batches: Item[][] = [];
  for (let i = 0; i < all.length; i += 25) batches.push(all.slice(i, i + 25));
  await Promise.all(Array.from({ length: 4 }, async () => {
    for (let b = batches.shift(); b; b = batches.shift()) {
      await direct.send(new BatchWriteItemCommand({ RequestItems: { src: b.map((x) => ({ PutRequest: { Item: itemToSdk(x) } })) } }));
    }
  }));
  direct.destroy();
}, 180_000);

afterAll(async () => {
  await host?.close();
  await db?.stop();
  home?.remove();
});

describe('export and import jobs through the API and the proxy', () => {
  it('exports 10,000 items with parallel segments, imports them into another table, and both tables are identical', async () => {
    const path = join(home.dir, 'src.jsonl');
    const started = await call<JobView>('jobs.export', { app: 'emu', spec: { table: 'src' }, format: 'jsonl', path, segments: 4 });
    expect(started).toMatchObject({ kind: 'export', state: 'running', segments: 4, path });
    const done = await until(started.id, 'done');
    expect(done.items).toBe(COUNT);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(COUNT);
    // Progress was reported on the way, not only at the end.
    expect(jobEvents.filter((j) => j.id === started.id).length).toBeGreaterThan(1);

    const imp = await call<JobView>('jobs.import', { app: 'emu', table: 'copy', format: 'jsonl', path });
    const imported = await until(imp.id, 'done');
    expect(imported).toMatchObject({ items: COUNT, rejected: 0 });
    const [a, b] = await Promise.all([readAll('src'), readAll('copy')]);
    expect(a).toHaveLength(COUNT);
    expect(canon(b)).toEqual(canon(a));
    expect((await call<JobView[]>('jobs.list', {})).map((j) => j.id)).toEqual(expect.arrayContaining([started.id, imp.id]));
  }, 240_000);

  it('exports the current query to CSV, and the proxy audited the scans and writes under the app', async () => {
    const path = join(home.dir, 'some.csv');
    const spec = { table: 'src', filter: { kind: 'group', join: 'AND', items: [{ kind: 'condition', path: ['tags'], op: 'contains', values: [{ S: 't3' }] }] } };
    const started = await call<JobView>('jobs.export', { app: 'emu', spec, format: 'csv', path, segments: 2 });
    const done = await until(started.id, 'done');
    const expected = Array.from({ length: COUNT }, (_, i) => i).filter((i) => i % 7 === 3).length;
    expect(done.items).toBe(expected);
    expect(readFileSync(path, 'utf8').split('\n')[0]).toContain('id:S');
    await host.auditLog().flush();
    const actions = new Set<string>();
    for await (const r of readAudit(host.paths.auditDir, { app: 'emu' })) if (r.table === 'src' || r.table === 'copy') actions.add(r.action ?? '');
    expect([...actions]).toEqual(expect.arrayContaining(['Scan', 'BatchWriteItem']));
  }, 120_000);

  it('in the desktop app, exports and imports only files chosen in its native dialog', async () => {
    const picked = join(home.dir, 'picked.jsonl');
    const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
      if (name === 'job.progress') jobEvents.push(payload as JobView);
    };
    const desktop = createHandlers({ host, proxies: new ProxyRegistry(host), emit, chooseFile: async () => picked });
    // A path the renderer makes up by itself is refused.
    const typed = await invoke(desktop, 'jobs.export', { app: 'emu', spec: { table: 'src' }, format: 'jsonl', path: join(home.dir, 'typed.jsonl') });
    expect(!typed.ok && typed.error.code).toBe('PATH_NOT_CHOSEN');
    const chosen = await invoke(desktop, 'files.choose', { purpose: 'export', suggestedName: 'src.jsonl' });
    expect(chosen).toEqual({ ok: true, value: { supported: true, path: picked } });
    const started = await invoke(desktop, 'jobs.export', { app: 'emu', spec: { table: 'src' }, format: 'jsonl', path: picked, segments: 2 });
    expect(started.ok).toBe(true);
    expect((await until((started as { value: JobView }).value.id, 'done')).items).toBe(COUNT);
    // A choice is good for one job: the same path again needs a new choice.
    const again = await invoke(desktop, 'jobs.export', { app: 'emu', spec: { table: 'src' }, format: 'jsonl', path: picked });
    expect(!again.ok && again.error.code).toBe('PATH_NOT_CHOSEN');
    const imp = await invoke(desktop, 'jobs.import', { app: 'emu', table: 'copy', format: 'jsonl', path: picked });
    expect(!imp.ok && imp.error.code).toBe('PATH_NOT_CHOSEN');
    // The web UI host has no native dialog: it says so, and typed paths are the way there.
    expect(await invoke(handlers, 'files.choose', { purpose: 'import' })).toEqual({ ok: true, value: { supported: false, path: null } });
  });

  it('refuses to overwrite a file, and to import a file that is not there, with clear errors', async () => {
    const path = join(home.dir, 'src.jsonl');
    const r = await invoke(handlers, 'jobs.export', { app: 'emu', spec: { table: 'src' }, format: 'jsonl', path });
    const failed = r.ok ? await until((r.value as JobView).id, 'failed') : undefined;
    expect(r.ok ? failed?.error : r.error.message).toMatch(/exists/);
    const missing = await invoke(handlers, 'jobs.import', { app: 'emu', table: 'copy', format: 'jsonl', path: join(home.dir, 'nope.jsonl') });
    const outcome = missing.ok ? (await until((missing.value as JobView).id, 'failed')).error : missing.error.message;
    expect(outcome).toMatch(/nope\.jsonl/);
  });
});
