import { AirlockError } from '../errors';

/** Where a resource was written: the file name given to the parser and the line of its `kind`. */
export interface PolicySource {
  file: string;
  line: number;
}

/** One side (allow or deny) of a role, normalised: label values are always lists. */
export interface RoleConditions {
  appLabels: Record<string, string[]>;
  awsRoleArns: string[];
}

/** A `kind: role` resource (Teleport role v5–v7), reduced to what Airlock uses. */
export interface PolicyRole {
  name: string;
  version: 'v5' | 'v6' | 'v7';
  allow: RoleConditions;
  deny: RoleConditions;
  source: PolicySource;
}

/** A `kind: user` resource: its traits feed `{{internal.NAME}}`. */
export interface PolicyUser {
  name: string;
  traits: Record<string, string[]>;
  source: PolicySource;
}

export interface Policy {
  roles: PolicyRole[];
  users: PolicyUser[];
}

/** Who asks: the user name (selects the `kind: user` resource) and the traits they entered. */
export interface PolicyIdentity {
  user: string;
  external: Record<string, string[]>;
}

export interface OfferedRole {
  arn: string;
  /** Names of the policy roles whose allow rules grant this ARN for the app ('app' without policy roles). */
  grantedBy: string[];
}

export interface PolicyWarning {
  /** The expanded value that was not offered. */
  value: string;
  /** The policy role it came from. */
  policyRole: string;
  reason: string;
}

export interface OfferedRoles {
  roles: OfferedRole[];
  warnings: PolicyWarning[];
  /** Policy roles whose deny.app_labels match the app: nothing is offered for it then. */
  deniedBy?: string[];
}

/** One problem in a policy file, located by line and field (`spec.allow.aws_role_arns[1]`). */
export interface PolicyIssue {
  file: string;
  line: number;
  field?: string;
  message: string;
}

export function formatIssue(issue: PolicyIssue): string {
  return `${issue.file} line ${issue.line}: ${issue.field ? `${issue.field}: ` : ''}${issue.message}`;
}

const MAX_LISTED = 10;

/** AirlockError('POLICY_INVALID') carrying every problem found; the message lists them, first first. */
export class PolicyFileError extends AirlockError {
  readonly issues: PolicyIssue[];

  constructor(issues: PolicyIssue[], hint = 'fix the file and import it again; the policy in force is unchanged') {
    const lines = issues.slice(0, MAX_LISTED).map(formatIssue);
    if (issues.length > MAX_LISTED) lines.push(`(${issues.length - MAX_LISTED} more problems)`);
    super('POLICY_INVALID', lines.join('\n'), hint);
    this.name = 'PolicyFileError';
    this.issues = issues;
  }
}
