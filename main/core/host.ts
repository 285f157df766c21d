import { randomBytes } from 'node:crypto';
import { openConfigFile } from './apps/config-file';
import { AppStore } from './apps/store';
import type { App } from './apps/model';
import { chooseCipher } from './credentials/choose-cipher';
import type { SecretCipher } from './credentials/cipher';
import { Sessions } from './credentials/login';
import { SessionKeeper } from './credentials/session-keeper';
import { Vault } from './credentials/vault';
import { airlockHome, airlockPaths } from './paths';
import type { AirlockPaths } from './paths';
import { PreferencesStore } from './preferences';
import { AuditLog } from './proxy/audit';
import { LocalCa } from './proxy/ca';
import { proxyEnv } from './proxy/env';
import type { ProxyEnv } from './proxy/env';
import { AwsProxy } from './proxy/server';

const CA_KEY = 'ca/key';

export interface HostOptions {
  env?: NodeJS.ProcessEnv;
  /** The Electron app passes its safeStorage cipher; the CLI lets the chooser pick. */
  cipher?: SecretCipher;
}

export interface RunningProxy {
  proxy: AwsProxy;
  keeper: SessionKeeper;
  env: ProxyEnv;
  url: string;
  stop(): Promise<void>;
}

/** Random local credentials: clients sign with these, never with real AWS keys. */
export function localProxyKey(): { accessKeyId: string; secretAccessKey: string } {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const id = [...randomBytes(16)].map((b) => alphabet[b % 32]).join('');
  return { accessKeyId: `AKIL${id}`, secretAccessKey: randomBytes(30).toString('base64url') };
}

/**
 * The composition root shared by the CLI, the web host and the Electron app: it builds every
 * core service from the environment's adapters (paths, cipher). The vault is opened lazily so
 * commands that need no secret never ask for a passphrase.
 */
export class CoreHost {
  readonly paths: AirlockPaths;
  readonly apps: AppStore;
  readonly preferences: PreferencesStore;
  private readonly env: NodeJS.ProcessEnv;
  private vaultPromise: Promise<Vault> | undefined;
  private cipher: SecretCipher | undefined;
  private audit: AuditLog | undefined;

  constructor(opts: HostOptions = {}) {
    this.env = opts.env ?? process.env;
    this.cipher = opts.cipher;
    this.paths = airlockPaths(airlockHome(this.env));
    const config = openConfigFile(this.paths.home);
    this.apps = new AppStore(config);
    this.preferences = new PreferencesStore(config);
  }

  vault(): Promise<Vault> {
    this.vaultPromise ??= (async () => {
      const cipher = this.cipher ?? (await chooseCipher({ env: this.env, vaultPath: this.paths.vault }));
      return new Vault(this.paths.vault, cipher);
    })();
    return this.vaultPromise;
  }

  async sessions(): Promise<Sessions> {
    return new Sessions(await this.vault());
  }

  async openCa(): Promise<LocalCa> {
    const vault = await this.vault();
    return LocalCa.open({
      certPath: this.paths.caCert,
      keyStore: { load: () => vault.get<string>(CA_KEY), save: (pem) => vault.set(CA_KEY, pem) },
    });
  }

  auditLog(): AuditLog {
    this.audit ??= new AuditLog({ dir: this.paths.auditDir });
    return this.audit;
  }

  async startProxy(opts: { app: App; port?: number; endpointMode?: boolean; allowHosts?: string[] }): Promise<RunningProxy> {
    const vault = await this.vault();
    // The proxy reads the session per request: learn about logouts from the OS, not from a stat each time.
    vault.watchChanges();
    const sessions = new Sessions(vault);
    const keeper = new SessionKeeper(opts.app, sessions);
    const ca = await this.openCa();
    const localKey = localProxyKey();
    const proxy = new AwsProxy({ app: opts.app, sessions: keeper, ca, audit: this.auditLog(), localKey, allowHosts: opts.allowHosts ?? [] });
    const port = await proxy.listen(opts.port ?? 0, opts.endpointMode ? 'endpoint' : 'forward');
    keeper.start();
    const url = opts.endpointMode ? `https://127.0.0.1:${port}` : `http://127.0.0.1:${port}`;
    const env = proxyEnv({ url, endpointMode: opts.endpointMode ?? false, ...localKey, caPath: ca.certPath, region: opts.app.region });
    return {
      proxy,
      keeper,
      env,
      url,
      stop: async () => {
        keeper.stop();
        await proxy.close();
      },
    };
  }

  async close(): Promise<void> {
    if (this.vaultPromise) (await this.vaultPromise.catch(() => undefined))?.unwatch();
    await this.audit?.close();
  }
}
