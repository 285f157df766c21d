import { parseRoleArn } from '../core/apps/roles';
import { appSourceKind } from '../core/console/duration';
import { openConsole } from '../core/console/open-console';
import { sourceKey } from '../core/credentials/source';
import type { StoredSourceKeys } from '../core/credentials/source';
import { AirlockError } from '../core/errors';
import type { ApiContext } from './context';
import type { HandlersFor } from './handler-types';

export function consoleHandlers(ctx: ApiContext): HandlersFor<'console.open'> {
  return {
    'console.open': async ({ app: name, target, destination, region }) => {
      const app = ctx.host.apps.get(name);
      if (app.local) {
        throw new AirlockError('LOCAL_APP', `app "${app.name}" is a local DynamoDB app: it has no AWS console`, 'browse its tables in the Tables view');
      }
      const vault = await ctx.host.vault();
      const session = await (await ctx.host.sessions()).get(app.name);
      const source = await appSourceKind(app, session, await vault.get<StoredSourceKeys>(sourceKey(app.name)));
      const link = await openConsole({ app, session, source, target: destination, ...(region ? { region } : {}) });
      const role = parseRoleArn(link.roleArn);
      // The sign-in URL is a bearer secret: it reaches the page only when this host cannot open it itself.
      const openedIn = ctx.openConsole
        ? await ctx.openConsole(target, link.url, { app: app.name, roleName: role?.name ?? link.roleArn, accountId: role?.accountId ?? '' })
        : 'none';
      return {
        openedIn,
        url: openedIn === 'none' ? link.url : null,
        roleArn: link.roleArn,
        destination: link.destination,
        validUntil: link.validUntil.toISOString(),
        ...(link.duration.note ? { durationNote: link.duration.note } : {}),
      };
    },
  };
}
