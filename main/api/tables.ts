import type { ApiContext } from './context';
import type { HandlersFor } from './handler-types';

type Channels = 'tables.list' | 'tables.describe' | 'tables.create' | 'tables.delete' | 'items.plan' | 'items.read' | 'items.get' |
  'items.create' | 'items.save' | 'items.delete' | 'items.deleteMany' | 'items.code' | 'partiql.execute';

/** The table browser: each call goes to the app's DynamoDB through its local proxy (see core/dynamodb/service). */
export function tablesHandlers(ctx: ApiContext): HandlersFor<Channels> {
  const dynamo = () => ctx.host.dynamo();
  return {
    'tables.list': ({ app, region }) => dynamo().listTables({ app, region }),
    'tables.describe': ({ app, region, table }) => dynamo().describe({ app, region }, table),
    'tables.create': ({ app, region, spec }) => dynamo().createTable({ app, region }, spec),
    'tables.delete': async ({ app, region, table, confirm }) => {
      await dynamo().deleteTable({ app, region }, table, confirm);
      return { ok: true as const };
    },
    'items.plan': ({ app, region, spec }) => dynamo().plan({ app, region }, spec),
    'items.read': ({ app, region, spec, startKey, budget }) => dynamo().read({ app, region }, spec, startKey, budget),
    'items.get': ({ app, region, table, key, consistent }) => dynamo().getItem({ app, region }, table, key, consistent),
    'items.create': ({ app, region, table, item }) => dynamo().createItem({ app, region }, table, item),
    'items.save': ({ app, region, table, original, updated }) => dynamo().saveItem({ app, region }, table, original, updated),
    'items.delete': ({ app, region, table, key, expected }) => dynamo().deleteItem({ app, region }, table, key, expected),
    'items.deleteMany': ({ app, region, table, keys }) => dynamo().deleteItems({ app, region }, table, keys),
    'items.code': ({ app, region, spec, startKey }) => dynamo().code({ app, region }, spec, startKey),
    'partiql.execute': ({ app, region, ...req }) => dynamo().partiql({ app, region }, req),
  };
}
