import { invoke } from '../../main/api';
import type { Handlers } from '../../main/api/handler-types';
import type { Channel, ErrorView, Response } from '../../preload/contract';

/**
 * Calls through the contract as the renderer's do (createHandlers + invoke: requests validated),
 * for tests: `ok` answers the response or throws with the error, `fails` answers the error or
 * throws with the response. `handlers` is read at each call (tests build them in beforeAll).
 */
export function apiCalls(handlers: () => Handlers): {
  ok<C extends Channel>(channel: C, payload: unknown): Promise<Response<C>>;
  fails(channel: Channel, payload: unknown): Promise<ErrorView>;
} {
  return {
    async ok<C extends Channel>(channel: C, payload: unknown): Promise<Response<C>> {
      const r = await invoke(handlers(), channel, payload);
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
      return r.value as Response<C>;
    },
    async fails(channel: Channel, payload: unknown): Promise<ErrorView> {
      const r = await invoke(handlers(), channel, payload);
      if (r.ok) throw new Error(`${channel} succeeded: ${JSON.stringify(r.value)}`);
      return r.error;
    },
  };
}
