import type { App } from '../../core/apps/model';
import { AirlockError } from '../../core/errors';
import type { CoreHost } from '../../core/host';

/** --app NAME, or the only app with a session (the way `tsh proxy aws` picks the logged-in app). */
export async function pickApp(host: CoreHost, name: string | undefined): Promise<App> {
  if (name) return host.apps.get(name);
  const sessions = await (await host.sessions()).list();
  const live = sessions.filter((s) => host.apps.has(s.app));
  if (live.length === 1) return host.apps.get(live[0]!.app);
  if (live.length === 0) {
    throw new AirlockError('NOT_LOGGED_IN', 'not logged in to any app', 'log in first: airlock apps login NAME --aws-role ROLE');
  }
  throw new AirlockError('WHICH_APP', `logged in to several apps (${live.map((s) => s.app).join(', ')})`, 'choose one with --app NAME');
}
