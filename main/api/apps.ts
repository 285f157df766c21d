import type { ApiContext } from './context';
import type { HandlersFor } from './handler-types';
import { sourceKey } from '../core/credentials/source';
import { sessionKey } from '../core/credentials/login';
import type { StoredSession } from '../core/credentials/types';
import type { App } from '../core/apps/model';
import { offerFor } from '../core/policy';
import { appView } from './views';

/** What a running proxy took from its app (all but the labels). */
const proxySettings = (a: App): string =>
  JSON.stringify([a.uri, a.region, a.roleArns, Object.entries(a.endpoints).sort(), a.stsEndpoint ?? '', a.mfaSerial ?? '',
    a.accountId ?? '', a.source ?? null, a.roleSettings ?? null]);

export function appsHandlers(ctx: ApiContext): HandlersFor<'apps.list' | 'apps.add' | 'apps.addLocal' | 'apps.update' | 'apps.remove'> {
  return {
    'apps.list': async () => {
      const vault = await ctx.host.vault();
      const keys = new Set(await vault.keys());
      const access = await ctx.host.roleAccess().context();
      const out = [];
      for (const app of ctx.host.apps.list()) {
        const session = await vault.get<StoredSession>(sessionKey(app.name));
        out.push(appView(app, session, keys.has(sourceKey(app.name)), offerFor(app, access)));
      }
      return out;
    },
    'apps.add': async (req) => {
      const app = ctx.host.apps.add(req);
      return appView(app, undefined, false, await ctx.host.roleAccess().offer(app));
    },
    'apps.addLocal': async ({ name, url, region }) => {
      const app = ctx.host.apps.addLocal({ name, ...(url ? { url } : {}), ...(region ? { region } : {}) });
      return appView(app, undefined, false, await ctx.host.roleAccess().offer(app));
    },
    'apps.update': async ({ name, ...patch }) => {
      const before = ctx.host.apps.get(name);
      const app = ctx.host.apps.update(name, patch);
      // Running proxies work with the app as it was when they started: stop them when a setting they
      // use changed (labels are only for people), so no proxy keeps renewing a role no longer listed.
      if (proxySettings(before) !== proxySettings(app)) {
        await ctx.proxies.stopApp(name);
        await ctx.host.dynamo().drop(name);
      }
      const vault = await ctx.host.vault();
      const session = await vault.get<StoredSession>(sessionKey(name));
      const hasKeys = (await vault.keys()).includes(sourceKey(name));
      ctx.emit('session.changed', { app: name });
      return appView(app, session, hasKeys, await ctx.host.roleAccess().offer(app));
    },
    'apps.remove': async ({ name }) => {
      ctx.host.apps.get(name);
      await ctx.proxies.stopApp(name);
      await ctx.endConsoles?.(name);
      await ctx.host.dynamo().drop(name);
      await (await ctx.host.vault()).update((data) => {
        data.delete(sessionKey(name));
        data.delete(sourceKey(name));
      });
      ctx.host.apps.remove(name);
      ctx.emit('session.changed', { app: name });
      return { ok: true as const };
    },
  };
}
