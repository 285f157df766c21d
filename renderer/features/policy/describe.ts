/** The words the policy view and the role selector use for why a role is (or is not) offered. */

/** grantedBy is ['app'] when no policy roles exist: the app's own role list decides. */
export function isFromAppList(grantedBy: readonly string[]): boolean {
  return grantedBy.length === 1 && grantedBy[0] === 'app';
}

/** "granted by developer, readers" or "from the app's role list". */
export function grantedByText(grantedBy: readonly string[]): string {
  if (isFromAppList(grantedBy)) return "from the app's role list";
  return `granted by ${grantedBy.join(', ')}`;
}

export interface OfferFacts {
  name: string;
  kind: 'aws' | 'local';
  rolesFrom: 'policy' | 'app';
  deniedBy?: string[] | undefined;
  labels?: Record<string, string> | undefined;
  accountId?: string | undefined;
}

export function labelsText(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : 'none';
}

/** Why an app offers no role, in one or two sentences (the empty states say it). */
export function noRolesReason(app: OfferFacts): string {
  if (app.kind === 'local') return `${app.name} is a local DynamoDB: it has no AWS account and no roles, and needs no login.`;
  if (app.deniedBy?.length) {
    const who = app.deniedBy.length === 1 ? `policy role ${app.deniedBy[0]}` : `policy roles ${app.deniedBy.join(', ')}`;
    return `The access policy denies ${app.name}: the deny.app_labels of ${who} match its labels, and deny beats allow.`;
  }
  if (app.rolesFrom === 'policy') {
    const account = app.accountId ? ` in account ${app.accountId}` : '';
    return `No policy role grants a role for ${app.name}${account}: none has allow.app_labels matching its labels (${labelsText(app.labels)}) `
      + 'with a role ARN that applies here.';
  }
  return `${app.name} lists no IAM roles of its own, and no access policy grants any.`;
}
