/**
 * The sandboxed preload: exposes `window.airlock` (invoke + subscribe) and nothing more. It passes
 * calls through untouched; the main side checks the sender and validates every call against
 * preload/contract.ts. Bundled to out/preload/index.cjs (a sandboxed preload is CommonJS and may
 * require only `electron`).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../main/shell/ipc-channels';

type Listener = (name: string, payload: unknown) => void;

const bridge = {
  invoke(channel: string, payload: unknown): Promise<unknown> {
    return ipcRenderer.invoke(INVOKE_CHANNEL, String(channel), payload);
  },
  subscribe(listener: Listener): () => void {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function');
    const onEvent = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => listener(String(name), payload);
    ipcRenderer.on(EVENT_CHANNEL, onEvent);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, onEvent);
    };
  },
};

contextBridge.exposeInMainWorld('airlock', bridge);
