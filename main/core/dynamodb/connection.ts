import { Agent } from 'node:https';
import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { App } from '../apps/model';
import type { RunningProxy } from '../host';

/** What the connections need of the host: a proxy for an app (endpoint mode), and the app itself. */
export interface ProxyStarter {
  startProxy(opts: { app: App; endpointMode: boolean }): Promise<RunningProxy>;
}

interface AppLink {
  /** The app settings this proxy was started with: a change means a new proxy. */
  fingerprint: string;
  proxy: Promise<RunningProxy>;
  clients: Map<string, DynamoDBClient>;
  agent?: Agent;
}

const fingerprint = (app: App): string => JSON.stringify(app);

/**
 * The table browser's DynamoDB clients. Each app gets its own endpoint-mode proxy on loopback,
 * started on first use: the browser signs with that proxy's random local key, the proxy verifies,
 * re-signs with the app session's credentials and audits, exactly as for any other client. One SDK
 * client per app and region, with a keep-alive agent that trusts only the local CA.
 */
export class DynamoConnections {
  private readonly links = new Map<string, AppLink>();

  constructor(private readonly host: ProxyStarter) {}

  async client(app: App, region: string): Promise<DynamoDBClient> {
    const link = this.link(app);
    let client = link.clients.get(region);
    if (client) return client;
    const running = await link.proxy;
    link.agent ??= new Agent({ keepAlive: true, maxSockets: 64, ca: await readFile(running.env.AWS_CA_BUNDLE, 'utf8') });
    client = new DynamoDBClient({
      region,
      endpoint: running.url,
      credentials: { accessKeyId: running.env.AWS_ACCESS_KEY_ID, secretAccessKey: running.env.AWS_SECRET_ACCESS_KEY },
      requestHandler: new NodeHttpHandler({ httpsAgent: link.agent, connectionTimeout: 10_000, requestTimeout: 120_000 }),
      // The proxy retries nothing: throttling and 5xx are retried here, like any SDK user would.
      maxAttempts: 4,
    });
    link.clients.set(region, client);
    return client;
  }

  /** Stops an app's proxy (app changed or removed): the next call starts a new one. */
  async drop(appName: string): Promise<void> {
    const link = this.links.get(appName);
    if (!link) return;
    this.links.delete(appName);
    await this.shut(link);
  }

  async close(): Promise<void> {
    const links = [...this.links.values()];
    this.links.clear();
    await Promise.all(links.map((l) => this.shut(l)));
  }

  private link(app: App): AppLink {
    const existing = this.links.get(app.name);
    if (existing && existing.fingerprint === fingerprint(app)) return existing;
    if (existing) void this.shut(existing);
    const link: AppLink = { fingerprint: fingerprint(app), proxy: this.host.startProxy({ app, endpointMode: true }), clients: new Map() };
    // A proxy that failed to start is not kept: the next call tries again.
    link.proxy.catch(() => {
      if (this.links.get(app.name) === link) this.links.delete(app.name);
    });
    this.links.set(app.name, link);
    return link;
  }

  private async shut(link: AppLink): Promise<void> {
    for (const c of link.clients.values()) c.destroy();
    link.agent?.destroy();
    const running = await link.proxy.catch(() => undefined);
    await running?.stop();
  }
}
