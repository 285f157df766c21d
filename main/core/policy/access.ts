import type { App } from '../apps/model';
import { parseRoleArn } from '../apps/roles';
import type { AllowedRoles } from '../apps/roles';
import type { RoleGate } from '../credentials/login';
import type { IdentityStore } from './identity';
import type { OfferedRoles, PolicyIdentity } from './model';
import { offeredRoles } from './offered';
import type { LoadedPolicy, PolicyStore } from './store';

/** The roles an app offers its user, and where they come from. */
export interface AppRoleOffer extends OfferedRoles {
  /** 'policy': policy roles decide; 'app': there are none, the app's own role list is used. */
  from: 'policy' | 'app';
  /** The account the roles are restricted to, when the app names one (or all its roles share one). */
  accountId?: string;
}

/** What an offer is computed from: the policy in force and who the user is (load once for many apps). */
export interface AccessContext {
  policy: LoadedPolicy;
  identity: PolicyIdentity;
}

/** The app's account: the one it names, else the one all its own roles are in. */
export function appAccountId(app: App): string | undefined {
  if (app.accountId) return app.accountId;
  const accounts = new Set(app.roleArns.map((a) => parseRoleArn(a)?.accountId));
  return accounts.size === 1 ? [...accounts][0] : undefined;
}

export function offerFor(app: App, ctx: AccessContext): AppRoleOffer {
  const accountId = appAccountId(app);
  const offered = offeredRoles(app, ctx.policy, ctx.identity, accountId);
  return { ...offered, from: ctx.policy.roles.length ? 'policy' : 'app', ...(accountId ? { accountId } : {}) };
}

/**
 * The one place that decides which roles a user may assume for an app: login, renewal, the role
 * selector, `apps roles` and the tray all ask here, so what is shown is what is allowed.
 */
export class RoleAccess implements RoleGate {
  constructor(private readonly policies: PolicyStore, private readonly identities: IdentityStore) {}

  async context(): Promise<AccessContext> {
    const [policy, identity] = await Promise.all([this.policies.load(), this.identities.policyIdentity()]);
    return { policy, identity };
  }

  async offer(app: App): Promise<AppRoleOffer> {
    return offerFor(app, await this.context());
  }

  /** The role ARNs the user may assume for the app now. */
  async allowed(app: App): Promise<AllowedRoles> {
    const offer = await this.offer(app);
    return { arns: offer.roles.map((r) => r.arn), from: offer.from };
  }
}
