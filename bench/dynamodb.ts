// npm run bench -- dynamodb: the table browser's big-table paths, direct vs through Airlock.
//   first page  time to the first page of a 100k-item table (dynamodb-first-page.ts)
//   export      export of 1M items to JSON Lines, items/s and peak RSS (dynamodb-export.ts)
//   scroll      100k rows loaded in the UI's virtualized grid: DOM rows, frame times (dynamodb-scroll.ts)
// One emulator process (dynamodb-emulator.ts) serves every part from bench/.cache/dynalite,
// seeded once per item count (dynamodb-data.ts); the seeding time is printed apart.
//
// Knobs: AIRLOCK_BENCH_ITEMS (items of every part's table; default 100000 for first page and
// scroll, 1000000 for export), AIRLOCK_BENCH_SEGMENTS (export; default what suggestSegments()
// picks for the table), AIRLOCK_BENCH_EXPORT_ROUNDS (default 2), AIRLOCK_BENCH_REPS (first page
// timed reads per path, default 30), AIRLOCK_BENCH_SCROLL_STEPS (scroll frames, default 1000),
// AIRLOCK_BENCH_CACHE (default bench/.cache).
import { suggestSegments } from '../main/core/dynamodb/export';
import { startJsonChild } from './children';
import { APPROX_ITEM_BYTES, benchItems, CACHE_DIR, DATA_DIR, ensureSeeded } from './dynamodb-data';
import { benchExport } from './dynamodb-export';
import { benchFirstPage } from './dynamodb-first-page';
import { benchScroll } from './dynamodb-scroll';

export const DYNAMODB_PARTS = ['dynamodb-first-page', 'dynamodb-export', 'dynamodb-scroll'] as const;
export type DynamoPart = (typeof DYNAMODB_PARTS)[number];

function envInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not "${text}"`);
  return n;
}

export async function runDynamoBenches(parts: ReadonlySet<DynamoPart>, progress: (text: string) => void): Promise<void> {
  const pageItems = benchItems(100_000);
  const exportItems = benchItems(1_000_000);
  progress(`starting the emulator (${DATA_DIR})`);
  const emulator = await startJsonChild<{ url: string }>('emulator', ['--import', 'tsx', 'bench/dynamodb-emulator.ts'],
    { PATH: process.env.PATH ?? '/usr/bin:/bin', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', AIRLOCK_BENCH_CACHE: CACHE_DIR });
  const url = emulator.value.url;

  const counts = new Set<number>();
  if (parts.has('dynamodb-first-page') || parts.has('dynamodb-scroll')) counts.add(pageItems);
  if (parts.has('dynamodb-export')) counts.add(exportItems);
  const tables = new Map<number, string>();
  for (const count of counts) {
    progress(`checking the seeded table of ${count} items`);
    const s = await ensureSeeded(url, count, progress);
    tables.set(count, s.table);
    console.log(`seeding ${s.table}: ${count} items (~${APPROX_ITEM_BYTES} B each), ` +
      (s.seededNow ? `seeded now in ${s.seedSeconds.toFixed(1)} s (${(count / s.seedSeconds).toFixed(0)} items/s)`
        : `reused from ${CACHE_DIR} (seeding took ${s.seedSeconds.toFixed(1)} s)`));
  }

  if (parts.has('dynamodb-first-page')) {
    console.log(`\n${await benchFirstPage({ url, table: tables.get(pageItems)!, items: pageItems, reps: envInt('AIRLOCK_BENCH_REPS', 30), rounds: 2, progress })}`);
  }
  if (parts.has('dynamodb-export')) {
    const segments = envInt('AIRLOCK_BENCH_SEGMENTS', suggestSegments(exportItems, exportItems * APPROX_ITEM_BYTES));
    console.log(`\n${await benchExport({ url, emulatorPid: emulator.pid, table: tables.get(exportItems)!, items: exportItems, segments,
      rounds: envInt('AIRLOCK_BENCH_EXPORT_ROUNDS', 2), progress })}`);
  }
  if (parts.has('dynamodb-scroll')) {
    console.log(`\n${await benchScroll({ url, table: tables.get(pageItems)!, items: pageItems, progress })}`);
  }
  await emulator.stop();
}
