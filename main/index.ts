/**
 * The Electron entry (bundled to out/main/index.js by npm run build:electron). Thin: it wires the
 * core (the same CoreHost, ProxyRegistry and contract handlers as the CLI and the web host) to
 * the shell adapters in main/shell/: window, IPC, tray, menu, safeStorage cipher, guards.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Menu, Notification, app, dialog, ipcMain, safeStorage, session, shell } from 'electron';
import type { BrowserWindow, MenuItemConstructorOptions, MessageBoxOptions } from 'electron';
import type { EventName, EventPayload } from '../preload/contract';
import { createHandlers } from './api';
import type { ApiContext } from './api/context';
import { chooseCipher } from './core/credentials/choose-cipher';
import { peekVault } from './core/credentials/envelope';
import type { HostOptions } from './core/host';
import { CoreHost } from './core/host';
import { errorMessage } from './core/errors';
import { airlockHome, airlockPaths } from './core/paths';
import { ProxyRegistry } from './core/proxy/registry';
import type { AuditRecord } from './core/proxy/audit';
import { exportFolder } from './core/dynamodb/export-path';
import { consoleSite } from './shell/console-guard';
import { ConsoleWindows } from './shell/console-window';
import { consolePartition } from './core/console/window-options';
import { parseRoleArn } from './core/apps/roles';
import { fileDialogOptions } from './shell/file-dialog';
import { bindIpc } from './shell/ipc';
import type { IpcBinding } from './shell/ipc';
import { DOCS_ITEM_ID, buildAppMenu } from './shell/menu';
import { externalUrl, harden, hardenSession } from './shell/navigation';
import { SafeStorageCipher, appCipherPlan, deferredCipher } from './shell/safe-storage-cipher';
import { AirlockTray } from './shell/tray';
import { createMainWindow, installCsp, showWindow } from './shell/window';

// This file runs as out/main/index.js: the app root is two levels up (the checkout, or app.asar).
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const INDEX_HTML = join(ROOT, 'dist', 'renderer', 'index.html');
const PRELOAD = join(ROOT, 'out', 'preload', 'index.cjs');
const ASSETS = join(ROOT, 'assets');
const APP_URL = pathToFileURL(INDEX_HTML).href;
const SHUTDOWN_MS = 5000;

const env = process.env;
const home = airlockHome(env);

app.setName('Airlock');
// Chromium's profile next to Airlock's state, not mixed into it; one instance per AIRLOCK_HOME.
app.setPath('userData', join(home, 'electron'));
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another Airlock runs on this AIRLOCK_HOME: it was told (second-instance) and shows its window.
  app.quit();
} else {
  run().catch((err: unknown) => {
    dialog.showErrorBox('Airlock could not start', errorMessage(err));
    app.exit(1);
  });
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms).unref())]);
}

function docsUrl(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { homepage?: unknown };
    return typeof pkg.homepage === 'string' ? externalUrl(pkg.homepage) ?? undefined : undefined;
  } catch {
    return undefined;
  }
}

function openExternal(url: string): void {
  const safe = externalUrl(url);
  if (safe) void shell.openExternal(safe);
}

async function run(): Promise<void> {
  const dev = !app.isPackaged;
  let win: BrowserWindow | undefined;
  let tray: AirlockTray | undefined;
  let quitting = false;
  const consoles = new ConsoleWindows({
    openExternal,
    downloadsDir: () => app.getPath('downloads'),
    ...(process.platform !== 'darwin' ? { iconPath: join(ASSETS, 'icon.png') } : {}),
    report: (why) => process.stderr.write(`airlock: ${why}\n`),
  });

  // Every web contents gets a guard: the AWS console's own (console partitions), else the Airlock window's.
  app.on('web-contents-created', (_event, contents) => {
    if (consoles.owns(contents)) consoles.harden(contents);
    else harden(contents, { appUrl: APP_URL, openExternal });
  });
  // The app lives in the tray until Quit: no window left is no reason to stop the proxies
  // (without a tray, though, the window is the app).
  app.on('window-all-closed', () => {
    if (!tray) app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  await app.whenReady();
  hardenSession(session.defaultSession, APP_URL);
  installCsp(session.defaultSession);

  const visibleWindow = (): BrowserWindow | undefined => (win && !win.isDestroyed() && win.isVisible() ? win : undefined);
  const ask = async (options: MessageBoxOptions): Promise<number> => {
    const parent = visibleWindow();
    return (parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options)).response;
  };

  const paths = airlockPaths(home);
  const hostOptions: HostOptions = { env };
  const peek = await peekVault(paths.vault).catch(() => ({ exists: false as const }));
  const plan = appCipherPlan(peek.exists ? peek.cipher : undefined, env.AIRLOCK_CIPHER);
  if (plan.use === 'cli') {
    // A vault the CLI made: its own cipher (OS keyring, or AIRLOCK_PASSPHRASE), never a terminal prompt.
    hostOptions.cipher = deferredCipher(plan.id, () => chooseCipher({ env, vaultPath: paths.vault, interactive: false }));
  } else {
    hostOptions.cipher = new SafeStorageCipher(safeStorage, {
      confirmWeakStorage: async (backend) => (await ask({
        type: 'warning',
        title: 'Airlock',
        message: 'No system keyring protects your secrets',
        detail: `Electron found no Secret Service or KWallet on this desktop (storage backend "${backend}"). ` +
          `What Airlock stores now (session credentials, access keys, the local CA key) would be sealed with a fixed, publicly known key: ` +
          `anyone who can read ${paths.vault} could read them.\n\n` +
          'Install and unlock a Secret Service (gnome-keyring, KeePassXC) or KWallet and restart Airlock, or store them anyway.',
        buttons: ['Store Anyway', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      })) === 0,
    });
  }
  const host = new CoreHost(hostOptions);
  // A first start opens on something that works without an AWS account: the embedded Local DynamoDB.
  host.offerLocalApp();
  const proxies = new ProxyRegistry(host);

  const state: { ipc?: IpcBinding } = {};
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    state.ipc?.send(name, payload);
    if (name !== 'proxy.record') void tray?.refresh();
  };
  const ctx: ApiContext = {
    host,
    proxies,
    emit,
    chooseFile: async (purpose, suggestedName) => {
      const d = fileDialogOptions(purpose, exportFolder(app.getPath('home')), suggestedName);
      const parent = win && !win.isDestroyed() ? win : undefined;
      if (d.kind === 'save') {
        const r = parent ? await dialog.showSaveDialog(parent, d.options) : await dialog.showSaveDialog(d.options);
        return r.canceled || !r.filePath ? null : r.filePath;
      }
      const r = parent ? await dialog.showOpenDialog(parent, d.options) : await dialog.showOpenDialog(d.options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    // The sign-in URL stays in the main process: a console window of its own per app and role, or the browser.
    openConsole: async (target, url, who) => {
      const a = host.apps.get(who.app);
      const site = consoleSite(a.partition, a.federationEndpoint);
      if (target === 'browser') {
        await consoles.openInBrowser(url, site);
        return 'browser';
      }
      consoles.open(url, who, site);
      return 'window';
    },
    // Every role the app has or is offered may have a console partition on disk from an earlier run.
    endConsoles: async (appName) => {
      const a = host.apps.get(appName);
      const arns = new Set([...a.roleArns, ...(await host.roleAccess().offer(a).catch(() => ({ roles: [] }))).roles.map((r) => r.arn)]);
      const partitions = [...arns].flatMap((arn) => {
        const role = parseRoleArn(arn);
        return role ? [consolePartition(a.name, role.accountId, role.name)] : [];
      });
      await consoles.endApp(a.name, partitions);
    },
  };
  // Login items exist on macOS and Windows only; elsewhere the renderer shows the switch disabled.
  if (process.platform === 'darwin' || process.platform === 'win32') {
    // Windows passes the args; macOS tells through wasOpenedAtLogin (see startHidden below).
    ctx.applyLaunchAtLogin = (on) => app.setLoginItemSettings({ openAtLogin: on, args: ['--hidden'] });
  }
  proxies.on('record', (proxyId: string, record: AuditRecord) => emit('proxy.record', { proxyId, record }));
  proxies.on('stopped', (proxyId: string) => emit('proxy.stopped', { proxyId }));
  proxies.on('ended', (appName: string, message: string) => emit('session.ended', { app: appName, message }));
  const handlers = createHandlers(ctx);
  const ipc = bindIpc({
    ipcMain,
    handlers,
    appUrl: APP_URL,
    target: () => (win && !win.isDestroyed() ? win.webContents : undefined),
    onRefused: (why) => process.stderr.write(`airlock: ${why}\n`),
  });
  state.ipc = ipc;

  const makeWindow = (hash?: string): BrowserWindow => createMainWindow({
    indexHtml: INDEX_HTML,
    preloadPath: PRELOAD,
    iconPath: join(ASSETS, 'icon.png'),
    dev,
    keepInTray: () => !quitting && tray !== undefined,
    onHiddenToTray: () => {
      if (process.platform !== 'darwin' && Notification.isSupported()) {
        new Notification({ title: 'Airlock is still running', body: 'Your sessions and proxies stay up in the tray. Quit Airlock from the tray menu.' }).show();
      }
    },
  }, hash);
  const openWindow = (hash?: string): void => {
    if (!win || win.isDestroyed()) win = makeWindow(hash);
    else showWindow(win, INDEX_HTML, hash);
  };

  app.on('second-instance', () => openWindow());
  app.on('activate', () => openWindow());

  const docs = docsUrl();
  const attach = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] => items.map((i) => ({
    ...i,
    ...(Array.isArray(i.submenu) ? { submenu: attach(i.submenu) } : {}),
    ...(i.id === DOCS_ITEM_ID && docs ? { click: () => openExternal(docs) } : {}),
  }));
  Menu.setApplicationMenu(Menu.buildFromTemplate(attach(buildAppMenu({ platform: process.platform, dev, docsUrl: docs }))));

  try {
    tray = new AirlockTray({
      iconDir: join(ASSETS, 'tray'),
      handlers,
      openWindow,
      quit: () => app.quit(),
      changed: (appName) => ipc.send('session.changed', { app: appName }),
      report: (title, e) => void ask({ type: 'error', title: 'Airlock', message: title, detail: e.hint ? `${e.message}\n\n${e.hint}` : e.message }),
      notify: (title, body) => {
        if (Notification.isSupported()) new Notification({ title, body }).show();
      },
    });
    void tray.refresh();
  } catch (err) {
    // No tray on this desktop: the window is then the app, and closing it quits.
    process.stderr.write(`airlock: no tray icon (${errorMessage(err)}); closing the window will quit\n`);
  }

  if (env.AIRLOCK_TEST_HOOKS === '1') {
    (globalThis as Record<string, unknown>).airlockShell = {
      tray: () => (tray ? { exists: true, ...tray.snapshot() } : { exists: false }),
      refreshTray: () => tray?.refresh(),
    };
  }

  const startHidden = process.argv.includes('--hidden') ||
    (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  if (!startHidden) openWindow();

  // Quit: stop every proxy and flush the audit log before the process ends.
  let cleaning = false;
  let cleaned = false;
  app.on('will-quit', (event) => {
    if (cleaned) return;
    event.preventDefault();
    if (cleaning) return;
    cleaning = true;
    void (async () => {
      tray?.destroy();
      ipc.dispose();
      await withTimeout(proxies.stopAll(), SHUTDOWN_MS).catch((err: unknown) => process.stderr.write(`airlock: stopping proxies: ${errorMessage(err)}\n`));
      await withTimeout(host.close(), SHUTDOWN_MS).catch((err: unknown) => process.stderr.write(`airlock: closing the audit log: ${errorMessage(err)}\n`));
    })().finally(() => {
      cleaned = true;
      app.quit();
    });
  });
}
