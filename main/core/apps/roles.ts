import { AirlockError } from '../errors';
import { ROLE_ARN } from './model';
import type { App } from './model';

export interface RoleRef {
  arn: string;
  partition: string;
  accountId: string;
  name: string;
}

export function parseRoleArn(arn: string): RoleRef | undefined {
  const m = ROLE_ARN.exec(arn);
  if (!m) return undefined;
  return { arn, partition: m[1]!, accountId: m[2]!, name: m[4]! };
}

function listing(roles: RoleRef[]): string {
  return roles.map((r) => `  ${r.name.padEnd(24)} ${r.accountId}  ${r.arn}`).join('\n');
}

/** The roles a user may assume for an app, and whether an access policy decided them. */
export interface AllowedRoles {
  arns: readonly string[];
  from: 'policy' | 'app';
}

/**
 * Resolves what the user typed after --aws-role: a full ARN, or a role name that must match
 * exactly one allowed role (the same name in two accounts is ambiguous, never guessed).
 * `allowed`: the roles offered (see RoleAccess); default the app's own list.
 */
export function resolveRole(app: App, wanted: string, allowedRoles: AllowedRoles = { arns: app.roleArns, from: 'app' }): RoleRef {
  const allowed = allowedRoles.arns.map((a) => parseRoleArn(a)).filter((r): r is RoleRef => r !== undefined);
  if (allowed.length === 0 && allowedRoles.from === 'policy') {
    throw new AirlockError('NO_ROLES', `the access policy offers you no IAM roles for app "${app.name}"`,
      `see why: airlock apps roles ${app.name}`);
  }
  if (allowed.length === 0) {
    throw new AirlockError('NO_ROLES', `app "${app.name}" allows no IAM roles`,
      `add one: airlock apps update ${app.name} --aws-role-arn arn:${app.partition}:iam::ACCOUNT:role/NAME`);
  }
  const byArn = wanted.startsWith('arn:');
  const matches = allowed.filter((r) => (byArn ? r.arn === wanted : r.name === wanted));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new AirlockError('AMBIGUOUS_ROLE',
      `role name "${wanted}" matches ${matches.length} roles of app "${app.name}":\n${listing(matches)}`,
      'pass the full role ARN to --aws-role');
  }
  throw new AirlockError('ROLE_NOT_ALLOWED',
    `${allowedRoles.from === 'policy' ? 'the access policy does not offer' : `app "${app.name}" does not allow`} role "${wanted}"` +
    `${allowedRoles.from === 'policy' ? ` for app "${app.name}"` : ''}; allowed roles:\n${listing(allowed)}`);
}
