import { describe, expect, it } from 'vitest';
import { resolveRole } from '../../main/core/apps/roles';
import { buildApp } from '../../main/core/apps/store';
import type { App } from '../../main/core/apps/model';
import { parsePolicyFile } from '../../main/core/policy/file';
import { offeredRoles } from '../../main/core/policy/offered';
import type { PolicyIdentity } from '../../main/core/policy/model';

const ACCT = '123456789012';
const OTHER = '210987654321';
const arn = (name: string, account = ACCT, partition = 'aws'): string => `arn:${partition}:iam::${account}:role/${name}`;

const prodApp = buildApp({ name: 'prod', uri: 'https://console.aws.amazon.com/', labels: { env: 'prod', team: 'payments' } });
const stagingApp = buildApp({ name: 'staging', uri: 'https://console.aws.amazon.com/', labels: { env: 'staging' } });
const govApp = buildApp({ name: 'gov', uri: 'https://console.amazonaws-us-gov.com/', labels: { env: 'prod' } });

const alice: PolicyIdentity = { user: 'alice', external: { email: ['alice@example.com'], groups: ['devs'] } };

const policy = (yaml: string) => parsePolicyFile(yaml, 'policy.yaml');
const arns = (app: App, yaml: string, identity = alice, accountId?: string) =>
  offeredRoles(app, policy(yaml), identity, accountId).roles.map((r) => r.arn);

const base = `
kind: role
version: v7
metadata: {name: everyone}
spec:
  allow:
    app_labels: {'*': '*'}
    aws_role_arns: ['${arn('ReadOnly')}']
---
kind: role
version: v7
metadata: {name: prod-admins}
spec:
  allow:
    app_labels: {env: prod}
    aws_role_arns: ['${arn('Admin')}', '${arn('ReadOnly')}']
---
kind: role
version: v5
metadata: {name: per-user}
spec:
  allow:
    app_labels: {env: [prod, staging]}
    aws_role_arns: ['${arn('{{email.local(external.email)}}')}', '{{internal.aws_role_arns}}']
---
kind: user
version: v2
metadata: {name: alice}
spec:
  traits:
    aws_role_arns: ['${arn('alice-extra')}']
`;

describe('offeredRoles: allow', () => {
  it('is the union over roles whose app_labels match, with the roles that grant each ARN', () => {
    const result = offeredRoles(prodApp, policy(base), alice);
    expect(result.roles).toEqual([
      { arn: arn('ReadOnly'), grantedBy: ['everyone', 'prod-admins'] },
      { arn: arn('Admin'), grantedBy: ['prod-admins'] },
      { arn: arn('alice'), grantedBy: ['per-user'] },
      { arn: arn('alice-extra'), grantedBy: ['per-user'] },
    ]);
    expect(result.warnings).toEqual([]);
    expect(arns(stagingApp, base)).toEqual([arn('ReadOnly'), arn('alice'), arn('alice-extra')]);
  });

  it("uses the identity: another user's traits and email give other ARNs; missing traits give none", () => {
    const bob = { user: 'bob', external: { email: ['bob@example.com'] } };
    expect(arns(stagingApp, base, bob)).toEqual([arn('ReadOnly'), arn('bob')]);
    expect(arns(stagingApp, base, { user: 'carol', external: {} })).toEqual([arn('ReadOnly')]);
  });

  it('offers nothing from a role without allow.app_labels', () => {
    expect(arns(prodApp, `kind: role\nversion: v7\nmetadata: {name: r}\nspec:\n  allow:\n    aws_role_arns: ['${arn('X')}']\n`)).toEqual([]);
  });

  it("offers the app's own roleArns when the policy has no roles", () => {
    const app = { ...prodApp, roleArns: [arn('AppRole'), arn('AppRole', OTHER)] };
    expect(offeredRoles(app, { roles: [], users: [] }, alice)).toEqual({
      roles: [{ arn: arn('AppRole'), grantedBy: ['app'] }, { arn: arn('AppRole', OTHER), grantedBy: ['app'] }],
      warnings: [],
    });
    expect(offeredRoles(app, { roles: [], users: [] }, alice, OTHER).roles).toEqual([{ arn: arn('AppRole', OTHER), grantedBy: ['app'] }]);
    // ...but not once there are policy roles, even if none matches
    expect(offeredRoles(app, policy(`kind: role\nversion: v7\nmetadata: {name: r}\nspec:\n  allow:\n    app_labels: {env: dev}\n    aws_role_arns: ['${arn('X')}']\n`), alice).roles).toEqual([]);
  });

  it('offers nothing for local DynamoDB apps', () => {
    const local = buildApp({ name: 'local', uri: 'http://localhost:8000', local: { url: 'http://localhost:8000' } });
    expect(offeredRoles(local, policy(base), alice)).toEqual({ roles: [], warnings: [] });
  });
});

describe('offeredRoles: deny beats allow', () => {
  it('deny.app_labels matching the app denies it entirely, whatever role allows', () => {
    const denied = `${base}---
kind: role
version: v7
metadata: {name: no-prod}
spec:
  deny:
    app_labels: {env: prod}
`;
    expect(offeredRoles(prodApp, policy(denied), alice)).toEqual({ roles: [], warnings: [], deniedBy: ['no-prod'] });
    expect(arns(stagingApp, denied)).toEqual([arn('ReadOnly'), arn('alice'), arn('alice-extra')]);
  });

  it('deny.app_labels may use templates (here: the groups the user is in)', () => {
    const denied = `${base}---
kind: role
version: v7
metadata: {name: no-team}
spec:
  deny:
    app_labels: {team: '{{regexp.replace(external.groups, "^(.*)$", "payments")}}'}
`;
    expect(arns(prodApp, denied)).toEqual([]);
    expect(arns(prodApp, denied, { user: 'alice', external: { email: ['alice@example.com'] } })).not.toEqual([]);
  });

  it('deny.aws_role_arns removes those ARNs, from every role, templates expanded, whatever the deny labels', () => {
    const denied = `${base}---
kind: role
version: v7
metadata: {name: no-admin}
spec:
  deny:
    aws_role_arns: ['${arn('Admin')}', '${arn('{{email.local(external.email)}}')}']
`;
    expect(arns(prodApp, denied)).toEqual([arn('ReadOnly'), arn('alice-extra')]);
  });

  it("deny.aws_role_arns '*' removes every ARN", () => {
    const denied = `${base}---
kind: role
version: v7
metadata: {name: nothing}
spec:
  deny:
    aws_role_arns: ['*']
`;
    expect(arns(prodApp, denied)).toEqual([]);
  });
});

describe('offeredRoles: account and partition', () => {
  const mixed = `kind: role
version: v7
metadata: {name: multi}
spec:
  allow:
    app_labels: {'*': '*'}
    aws_role_arns: ['${arn('Dev')}', '${arn('Dev', OTHER)}', '${arn('Gov', ACCT, 'aws-us-gov')}']
`;

  it('restricts to the account when one is given', () => {
    expect(arns(prodApp, mixed, alice, ACCT)).toEqual([arn('Dev')]);
    expect(arns(prodApp, mixed, alice, OTHER)).toEqual([arn('Dev', OTHER)]);
    expect(arns(prodApp, mixed, alice)).toEqual([arn('Dev'), arn('Dev', OTHER)]);
  });

  it("restricts to the app's partition, with a warning naming the value and the role", () => {
    const r = offeredRoles(prodApp, policy(mixed), alice);
    expect(r.warnings).toEqual([{ value: arn('Gov', ACCT, 'aws-us-gov'), policyRole: 'multi', reason: expect.stringMatching(/partition aws-us-gov.*partition aws/) }]);
    expect(offeredRoles(govApp, policy(mixed), alice).roles.map((x) => x.arn)).toEqual([arn('Gov', ACCT, 'aws-us-gov')]);
  });
});

describe('offeredRoles: malformed values', () => {
  it('offers no malformed ARN and warns, naming the value and the policy role', () => {
    const bad = `kind: role
version: v7
metadata: {name: typo}
spec:
  allow:
    app_labels: {'*': '*'}
    aws_role_arns:
    - arn:aws:iam:123456789000:role/x
    - '*'
    - 'arn:aws:iam::${ACCT}:role/{{external.groups}} ops'
    - ${arn('Fine')}
`;
    const r = offeredRoles(prodApp, policy(bad), alice);
    expect(r.roles).toEqual([{ arn: arn('Fine'), grantedBy: ['typo'] }]);
    expect(r.warnings).toEqual([
      { value: 'arn:aws:iam:123456789000:role/x', policyRole: 'typo', reason: expect.stringMatching(/not an IAM role ARN/) },
      { value: '*', policyRole: 'typo', reason: expect.stringMatching(/not a wildcard/) },
      { value: `arn:aws:iam::${ACCT}:role/devs ops`, policyRole: 'typo', reason: expect.stringMatching(/not an IAM role ARN/) },
    ]);
  });

  it('warns about deny values that are neither ARNs nor *', () => {
    const bad = `${base}---
kind: role
version: v7
metadata: {name: deny-typo}
spec:
  deny:
    aws_role_arns: ['Admin']
`;
    const r = offeredRoles(prodApp, policy(bad), alice);
    expect(r.roles.map((x) => x.arn)).toContain(arn('Admin'));
    expect(r.warnings).toEqual([{ value: 'Admin', policyRole: 'deny-typo', reason: expect.stringMatching(/denies nothing/) }]);
  });
});

describe('offeredRoles and role names', () => {
  it('two offered ARNs sharing a role name in different accounts make the bare name ambiguous', () => {
    const twoAccounts = `kind: role
version: v7
metadata: {name: dev}
spec:
  allow:
    app_labels: {'*': '*'}
    aws_role_arns: ['${arn('Developer')}', '${arn('Developer', OTHER)}']
`;
    const offered = offeredRoles(prodApp, policy(twoAccounts), alice).roles.map((r) => r.arn);
    expect(offered).toEqual([arn('Developer'), arn('Developer', OTHER)]);
    const app: App = { ...prodApp, roleArns: offered };
    expect(() => resolveRole(app, 'Developer')).toThrow(expect.objectContaining({ code: 'AMBIGUOUS_ROLE' }));
    expect(resolveRole(app, arn('Developer', OTHER)).accountId).toBe(OTHER);
    // restricted to one account, the name is unambiguous again
    const one: App = { ...prodApp, roleArns: offeredRoles(prodApp, policy(twoAccounts), alice, OTHER).roles.map((r) => r.arn) };
    expect(resolveRole(one, 'Developer').arn).toBe(arn('Developer', OTHER));
  });
});
