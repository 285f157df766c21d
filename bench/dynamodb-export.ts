// Export of a big table to JSON Lines with N parallel Scan segments, three ways, each in its own
// process (bench/dynamodb-side.ts) for its own peak RSS and CPU:
//   direct scan   the SDK straight at the emulator, N segment loops, each page written to a file
//                 as DynamoDB JSON lines through the same FileSink: the ceiling
//   exportTable   Airlock's export code (cursors, backpressure, partial file + publish), client
//                 straight at the emulator: what the export code costs by itself
//   airlock       exportTable with the client of host.dynamo().open(), i.e. through the app's
//                 endpoint proxy (verify, re-sign, audit), as the desktop app's export job does
// dynalite is single-threaded JS: it is the bottleneck of all three, so its CPU time per side is
// shown; items/s close to the direct scan means Airlock adds little on top of the emulator.
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DescribeTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { exportTable } from '../main/core/dynamodb/export';
import { FileSink } from '../main/core/dynamodb/file-sink';
import { itemFromSdk as toWireItem } from '../main/core/dynamodb/wire';
import type { CoreHost } from '../main/core/host';
import { BenchHome, makeTempDir, runJsonChild } from './children';
import { directClient } from './dynamodb-data';
import type { Usage } from './dynamodb-side';
import { processCpuMs } from './measure';

const SIDES = ['direct scan', 'exportTable', 'airlock'] as const;
type Side = (typeof SIDES)[number];

export interface ExportJob {
  task: 'export';
  side: Side;
  url: string;
  table: string;
  segments: number;
  out: string;
}

interface ExportSample {
  items: number;
  bytes: number;
  seconds: number;
}

/** The ceiling: N segment loops, each page written whole (as exportTable does) before the next is asked for. */
async function parallelScan(client: DynamoDBClient, job: ExportJob): Promise<number> {
  const sink = await FileSink.open(job.out, 'wx');
  let items = 0;
  await Promise.all(Array.from({ length: job.segments }, async (_, segment) => {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await client.send(new ScanCommand({
        TableName: job.table, ExclusiveStartKey: start, ...(job.segments > 1 ? { Segment: segment, TotalSegments: job.segments } : {}),
      }));
      let text = '';
      for (const raw of out.Items ?? []) text += `${JSON.stringify(toWireItem(raw))}\n`;
      await sink.write(text);
      items += out.Items?.length ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
  }));
  await sink.close();
  return items;
}

/** In the side's process. The client is ready (and the proxy started) before the clock starts. */
export async function exportSide(job: ExportJob, airlock: () => CoreHost): Promise<ExportSample> {
  const client = job.side === 'airlock' ? (await airlock().dynamo().open({ app: 'bench' })).client : directClient(job.url);
  await client.send(new DescribeTableCommand({ TableName: job.table }));
  const started = performance.now();
  let items: number;
  if (job.side === 'direct scan') {
    items = await parallelScan(client, job);
  } else {
    const r = await exportTable({ client, table: job.table, operation: 'Scan', segments: job.segments, format: 'jsonl', path: job.out, signal: new AbortController().signal });
    if (r.state !== 'done') throw new Error(`export ${r.state}: ${r.reason ?? ''}`);
    items = r.items;
  }
  const seconds = (performance.now() - started) / 1000;
  const { size } = await stat(job.out);
  // Hundreds of MB per side: gone as soon as measured.
  await rm(job.out, { force: true });
  return { items, bytes: size, seconds };
}

type SideResult = ExportSample & { usage: Usage; emulatorCpuMs: number | undefined };

export interface ExportOptions {
  url: string;
  emulatorPid: number;
  table: string;
  items: number;
  segments: number;
  rounds: number;
  progress: (text: string) => void;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

/** Unmeasured reads first, so the first side measured does not pay for the emulator's JIT and cold caches alone. */
async function warmEmulator(url: string, table: string, items: number): Promise<void> {
  const client = directClient(url);
  try {
    let read = 0;
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
      read += out.Items?.length ?? 0;
      start = out.LastEvaluatedKey;
    } while (start && read < items);
  } finally {
    client.destroy();
  }
}

async function runSide(o: ExportOptions, side: Side, env: NodeJS.ProcessEnv, dir: string): Promise<SideResult> {
  const job: ExportJob = { task: 'export', side, url: o.url, table: o.table, segments: o.segments, out: join(dir, `${side.replace(' ', '-')}.jsonl`) };
  const cpuBefore = processCpuMs(o.emulatorPid);
  const r = await runJsonChild<ExportSample & { usage: Usage }>(`export (${side})`, ['--import', 'tsx', 'bench/dynamodb-side.ts', JSON.stringify(job)], env);
  const cpuAfter = processCpuMs(o.emulatorPid);
  return { ...r, emulatorCpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

/**
 * In the bench's process: `rounds` rounds of one process per path, the order reversed every other
 * round (a machine shared with other work drifts over minutes); each path is reported by its
 * fastest round, the one least disturbed by the rest of the machine, with every round's seconds.
 */
export async function benchExport(o: ExportOptions): Promise<string> {
  o.progress('export: warming the emulator up (50k items read, unmeasured)');
  await warmEmulator(o.url, o.table, 50_000);
  const home = new BenchHome({ accessKeyId: 'unused', secretAccessKey: 'unused' });
  const dir = makeTempDir('airlock-bench-export-');
  const runs = new Map<Side, SideResult[]>(SIDES.map((s) => [s, []]));
  for (let round = 0; round < o.rounds; round++) {
    for (const side of round % 2 === 0 ? SIDES : [...SIDES].reverse()) {
      o.progress(`export: round ${round + 1} of ${o.rounds}, ${side}, ${o.items} items, ${o.segments} segments`);
      runs.get(side)!.push(await runSide(o, side, home.env, dir));
    }
  }
  const best = (side: Side): SideResult => runs.get(side)!.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const base = best('direct scan');
  const rate = (r: SideResult): number => r.items / r.seconds;
  const row = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(12) : c.padStart(10))).join(' ');
  const lines = [
    `Export of ${o.table} to JSON Lines, ${o.segments} parallel Scan segments, ${o.rounds} round(s) of one process per path ` +
      '(best round shown; file removed after each)',
    row(['path', 'items', 'seconds', 'items/s', 'vs direct', 'MB/s', 'CPU s', 'emul. CPU s', 'RSS start', 'peak RSS', 'rounds s']),
  ];
  for (const side of SIDES) {
    const r = best(side);
    const all = runs.get(side)!;
    lines.push(row([side, String(r.items), r.seconds.toFixed(1), rate(r).toFixed(0), `${(rate(r) / rate(base)).toFixed(2)}x`,
      (r.bytes / 1024 / 1024 / r.seconds).toFixed(1), (r.usage.cpuMs / 1000).toFixed(1),
      r.emulatorCpuMs === undefined ? '-' : (r.emulatorCpuMs / 1000).toFixed(1), `${mb(r.usage.rssStart)} MB`,
      `${mb(Math.max(...all.map((x) => x.usage.maxRss)))} MB`, all.map((x) => x.seconds.toFixed(1)).join('/')]));
  }
  const wrong = [...runs].flatMap(([side, rs]) => rs.filter((r) => r.items !== o.items).map((r) => `${side} ${r.items}`));
  if (wrong.length > 0) lines.push(`WARNING: item counts differ from the table's ${o.items}: ${wrong.join(', ')}`);
  lines.push(`file: ${(base.bytes / base.items).toFixed(0)} bytes per item as DynamoDB JSON; CPU s: the path's process ` +
    '(for airlock: client, proxy and writer together); emul. CPU s: the emulator process meanwhile; peak RSS: over all rounds');
  return lines.join('\n');
}
