import { randomBytes } from 'node:crypto';
import { openConfigFile } from './apps/config-file';
import type { ConfigFile } from './apps/config-file';
import { AppStore } from './apps/store';
import type { App } from './apps/model';
import { chooseCipher } from './credentials/choose-cipher';
import type { SecretCipher } from './credentials/cipher';
import { Sessions } from './credentials/login';
import { IdentityStore, PolicyStore, RoleAccess } from './policy';
import { SessionKeeper } from './credentials/session-keeper';
import { Vault } from './credentials/vault';
import { DynamoConnections } from './dynamodb/connection';
import { QueryStore } from './dynamodb/query-store';
import { DynamoService } from './dynamodb/service';
import { EmbeddedDynamo } from './local/embedded';
import { LocalSession } from './local/local-session';
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

/** Keeps a proxy's session usable: the STS session keeper, or the never-expiring session of a local app. */
export type ProxySession = SessionKeeper | LocalSession;

/** The name of the Local DynamoDB app a first start creates. */
export const LOCAL_APP_NAME = 'local-dynamodb';

export interface RunningProxy {
  proxy: AwsProxy;
  keeper: ProxySession;
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
  private embedded: EmbeddedDynamo | undefined;
  private dynamoService: DynamoService | undefined;
  private readonly config: ConfigFile;
  private access: RoleAccess | undefined;

  constructor(opts: HostOptions = {}) {
    this.env = opts.env ?? process.env;
    this.cipher = opts.cipher;
    this.paths = airlockPaths(airlockHome(this.env));
    const config = openConfigFile(this.paths.home);
    this.config = config;
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
    return new Sessions(await this.vault(), this.sessionUser, this.roleAccess());
  }

  /** Which roles each app offers: the access policy (managed + imported files) and the user's identity. */
  roleAccess(): RoleAccess {
    this.access ??= new RoleAccess(this.policies(), this.identity());
    return this.access;
  }

  policies(): PolicyStore {
    return new PolicyStore(this.paths.home, { env: this.env });
  }

  identity(): IdentityStore {
    return new IdentityStore(this.paths.home);
  }

  /** Role sessions are named after the user: the one `identity set --user` names, else the OS user. */
  private readonly sessionUser = async (): Promise<string> => (await this.identity().get()).user;

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

  /** The table browser's service; its clients reach DynamoDB through per-app endpoint proxies of this host. */
  dynamo(): DynamoService {
    this.dynamoService ??= new DynamoService(this.apps, new DynamoConnections(this), new QueryStore(this.paths.home));
    return this.dynamoService;
  }

  /** The embedded Local DynamoDB (started when first asked for its URL). */
  localDynamo(): EmbeddedDynamo {
    this.embedded ??= new EmbeddedDynamo(this.paths.localDynamo, { onWarning: (m) => process.emitWarning(m, 'AirlockLocalDynamoDB') });
    return this.embedded;
  }

  /**
   * The app as a proxy uses it: a local app's DynamoDB endpoint is its emulator (the embedded one
   * is started here; `relocate`: its URL stopped answering, find it again). Other apps are returned as they are.
   */
  async resolveApp(app: App, opts: { relocate?: boolean } = {}): Promise<App> {
    if (!app.local) return app;
    const embedded = this.localDynamo();
    const url = 'url' in app.local ? app.local.url : await (opts.relocate ? embedded.relocate() : embedded.url());
    return { ...app, endpoints: { ...app.endpoints, dynamodb: url } };
  }

  /**
   * A first start with no apps offers the embedded Local DynamoDB app, once: a user who removes it
   * does not get it back on the next start (`airlock apps add-local` re-adds it). Returns it when created.
   */
  offerLocalApp(): App | undefined {
    if (this.config.get('localAppOffered')) return undefined;
    this.config.set('localAppOffered', true);
    if (this.apps.list().length > 0) return undefined;
    return this.apps.addLocal({ name: LOCAL_APP_NAME });
  }

  async startProxy(opts: { app: App; port?: number; endpointMode?: boolean; allowHosts?: string[] }): Promise<RunningProxy> {
    const vault = await this.vault();
    // The proxy reads the session per request: learn about logouts from the OS, not from a stat each time.
    vault.watchChanges();
    const app = await this.resolveApp(opts.app);
    const keeper = app.local ? new LocalSession() : new SessionKeeper(app, new Sessions(vault, this.sessionUser, this.roleAccess()));
    const ca = await this.openCa();
    const localKey = localProxyKey();
    // The embedded emulator may be another process's, which may quit: then the proxy finds it again.
    const relocate = app.local && 'embedded' in app.local ? () => this.resolveApp(opts.app, { relocate: true }) : undefined;
    const proxy = new AwsProxy({
      app, sessions: keeper, ca, audit: this.auditLog(), localKey, allowHosts: opts.allowHosts ?? [], ...(relocate ? { relocate } : {}),
    });
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
    await this.dynamoService?.close();
    await this.audit?.close();
    await this.embedded?.close();
  }
}
