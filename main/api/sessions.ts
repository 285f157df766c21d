import type { ApiContext } from './context';
import type { HandlersFor } from './handler-types';
import { sourceKey } from '../core/credentials/source';
import { sessionView } from './views';

export function sessionsHandlers(ctx: ApiContext): HandlersFor<'sessions.login' | 'sessions.logout' | 'credentials.set' | 'credentials.remove'> {
  return {
    'sessions.login': async (req) => {
      const app = ctx.host.apps.get(req.app);
      const session = await (await ctx.host.sessions()).login({
        app, role: req.role, durationSeconds: req.durationSeconds, ...(req.mfaCode ? { mfaCode: req.mfaCode } : {}),
      });
      ctx.emit('session.changed', { app: app.name });
      return sessionView(session);
    },
    'sessions.logout': async ({ app }) => {
      ctx.host.apps.get(app);
      const loggedOut = await (await ctx.host.sessions()).logout(app);
      await ctx.proxies.stopApp(app);
      await ctx.endConsoles?.(app);
      ctx.emit('session.changed', { app });
      return { loggedOut };
    },
    'credentials.set': async (req) => {
      ctx.host.apps.get(req.app);
      await (await ctx.host.vault()).set(sourceKey(req.app), {
        accessKeyId: req.accessKeyId,
        secretAccessKey: req.secretAccessKey,
        ...(req.sessionToken ? { sessionToken: req.sessionToken } : {}),
        storedAt: new Date().toISOString(),
      });
      ctx.emit('session.changed', { app: req.app });
      return { ok: true as const };
    },
    'credentials.remove': async ({ app }) => {
      const removed = await (await ctx.host.vault()).delete(sourceKey(app));
      ctx.emit('session.changed', { app });
      return { removed };
    },
  };
}
