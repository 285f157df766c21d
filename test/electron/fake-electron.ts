/**
 * A stand-in for the `electron` module, just enough of it for main/index.ts: it records what
 * the entry does (windows, IPC handlers, session guards, tray menus, quit) so the wiring can be
 * tested where no Electron binary runs. Bundled in place of `electron` (esbuild alias) by
 * main-wiring.test.ts; its state lives on globalThis.fakeElectron so the test can reach it.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;
type Template = { label?: string; id?: string; click?: () => void; submenu?: Template[]; type?: string; enabled?: boolean; role?: string };

class Emitter extends EventEmitter {}

class FakeWebContents extends Emitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  destroyed = false;
  sent: unknown[][] = [];
  windowOpenHandler: Listener | undefined;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  setWindowOpenHandler(h: Listener): void {
    this.windowOpenHandler = h;
  }
}

class FakeBrowserWindow extends Emitter {
  static all: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed);
  }
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  loads: { file: string; options?: unknown }[] = [];
  focused = 0;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
    state.app.emit('web-contents-created', {}, this.webContents);
  }
  async loadFile(file: string, options?: unknown): Promise<void> {
    this.loads.push({ file, options });
    queueMicrotask(() => this.emit('ready-to-show'));
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused++;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like pressing the close button: 'close' may be prevented. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => void (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
    }
  }
}

/** A persistent partition's session (console windows): the same guards recorded, per partition. */
type FakeSession = {
  partition: string;
  handlers: Record<string, Listener>;
  events: Emitter;
  setPermissionRequestHandler(h: Listener): void;
  setPermissionCheckHandler(h: Listener): void;
  setDevicePermissionHandler(h: Listener): void;
  setDisplayMediaRequestHandler(h: Listener): void;
  on(e: string, l: Listener): void;
  /** How many times clearStorageData() was called. */
  cleared: number;
  clearStorageData(): Promise<void>;
};
const partitions = new Map<string, FakeSession>();
function fromPartition(partition: string): FakeSession {
  let s = state.partitions.get(partition);
  if (!s) {
    const handlers: Record<string, Listener> = {};
    const events = new Emitter();
    s = {
      partition,
      handlers,
      events,
      setPermissionRequestHandler: (h) => void (handlers.permissionRequest = h),
      setPermissionCheckHandler: (h) => void (handlers.permissionCheck = h),
      setDevicePermissionHandler: (h) => void (handlers.device = h),
      setDisplayMediaRequestHandler: (h) => void (handlers.displayMedia = h),
      on: (e, l) => void events.on(e, l),
      cleared: 0,
      clearStorageData: async () => {
        s!.cleared++;
      },
    };
    state.partitions.set(partition, s);
  }
  return s;
}

/** The web contents of a WebContentsView: its session, the URLs it was told to load. */
class FakeViewContents extends FakeWebContents {
  loads: string[] = [];
  focused = 0;
  constructor(readonly session: unknown) {
    super();
  }
  async loadURL(url: string): Promise<void> {
    this.loads.push(url);
  }
  focus(): void {
    this.focused++;
  }
  close(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

class FakeWebContentsView extends Emitter {
  readonly webContents: FakeViewContents;
  bounds: unknown;
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    super();
    const partition = options.webPreferences?.partition;
    this.webContents = new FakeViewContents(typeof partition === 'string' ? fromPartition(partition) : state.session);
    state.app.emit('web-contents-created', {}, this.webContents);
  }
  setBounds(b: unknown): void {
    this.bounds = b;
  }
}

class FakeBaseWindow extends Emitter {
  static all: FakeBaseWindow[] = [];
  readonly contentView = { children: [] as FakeWebContentsView[], addChildView: (v: FakeWebContentsView) => void this.contentView.children.push(v) };
  visible = false;
  destroyed = false;
  title: string;
  constructor(readonly options: Record<string, unknown>) {
    super();
    this.title = String(options.title ?? '');
    FakeBaseWindow.all.push(this);
  }
  getContentBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 0, y: 0, width: Number(this.options.width ?? 800), height: Number(this.options.height ?? 600) };
  }
  setTitle(t: string): void {
    this.title = t;
  }
  show(): void {
    this.visible = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

class FakeApp extends Emitter {
  name = '';
  paths: Record<string, string> = {};
  sandboxed = false;
  lock = true;
  quitCalls = 0;
  exitCode: number | undefined;
  isPackaged = false;
  private readyResolve: (() => void) | undefined;
  private readonly ready = new Promise<void>((r) => (this.readyResolve = r));
  setName(n: string): void {
    this.name = n;
  }
  setPath(k: string, v: string): void {
    this.paths[k] = v;
  }
  getPath(k: string): string {
    return this.paths[k] ?? `/fake-electron/${k}`;
  }
  enableSandbox(): void {
    this.sandboxed = true;
  }
  requestSingleInstanceLock(): boolean {
    return this.lock;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  makeReady(): void {
    this.readyResolve?.();
  }
  quit(): void {
    this.quitCalls++;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
}

class FakeTray extends Emitter {
  static all: FakeTray[] = [];
  menu: Template[] = [];
  tooltip = '';
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
    FakeTray.all.push(this);
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setContextMenu(m: Template[]): void {
    this.menu = m;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

class FakeNotification {
  static shown: { title: string; body: string }[] = [];
  static isSupported(): boolean {
    return true;
  }
  constructor(private readonly o: { title: string; body: string }) {}
  show(): void {
    FakeNotification.shown.push(this.o);
  }
}

const handlers = new Map<string, Listener>();
const sessionFake = {
  handlers: {} as Record<string, Listener>,
  events: new Emitter(),
  setPermissionRequestHandler(h: Listener) {
    this.handlers.permissionRequest = h;
  },
  setPermissionCheckHandler(h: Listener) {
    this.handlers.permissionCheck = h;
  },
  setDevicePermissionHandler(h: Listener) {
    this.handlers.device = h;
  },
  setDisplayMediaRequestHandler(h: Listener) {
    this.handlers.displayMedia = h;
  },
  on(e: string, l: Listener) {
    this.events.on(e, l);
  },
  webRequest: {
    onHeadersReceived(h: Listener) {
      sessionFake.handlers.headers = h;
    },
  },
};

const fresh = {
  app: new FakeApp(),
  BrowserWindow: FakeBrowserWindow,
  BaseWindow: FakeBaseWindow,
  WebContentsView: FakeWebContentsView,
  partitions,
  Tray: FakeTray,
  Notification: FakeNotification,
  ipcHandlers: handlers,
  session: sessionFake,
  menus: { application: null as Template[] | null },
  clipboard: [] as string[],
  opened: [] as string[],
  dialogs: [] as unknown[],
  dialogAnswer: 1,
};
export type FakeElectron = typeof fresh;
// A second bundle of the entry (second instance) shares the first one's fake.
const state: FakeElectron = ((globalThis as Record<string, unknown>).fakeElectron as FakeElectron | undefined) ?? fresh;
(globalThis as Record<string, unknown>).fakeElectron = state;

export const BrowserWindow = state.BrowserWindow;
export const BaseWindow = state.BaseWindow;
export const WebContentsView = state.WebContentsView;
export const Tray = state.Tray;
export const Notification = state.Notification;

export const app = state.app;
export const ipcMain = {
  handle: (ch: string, fn: Listener) => void state.ipcHandlers.set(ch, fn),
  removeHandler: (ch: string) => void state.ipcHandlers.delete(ch),
};
export const Menu = {
  buildFromTemplate: (t: Template[]) => t,
  setApplicationMenu: (m: Template[]) => void (state.menus.application = m),
};
export const nativeImage = { createFromPath: (p: string) => ({ path: p, setTemplateImage: () => undefined }) };
export const nativeTheme = { shouldUseDarkColors: false };
export const clipboard = { writeText: (t: string) => void state.clipboard.push(t) };
export const shell = { openExternal: async (u: string) => void state.opened.push(u) };
export const dialog = {
  showMessageBox: async (...args: unknown[]) => (state.dialogs.push(args), { response: state.dialogAnswer, checkboxChecked: false }),
  showErrorBox: (...args: unknown[]) => void state.dialogs.push(args),
};
export const safeStorage = {
  getSelectedStorageBackend: () => 'gnome_libsecret',
  isAsyncEncryptionAvailable: async () => true,
  encryptStringAsync: async (s: string) => Buffer.from(`v11${s}`),
  decryptStringAsync: async (b: Buffer) => ({ result: b.toString().slice(3), shouldReEncrypt: false }),
};
export const session = { defaultSession: state.session, fromPartition };
