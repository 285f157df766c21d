import { describe, expect, it } from 'vitest';
import { expandValue, parseValue, TemplateError } from '../../main/core/policy/template';
import type { TraitSources } from '../../main/core/policy/template';
import { emailLocal } from '../../main/core/policy/template';
import { expandGoReplacement, goReplaceAll, compileGoRegexp } from '../../main/core/policy/go-regexp';

// Alice as Teleport's role-templates guide describes her (SSO attributes), plus a local user
// resource's traits for {{internal.*}}.
const traits: TraitSources = {
  internal: {
    aws_role_arns: ['arn:aws:iam::123456789012:role/dev-ro', 'arn:aws:iam::123456789012:role/dev-rw'],
    team: ['payments'],
    logins: ['admin'],
  },
  external: {
    email: ['alice@example.com'],
    groups: ['admins', 'devs'],
    env: ['prod', 'staging'],
    'http://schemas.example.com/role': ['ops'],
  },
};

const cases: { name: string; value: string; expected: string[] }[] = [
  { name: "a local user's aws_role_arns internal trait (Teleport's preset access role)", value: '{{internal.aws_role_arns}}',
    expected: ['arn:aws:iam::123456789012:role/dev-ro', 'arn:aws:iam::123456789012:role/dev-rw'] },
  { name: 'one role per user from email.local', value: 'arn:aws:iam::123456789012:role/{{email.local(external.email)}}',
    expected: ['arn:aws:iam::123456789012:role/alice'] },
  { name: 'email.local alone (Teleport: database_users → alice)', value: '{{email.local(external.email)}}', expected: ['alice'] },
  { name: 'regexp.replace keeps matches only (Teleport: env ^(staging)$ → staging)',
    value: '{{regexp.replace(external.env, "^(staging)$", "$1")}}', expected: ['staging'] },
  { name: 'regexp.replace with $1 in literal text', value: 'arn:aws:iam::123456789012:role/{{regexp.replace(external.email, "^(.*)@example.com$", "$1-dev")}}',
    expected: ['arn:aws:iam::123456789012:role/alice-dev'] },
  { name: 'regexp.replace replaces every match', value: '{{regexp.replace(external.groups, "s", "z")}}', expected: ['adminz', 'devz'] },
  { name: 'regexp.replace named groups, Go style', value: '{{regexp.replace(external.email, "^(?P<user>[a-z]+)@", "${user}+")}}',
    expected: ['alice+example.com'] },
  { name: 'regexp.replace dropping everything that does not match', value: '{{regexp.replace(external.groups, "^ops$", "x")}}', expected: [] },
  { name: 'a missing internal trait yields no value', value: 'arn:aws:iam::123456789012:role/{{internal.nope}}', expected: [] },
  { name: 'a missing external trait yields no value (Teleport: logins renders empty)', value: '{{external.logins}}', expected: [] },
  { name: 'email.local of a missing trait yields no value', value: '{{email.local(external.mail)}}', expected: [] },
  { name: 'a trait with several values expands to several values', value: 'arn:aws:iam::123456789012:role/{{external.groups}}',
    expected: ['arn:aws:iam::123456789012:role/admins', 'arn:aws:iam::123456789012:role/devs'] },
  { name: 'literal text on both sides', value: 'arn:aws:iam::123456789012:role/{{internal.team}}-ro',
    expected: ['arn:aws:iam::123456789012:role/payments-ro'] },
  { name: "string interpolation (Teleport: 'IAM#{{external.email}};')", value: 'IAM#{{external.email}};', expected: ['IAM#alice@example.com;'] },
  { name: 'spaces inside the braces', value: '{{ internal.team }}', expected: ['payments'] },
  { name: 'bracket syntax for names with other characters', value: '{{external["http://schemas.example.com/role"]}}', expected: ['ops'] },
  { name: 'nested functions', value: '{{regexp.replace(email.local(external.email), "^a", "A")}}', expected: ['Alice'] },
  { name: 'a plain literal is itself', value: 'arn:aws:iam::123456789012:role/fixed', expected: ['arn:aws:iam::123456789012:role/fixed'] },
  { name: 'braces inside quoted strings (regexp counts)', value: '{{regexp.replace(internal.aws_role_arns, "^arn:aws:iam::[0-9]{12}:role/(dev-ro)$", "$1")}}',
    expected: ['dev-ro'] },
  { name: 'a raw string keeps backslashes', value: '{{regexp.replace(external.email, `^(.*)@example\\.com$`, "$1")}}', expected: ['alice'] },
];

describe('template expansion', () => {
  it.each(cases)('$name', ({ value, expected }) => {
    expect(expandValue(value, traits)).toEqual(expected);
  });

  it('keeps internal and external apart', () => {
    expect(expandValue('{{internal.email}}', traits)).toEqual([]);
    expect(expandValue('{{external.team}}', traits)).toEqual([]);
  });

  it('does not read inherited object properties as traits', () => {
    expect(expandValue('{{external.constructor}}', traits)).toEqual([]);
    expect(expandValue('{{internal.toString}}', traits)).toEqual([]);
  });
});

const errors: { value: string; message: RegExp }[] = [
  { value: '{{email.domain(external.email)}}', message: /unknown template function "email\.domain"/ },
  { value: '{{strings.upper(external.email)}}', message: /unknown template function "strings\.upper"/ },
  { value: '{{foo.bar}}', message: /unknown template namespace "foo"/ },
  { value: '{{internal}}', message: /missing trait name/ },
  { value: '{{email.local}}', message: /is a function/ },
  { value: '{{}}', message: /empty template/ },
  { value: '{{internal.a}}-{{internal.b}}', message: /only one \{\{template\}\}/ },
  { value: 'x}}', message: /malformed template/ },
  { value: '{{internal.a', message: /malformed template/ },
  { value: '{{email.local(external.email, external.x)}}', message: /takes 1 argument/ },
  { value: '{{email.local("alice@example.com")}}', message: /takes a trait/ },
  { value: '{{regexp.replace(external.x, "a")}}', message: /takes 3 arguments/ },
  { value: '{{regexp.replace(external.x, external.y, "b")}}', message: /must be quoted strings/ },
  { value: '{{regexp.replace(external.x, "(", "b")}}', message: /invalid regular expression/ },
  { value: '{{regexp.replace(external.x, "(?=a)", "b")}}', message: /lookaround/ },
  { value: '{{regexp.replace(external.x, "\\.", "b")}}', message: /invalid escape/ },
  { value: '{{regexp.replace(external.x, "a", "b"}}', message: /expected "\)"/ },
  { value: '{{internal.a.b}}', message: /nested name/ },
];

describe('template errors', () => {
  it.each(errors)('$value', ({ value, message }) => {
    expect(() => parseValue(value)).toThrow(TemplateError);
    expect(() => parseValue(value)).toThrow(message);
  });
});

describe('email.local', () => {
  it('takes the part before the @, also from "Name <address>"', () => {
    expect(emailLocal('alice@example.com')).toBe('alice');
    expect(emailLocal('Alice Smith <alice.smith@example.com>')).toBe('alice.smith');
    expect(emailLocal('not-an-email')).toBeUndefined();
    expect(emailLocal('@example.com')).toBeUndefined();
  });
});

describe('Go regexp semantics', () => {
  it('expands $1, ${1}, $name and $$ like Go, and $1x as the (missing) group "1x"', () => {
    const m = /(?<first>a)(b)/.exec('ab')!;
    expect(expandGoReplacement('$1-${2}-$first-$$-$', m)).toBe('a-b-a-$-$');
    expect(expandGoReplacement('$1x', m)).toBe('');
    expect(expandGoReplacement('${1}x', m)).toBe('ax');
  });

  it('does not replace an empty match right after a match (Go ReplaceAllString)', () => {
    expect(goReplaceAll(compileGoRegexp('a*'), 'baaac', '-')).toBe('-b-c-');
    expect(goReplaceAll(compileGoRegexp('x*'), 'abc', '-')).toBe('-a-b-c-');
  });

  it('reads Go flags and POSIX classes', () => {
    expect(compileGoRegexp('(?i)^ADMIN$').test('admin')).toBe(true);
    expect(compileGoRegexp('^[[:digit:]]+$').test('123')).toBe(true);
    expect(() => compileGoRegexp('(a)\\1')).toThrow(/backreferences/);
  });
});
