/**
 * What the end-to-end tests share: the built renderer, `airlock ui` as a child process, Debian's
 * Chromium, and waiting helpers. Everything is found by role and accessible name.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { buildRenderer } from '../../main/shell/build/renderer-build';
import { AWS_CLI, spawnAirlock } from '../integration/harness';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const SHOTS = join(ROOT, 'test/e2e/screenshots');
const CHROMIUM = process.env.AIRLOCK_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** Why the end-to-end tests cannot run here (printed, then they skip); empty when they can. */
export function missingTools(suite: string): string[] {
  const missing = [
    existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set AIRLOCK_TEST_CHROMIUM)`,
    existsSync(AWS_CLI) ? undefined : `no aws CLI at ${AWS_CLI} (apt-get install awscli)`,
  ].filter((m): m is string => m !== undefined);
  if (missing.length) console.warn(`[${suite}] skipping the UI end-to-end test: ${missing.join('; ')}`);
  return missing;
}

/** Builds dist/renderer when it is missing or older than its sources (the same build `npm start` runs). */
export async function ensureRendererBuilt(): Promise<void> {
  await buildRenderer(ROOT);
}

export interface UiProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** `airlock ui --no-open --port 0`; resolves with the URL it prints first. */
export async function startUi(env: NodeJS.ProcessEnv): Promise<UiProcess> {
  const ui = await spawnAirlock(env, ['ui', '--no-open', '--port', '0'], (out) => {
    const line = out.split('\n')[0];
    return out.includes('\n') && line ? line.trim() : undefined;
  });
  return { child: ui.child, url: ui.ready, output: ui.output };
}

export async function stopUi(ui: UiProcess | undefined): Promise<void> {
  if (!ui?.child || ui.child.exitCode !== null) return;
  const exited = new Promise((r) => ui.child.once('exit', r));
  ui.child.kill('SIGTERM');
  await exited;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page that records script errors and console errors (CSP violations among them). */
export async function newPage(context: BrowserContext, problems: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  return page;
}

/** Polls until fn returns something truthy (UI state that is not a DOM condition). */
export async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export const visible = (l: Locator): Promise<void> => l.waitFor({ state: 'visible' });
export const gone = (l: Locator): Promise<void> => l.waitFor({ state: 'hidden' });

// The page-side globals the tests touch (in page.evaluate callbacks): test files are type-checked
// without the DOM lib, and the page's CSP forbids evaluating strings.
declare const document: { documentElement: { dataset: Record<string, string | undefined> } };

/** Both themes through the OS preference (the app's theme is "system" by default). */
export async function screenshot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme);
    await page.screenshot({ path: join(SHOTS, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
