// 100k loaded rows in the table browser without 100k rows in the DOM: Chromium drives `airlock ui`
// (a child process, its 'bench' local app aimed at the bench emulator), opens Tables, the app and
// the table, sets "Rows to show" to the table's size (at most 100000, the UI's limit) and presses
// Run ("Load more until N" carries on if a read stops on its time budget). Then:
//   load     from Run to the grid saying all rows are there (aria-rowcount), busy state gone
//   DOM      row elements of the "Items" grid: a virtualized grid keeps this near one screenful
//   scroll   the grid from top to bottom in equal steps, one step per requestAnimationFrame, the
//            frame-to-frame times measured in the page (by default each step lands ~100 rows
//            further: every frame renders a fresh window, the worst case for a virtualizer)
// Nothing here is faked: if the UI cannot be driven (no Chromium, no build, no grid), the part
// prints "skipped: …" with the reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { buildRenderer } from '../main/shell/build/renderer-build';
import { BenchHome, ROOT, runAirlock, startJsonChild } from './children';
import type { JsonChild } from './children';
import { percentile } from './measure';

const CHROMIUM = process.env.AIRLOCK_BENCH_CHROMIUM ?? '/usr/bin/chromium';
const UI_LIMIT = 100_000;
const LOAD_TIMEOUT_MS = 10 * 60_000;
const FRAME_MS = 1000 / 60;

// The page-side globals the in-page functions touch: this project is type-checked without the DOM lib.
interface El {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): { length: number };
}
declare const document: { querySelector(selector: string): El | null };
declare function requestAnimationFrame(cb: (t: number) => void): number;

export interface ScrollOptions {
  url: string;
  table: string;
  items: number;
  progress: (text: string) => void;
}

const GRID = '[role="grid"][aria-label="Items"]';

/** Builds dist/renderer when it is older than its sources (the same build `npm start` and the e2e tests run). */
async function ensureRendererBuilt(progress: (text: string) => void): Promise<void> {
  if (await buildRenderer(ROOT)) progress('scroll: built the renderer (dist/renderer was missing or older than its sources)');
}

/** Peak RSS (VmHWM) of a process in bytes, from /proc; undefined elsewhere or once it is gone. */
function peakRss(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Chromium's processes (browser, GPU, renderers) below `root`, this bench. */
function chromiumBelow(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const below = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  const isChromium = (pid: number): boolean => {
    try {
      return /chrom/i.test(readFileSync(`/proc/${pid}/comm`, 'utf8'));
    } catch {
      return false;
    }
  };
  return [...parent.keys()].filter((pid) => below(pid) && isChromium(pid));
}

/** The grid's row count (aria-rowcount counts the header row) and whether a read is still running. */
function gridState(page: Page): Promise<{ rows: number; busy: boolean }> {
  return page.evaluate((sel) => {
    const grid = document.querySelector(sel);
    // A Run marks the grid busy; "Load more" marks its button busy and shows a progress bar.
    const busy = document.querySelector('[aria-busy="true"], .load-progress') !== null;
    return { rows: grid ? Number(grid.getAttribute('aria-rowcount') ?? '1') - 1 : -1, busy };
  }, GRID);
}

/** Run with "Rows to show" = target; "Load more until target" after a read that stopped early. Resolves with ms. */
async function loadRows(page: Page, target: number): Promise<number> {
  await page.getByLabel('Rows to show').fill(String(target));
  const started = performance.now();
  await page.getByRole('form', { name: 'Query builder' }).getByRole('button', { name: 'Run', exact: true }).click();
  // The click starts the read: wait for it to show as running before watching for its end.
  await page.waitForTimeout(200);
  for (;;) {
    const s = await gridState(page);
    if (s.rows >= target && !s.busy) return performance.now() - started;
    if (performance.now() - started > LOAD_TIMEOUT_MS) throw new Error(`only ${s.rows} of ${target} rows after ${LOAD_TIMEOUT_MS / 1000} s`);
    if (!s.busy && s.rows >= 0) {
      // The read stopped short of the target (its time budget): carry on as a user would.
      await page.getByLabel('Load until (rows)').fill(String(target));
      const more = page.getByRole('button', { name: /^Load more until/ });
      if (!(await more.isEnabled())) throw new Error(`the read stopped at ${s.rows} of ${target} rows and "Load more" is disabled`);
      await more.click();
    }
    await page.waitForTimeout(250);
  }
}

/**
 * In the page: one step per animation frame from top to bottom (or, with move false, the same
 * frames without scrolling: the machine's baseline); frame deltas and the most rows seen in the
 * DOM. No named functions inside: tsx (esbuild keepNames) would wrap them in a __name() helper
 * that does not exist in the page.
 */
function scrollInPage(page: Page, steps: number, move = true): Promise<{ deltas: number[]; maxDomRows: number; scrollHeight: number }> {
  return page.evaluate(async ({ sel, steps, move }) => {
    const grid = document.querySelector(sel)!;
    const max = grid.scrollHeight - grid.clientHeight;
    const deltas: number[] = [];
    let maxDomRows = 0;
    grid.scrollTop = 0;
    let last = await new Promise<number>((r) => requestAnimationFrame(r));
    for (let i = 1; i <= steps; i++) {
      if (move) grid.scrollTop = Math.round((max * i) / steps);
      const t = await new Promise<number>((r) => requestAnimationFrame(r));
      deltas.push(t - last);
      last = t;
      maxDomRows = Math.max(maxDomRows, grid.querySelectorAll('.grid-body [role="row"]').length);
    }
    return { deltas, maxDomRows, scrollHeight: grid.scrollHeight };
  }, { sel: GRID, steps, move });
}

interface Running {
  browser?: Browser;
  ui?: JsonChild<string>;
}

const mb = (bytes: number | undefined): string => (bytes === undefined ? '-' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);

async function measure(o: ScrollOptions, ref: Running): Promise<string> {
  if (!existsSync(CHROMIUM)) return `skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set AIRLOCK_BENCH_CHROMIUM)`;
  await ensureRendererBuilt(o.progress);
  const target = Math.min(o.items, UI_LIMIT);
  const steps = Number(process.env.AIRLOCK_BENCH_SCROLL_STEPS ?? 1000);

  const home = new BenchHome({ accessKeyId: 'unused', secretAccessKey: 'unused' });
  await runAirlock(home, ['apps', 'add-local', 'bench', '--url', o.url]);
  // `airlock ui` prints its URL (with the session token) as its first line.
  const ui = await startJsonChild<string>('airlock ui', [join(ROOT, 'main/cli/bin.js'), 'ui', '--no-open', '--port', '0'], home.env,
    (out) => (out.includes('\n') ? out.split('\n')[0]!.trim() : undefined));
  ref.ui = ui;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  ref.browser = browser;
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });

  o.progress('scroll: opening Tables, the app and the table');
  await page.goto(ui.value);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tables', exact: true }).click();
  await page.getByRole('navigation', { name: 'Tables of this app' }).getByRole('button', { name: o.table, exact: true }).click({ timeout: 30_000 });
  // The first visit reads the first rows by itself: the grid is there once it has.
  await page.locator(GRID).waitFor({ state: 'visible', timeout: 60_000 });
  while ((await gridState(page)).busy) await page.waitForTimeout(100);

  o.progress(`scroll: loading ${target} rows in the UI`);
  const loadMs = await loadRows(page, target);
  const domRows = await page.locator(`${GRID} .grid-body [role="row"]`).count();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async (): Promise<Record<string, number>> =>
    Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const heap = (await metrics()).JSHeapUsedSize;

  o.progress(`scroll: scrolling ${target} rows in ${steps} frames`);
  const idle = (await scrollInPage(page, 120, false)).deltas.sort((a, b) => a - b);
  await scrollInPage(page, 50); // warm-up: JIT, style and layout caches
  const before = await metrics();
  const run = await scrollInPage(page, steps);
  const after = await metrics();
  // Where a frame's time goes, from Chromium's own counters (seconds, summed over the scroll).
  const perFrame = (name: string): string => (((after[name] ?? 0) - (before[name] ?? 0)) * 1000 / steps).toFixed(1);
  const d = [...run.deltas].sort((a, b) => a - b);
  // rAF timestamps jitter by ~0.1 ms around 16.7: a frame is late when it took over 17.7 ms.
  const over = (ms: number): number => d.filter((x) => x > ms).length;

  const chromePeak = Math.max(0, ...chromiumBelow(process.pid).map((p) => peakRss(p) ?? 0));
  const lines = [
    `Scroll of ${target} rows of ${o.table} in the table browser's grid (Chromium headless, 1440x900, airlock ui in its own process)`,
    `load       Rows to show = ${target}, Run → all rows in the grid: ${(loadMs / 1000).toFixed(1)} s (${(target / (loadMs / 1000)).toFixed(0)} rows/s, through the app's proxy and the UI's RPC)`,
    `DOM        ${domRows} row elements in the grid for ${target} rows loaded (most seen while scrolling: ${run.maxDomRows}); scroll height ${run.scrollHeight} px`,
    `scroll     ${d.length} frames, one step of ~${(run.scrollHeight / steps).toFixed(0)} px each: frame time p50 ${percentile(d, 0.5).toFixed(1)} ms, ` +
      `p95 ${percentile(d, 0.95).toFixed(1)} ms, max ${d[d.length - 1]!.toFixed(1)} ms; dropped (over ${FRAME_MS.toFixed(1)} ms): ${over(FRAME_MS + 1)}, ` +
      `over 50 ms: ${over(50)}; without scrolling (baseline): p50 ${percentile(idle, 0.5).toFixed(1)} ms, p95 ${percentile(idle, 0.95).toFixed(1)} ms`,
    `per frame  script ${perFrame('ScriptDuration')} ms, style ${perFrame('RecalcStyleDuration')} ms, layout ${perFrame('LayoutDuration')} ms, ` +
      `main-thread tasks in all ${perFrame('TaskDuration')} ms (Chromium's Performance metrics)`,
    `memory     page JS heap ${mb(heap)}; peak RSS: airlock ui ${mb(peakRss(ui.pid))}, largest Chromium process ${mb(chromePeak || undefined)}`,
  ];
  return lines.join('\n');
}

/** The scroll part: its report, or one "skipped: …" line saying why the grid could not be measured. */
export async function benchScroll(o: ScrollOptions): Promise<string> {
  const ref: Running = {};
  try {
    return await measure(o, ref);
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    return `scroll: skipped: the table grid is not available yet (${reason})`;
  } finally {
    await ref.browser?.close().catch(() => undefined);
    await ref.ui?.stop();
  }
}
