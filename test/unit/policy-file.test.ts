import { describe, expect, it } from 'vitest';
import { isAirlockError } from '../../main/core/errors';
import { parsePolicyFile } from '../../main/core/policy/file';
import { PolicyFileError } from '../../main/core/policy/model';

function failure(text: string, file = 'policy.yaml'): PolicyFileError {
  try {
    parsePolicyFile(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyFileError);
    expect(isAirlockError(err) && err.code).toBe('POLICY_INVALID');
    return err as PolicyFileError;
  }
  throw new Error('expected the policy to be refused');
}

const multi = `# Roles and users in one file, Teleport style
kind: role
version: v5
metadata:
  name: aws-ro-access
spec:
  allow:
    app_labels:
      '*': '*'
    aws_role_arns:
    - arn:aws:iam::123456789012:role/ExampleReadOnlyAccess
    - '{{internal.aws_role_arns}}'
    logins: ['{{internal.logins}}']   # not used by Airlock: ignored
  options:
    max_session_ttl: 8h
---
kind: role
version: v6
metadata:
  name: per-user
  description: one role per user
spec:
  allow:
    app_labels:
      env: [prod, staging]
      region: 'us-west-*'
    aws_role_arns: ['arn:aws:iam::123456789012:role/{{email.local(external.email)}}']
  deny:
    app_labels:
      team: '{{regexp.replace(external.groups, "^no-(.*)$", "$1")}}'
    aws_role_arns: ['*']
---
kind: role
version: v7
metadata:
  name: empty
spec:
  allow: {}
  deny:
---
kind: user
version: v2
metadata:
  name: alice
spec:
  roles: ['aws-ro-access']
  traits:
    aws_role_arns: ['arn:aws:iam::123456789012:role/alice']
    logins: [alice]
---
kind: user
metadata:
  name: bob
---
`;

describe('parsePolicyFile', () => {
  it('reads multi-document YAML with roles (v5, v6, v7) and users, ignoring unknown fields', () => {
    const policy = parsePolicyFile(multi, 'policy.yaml');
    expect(policy.roles.map((r) => [r.name, r.version, r.source.line])).toEqual([
      ['aws-ro-access', 'v5', 2], ['per-user', 'v6', 17], ['empty', 'v7', 33],
    ]);
    const [ro, perUser, empty] = policy.roles;
    expect(ro!.allow).toEqual({
      appLabels: { '*': ['*'] },
      awsRoleArns: ['arn:aws:iam::123456789012:role/ExampleReadOnlyAccess', '{{internal.aws_role_arns}}'],
    });
    expect(ro!.deny).toEqual({ appLabels: {}, awsRoleArns: [] });
    expect(perUser!.allow.appLabels).toEqual({ env: ['prod', 'staging'], region: ['us-west-*'] });
    expect(perUser!.deny).toEqual({
      appLabels: { team: ['{{regexp.replace(external.groups, "^no-(.*)$", "$1")}}'] },
      awsRoleArns: ['*'],
    });
    expect(empty!.allow).toEqual({ appLabels: {}, awsRoleArns: [] });
    expect(policy.users.map((u) => [u.name, u.source.line])).toEqual([['alice', 41], ['bob', 51]]);
    expect(policy.users[0]!.traits).toEqual({ aws_role_arns: ['arn:aws:iam::123456789012:role/alice'], logins: ['alice'] });
    expect(policy.users[1]!.traits).toEqual({});
  });

  it('reads an empty file as an empty policy', () => {
    expect(parsePolicyFile('', 'empty.yaml')).toEqual({ roles: [], users: [] });
    expect(parsePolicyFile('# nothing yet\n---\n', 'empty.yaml')).toEqual({ roles: [], users: [] });
  });

  it('reports bad YAML with its line', () => {
    const err = failure('kind: role\nversion: v5\nmetadata:\n  name: [unclosed\nspec: {}\n');
    expect(err.message).toMatch(/^policy\.yaml line \d+: invalid YAML: /);
    expect(err.issues[0]!.line).toBeGreaterThanOrEqual(4);
    const dup = failure('kind: role\nversion: v5\nmetadata:\n  name: a\n  name: b\n');
    expect(dup.message).toBe('policy.yaml line 5: invalid YAML: Map keys must be unique');
  });

  it('reports an unknown template function with line and field', () => {
    const err = failure(`kind: role
version: v7
metadata:
  name: dev
spec:
  allow:
    app_labels: {'*': '*'}
    aws_role_arns:
    - arn:aws:iam::123456789012:role/fixed
    - 'arn:aws:iam::123456789012:role/{{email.domain(external.email)}}'
`);
    expect(err.message).toMatch(/^policy\.yaml line 10: spec\.allow\.aws_role_arns\[1\]: unknown template function "email\.domain"/);
    expect(err.issues).toEqual([expect.objectContaining({ file: 'policy.yaml', line: 10, field: 'spec.allow.aws_role_arns[1]' })]);
  });

  it('checks templates and regular expressions in app_labels, allow and deny', () => {
    const err = failure(`kind: role
version: v5
metadata:
  name: dev
spec:
  allow:
    app_labels:
      team: '{{foo.team}}'
      env: [prod, '^(unclosed$']
      '*': prod
  deny:
    app_labels:
      owner: ['x', '{{email.local(external.email}}']
    aws_role_arns: ['{{internal.a}}{{internal.b}}']
`);
    expect(err.issues.map((i) => `${i.line} ${i.field}`)).toEqual([
      '8 spec.allow.app_labels.team',
      '9 spec.allow.app_labels.env[1]',
      '10 spec.allow.app_labels["*"]',
      '13 spec.deny.app_labels.owner[1]',
      '14 spec.deny.aws_role_arns[0]',
    ]);
    expect(err.issues[0]!.message).toMatch(/unknown template namespace "foo"/);
    expect(err.issues[1]!.message).toMatch(/invalid regular expression/);
    expect(err.issues[2]!.message).toMatch(/only takes the value '\*'/);
    expect(err.message.split('\n')).toHaveLength(5);
  });

  it('refuses unknown kinds, naming the kind', () => {
    const err = failure('kind: role\nversion: v5\nmetadata: {name: ok}\n---\nkind: github\nversion: v3\nmetadata:\n  name: gh\n');
    expect(err.message).toBe('policy.yaml line 5: kind: unknown kind "github": a policy file holds role and user resources');
    expect(failure('version: v5\nmetadata: {name: x}\n').message).toBe('policy.yaml line 1: missing kind (role or user)');
    expect(failure('- just\n- a list\n').message).toMatch(/line 1: expected a resource/);
  });

  it('refuses unsupported versions and missing or mistyped fields', () => {
    expect(failure('kind: role\nversion: v3\nmetadata: {name: old}\n').message)
      .toBe('policy.yaml line 2: version: version "v3" of kind role is not supported (use v5, v6, v7)');
    expect(failure('kind: role\nmetadata: {name: x}\n').message).toMatch(/line 1: version: missing version/);
    expect(failure('kind: role\nversion: v5\nspec: {}\n').message).toMatch(/line 1: metadata: missing metadata/);
    expect(failure('kind: role\nversion: v5\nmetadata: {name: x}\nspec:\n  allow:\n    aws_role_arns: arn:aws:iam::123456789012:role/x\n').message)
      .toMatch(/line 6: spec\.allow\.aws_role_arns: expected a list of role ARNs, got a string/);
    expect(failure('kind: role\nversion: v5\nmetadata: {name: x}\nspec:\n  allow:\n    app_labels:\n      prod: true\n').message)
      .toMatch(/line 7: spec\.allow\.app_labels\.prod: expected a label value or a list of label values/);
    expect(failure('kind: user\nversion: v2\nmetadata: {name: a}\nspec:\n  traits:\n    logins: alice\n').message)
      .toMatch(/line 6: spec\.traits\.logins: expected a list of trait values, got a string/);
    expect(failure('kind: user\nversion: v1\nmetadata: {name: a}\n').message).toMatch(/version "v1" of kind user is not supported/);
  });

  it('refuses a role or user defined twice in one file', () => {
    const err = failure('kind: role\nversion: v5\nmetadata: {name: a}\n---\nkind: role\nversion: v6\nmetadata:\n  name: a\n');
    expect(err.message).toBe('policy.yaml line 8: metadata.name: role "a" is defined twice in this file (first at line 1)');
  });
});
