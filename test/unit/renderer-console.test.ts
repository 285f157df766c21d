// The palette's console commands (commands.ts reaches .tsx modules the test build cannot type) are
// covered end to end in test/e2e/console.e2e.test.ts.
import { describe, expect, it } from 'vitest';
import { consoleChoices, consoleError, consoleOpenedToast, sentence, sessionGone } from '../../renderer/features/console/messages';
import type { ConsoleOpened } from '../../renderer/features/console/messages';

const ADMIN = 'arn:aws:iam::111122223333:role/team/Admin';
const opened = (over: Partial<ConsoleOpened> = {}): ConsoleOpened => ({
  openedIn: 'window', url: null, roleArn: ADMIN, destination: 'https://console.aws.amazon.com/', validUntil: '2025-06-01T12:15:00.000Z', ...over,
});

describe('console messages', () => {
  it('says where the console opened and as whom', () => {
    expect(consoleOpenedToast('prod', opened())).toEqual({ title: 'Opened the AWS console of prod', detail: 'Signed in as Admin.' });
    expect(consoleOpenedToast('prod', opened({ openedIn: 'browser' })).title).toBe('Opened the AWS console of prod in your browser');
    const tab = consoleOpenedToast('prod', opened({ openedIn: 'none', url: 'http://127.0.0.1:1/federation?x', destination: 'https://console.aws.amazon.com/dynamodbv2/home?region=eu-west-1#tables' }));
    expect(tab.title).toBe('Opened the DynamoDB console of prod in a new tab');
    expect(tab.detail).toBe('Signed in as Admin. No new tab? Allow pop-ups for Airlock and try again.');
  });

  it('shows why the console session is short (role chaining), as a sentence', () => {
    const t = consoleOpenedToast('prod', opened({ durationNote: 'the role was assumed with temporary source credentials (role chaining): AWS caps such a console session at 1 hour' }));
    expect(t.detail).toBe('Signed in as Admin. The role was assumed with temporary source credentials (role chaining): AWS caps such a console session at 1 hour.');
    expect(sentence('  done!  ')).toBe('Done!');
    expect(sentence('')).toBe('');
  });

  it('turns the API errors into what the page can act on; others keep message and hint', () => {
    expect(consoleError('prod', { code: 'NOT_LOGGED_IN', message: 'not logged in to app "prod"', hint: 'log in: airlock apps login prod --aws-role ROLE' }))
      .toEqual({ code: 'NOT_LOGGED_IN', message: 'You are not logged in to prod.', hint: 'Log in with one of its roles first.' });
    expect(consoleError('prod', { code: 'SESSION_EXPIRED', message: 'x' }).message).toBe('Your session for prod has expired.');
    expect(consoleError('emu', { code: 'LOCAL_APP', message: 'x' }).message).toBe('emu is a local DynamoDB app: it has no AWS console.');
    expect(consoleError('prod', { code: 'CONSOLE_SIGNIN', message: 'refused: HTTP 400', hint: 'airlock apps login …' }))
      .toEqual({ code: 'CONSOLE_SIGNIN', message: 'refused: HTTP 400', hint: 'The session may have expired or been revoked: log in again.' });
    expect(consoleError('prod', { code: 'BAD_REGION', message: 'bad', hint: 'h' })).toEqual({ code: 'BAD_REGION', message: 'bad', hint: 'h' });
    expect(consoleError('prod', { code: 'NETWORK', message: 'gone' })).toEqual({ code: 'NETWORK', message: 'gone' });
    expect(['NOT_LOGGED_IN', 'SESSION_EXPIRED', 'CONSOLE_SIGNIN', 'LOCAL_APP', 'BAD_REGION'].map(sessionGone)).toEqual([true, true, true, false, false]);
  });

  it('the row menu: window or browser in the desktop app, a tab in the web UI; the DynamoDB console of the app region', () => {
    expect(consoleChoices('eu-west-1', true).map((c) => [c.label, c.req])).toEqual([
      ['In an Airlock window', { destination: 'home', target: 'window' }],
      ['In your browser', { destination: 'home', target: 'browser' }],
      ['DynamoDB console', { destination: 'dynamodb', target: 'window', region: 'eu-west-1' }],
    ]);
    expect(consoleChoices('eu-west-1', false).map((c) => [c.label, c.req])).toEqual([
      ['In a new tab', { destination: 'home', target: 'browser' }],
      ['DynamoDB console', { destination: 'dynamodb', target: 'browser', region: 'eu-west-1' }],
    ]);
  });
});
