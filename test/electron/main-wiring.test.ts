/**
 * main/index.ts, run against a recording stand-in for `electron` (fake-electron.ts): the entry's
 * wiring — single-instance lock, sandbox, window options and page, session guards and CSP, IPC
 * sender checks through the real contract handlers and core, tray menu and actions,
 * close-to-tray and Quit (proxies stopped, audit flushed) — checked where no Electron binary runs.
 * The real thing is app.electron.test.ts.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../main/shell/build/electron-build';
import { INVOKE_CHANNEL } from '../../main/shell/ipc-channels';
import { startAwsFixture } from '../fixtures/aws-fixture';
import type { AwsFixture } from '../fixtures/aws-fixture';
import type { FakeElectron } from './fake-electron';

type Item = { label?: string; id?: string; click?: () => void; submenu?: Item[]; enabled?: boolean };
type Handle = (event: unknown, ...args: unknown[]) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;

const APP_HTML = join(ROOT, 'dist', 'renderer', 'index.html');
const APP_URL = pathToFileURL(APP_HTML).href;
let outDir: string;
let home: string;
let fake: FakeElectron;
let fx: AwsFixture;
let proxyPort: number | undefined;

async function until<T>(what: string, fn: () => T | undefined | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...(i.submenu ? flat(i.submenu) : [])]);

beforeAll(async () => {
  // out/<dir>/index.js: the bundle computes the app root two levels up, i.e. this checkout.
  await mkdir(join(ROOT, 'out'), { recursive: true });
  outDir = await mkdtemp(join(ROOT, 'out', 'wiring-'));
  await build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, 'main', 'index.ts')],
    outfile: join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    alias: { electron: join(ROOT, 'test', 'electron', 'fake-electron.ts') },
    logLevel: 'warning',
  });
  await copyFile(join(outDir, 'index.js'), join(outDir, 'second.js'));
  fx = await startAwsFixture();
  home = await mkdtemp(join(tmpdir(), 'airlock-wiring-'));
  process.env.AIRLOCK_HOME = home;
  process.env.AIRLOCK_TEST_HOOKS = '1';
  delete process.env.AIRLOCK_CIPHER;
  await import(pathToFileURL(join(outDir, 'index.js')).href);
  fake = (globalThis as unknown as { fakeElectron: FakeElectron }).fakeElectron;
}, 60_000);

afterAll(async () => {
  await fx?.stop();
  await rm(outDir, { recursive: true, force: true });
  await rm(home, { recursive: true, force: true });
});

const win = () => fake.BrowserWindow.all[0]!;
const invoke = (senderId: number, url: string, channel: string, payload: unknown, mainFrame = true) =>
  (fake.ipcHandlers.get(INVOKE_CHANNEL) as Handle)({ sender: { id: senderId }, senderFrame: { url, parent: mainFrame ? null : {} } }, channel, payload);

describe('main/index.ts wiring (fake electron)', () => {
  it('before ready: named Airlock, profile under AIRLOCK_HOME, sandbox everywhere, one instance', () => {
    expect(fake.app.name).toBe('Airlock');
    expect(fake.app.paths.userData).toBe(join(home, 'electron'));
    expect(fake.app.sandboxed).toBe(true);
    expect(fake.BrowserWindow.all).toHaveLength(0);
  });

  it('when ready: guards the session, sets the CSP, opens the window on our page', async () => {
    fake.app.makeReady();
    const w = await until('the window', () => fake.BrowserWindow.all[0]);
    const web = w.options.webPreferences as Record<string, unknown>;
    expect(web).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: join(ROOT, 'out', 'preload', 'index.cjs') });
    expect(w.loads[0]!.file).toBe(APP_HTML);
    await until('ready-to-show', () => w.visible);
    expect(Object.keys(fake.session.handlers).sort()).toEqual(['device', 'displayMedia', 'headers', 'permissionCheck', 'permissionRequest']);
    let headers: Record<string, string[]> = {};
    fake.session.handlers.headers!({ responseHeaders: {} }, (r: { responseHeaders: Record<string, string[]> }) => void (headers = r.responseHeaders));
    expect(headers['content-security-policy']![0]).toContain("default-src 'none'");
    let granted: boolean | undefined;
    fake.session.handlers.permissionRequest!(w.webContents, 'media', (g: boolean) => void (granted = g), { requestingUrl: APP_URL, isMainFrame: true });
    expect(granted).toBe(false);
    expect(fake.menus.application).not.toBeNull();
  });

  it('hardens every web contents: navigation away and window.open refused, https to the browser', () => {
    const wc = win().webContents;
    let prevented = false;
    wc.emit('will-navigate', { url: 'https://evil.example/x', preventDefault: () => void (prevented = true) });
    expect(prevented).toBe(true);
    expect(fake.opened).toContain('https://evil.example/x');
    prevented = false;
    wc.emit('will-navigate', { url: `${APP_URL}#apps`, preventDefault: () => void (prevented = true) });
    expect(prevented).toBe(false);
    expect(wc.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    let webview = false;
    wc.emit('will-attach-webview', { preventDefault: () => void (webview = true) });
    expect(webview).toBe(true);
  });

  it('answers IPC from our page through the contract, and only from it', async () => {
    const id = win().webContents.id;
    expect(await invoke(id, APP_URL, 'proxies.list', {})).toEqual({ ok: true, value: [] });
    // A first start: the only app is the embedded Local DynamoDB.
    expect(await invoke(id, APP_URL, 'apps.list', {})).toMatchObject({ ok: true, value: [{ name: 'local-dynamodb', kind: 'local', localEndpoint: 'embedded' }] });
    expect((await invoke(id, APP_URL, 'shell.exec', {})).error?.code).toBe('UNKNOWN_CHANNEL');
    expect((await invoke(id + 100, APP_URL, 'apps.list', {})).error?.code).toBe('FORBIDDEN_SENDER');
    expect((await invoke(id, APP_URL, 'apps.list', {}, false)).error?.code).toBe('FORBIDDEN_SENDER');
    expect((await invoke(id, 'https://evil.example/', 'apps.list', {})).error?.code).toBe('FORBIDDEN_SENDER');
  });

  it('the tray lists what the window adds', async () => {
    const tray = await until('the tray', () => fake.Tray.all[0]);
    expect((tray.image as { path: string }).path).toBe(join(ROOT, 'assets', 'tray', process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'));
    // A first start offers the embedded Local DynamoDB: the tray starts its proxy without a login.
    await until('an initial menu', () => flat(tray.menu as Item[]).some((i) => i.label === 'local-dynamodb (local)'));
    const added = await invoke(win().webContents.id, APP_URL, 'apps.add', {
      name: 'prod', uri: 'https://console.aws.amazon.com/', region: 'eu-west-1', roleArns: ['arn:aws:iam::111122223333:role/Admin'], stsEndpoint: fx.stsUrl,
    });
    expect(added.ok).toBe(true);
    // apps.add emits nothing; the tray catches up on its next refresh.
    const hooks = (globalThis as unknown as { airlockShell: { refreshTray(): Promise<void>; tray(): { exists: boolean; labels: string[] } } }).airlockShell;
    await hooks.refreshTray();
    const items = flat(tray.menu as Item[]);
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['prod', 'Admin (111122223333)', 'Log in and start proxy', 'Copy env', 'Stop', 'Open Airlock', 'Quit Airlock']));
    expect(items.find((i) => i.label === 'Copy env')!.enabled).toBe(false);
    expect(hooks.tray()).toMatchObject({ exists: true, labels: expect.arrayContaining(['prod']) });
  });

  it('closing the window hides it (the app stays in the tray); the tray and a second launch bring it back', async () => {
    const w = win();
    w.close();
    expect(w.isDestroyed()).toBe(false);
    expect(w.visible).toBe(false);
    expect(fake.Notification.shown).toHaveLength(process.platform === 'darwin' ? 0 : 1);
    flat(fake.Tray.all[0]!.menu as Item[]).find((i) => i.label === 'Open Airlock')!.click!();
    expect(w.visible).toBe(true);
    w.hide();
    fake.app.emit('second-instance');
    expect(w.visible).toBe(true);
    expect(fake.BrowserWindow.all).toHaveLength(1);
  });

  it('a login the tray cannot do shows why', async () => {
    fake.dialogs.length = 0;
    const login = flat(fake.Tray.all[0]!.menu as Item[]).find((i) => i.label === 'Log in and start proxy')!;
    login.click!();
    // No source credentials stored for this app: the login fails and is reported.
    await until('an error dialog', () => fake.dialogs.length > 0, 30_000);
    expect(JSON.stringify(fake.dialogs[0])).toContain('could not log in to prod');
  }, 40_000);

  it('tray quick-login: logs in, starts a proxy, copies its env, stops it', async () => {
    const id = win().webContents.id;
    const roleArn = 'arn:aws:iam::111111111111:role/Admin';
    expect((await invoke(id, APP_URL, 'apps.add', { name: 'fx', uri: 'https://console.aws.amazon.com/', roleArns: [roleArn], stsEndpoint: fx.stsUrl, endpoints: { dynamodb: fx.dynamodbUrl } })).ok).toBe(true);
    expect((await invoke(id, APP_URL, 'credentials.set', { app: 'fx', ...fx.sourceCredentials })).ok).toBe(true);
    const tray = fake.Tray.all[0]!;
    const fxItems = async (): Promise<Item[]> => {
      await until('the fx app in the tray', () => (tray.menu as Item[]).some((i) => i.label?.startsWith('fx')));
      return flat((tray.menu as Item[]).filter((i) => i.label?.startsWith('fx')));
    };
    (await fxItems()).find((i) => i.label === 'Log in and start proxy')!.click!();
    await until('a running proxy', () => flat(tray.menu as Item[]).some((i) => /^fx — Admin, (\d+h )?\d+m left · proxy :\d+$/.test(i.label ?? '')), 30_000);
    const line = flat(tray.menu as Item[]).find((i) => i.label?.startsWith('fx — Admin'))!.label!;
    proxyPort = Number(/:(\d+)$/.exec(line)![1]);
    const items = await fxItems();
    expect(items.find((i) => i.label === 'Copy env')!.enabled).toBe(true);
    expect(items.find((i) => i.label === 'Log in again')).toBeDefined();
    // The window was told (session.changed), so it can refresh its proxies.
    expect(win().webContents.sent.some((m) => m[1] === 'session.changed' && JSON.stringify(m[2]) === '{"app":"fx"}')).toBe(true);
    items.find((i) => i.label === 'Copy env')!.click!();
    await until('the env on the clipboard', () => fake.clipboard.length > 0);
    const env = fake.clipboard.at(-1)!;
    expect(env).toContain(`HTTPS_PROXY='http://127.0.0.1:${proxyPort}'`);
    expect(env).toMatch(process.platform === 'win32' ? /^\$Env:/m : /^export AWS_ACCESS_KEY_ID='AKIL/m);
    expect(env).not.toContain(fx.sourceCredentials.secretAccessKey);
    expect(await listening(proxyPort)).toBe(true);
    // The app's vault is sealed by safeStorage (the CLI would refuse it and point to the app).
    const vault = JSON.parse(await readFile(join(home, 'vault'), 'utf8')) as { cipher: string; data: string };
    expect(vault.cipher).toBe('safeStorage');
    expect(JSON.stringify(vault)).not.toContain(fx.sourceCredentials.secretAccessKey);
  }, 60_000);

  it('console.open from the window: a console window of its own (band + console view), guarded, never answered over IPC', async () => {
    const id = win().webContents.id;
    const roleArn = 'arn:aws:iam::111111111111:role/Admin';
    expect((await invoke(id, APP_URL, 'apps.update', { name: 'fx', federationEndpoint: fx.federationUrl })).ok).toBe(true);
    const before = fake.BaseWindow.all.length;
    const opened = await invoke(id, APP_URL, 'console.open', { app: 'fx', target: 'window', destination: 'dynamodb' });
    // The sign-in URL (a bearer secret) never goes back to the page when the app opens it itself.
    expect(opened).toMatchObject({ ok: true, value: { openedIn: 'window', url: null, roleArn } });
    const cw = fake.BaseWindow.all[before]!;
    expect(cw.title).toBe('fx — Admin (111111111111)');
    expect(cw.visible).toBe(true);
    const [band, view] = cw.contentView.children;
    expect(view!.options.webPreferences).toMatchObject({
      partition: expect.stringMatching(/^persist:console-fx-admin-[0-9a-z]+$/), preload: undefined, sandbox: true, contextIsolation: true, nodeIntegration: false,
    });
    expect(band!.options.webPreferences).toMatchObject({ javascript: false, sandbox: true });
    expect(band!.options.webPreferences).not.toHaveProperty('partition');
    expect(band!.bounds).toEqual({ x: 0, y: 0, width: 1280, height: 28 });
    expect(view!.bounds).toEqual({ x: 0, y: 28, width: 1280, height: 832 });
    const band0 = decodeURIComponent(band!.webContents.loads[0]!);
    expect(band0).toMatch(/^data:text\/html;charset=utf-8,<!doctype html>/);
    expect(band0).toContain('<b>fx</b><span>Admin</span><span class="dim">account 111111111111</span>');
    const url = view!.webContents.loads[0]!;
    expect(url.startsWith(`${fx.federationUrl}?Action=login&`)).toBe(true);
    expect(new URL(url).searchParams.get('Destination')).toBe('https://console.aws.amazon.com/dynamodbv2/home?region=us-east-1#tables');
    // What the window would do: the fixture takes the token once and redirects to the console.
    const first = await fetch(url, { redirect: 'manual' });
    expect([first.status, first.headers.get('location')]).toEqual([302, 'https://console.aws.amazon.com/dynamodbv2/home?region=us-east-1#tables']);
    expect(fx.signins.at(-1)).toMatchObject({ roleArn, usedAt: expect.any(Date) });

    // The console view got the console guard (the Airlock window's would refuse the console itself).
    const wc = view!.webContents;
    const navigate = (target: { emit(e: string, ev: unknown): unknown }, to: string, event = 'will-navigate'): boolean => {
      let prevented = false;
      target.emit(event, { url: to, isMainFrame: true, preventDefault: () => void (prevented = true) });
      return prevented;
    };
    expect(navigate(wc, 'https://eu-west-1.console.aws.amazon.com/s3/home')).toBe(false);
    expect(navigate(wc, 'https://console.aws.amazon.com/', 'will-redirect')).toBe(false);
    expect(navigate(wc, 'https://docs.aws.amazon.com/iam/')).toBe(true);
    expect(fake.opened.at(-1)).toBe('https://docs.aws.amazon.com/iam/');
    expect(navigate(wc, 'https://evil.example/', 'will-redirect')).toBe(true);
    // The band (default session) keeps the Airlock guard: it may not navigate anywhere.
    expect(navigate(band!.webContents, 'https://console.aws.amazon.com/')).toBe(true);
    // window.open: console URLs become another console window of the same partition; the rest goes to the browser.
    expect(wc.windowOpenHandler!({ url: 'https://console.aws.amazon.com/iam/home' })).toEqual({ action: 'deny' });
    const second = fake.BaseWindow.all[before + 1]!;
    expect(second.contentView.children[1]!.options.webPreferences!.partition).toBe(view!.options.webPreferences!.partition);
    expect(second.contentView.children[1]!.webContents.loads).toEqual(['https://console.aws.amazon.com/iam/home']);
    expect(wc.windowOpenHandler!({ url: 'https://aws.amazon.com/pricing/' })).toEqual({ action: 'deny' });
    expect(fake.opened.at(-1)).toBe('https://aws.amazon.com/pricing/');
    expect(fake.BaseWindow.all).toHaveLength(before + 2);
    // Permissions of the console partition: clipboard writes from the console only.
    const ses = fake.partitions.get(String(view!.options.webPreferences!.partition))!;
    const ask = (permission: string, requestingUrl: string): boolean => {
      let granted: boolean | undefined;
      ses.handlers.permissionRequest!(wc, permission, (g: boolean) => void (granted = g), { requestingUrl, isMainFrame: true });
      return granted!;
    };
    expect(ask('clipboard-sanitized-write', 'https://console.aws.amazon.com/iam/home')).toBe(true);
    expect(ask('media', 'https://console.aws.amazon.com/iam/home')).toBe(false);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(ses.handlers.device!()).toBe(false);
    let saveOptions: Record<string, unknown> | undefined;
    ses.events.emit('will-download', {}, { getFilename: () => '../../table.csv', setSaveDialogOptions: (o: Record<string, unknown>) => void (saveOptions = o), cancel: () => undefined });
    expect(saveOptions).toMatchObject({ defaultPath: join('/fake-electron/downloads', 'table.csv'), title: expect.stringContaining('fx, Admin') });
    // No console view is ever answered over IPC.
    expect((await invoke(wc.id, 'https://console.aws.amazon.com/', 'apps.list', {})).error?.code).toBe('FORBIDDEN_SENDER');
    expect((await invoke(band!.webContents.id, band!.webContents.loads[0]!, 'apps.list', {})).error?.code).toBe('FORBIDDEN_SENDER');
    // Closing the window closes its views.
    cw.close();
    expect([band!.webContents.destroyed, wc.destroyed]).toEqual([true, true]);
    second.close();
  }, 30_000);

  it('console.open to the browser, and "Open console" in the tray for the live session', async () => {
    const id = win().webContents.id;
    const browser = await invoke(id, APP_URL, 'console.open', { app: 'fx', target: 'browser', destination: 'home' });
    expect(browser).toMatchObject({ ok: true, value: { openedIn: 'browser', url: null } });
    expect(fake.opened.at(-1)!.startsWith(`${fx.federationUrl}?Action=login&`)).toBe(true);
    const tray = fake.Tray.all[0]!;
    const hooks = (globalThis as unknown as { airlockShell: { refreshTray(): Promise<void> } }).airlockShell;
    await hooks.refreshTray();
    const items = flat((tray.menu as Item[]).filter((i) => i.label?.startsWith('fx')));
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['Open console', 'Open console in browser']));
    // prod has no session: no console item there.
    expect(flat((tray.menu as Item[]).filter((i) => i.label === 'prod')).some((i) => i.label?.startsWith('Open console'))).toBe(false);
    const before = fake.BaseWindow.all.length;
    items.find((i) => i.label === 'Open console')!.click!();
    const cw = await until('a console window from the tray', () => fake.BaseWindow.all[before], 20_000);
    expect(cw.title).toBe('fx — Admin (111111111111)');
    expect(cw.contentView.children[1]!.webContents.loads[0]!.startsWith(`${fx.federationUrl}?Action=login&`)).toBe(true);
    cw.close();
  }, 30_000);

  it('logging out of an app closes its console windows and clears the cookies of its console partitions', async () => {
    const id = win().webContents.id;
    const opened = await invoke(id, APP_URL, 'console.open', { app: 'fx', target: 'window', destination: 'home' });
    expect(opened.ok, JSON.stringify(opened)).toBe(true);
    const cw = fake.BaseWindow.all.at(-1)!;
    const partition = String(cw.contentView.children[1]!.options.webPreferences!.partition);
    const ses = fake.partitions.get(partition)!;
    const clearedBefore = ses.cleared;
    expect(cw.isDestroyed()).toBe(false);
    const out = await invoke(id, APP_URL, 'sessions.logout', { app: 'fx' });
    expect(out).toMatchObject({ ok: true, value: { loggedOut: true } });
    expect(cw.isDestroyed()).toBe(true);
    expect(ses.cleared).toBe(clearedBefore + 1);
    // Without a session there is no console to open.
    expect((await invoke(id, APP_URL, 'console.open', { app: 'fx', target: 'window', destination: 'home' })).error?.code).toBe('NOT_LOGGED_IN');
  }, 30_000);

  it('Quit stops proxies, flushes the audit log, then really quits', async () => {
    expect(proxyPort).toBeDefined();
    const quitsBefore = fake.app.quitCalls;
    fake.app.emit('before-quit');
    let prevented = false;
    fake.app.emit('will-quit', { preventDefault: () => void (prevented = true) });
    expect(prevented).toBe(true);
    await until('the second quit', () => fake.app.quitCalls > quitsBefore);
    expect(fake.Tray.all[0]!.destroyed).toBe(true);
    expect(fake.ipcHandlers.has(INVOKE_CHANNEL)).toBe(false);
    expect(await listening(proxyPort!)).toBe(false);
    expect(win().webContents.sent.some((m) => m[1] === 'proxy.stopped')).toBe(true);
    // After clean-up, will-quit goes through.
    prevented = false;
    fake.app.emit('will-quit', { preventDefault: () => void (prevented = true) });
    expect(prevented).toBe(false);
    // Once quitting, closing the window closes it.
    win().close();
    expect(win().isDestroyed()).toBe(true);
  });

  it('a second instance only quits (the first one shows its window)', async () => {
    const windows = fake.BrowserWindow.all.length;
    const quits = fake.app.quitCalls;
    fake.app.lock = false;
    await import(pathToFileURL(join(outDir, 'second.js')).href);
    expect(fake.app.quitCalls).toBe(quits + 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.BrowserWindow.all.length).toBe(windows);
  });
});
