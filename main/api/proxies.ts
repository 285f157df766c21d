import { AirlockError } from '../core/errors';
import type { ApiContext } from './context';
import type { HandlersFor } from './handler-types';
import { proxyView } from './views';

export function proxiesHandlers(ctx: ApiContext): HandlersFor<'proxies.list' | 'proxies.start' | 'proxies.stop'> {
  return {
    'proxies.list': async () => ctx.proxies.list().map(proxyView),
    'proxies.start': async ({ app: name, mode, port }) => {
      const app = ctx.host.apps.get(name);
      // A local app has no session to log in to.
      if (!app.local && !(await (await ctx.host.sessions()).get(name))) {
        throw new AirlockError('NOT_LOGGED_IN', `not logged in to app "${name}"`, 'choose a role and log in first');
      }
      return proxyView(await ctx.proxies.start(app, mode, port ?? 0));
    },
    'proxies.stop': async ({ id }) => ({ stopped: await ctx.proxies.stop(id) }),
  };
}
