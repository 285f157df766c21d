import { describe, expect, it } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Handlers } from '../../main/api/handler-types';
import { bindIpc, isTrustedSender } from '../../main/shell/ipc';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../main/shell/ipc-channels';

const APP = 'file:///home/me/airlock/dist/renderer/index.html';

describe('isTrustedSender', () => {
  it('accepts the main frame on our page', () => {
    expect(isTrustedSender(APP, true, APP)).toBe(true);
    expect(isTrustedSender(`${APP}#apps`, true, APP)).toBe(true);
  });

  it('refuses subframes, other pages and unknown frames', () => {
    expect(isTrustedSender(APP, false, APP)).toBe(false);
    expect(isTrustedSender('file:///home/me/airlock/dist/renderer/evil.html', true, APP)).toBe(false);
    expect(isTrustedSender('file:///tmp/index.html', true, APP)).toBe(false);
    expect(isTrustedSender('https://evil.example/', true, APP)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', true, APP)).toBe(false);
    expect(isTrustedSender('data:text/html,hi', true, APP)).toBe(false);
    expect(isTrustedSender('about:blank', true, APP)).toBe(false);
    expect(isTrustedSender(undefined, true, APP)).toBe(false);
    expect(isTrustedSender(null, true, APP)).toBe(false);
  });
});

type Handle = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakes(): { ipcMain: IpcMain; handlers: Map<string, Handle>; win: WebContents; sent: unknown[][] } {
  const handlers = new Map<string, Handle>();
  const sent: unknown[][] = [];
  const ipcMain = {
    handle: (ch: string, fn: Handle) => void handlers.set(ch, fn),
    removeHandler: (ch: string) => void handlers.delete(ch),
  } as unknown as IpcMain;
  const win = { id: 7, isDestroyed: () => false, send: (...a: unknown[]) => void sent.push(a) } as unknown as WebContents;
  return { ipcMain, handlers, win, sent };
}

const event = (senderId: number, url: string | null, mainFrame = true): IpcMainInvokeEvent => ({
  sender: { id: senderId },
  senderFrame: url === null ? null : { url, parent: mainFrame ? null : {} },
}) as unknown as IpcMainInvokeEvent;

describe('the IPC binding', () => {
  const handlers = { 'proxies.list': async () => [] } as unknown as Handlers;

  it('answers our window through the contract dispatcher', async () => {
    const f = fakes();
    bindIpc({ ipcMain: f.ipcMain, handlers, appUrl: APP, target: () => f.win });
    const handle = f.handlers.get(INVOKE_CHANNEL)!;
    expect(await handle(event(7, APP), 'proxies.list', {})).toEqual({ ok: true, value: [] });
    // Unknown channels and bad payloads are refused by the dispatcher.
    expect(await handle(event(7, APP), 'fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await handle(event(7, APP), 'proxies.list', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('refuses other web contents, subframes, other pages and destroyed frames', async () => {
    const f = fakes();
    const refused: string[] = [];
    bindIpc({ ipcMain: f.ipcMain, handlers, appUrl: APP, target: () => f.win, onRefused: (w) => void refused.push(w) });
    const handle = f.handlers.get(INVOKE_CHANNEL)!;
    for (const e of [event(8, APP), event(7, APP, false), event(7, 'https://evil.example/'), event(7, null)]) {
      expect(await handle(e, 'proxies.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
    expect(refused).toHaveLength(4);
  });

  it('refuses everything while there is no window', async () => {
    const f = fakes();
    bindIpc({ ipcMain: f.ipcMain, handlers, appUrl: APP, target: () => undefined });
    expect(await f.handlers.get(INVOKE_CHANNEL)!(event(7, APP), 'proxies.list', {})).toMatchObject({ ok: false });
  });

  it('sends contract events to the window only, validated', () => {
    const f = fakes();
    const dropped: string[] = [];
    const ipc = bindIpc({ ipcMain: f.ipcMain, handlers, appUrl: APP, target: () => f.win, onRefused: (w) => void dropped.push(w) });
    ipc.send('session.changed', { app: 'prod' });
    expect(f.sent).toEqual([[EVENT_CHANNEL, 'session.changed', { app: 'prod' }]]);
    expect(() => ipc.send('session.changed', { nope: 1 } as never)).not.toThrow();
    expect(f.sent).toHaveLength(1);
    expect(dropped).toEqual(['dropped a session.changed event that does not match the contract']);
    ipc.dispose();
    expect(f.handlers.has(INVOKE_CHANNEL)).toBe(false);
  });
});
