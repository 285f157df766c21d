import { describe, expect, it } from 'vitest';
import type { AwsImportPreview, ImportAppView } from '../../preload/aws-config';
import { copyTargets, durationText, importRequest, initialChoices, nameErrors } from '../../renderer/features/apps/import-aws-config';

/** The import dialog's choices: default selection, name checks, which keys go where, the request. */

const appView = (planned: string, status: ImportAppView['status'], movableKeys?: string): ImportAppView => ({
  planned, name: planned, accountId: '111122223333', partition: 'aws', uri: 'https://console.aws.amazon.com/', region: 'us-east-1',
  profiles: [planned], status, existingApps: [], roles: [], shared: {}, notes: [], ...(movableKeys ? { movableKeys } : {}),
});

const preview: AwsImportPreview = {
  configFile: { kind: 'config', path: '/home/u/.aws/config', found: true },
  credentialsFile: { kind: 'credentials', path: '/home/u/.aws/credentials', found: true },
  apps: [appView('prod', 'ready', 'keys'), appView('dev', 'ready', 'keys'), appView('old', 'exists', 'keys'), appView('sso-only', 'not-importable')],
  keyProfiles: [
    { profile: 'keys', hasSessionToken: false, file: '/home/u/.aws/credentials', line: 2, usedBy: ['prod', 'dev', 'old'], movableTo: ['prod', 'dev', 'old'] },
    { profile: 'unused', hasSessionToken: false, file: '/home/u/.aws/credentials', line: 6, usedBy: [], movableTo: [] },
  ],
  problems: [],
};

describe('the AWS config import dialog state', () => {
  it('chooses what the core would import by default', () => {
    expect(initialChoices(preview)).toEqual({
      prod: { selected: true, name: 'prod' }, dev: { selected: true, name: 'dev' },
      old: { selected: false, name: 'old' }, 'sso-only': { selected: false, name: 'sso-only' },
    });
  });

  it('flags invalid, taken (whatever the case) and repeated names of chosen apps only', () => {
    const choices = { prod: { selected: true, name: 'Main' }, dev: { selected: true, name: 'main' }, old: { selected: false, name: 'Main' }, x: { selected: true, name: '-x' } };
    expect(nameErrors(choices, ['other'])).toEqual({ dev: 'Also the name chosen for prod.', x: expect.stringMatching(/^Use letters/) });
    expect(nameErrors({ prod: { selected: true, name: ' OTHER ' } }, ['other'])).toEqual({ prod: 'Airlock already has an app named “other”; it is never overwritten.' });
  });

  it('asks to copy keys only for chosen apps that can take them, under their chosen names', () => {
    const choices = { ...initialChoices(preview), dev: { selected: true, name: 'development' } };
    expect(copyTargets(preview, choices)).toEqual({ keys: ['prod', 'development'], unused: [] });
    expect(importRequest(preview, { ...choices, 'sso-only': { selected: true, name: 'sso-only' } }, new Set(['keys', 'unused']))).toEqual({
      apps: [{ planned: 'prod', name: 'prod' }, { planned: 'dev', name: 'development' }],
      moveKeys: ['keys'],
    });
    expect(importRequest(preview, { prod: { selected: false, name: 'prod' } }, new Set(['keys']))).toEqual({ apps: [], moveKeys: [] });
  });

  it('words durations', () => {
    expect([900, 3600, 5400, 7200].map(durationText)).toEqual(['15 min', '1 h', '1 h 30 min', '2 h']);
  });
});
