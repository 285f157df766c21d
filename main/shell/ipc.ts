import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { events as eventSchemas } from '../../preload/contract';
import type { EventName, EventPayload } from '../../preload/contract';
import { invoke } from '../api';
import type { InvokeResult } from '../api';
import type { Handlers } from '../api/handler-types';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';
import { isAppPage } from './navigation';

/**
 * Whether an IPC call may be answered: it must come from the main frame (no iframe, however it
 * got there) showing our own file:// page. Pure: the binding feeds it event.senderFrame.
 */
export function isTrustedSender(frameUrl: string | undefined | null, isMainFrame: boolean, expectedUrl: string): boolean {
  return isMainFrame && typeof frameUrl === 'string' && isAppPage(frameUrl, expectedUrl);
}

const FORBIDDEN: InvokeResult = {
  ok: false,
  error: { code: 'FORBIDDEN_SENDER', message: 'calls are answered only for the Airlock window' },
};

export interface IpcBinding {
  /** Pushes a contract event to the window (validated against the contract first; an invalid one is dropped and reported). */
  send<E extends EventName>(name: E, payload: EventPayload<E>): void;
  dispose(): void;
}

export interface BindIpcOptions {
  ipcMain: IpcMain;
  handlers: Handlers;
  appUrl: string;
  /** The window's web contents, when it exists: the only sender answered, the only receiver of events. */
  target: () => WebContents | undefined;
  /** Refused calls and dropped events are reported here (never a payload: it may hold secrets). */
  onRefused?: (why: string) => void;
}

/** Binds `airlock:invoke` to the contract's dispatcher, after checking who is asking. */
export function bindIpc(opts: BindIpcOptions): IpcBinding {
  const handle = async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown): Promise<InvokeResult> => {
    const target = opts.target();
    const frame = event.senderFrame;
    const ours = target !== undefined && !target.isDestroyed() && event.sender.id === target.id;
    if (!ours || !frame || !isTrustedSender(frame.url, frame.parent === null, opts.appUrl)) {
      opts.onRefused?.(`refused an IPC call from ${ours ? 'a frame that is not the Airlock page' : 'another web contents'}`);
      return FORBIDDEN;
    }
    return invoke(opts.handlers, channel, payload);
  };
  opts.ipcMain.handle(INVOKE_CHANNEL, handle);
  return {
    send(name, payload) {
      const target = opts.target();
      if (!target || target.isDestroyed()) return;
      const parsed = eventSchemas[name].safeParse(payload);
      if (!parsed.success) {
        // Called from core event listeners: throwing here would take the main process down.
        opts.onRefused?.(`dropped a ${name} event that does not match the contract`);
        return;
      }
      target.send(EVENT_CHANNEL, name, parsed.data);
    },
    dispose() {
      opts.ipcMain.removeHandler(INVOKE_CHANNEL);
    },
  };
}
