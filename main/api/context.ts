import type { EventName, EventPayload } from '../../preload/contract';
import type { CoreHost } from '../core/host';
import type { ProxyRegistry } from '../core/proxy/registry';

/** What every handler may use: the core services of one host process. */
export interface ApiContext {
  host: CoreHost;
  proxies: ProxyRegistry;
  /** Tells subscribers that something changed (the transport pushes it to the renderer). */
  emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void;
  /** Registers (or removes) Airlock as a login item; only a host that can (the desktop app) passes one. */
  applyLaunchAtLogin?: (on: boolean) => void;
}
