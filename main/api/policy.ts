import { basename } from 'node:path';
import type { PolicyView } from '../../preload/contract';
import type { LoadedPolicy, PolicyRole, PolicyStore, PolicyUser } from '../core/policy';
import { managedPolicyStatus, offerFor, staleFiles } from '../core/policy';
import type { ApiContext } from './context';
import type { HandlersFor } from './handler-types';
import { roleViews } from './views';

type FileView = PolicyView['files'][number];

const roleView = (r: PolicyRole): FileView['roles'][number] => ({
  name: r.name, version: r.version, line: r.source.line,
  allow: { appLabels: r.allow.appLabels, awsRoleArns: r.allow.awsRoleArns },
  deny: { appLabels: r.deny.appLabels, awsRoleArns: r.deny.awsRoleArns },
});

const userView = (u: PolicyUser): FileView['users'][number] => ({ name: u.name, line: u.source.line, traits: u.traits });

/** The files in force with their resources (managed first), and the files that did not load. */
function filesView(store: PolicyStore, loaded: LoadedPolicy): Pick<PolicyView, 'managed' | 'files' | 'errors'> {
  const stale = staleFiles(loaded);
  return {
    managed: managedPolicyStatus(store.managedPath, loaded),
    files: loaded.files.map((file) => ({
      managed: file === store.managedPath,
      ...(file === store.managedPath ? {} : { name: basename(file) }),
      path: file,
      ...(stale.has(file) ? { lastValidVersion: true } : {}),
      roles: loaded.roles.filter((r) => r.source.file === file).map(roleView),
      users: loaded.users.filter((u) => u.source.file === file).map(userView),
    })),
    errors: loaded.errors.map((e) => ({
      managed: e.managed,
      ...(e.managed ? {} : { name: basename(e.file) }),
      path: e.file,
      message: e.message,
      ...(e.previousInForce ? { previousInForce: true } : {}),
    })),
  };
}

/** The access policy: what the policy view shows, imports of policy files and the user's identity. */
export function policyHandlers(ctx: ApiContext): HandlersFor<'policy.show' | 'policy.import' | 'policy.remove' | 'identity.set'> {
  // The roles every app offers may have changed: the apps view, the policy view and the tray list them.
  const changed = (): void => ctx.emit('policy.changed', {});
  return {
    'policy.show': async () => {
      const store = ctx.host.policies();
      const access = await ctx.host.roleAccess().context();
      const identity = await ctx.host.identity().get();
      return {
        ...filesView(store, access.policy),
        identity,
        apps: ctx.host.apps.list().map((app) => {
          const offer = offerFor(app, access);
          return {
            app: app.name,
            kind: app.local ? 'local' as const : 'aws' as const,
            ...(offer.accountId ? { accountId: offer.accountId } : {}),
            rolesFrom: offer.from,
            roles: roleViews(app, offer),
            warnings: offer.warnings,
            ...(offer.deniedBy ? { deniedBy: offer.deniedBy } : {}),
          };
        }),
      };
    },
    'policy.import': async ({ fileName, text }) => {
      const store = ctx.host.policies();
      const before = new Set((await store.list()).map((f) => f.name));
      // The page gives the picked file's name; some browsers prefix a fake folder (C:\fakepath\).
      const info = await store.importText(fileName.split(/[\\/]/).pop() || fileName, text);
      changed();
      return { name: info.name, replaced: before.has(info.name), roles: info.roles, users: info.users };
    },
    'policy.remove': async ({ name }) => {
      await ctx.host.policies().remove(name);
      changed();
      return { ok: true as const };
    },
    'identity.set': async ({ user, traits }) => {
      const identity = await ctx.host.identity().set({
        ...(user !== undefined ? { user } : {}),
        ...(traits !== undefined ? { traits } : {}),
      });
      changed();
      return identity;
    },
  };
}
