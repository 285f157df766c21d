import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { App } from '../apps/model';
import { errorMessage } from '../errors';
import type { CoreHost, RunningProxy } from '../host';
import type { AuditRecord } from './audit';

export interface ProxyEntry {
  id: string;
  app: string;
  mode: 'forward' | 'endpoint';
  startedAt: string;
  running: RunningProxy;
}

/**
 * The proxies a long-lived host (the app, the web UI) runs at once, one or more per app session.
 * Events: 'record' (id, AuditRecord), 'stopped' (id), 'ended' (app, message).
 */
export class ProxyRegistry extends EventEmitter {
  private readonly entries = new Map<string, ProxyEntry>();

  constructor(private readonly host: CoreHost) {
    super();
  }

  list(): ProxyEntry[] {
    return [...this.entries.values()];
  }

  async start(app: App, mode: 'forward' | 'endpoint', port = 0): Promise<ProxyEntry> {
    const running = await this.host.startProxy({ app, port, endpointMode: mode === 'endpoint' });
    const entry: ProxyEntry = { id: randomBytes(6).toString('hex'), app: app.name, mode, startedAt: new Date().toISOString(), running };
    running.proxy.on('record', (rec: AuditRecord) => this.emit('record', entry.id, rec));
    running.keeper.on('ended', (err: unknown) => this.emit('ended', app.name, errorMessage(err)));
    this.entries.set(entry.id, entry);
    return entry;
  }

  async stop(id: string): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    await entry.running.stop();
    this.emit('stopped', id);
    return true;
  }

  async stopApp(app: string): Promise<void> {
    for (const e of this.list()) if (e.app === app) await this.stop(e.id);
  }

  async stopAll(): Promise<void> {
    for (const e of this.list()) await this.stop(e.id);
  }
}
