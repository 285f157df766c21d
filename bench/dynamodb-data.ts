// The DynamoDB benches' data: deterministic order-like items of realistic size and shape, and the
// seeded tables kept in bench/.cache/ (git-ignored) so that the minutes of seeding dynalite with
// up to a million items are paid once. A marker file records what was seeded completely; a table
// without a marker entry (an interrupted seeding) is dropped and seeded again.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import http from 'node:http';
import { BatchWriteItemCommand, CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, WriteRequest } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ROOT } from './children';

/** AIRLOCK_BENCH_CACHE moves it (another disk, or a second bench while one holds the LevelDB lock). */
export const CACHE_DIR = process.env.AIRLOCK_BENCH_CACHE ? resolve(process.env.AIRLOCK_BENCH_CACHE) : join(ROOT, 'bench/.cache');
export const DATA_DIR = join(CACHE_DIR, 'dynalite');
const MARKER = join(CACHE_DIR, 'seeded.json');
/** Bump when itemAt() changes: the table name changes with it, so stale data is never reused. */
const ITEM_VERSION = 1;
const BATCH = 25;
const IN_FLIGHT = 4;

type SdkItem = Record<string, AttributeValue>;

/** Mean DynamoDB size of itemAt() items (names + values, as dynalite's itemSize counts), ~670 bytes as DynamoDB JSON. */
export const APPROX_ITEM_BYTES = 360;

export const tableFor = (count: number): string => `orders_v${ITEM_VERSION}_${count}`;

/** Item count from the environment (AIRLOCK_BENCH_ITEMS overrides every part's default). */
export function benchItems(fallback: number): number {
  const text = process.env.AIRLOCK_BENCH_ITEMS;
  if (text === undefined || text === '') return fallback;
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`AIRLOCK_BENCH_ITEMS must be a positive integer, not "${text}"`);
  return n;
}

/** A direct client: keep-alive, dummy keys (dynalite checks none). */
export function directClient(url: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
    requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }), requestTimeout: 120_000 }),
  });
}

// mulberry32: the same item for the same index on every machine and run.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUS = ['pending', 'paid', 'shipped', 'delivered', 'refunded'];
const CITIES = ['Lyon', 'Zürich', 'München', 'Kraków', 'Porto', 'Reykjavík', 'São Paulo', 'Osaka'];
const TAGS = ['gift', 'fragile', 'priority', 'bulk', 'b2b', 'returning', 'promo'];
const WORDS = ['please', 'leave', 'at', 'the', 'door', 'call', 'before', 'delivery', 'no', 'weekend', 'side', 'entrance', 'ring', 'twice'];
const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/**
 * One order: strings, numbers, BOOL, a string set, a nested map, a list of maps, and now and then
 * NULL, binary and a number set; ~300-500 bytes as DynamoDB JSON. Partition: 16 orders per customer.
 */
export function itemAt(i: number): SdkItem {
  const r = rng(i + 1);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 600) * 86_400_000 + Math.floor(r() * 86_400_000));
  const lines = Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({
    M: { sku: { S: `SKU-${pad(Math.floor(r() * 99_999), 5)}` }, qty: { N: String(1 + Math.floor(r() * 5)) }, price: { N: (r() * 200).toFixed(2) } },
  }));
  const item: SdkItem = {
    pk: { S: `customer#${pad(i >> 4, 7)}` },
    sk: { S: `order#${day.toISOString().slice(0, 10)}#${pad(i, 8)}` },
    status: { S: pick(STATUS) },
    total: { N: (r() * 1000).toFixed(2) },
    currency: { S: pick(['EUR', 'USD', 'CHF', 'JPY']) },
    createdAt: { S: day.toISOString() },
    email: { S: `user${pad(i >> 4, 7)}@example.com` },
    express: { BOOL: r() < 0.3 },
    tags: { SS: [...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(TAGS)))] },
    shipping: {
      M: {
        street: { S: `${1 + Math.floor(r() * 300)} ${pick(['Rue', 'Calle', 'Straße', 'Road'])} ${pick(WORDS)}` },
        city: { S: pick(CITIES) },
        zip: { S: pad(Math.floor(r() * 99_999), 5) },
        geo: { M: { lat: { N: (r() * 180 - 90).toFixed(6) }, lon: { N: (r() * 360 - 180).toFixed(6) } } },
      },
    },
    lines: { L: lines },
    note: { S: Array.from({ length: Math.floor(r() * 12) }, () => pick(WORDS)).join(' ') },
  };
  if (i % 5 === 0) item.coupon = { NULL: true };
  if (i % 7 === 0) item.thumb = { B: Uint8Array.from({ length: 24 + Math.floor(r() * 40) }, () => Math.floor(r() * 256)) };
  if (i % 3 === 0) item.scores = { NS: [String(Math.floor(r() * 100)), String(100 + Math.floor(r() * 100))] };
  return item;
}

interface Marker {
  [table: string]: { items: number; seedSeconds: number; seededAt: string };
}

function readMarker(): Marker {
  try {
    return JSON.parse(readFileSync(MARKER, 'utf8')) as Marker;
  } catch {
    return {};
  }
}

async function tableExists(client: DynamoDBClient, table: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: table }));
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'ResourceNotFoundException') return false;
    throw err;
  }
}

async function writeBatch(client: DynamoDBClient, table: string, requests: WriteRequest[]): Promise<void> {
  let pending = requests;
  while (pending.length > 0) {
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
    pending = out.UnprocessedItems?.[table] ?? [];
  }
}

/**
 * Makes sure `count` items are in their table of the emulator at `url` (whose data is DATA_DIR).
 * Returns the seeding seconds of this run (0 when reused) and of the run that seeded it.
 */
export async function ensureSeeded(url: string, count: number, progress: (text: string) => void): Promise<{ table: string; seededNow: boolean; seedSeconds: number }> {
  const table = tableFor(count);
  const client = directClient(url);
  try {
    const known = readMarker()[table];
    if (known?.items === count && (await tableExists(client, table))) return { table, seededNow: false, seedSeconds: known.seedSeconds };
    if (await tableExists(client, table)) {
      progress(`${table}: seeding was interrupted earlier; dropping it`);
      await client.send(new DeleteTableCommand({ TableName: table }));
      while (await tableExists(client, table)) await new Promise((r) => setTimeout(r, 200));
    }
    await client.send(new CreateTableCommand({
      TableName: table, BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
    }));
    const started = performance.now();
    let next = 0;
    let lastShown = 0;
    // A few batches in flight keep dynalite (single-threaded, writes serialized by the compat layer) busy.
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) {
        const from = next;
        next = Math.min(count, next + BATCH);
        const requests: WriteRequest[] = [];
        for (let i = from; i < next; i++) requests.push({ PutRequest: { Item: itemAt(i) } });
        await writeBatch(client, table, requests);
        if (next - lastShown >= count / 10) {
          lastShown = next;
          const s = (performance.now() - started) / 1000;
          progress(`${table}: ${next} of ${count} items seeded (${s.toFixed(0)} s, ${(next / s).toFixed(0)} items/s)`);
        }
      }
    }));
    const seedSeconds = (performance.now() - started) / 1000;
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(MARKER, `${JSON.stringify({ ...readMarker(), [table]: { items: count, seedSeconds, seededAt: new Date().toISOString() } }, null, 2)}\n`);
    return { table, seededNow: true, seedSeconds };
  } finally {
    client.destroy();
  }
}
