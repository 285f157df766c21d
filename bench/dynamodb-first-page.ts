// Time to the first page of a big table: the SDK straight at the emulator (one Scan without Limit:
// DynamoDB's own first page, up to 1 MB) against the table browser's read through Airlock
// (DynamoService.read: DescribeTable, cached, then the same Scan through the app's endpoint
// proxy, first 100 rows kept). Both make the emulator do the same work, so the difference is
// the proxy hop and the service around it.
//
// Each side runs in its own process (bench/dynamodb-side.ts) for its own RSS; the sides alternate
// over rounds (direct, airlock, airlock, direct, …) so drift on this shared machine hits both.
// "cold" is each process's first read: connections, and for Airlock the proxy start (local CA in
// a new vault) and the key-schema lookup.
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { CoreHost } from '../main/core/host';
import { BenchHome, runJsonChild } from './children';
import { directClient } from './dynamodb-data';
import type { Usage } from './dynamodb-side';
import { percentile } from './measure';

export interface FirstPageJob {
  task: 'first-page';
  side: 'direct' | 'airlock';
  url: string;
  table: string;
  warmup: number;
  reps: number;
}

interface FirstPageSample {
  coldMs: number;
  times: number[];
  /** Items in the Scan page the emulator returned (rows kept: all direct, 100 through Airlock). */
  pageItems: number;
  rows: number;
}

const ROWS = 100;

/** In the side's process: cold read, warm-up, then `reps` timed reads. */
export async function firstPageSide(job: FirstPageJob, airlock: () => CoreHost): Promise<FirstPageSample> {
  let read: () => Promise<{ pageItems: number; rows: number }>;
  if (job.side === 'direct') {
    const client = directClient(job.url);
    read = async () => {
      const out = await client.send(new ScanCommand({ TableName: job.table }));
      return { pageItems: out.Items?.length ?? 0, rows: out.Items?.length ?? 0 };
    };
  } else {
    const dynamo = airlock().dynamo();
    read = async () => {
      const r = await dynamo.read({ app: 'bench' }, { table: job.table }, undefined, { rows: ROWS });
      return { pageItems: r.pages[0]?.count ?? 0, rows: r.items.length };
    };
  }
  const timed = async (): Promise<[number, { pageItems: number; rows: number }]> => {
    const t = performance.now();
    const r = await read();
    return [performance.now() - t, r];
  };
  const [coldMs, first] = await timed();
  for (let i = 0; i < job.warmup; i++) await read();
  const times: number[] = [];
  for (let i = 0; i < job.reps; i++) times.push((await timed())[0]);
  return { coldMs, times, ...first };
}

type SideResult = FirstPageSample & { usage: Usage };

export interface FirstPageOptions {
  url: string;
  table: string;
  items: number;
  reps: number;
  rounds: number;
  progress: (text: string) => void;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

/** In the bench's process: the rounds of side processes, then the report. */
export async function benchFirstPage(o: FirstPageOptions): Promise<string> {
  const home = new BenchHome({ accessKeyId: 'unused', secretAccessKey: 'unused' });
  const runs: Record<'direct' | 'airlock', SideResult[]> = { direct: [], airlock: [] };
  for (let round = 0; round < o.rounds; round++) {
    const order = round % 2 === 0 ? (['direct', 'airlock'] as const) : (['airlock', 'direct'] as const);
    for (const side of order) {
      o.progress(`first page: round ${round + 1} of ${o.rounds}, ${side}`);
      const reps = Math.floor((o.reps * (round + 1)) / o.rounds) - Math.floor((o.reps * round) / o.rounds);
      const job: FirstPageJob = { task: 'first-page', side, url: o.url, table: o.table, warmup: 3, reps };
      runs[side].push(await runJsonChild<SideResult>(`first page (${side})`, ['--import', 'tsx', 'bench/dynamodb-side.ts', JSON.stringify(job)], home.env));
    }
  }
  const stats = (side: 'direct' | 'airlock') => {
    const times = runs[side].flatMap((r) => r.times).sort((a, b) => a - b);
    const cold = runs[side].map((r) => r.coldMs).sort((a, b) => a - b);
    return {
      side, p50: percentile(times, 0.5), p95: percentile(times, 0.95), coldMedian: percentile(cold, 0.5), n: times.length,
      page: runs[side][0]!.pageItems, rows: runs[side][0]!.rows,
      maxRss: Math.max(...runs[side].map((r) => r.usage.maxRss)), rssStart: Math.min(...runs[side].map((r) => r.usage.rssStart)),
    };
  };
  const d = stats('direct');
  const a = stats('airlock');
  const row = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(8) : c.padStart(11))).join(' ');
  return [
    `First page of ${o.table} (${o.items} items): Scan without Limit (the emulator returns ≤1 MB: ${d.page} items); ` +
      `${d.n} timed reads per path after 3 warm-up, over ${o.rounds} rounds of one process per path`,
    row(['path', 'p50 ms', 'p95 ms', 'vs direct', 'cold ms', 'rows kept', 'RSS start', 'peak RSS']),
    ...[d, a].map((s) => row([s.side, s.p50.toFixed(1), s.p95.toFixed(1), `${(s.p50 / d.p50).toFixed(2)}x`,
      s.coldMedian.toFixed(0), `${s.rows}/${s.page}`, `${mb(s.rssStart)} MB`, `${mb(s.maxRss)} MB`])),
    `airlock: DynamoService.read(rows: ${ROWS}) through the app's endpoint proxy, same Scan page; cold = first read of a ` +
      'process (median over its processes): for airlock it includes starting the proxy and DescribeTable',
  ].join('\n');
}
