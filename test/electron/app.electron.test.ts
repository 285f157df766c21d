/**
 * The desktop app for real: Playwright drives the Electron binary on out/main/index.js (launch,
 * window, security, IPC, tray, close-to-tray, single instance, quit). Runs where an Electron
 * binary is installed (and a display, or Xvfb, on Linux); elsewhere it skips and says why.
 * `npm run build` first is not needed: the bundles and the renderer are built when stale.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { _electron } from 'playwright-core';
import type { WebContentsView } from 'electron';
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, buildElectron } from '../../main/shell/build/electron-build';
import { buildRenderer } from '../../main/shell/build/renderer-build';
import { findElectronBinary } from '../../main/shell/launch';
import { consolePartition } from '../../main/core/console/window-options';
import { ROLE_ARNS, startAwsFixture } from '../fixtures/aws-fixture';

// Found without require('electron'), which would try to download a missing binary.
const found = findElectronBinary(ROOT);
const electronBinary = 'path' in found ? found.path : undefined;
const XVFB = '/usr/bin/Xvfb';
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const missing = 'missing' in found && !found.missing.includes('ELECTRON_SKIP_BINARY_DOWNLOAD') ? ` (${found.missing})` : '';
const skipReason = !electronBinary
  ? `Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): skipping Electron end-to-end tests${missing}`
  : noDisplay && !existsSync(XVFB)
    ? 'no display (DISPLAY/WAYLAND_DISPLAY unset) and no Xvfb: skipping Electron end-to-end tests'
    : null;
if (skipReason) console.warn(skipReason);

const MAIN = join(ROOT, 'out', 'main', 'index.js');
const APP_URL = pathToFileURL(join(ROOT, 'dist', 'renderer', 'index.html')).href;
// Chromium's sandbox refuses to run as root (CI containers): only then is it switched off. The
// renderer stays sandboxed in Electron's sense (webPreferences.sandbox: no Node, limited preload).
const SWITCHES = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

interface ShellHooks {
  airlockShell: { tray(): { exists: boolean; tooltip?: string; labels?: string[] }; refreshTray(): Promise<void> };
}
interface BridgeWindow {
  airlock?: { invoke(channel: string, payload: unknown): Promise<unknown> };
  location: { href: string };
  open(url: string): unknown;
}

async function startXvfb(): Promise<{ display: string; stop(): void }> {
  const child = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    (child.stdio[3] as Readable).on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
    setTimeout(() => reject(new Error('Xvfb did not report a display')), 15_000).unref();
  });
  return { display, stop: () => void child.kill() };
}

describe.skipIf(skipReason !== null)('the Electron app', () => {
  let home: string;
  let env: Record<string, string>;
  let xvfb: { display: string; stop(): void } | undefined;
  let electronApp: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    await buildRenderer();
    await buildElectron();
    if (noDisplay) xvfb = await startXvfb();
    home = mkdtempSync(join(tmpdir(), 'airlock-electron-'));
    env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
    delete env.ELECTRON_RUN_AS_NODE;
    Object.assign(env, { AIRLOCK_HOME: home, AIRLOCK_TEST_HOOKS: '1', ...(xvfb ? { DISPLAY: xvfb.display } : {}) });
    electronApp = await _electron.launch({ executablePath: electronBinary!, args: [...SWITCHES, MAIN], cwd: ROOT, env, timeout: 60_000 });
    page = await electronApp.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 180_000);

  afterAll(async () => {
    await electronApp?.close().catch(() => undefined);
    xvfb?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('opens one window, titled Airlock, on the built UI', async () => {
    expect(await page.title()).toBe('Airlock');
    expect(page.url().split('#')[0]).toBe(APP_URL);
    const windows = await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()));
    expect(windows).toHaveLength(1);
  });

  it('gives the page no Node, and exactly window.airlock.invoke/subscribe', async () => {
    expect(await page.evaluate(() => typeof require)).toBe('undefined');
    expect(await page.evaluate(() => typeof process)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as BridgeWindow).airlock ?? {}).sort())).toEqual(['invoke', 'subscribe']);
    // Context isolation: the page cannot reach the preload's ipcRenderer through the bridge.
    expect(await page.evaluate(() => 'ipcRenderer' in globalThis)).toBe(false);
  });

  it('enforces the CSP: no eval', async () => {
    const r = await page.evaluate(() => {
      try {
        return String((0, eval)('1 + 1'));
      } catch {
        return 'blocked';
      }
    });
    expect(r).toBe('blocked');
  });

  it('answers contract calls through the bridge, and refuses the rest', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as BridgeWindow).airlock!.invoke('proxies.list', {}))).toEqual({ ok: true, value: [] });
    expect(await page.evaluate(() => (globalThis as unknown as BridgeWindow).airlock!.invoke('fs.readFile', { path: '/etc/passwd' })))
      .toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses navigation away and new windows', async () => {
    // http (not https) so nothing is handed to a real browser during the test.
    await page.evaluate(() => {
      (globalThis as unknown as BridgeWindow).location.href = 'http://example.com/';
    });
    await page.waitForTimeout(500);
    await page.evaluate(() => {
      (globalThis as unknown as BridgeWindow).location.href = 'file:///etc/passwd';
    });
    await page.waitForTimeout(500);
    expect(page.url().split('#')[0]).toBe(APP_URL);
    expect(await page.evaluate(() => (globalThis as unknown as BridgeWindow).open('http://example.com/') === null)).toBe(true);
    expect(await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  it('has a tray with the quick-login menu', async () => {
    await electronApp.evaluate(() => (globalThis as unknown as ShellHooks).airlockShell.refreshTray());
    const tray = await electronApp.evaluate(() => (globalThis as unknown as ShellHooks).airlockShell.tray());
    expect(tray.exists).toBe(true);
    expect(tray.labels).toEqual(expect.arrayContaining(['Apps', 'No apps yet: add one in Airlock', 'Open Airlock', 'Quit Airlock']));
  });

  it('keeps running in the tray when the window is closed; a second launch brings the window back', async () => {
    await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
    await page.waitForTimeout(300);
    const hidden = await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()));
    expect(hidden).toEqual([false]);
    const second = spawn(electronBinary!, [...SWITCHES, MAIN], { cwd: ROOT, env, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).toBe(0);
    await expect.poll(() => electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible())), { timeout: 10_000 })
      .toEqual([true]);
  }, 60_000);

  it('opens the AWS console in a console window of its own: band + sandboxed console view in the role\'s partition', async () => {
    const fx = await startAwsFixture();
    try {
      const call = (channel: string, payload: unknown): Promise<unknown> =>
        page.evaluate(([c, p]) => (globalThis as unknown as BridgeWindow).airlock!.invoke(c as string, p), [channel, payload] as const);
      expect(await call('apps.add', { name: 'fx', uri: 'https://console.aws.amazon.com/', roleArns: [ROLE_ARNS.admin], stsEndpoint: fx.stsUrl, federationEndpoint: fx.federationUrl }))
        .toMatchObject({ ok: true });
      expect(await call('credentials.set', { app: 'fx', ...fx.sourceCredentials })).toMatchObject({ ok: true });
      expect(await call('sessions.login', { app: 'fx', role: 'Admin', durationSeconds: 3600 })).toMatchObject({ ok: true });
      // The fixture redirects to the real console: refused in that partition, so the test never reaches AWS.
      const partition = consolePartition('fx', '111111111111', 'Admin');
      await electronApp.evaluate(({ session }, p) => {
        session.fromPartition(p).webRequest.onBeforeRequest({ urls: ['https://*.amazon.com/*'] }, (_d, cb) => cb({ cancel: true }));
      }, partition);
      const signins = fx.signins.length;
      expect(await call('console.open', { app: 'fx', target: 'window', destination: 'home' })).toMatchObject({ ok: true, value: { openedIn: 'window', url: null } });
      await expect.poll(() => fx.signins.length > signins && fx.signins.at(-1)?.usedAt !== undefined, { timeout: 15_000 }).toBe(true);
      const shown = await electronApp.evaluate(({ BaseWindow }) => BaseWindow.getAllWindows()
        .filter((w) => w.getTitle().startsWith('fx — Admin (111111111111)'))
        .map((w) => ({
          views: w.contentView.children.length,
          band: (w.contentView.children[0] as WebContentsView).webContents.getURL().slice(0, 22),
          partition: (w.contentView.children[1] as WebContentsView).webContents.session.getStoragePath(),
        })));
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatchObject({ views: 2, band: 'data:text/html;charset=' });
      expect(shown[0]!.partition).toContain(partition.replace('persist:', ''));
      await electronApp.evaluate(({ BaseWindow }) => {
        for (const w of BaseWindow.getAllWindows()) if (w.getTitle().startsWith('fx — ')) w.close();
      });
    } finally {
      await fx.stop();
    }
  }, 60_000);

  it('quits for real on Quit', async () => {
    const closed = electronApp.waitForEvent('close', { timeout: 30_000 });
    await electronApp.evaluate(({ app }) => app.quit());
    await closed;
  }, 40_000);
});
