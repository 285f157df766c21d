import { describe, expect, it } from 'vitest';
import { grantedByText, noRolesReason } from '../../renderer/features/policy/describe';
import { newRow, rowsOf, splitValues, traitsOf } from '../../renderer/features/policy/traits';

describe('the traits editor rows', () => {
  it('turns rows into traits: comma-separated values trimmed, blanks and repeats dropped, empty rows ignored', () => {
    const result = traitsOf([newRow('email', ' alice@example.com , '), newRow('groups', 'ops, dba, ops'), newRow('', '  ')]);
    expect(result).toEqual({ ok: true, traits: { email: ['alice@example.com'], groups: ['ops', 'dba'] } });
    expect(splitValues(',,')).toEqual([]);
  });

  it('round-trips stored traits through rows', () => {
    const traits = { email: ['a@x.com', 'b@x.com'], team: ['data'] };
    const back = traitsOf(rowsOf(traits));
    expect(back).toEqual({ ok: true, traits });
  });

  it('says what is wrong per row and field, as the contract would refuse it', () => {
    const spaced = newRow('e mail', 'x');
    const nameless = newRow('', 'x');
    const valueless = newRow('team', ' , ');
    const first = newRow('email', 'a@x.com');
    const twice = newRow('email', 'b@x.com');
    const result = traitsOf([spaced, nameless, valueless, first, twice]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).map(Number).sort((a, b) => a - b)).toEqual([spaced.key, nameless.key, valueless.key, twice.key]);
    expect(result.errors[spaced.key]?.name).toMatch(/no spaces/);
    expect(result.errors[nameless.key]?.name).toMatch(/Name the trait/);
    expect(result.errors[valueless.key]).toEqual({ values: 'Give at least one value, or remove the trait.' });
    expect(result.errors[twice.key]?.name).toMatch(/email is already above/);
    expect(traitsOf([newRow('x'.repeat(129), 'v')])).toMatchObject({ ok: false });
  });
});

describe('why a role is (not) offered', () => {
  it('names the granting policy roles, or the app list', () => {
    expect(grantedByText(['developer', 'readers'])).toBe('granted by developer, readers');
    expect(grantedByText(['app'])).toBe("from the app's role list");
  });

  it('gives the reason an app offers nothing: local, denied, no grant, no own roles', () => {
    const base = { name: 'prod', kind: 'aws' as const, labels: { env: 'prod' } };
    expect(noRolesReason({ ...base, kind: 'local', rolesFrom: 'app' })).toMatch(/local DynamoDB/);
    expect(noRolesReason({ ...base, rolesFrom: 'policy', deniedBy: ['guard', 'corp'] })).toMatch(/denies prod: the deny\.app_labels of policy roles guard, corp/);
    expect(noRolesReason({ ...base, rolesFrom: 'policy', accountId: '123456789012' })).toMatch(/No policy role grants a role for prod in account 123456789012: .*\(env=prod\)/);
    expect(noRolesReason({ ...base, rolesFrom: 'app' })).toMatch(/lists no IAM roles of its own/);
  });
});
