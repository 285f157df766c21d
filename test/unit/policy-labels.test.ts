import { describe, expect, it } from 'vitest';
import { labelsMatch, labelValueMatches } from '../../main/core/policy/labels';
import { expandSelector } from '../../main/core/policy/offered';

const prod = { env: 'prod', region: 'us-west-2', team: 'payments', cluster_name: 'us-east.example.com' };
const staging = { env: 'staging', region: 'eu-central-1', team: 'search' };
const unlabelled = {};

describe('label matching (Teleport app_labels)', () => {
  it("'*': '*' matches every app, labelled or not", () => {
    expect(labelsMatch({ '*': ['*'] }, prod)).toBe(true);
    expect(labelsMatch({ '*': ['*'] }, unlabelled)).toBe(true);
    // Teleport: the wildcard selector matches all, whatever else the role lists
    expect(labelsMatch({ '*': ['*'], env: ['nope'] }, staging)).toBe(true);
  });

  it('no app_labels at all matches no app', () => {
    expect(labelsMatch({}, prod)).toBe(false);
    expect(labelsMatch({}, unlabelled)).toBe(false);
  });

  it("a value '*' matches any value of that key, but the app must have the key", () => {
    expect(labelsMatch({ env: ['*'] }, prod)).toBe(true);
    expect(labelsMatch({ env: ['*'] }, unlabelled)).toBe(false);
    expect(labelsMatch({ owner: ['*'] }, prod)).toBe(false);
  });

  it('literal values compare exactly', () => {
    expect(labelsMatch({ env: ['prod'] }, prod)).toBe(true);
    expect(labelsMatch({ env: ['prod'] }, staging)).toBe(false);
    expect(labelsMatch({ env: ['pro'] }, prod)).toBe(false);
    expect(labelsMatch({ env: ['Prod'] }, prod)).toBe(false);
  });

  it('a list of values matches any of them (OR)', () => {
    expect(labelsMatch({ env: ['test', 'staging'] }, staging)).toBe(true);
    expect(labelsMatch({ env: ['test', 'staging'] }, prod)).toBe(false);
    expect(labelsMatch({ region: ['us-west-1', 'eu-central-1'] }, staging)).toBe(true);
    expect(labelsMatch({ env: [] }, prod)).toBe(false);
  });

  it('every key must match (AND)', () => {
    expect(labelsMatch({ env: ['prod'], region: ['us-west-1', 'us-west-2'] }, prod)).toBe(true);
    expect(labelsMatch({ env: ['prod'], region: ['us-west-1', 'eu-central-1'] }, prod)).toBe(false);
    expect(labelsMatch({ env: ['prod'], team: ['search'] }, prod)).toBe(false);
  });

  it('^…$ values are (Go) regular expressions', () => {
    expect(labelsMatch({ cluster_name: ['^us.*\\.example\\.com$'] }, prod)).toBe(true);
    expect(labelsMatch({ cluster_name: ['^eu.*\\.example\\.com$'] }, prod)).toBe(false);
    expect(labelsMatch({ env: ['^(prod|staging)$'] }, staging)).toBe(true);
    // Teleport's documented equivalent of a list: alternation inside ^…$
    expect(labelsMatch({ region: ['^us-west-1|eu-central-1$'] }, staging)).toBe(true);
    expect(labelValueMatches('^prod$', 'production')).toBe(false);
  });

  it("other '*' are globs (Teleport's 'us-west-*')", () => {
    expect(labelsMatch({ region: ['us-west-*'] }, prod)).toBe(true);
    expect(labelsMatch({ region: ['us-west-*'] }, staging)).toBe(false);
    expect(labelValueMatches('a.b', 'axb')).toBe(false); // dots are literal outside ^…$
  });

  it('an invalid expanded expression matches nothing', () => {
    expect(labelValueMatches('^(unclosed$', '(unclosed')).toBe(false);
  });

  it('inherited object properties are not labels', () => {
    expect(labelsMatch({ constructor: ['*'] }, prod)).toBe(false);
  });

  it('templates in values expand before matching; a missing trait leaves the key unmatched', () => {
    const traits = { internal: { teams: ['search', 'ads'] }, external: {} };
    expect(labelsMatch(expandSelector({ team: ['{{internal.teams}}'] }, traits), staging)).toBe(true);
    expect(labelsMatch(expandSelector({ team: ['{{internal.teams}}'] }, traits), prod)).toBe(false);
    expect(labelsMatch(expandSelector({ team: ['{{external.teams}}'] }, traits), staging)).toBe(false);
    expect(labelsMatch(expandSelector({ team: ['{{external.teams}}', 'search'] }, traits), staging)).toBe(true);
  });
});
