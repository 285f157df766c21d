/**
 * The renderer's only door to the main side. In Electron the preload exposes `window.airlock`;
 * served by `airlock ui` the same calls go over HTTP to the loopback host. Nothing else in the
 * renderer knows which one it is.
 */
import { events } from '../preload/contract';
import type { Channel, ErrorView, EventName, EventPayload, Request, Response } from '../preload/contract';

export type InvokeResult = { ok: true; value: unknown } | { ok: false; error: ErrorView };

/** What preload/index.ts exposes through contextBridge. */
export interface AirlockBridge {
  invoke(channel: string, payload: unknown): Promise<InvokeResult>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    airlock?: AirlockBridge;
  }
}

export class ApiError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  constructor(e: ErrorView) {
    super(e.message);
    this.code = e.code;
    this.hint = e.hint;
  }
}

const TOKEN_KEY = 'airlock.token';

/** The web host hands the token over in the URL fragment; keep it for this tab and clear the address bar. */
function webToken(): string | undefined {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

/** Every event of the contract: one list, so a new event cannot be forgotten by the web transport. */
const EVENT_NAMES = Object.keys(events) as EventName[];

function webBridge(): AirlockBridge {
  const token = webToken();
  // One EventSource for the whole page, shared by every subscriber: each open EventSource holds
  // one of the ~6 HTTP/1.1 connections a browser allows per host, and the RPC calls need them.
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let source: EventSource | undefined;
  return {
    async invoke(channel, payload) {
      if (!token) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Open Airlock with the link that `airlock ui` printed (it carries the access token).' } };
      const res = await fetch(`/rpc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-airlock-token': token },
        body: JSON.stringify(payload ?? {}),
      });
      const body = (await res.json().catch(() => undefined)) as InvokeResult | undefined;
      return body ?? { ok: false, error: { code: 'HTTP', message: `Airlock answered ${res.status}` } };
    },
    subscribe(listener) {
      if (!token) return () => undefined;
      listeners.add(listener);
      if (!source) {
        const es = new EventSource(`/events?token=${encodeURIComponent(token)}`);
        for (const name of EVENT_NAMES) {
          es.addEventListener(name, ((e: MessageEvent<string>) => {
            const payload: unknown = JSON.parse(e.data);
            for (const l of [...listeners]) l(name, payload);
          }) as EventListener);
        }
        source = es;
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = undefined;
        }
      };
    },
  };
}

const bridge: AirlockBridge = window.airlock ?? webBridge();

export const transport: 'electron' | 'web' = window.airlock ? 'electron' : 'web';

/** Calls a contract channel; resolves with its response or throws ApiError (code, message, hint). */
export async function call<C extends Channel>(channel: C, request: Request<C>): Promise<Response<C>> {
  const result = await bridge.invoke(channel, request);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as Response<C>;
}

/** Subscribes to one main-side event; returns the unsubscribe function. */
export function on<E extends EventName>(name: E, fn: (payload: EventPayload<E>) => void): () => void {
  return bridge.subscribe((n, payload) => {
    if (n === name) fn(payload as EventPayload<E>);
  });
}
