import type { ApiContext } from './context';
import type { HandlersFor } from './handler-types';

/** Saved queries and recent history (AIRLOCK_HOME/queries.json, shared by every host). */
export function queriesHandlers(ctx: ApiContext): HandlersFor<'queries.list' | 'queries.save' | 'queries.remove' | 'queries.history'> {
  const store = () => ctx.host.dynamo().queries;
  return {
    'queries.list': async (filter) => store().list(filter),
    'queries.save': async (q) => {
      ctx.host.apps.get(q.app); // a query for an app that does not exist is refused with the usual message
      return store().save(q);
    },
    'queries.remove': async ({ id }) => ({ removed: store().remove(id) }),
    'queries.history': async ({ app, table }) => store().history(app, table),
  };
}
