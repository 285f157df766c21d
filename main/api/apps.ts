import type { ApiContext } from './context';
import type { HandlersFor } from './handler-types';
import { sourceKey } from '../core/credentials/source';
import { sessionKey } from '../core/credentials/login';
import type { StoredSession } from '../core/credentials/types';
import { appView } from './views';

export function appsHandlers(ctx: ApiContext): HandlersFor<'apps.list' | 'apps.add' | 'apps.remove'> {
  return {
    'apps.list': async () => {
      const vault = await ctx.host.vault();
      const keys = new Set(await vault.keys());
      const out = [];
      for (const app of ctx.host.apps.list()) {
        const session = await vault.get<StoredSession>(sessionKey(app.name));
        out.push(appView(app, session, keys.has(sourceKey(app.name))));
      }
      return out;
    },
    'apps.add': async (req) => {
      const app = ctx.host.apps.add(req);
      return appView(app, undefined, false);
    },
    'apps.remove': async ({ name }) => {
      ctx.host.apps.get(name);
      await ctx.proxies.stopApp(name);
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
