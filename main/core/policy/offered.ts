import type { App } from '../apps/model';
import { parseRoleArn } from '../apps/roles';
import { labelsMatch, WILDCARD } from './labels';
import type { LabelSelector } from './labels';
import type { OfferedRole, OfferedRoles, Policy, PolicyIdentity, PolicyRole, PolicyWarning } from './model';
import { traitSources } from './traits';
import { expandValue, parseValue } from './template';
import type { ParsedValue, TraitSources } from './template';

/**
 * The IAM roles a policy offers `identity` for `app`, Teleport's way:
 *
 * - allow: the union of aws_role_arns (templates expanded) over the roles whose allow.app_labels
 *   match the app's labels; a role without allow.app_labels matches no app;
 * - deny.app_labels matching the app (in any role) denies the app: nothing is offered;
 * - deny.aws_role_arns (in any role, whatever its labels) removes those ARNs; `*` removes all;
 * - only well-formed role ARNs of the app's partition are offered; other values are reported as
 *   warnings naming the value and the policy role; with `accountId`, only that account's roles
 *   are offered (the others are meant for other apps: no warning);
 * - a policy without roles offers the app's own roleArns (grantedBy: ['app']).
 *
 * Local DynamoDB apps have no AWS account and are offered nothing.
 */
export function offeredRoles(app: App, policy: Policy, identity: PolicyIdentity, accountId?: string): OfferedRoles {
  if (app.local) return { roles: [], warnings: [] };
  const inAccount = (arn: string): boolean => accountId === undefined || parseRoleArn(arn)?.accountId === accountId;
  if (policy.roles.length === 0) {
    return { roles: app.roleArns.filter(inAccount).map((arn) => ({ arn, grantedBy: ['app'] })), warnings: [] };
  }

  const traits = traitSources(policy.users, identity);
  const warnings: PolicyWarning[] = [];
  const warn = (value: string, policyRole: string, reason: string): void => {
    if (!warnings.some((w) => w.value === value && w.policyRole === policyRole)) warnings.push({ value, policyRole, reason });
  };

  const deniedBy = policy.roles
    .filter((r) => Object.keys(r.deny.appLabels).length > 0 && labelsMatch(expandSelector(r.deny.appLabels, traits), app.labels))
    .map((r) => r.name);

  const denied = deniedArns(policy.roles, traits, warn);
  const granted = new Map<string, OfferedRole>();
  for (const role of policy.roles) {
    if (!labelsMatch(expandSelector(role.allow.appLabels, traits), app.labels)) continue;
    for (const raw of role.allow.awsRoleArns) {
      for (const arn of expand(raw, traits)) {
        const ref = parseRoleArn(arn);
        if (!ref) {
          warn(arn, role.name, arn === WILDCARD
            ? "'*' is not a wildcard in allow.aws_role_arns: list role ARNs"
            : 'not an IAM role ARN (arn:PARTITION:iam::ACCOUNT:role/NAME)');
          continue;
        }
        if (ref.partition !== app.partition) {
          warn(arn, role.name, `role ARN in partition ${ref.partition}, app "${app.name}" is in partition ${app.partition}`);
          continue;
        }
        if (!inAccount(arn) || denied.all || denied.arns.has(arn)) continue;
        const offered = granted.get(arn);
        if (!offered) granted.set(arn, { arn, grantedBy: [role.name] });
        else if (!offered.grantedBy.includes(role.name)) offered.grantedBy.push(role.name);
      }
    }
  }
  if (deniedBy.length) return { roles: [], warnings, deniedBy };
  return { roles: [...granted.values()], warnings };
}

function deniedArns(roles: PolicyRole[], traits: TraitSources, warn: (value: string, role: string, reason: string) => void): { all: boolean; arns: Set<string> } {
  const arns = new Set<string>();
  let all = false;
  for (const role of roles) {
    for (const raw of role.deny.awsRoleArns) {
      for (const value of expand(raw, traits)) {
        if (value === WILDCARD) all = true;
        else if (parseRoleArn(value)) arns.add(value);
        else warn(value, role.name, "deny value is not an IAM role ARN (nor '*'): it denies nothing");
      }
    }
  }
  return { all, arns };
}

/** Label values with their templates expanded (a value whose trait is missing drops out). */
export function expandSelector(selector: LabelSelector, traits: TraitSources): Record<string, string[]> {
  const out = Object.create(null) as Record<string, string[]>;
  for (const [key, values] of Object.entries(selector)) out[key] = values.flatMap((v) => expand(v, traits));
  return out;
}

const parsedCache = new Map<string, ParsedValue | null>();

/** Expands one policy value; a template that does not parse (never, after parsePolicyFile) yields nothing. */
function expand(raw: string, traits: TraitSources): string[] {
  let parsed = parsedCache.get(raw);
  if (parsed === undefined) {
    try {
      parsed = parseValue(raw);
    } catch {
      parsed = null;
    }
    if (parsedCache.size > 2000) parsedCache.clear();
    parsedCache.set(raw, parsed);
  }
  return parsed ? expandValue(parsed, traits) : [];
}
