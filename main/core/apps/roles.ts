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

/**
 * Resolves what the user typed after --aws-role: a full ARN, or a role name that must match
 * exactly one allowed role (the same name in two accounts is ambiguous, never guessed).
 */
export function resolveRole(app: App, wanted: string): RoleRef {
  const allowed = app.roleArns.map((a) => parseRoleArn(a)).filter((r): r is RoleRef => r !== undefined);
  if (allowed.length === 0) {
    throw new AirlockError('NO_ROLES', `app "${app.name}" allows no IAM roles`,
      `add one: airlock apps add ${app.name} --uri ${app.uri} --aws-role-arn arn:${app.partition}:iam::ACCOUNT:role/NAME (after airlock apps rm ${app.name})`);
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
    `app "${app.name}" does not allow role "${wanted}"; allowed roles:\n${listing(allowed)}`);
}
