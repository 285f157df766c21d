import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsFixture } from '../fixtures/aws-fixture';
import type { AwsFixture } from '../fixtures/aws-fixture';
import { awsCli, clientEnv, TestHome } from '../integration/harness';
import {
  ensureRendererBuilt, gone, launchChromium, missingTools, newPage, screenshot as shoot, SHOTS, startUi, stopUi, until, visible,
} from './support';
import type { UiProcess } from './support';

/**
 * The renderer, end to end: Debian's Chromium drives `airlock ui` (a real child process) against
 * the strict STS/DynamoDB fixture. Everything is found by role and accessible name, as a user of
 * a screen reader would find it. Screenshots of each screen, light and dark, go to
 * test/e2e/screenshots/ (git-ignored) for a human to look at.
 */
const ROLE_ARN = 'arn:aws:iam::111111111111:role/Admin';
const missing = missingTools('ui.e2e');

// The few page-side globals the test touches (in page.evaluate callbacks): this file is type-checked
// without the DOM lib, and the page's CSP forbids evaluating strings.
declare const document: {
  activeElement: { closest(selector: string): unknown } | null;
  body: { innerText: string };
  querySelector(selector: string): unknown;
};
declare const navigator: { clipboard: { readText(): Promise<string> } };

let fx: AwsFixture;
let home: TestHome;
let ui: UiProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let copiedEnv: Record<string, string>;
/** Script errors and console errors (CSP violations among them) of the main page. */
const pageProblems: string[] = [];

const screenshot = (name: string, target: Page = page): Promise<void> => shoot(target, name);

const nav = (name: string): Promise<void> => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
const appRow = (): Locator => page.getByRole('list', { name: 'Apps' }).getByRole('listitem', { name: 'e2e', exact: true });

describe.skipIf(missing.length > 0)('the Airlock UI in Chromium against airlock ui and the AWS fixture', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await ensureRendererBuilt();
    fx = await startAwsFixture();
    home = new TestHome(fx.sourceCredentials);
    // The UI host gets no AWS keys in its environment: logging in must use the keys stored through the UI.
    const env = { ...home.env };
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    ui = await startUi(env);
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 1280, height: 820 },
      permissions: ['clipboard-read', 'clipboard-write'],
      reducedMotion: 'reduce',
      colorScheme: 'light',
      acceptDownloads: true,
    });
    context.setDefaultTimeout(20_000);
    page = await newPage(context, pageProblems);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopUi(ui);
    await fx?.stop();
    home?.remove();
  });

  it('opens with the token from the printed URL, then keeps it out of the address bar', async () => {
    expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+$/);
    await page.goto(ui.url);
    // A first start opens on the embedded Local DynamoDB app: something that works without an AWS account.
    await visible(page.getByRole('list', { name: 'Apps' }).getByRole('listitem', { name: 'local-dynamodb', exact: true }));
    expect(page.url()).not.toContain('token');
    await visible(page.getByRole('navigation', { name: 'Main' }));
    await screenshot('01-apps-first-start');
  });

  it('adds an app, with the server\'s validation shown under the field it is about', async () => {
    await page.getByRole('button', { name: 'Add app', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add app' });
    await visible(dialog);
    await dialog.getByLabel('Name', { exact: true }).fill('e2e');
    await dialog.getByLabel('Console URI').fill('https://example.com/');
    await dialog.getByRole('button', { name: 'Add app' }).click();
    const uri = dialog.getByLabel('Console URI');
    await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]') !== null);
    expect(await uri.getAttribute('aria-invalid')).toBe('true');
    await visible(dialog.getByText(/is not an AWS console host/));

    await uri.fill('https://console.aws.amazon.com/');
    await dialog.getByLabel('Labels').fill('env=e2e, team=platform');
    await dialog.getByLabel('Role ARNs').fill(ROLE_ARN);
    await dialog.getByLabel('Endpoint overrides').fill(`dynamodb=${fx.dynamodbUrl}`);
    await dialog.getByLabel('STS endpoint').fill(fx.stsUrl);
    await screenshot('02-add-app');
    await dialog.getByRole('button', { name: 'Add app' }).click();
    await gone(dialog);

    const row = appRow();
    await visible(row);
    await visible(row.getByText('Signed out'));
    await visible(row.getByText('us-east-1', { exact: false }));
    await visible(row.getByRole('button', { name: 'Log in to e2e' }));
  });

  it('searches apps by name, label and region', async () => {
    const search = page.getByRole('searchbox', { name: 'Search apps' });
    await search.fill('team=platform');
    await visible(appRow());
    await search.fill('us-east-1');
    await visible(appRow());
    await search.fill('no-such-thing');
    await visible(page.getByRole('heading', { name: 'No matching apps' }));
    await page.getByRole('button', { name: 'Clear search' }).click();
    await visible(appRow());
    expect(await search.inputValue()).toBe('');
  });

  it('stores source keys in Settings and never shows the secret again', async () => {
    await nav('Settings');
    const keys = page.getByRole('region', { name: 'e2e', exact: true });
    await visible(keys);
    await keys.getByLabel('Access key ID').fill(fx.sourceCredentials.accessKeyId);
    await keys.getByLabel('Secret access key').fill(fx.sourceCredentials.secretAccessKey);
    await keys.getByRole('button', { name: 'Save keys for e2e' }).click();
    await visible(keys.getByText('Stored', { exact: true }));
    await gone(keys.getByLabel('Secret access key'));
    await visible(keys.getByRole('button', { name: 'Remove keys for e2e' }));
    expect(await page.content()).not.toContain(fx.sourceCredentials.secretAccessKey);
    await screenshot('03-settings');
  });

  it('picks the Admin role in the role selector and logs in; the time left counts down', async () => {
    await nav('Apps');
    await appRow().getByRole('button', { name: 'Log in to e2e' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log in to e2e' });
    await visible(dialog);
    const admin = dialog.getByRole('radio', { name: 'Admin' });
    await admin.check();
    expect(await dialog.getByLabel('Session duration').inputValue()).toBe('3600');
    await visible(dialog.getByText('arn:aws:iam::111111111111:role/Admin'));
    await visible(dialog.getByText('Account 111111111111'));
    expect(await dialog.getByLabel('MFA code').count()).toBe(0);
    await screenshot('04-role-selector');
    await dialog.getByRole('button', { name: 'Log in', exact: true }).click();
    await gone(dialog);

    const row = appRow();
    await visible(row.getByText('Signed in as'));
    await visible(row.getByRole('button', { name: 'Log out of e2e' }));
    const left = row.getByText(/\d+m \d+s left$/);
    const first = await left.textContent();
    expect(first).toMatch(/^(59m|1h 00m)/);
    await until('the countdown to tick', async () => (await left.textContent()) !== first);
    const issued = fx.issued.find((s) => s.roleArn === ROLE_ARN);
    expect(issued?.durationSeconds).toBe(3600);
    await screenshot('05-apps-signed-in');
    // A small window: the layout must still hold.
    await page.setViewportSize({ width: 960, height: 640 });
    await screenshot('05-apps-small-window');
    await page.setViewportSize({ width: 1280, height: 820 });
  });

  it('opens the command palette with Ctrl+K, filters roles, and Enter logs in', async () => {
    const before = fx.issued.length;
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await visible(palette);
    await page.keyboard.type('e2e admin');
    const option = palette.getByRole('option', { name: /e2e › Admin/ });
    await visible(option);
    expect(await option.getAttribute('aria-selected')).toBe('true');
    await screenshot('06-palette');
    await page.keyboard.press('Enter');
    await gone(palette);
    await visible(page.getByText('Logged in to e2e as Admin').first());
    await until('a second AssumeRole', async () => fx.issued.length > before);

    // Esc closes it again, and focus goes back to the page.
    await page.keyboard.press('Control+K');
    await visible(palette);
    await page.keyboard.press('Escape');
    await gone(palette);
  });

  it('keeps Tab inside a dialog and closes it with Esc', async () => {
    await page.getByRole('button', { name: 'Add app', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add app' });
    await visible(dialog);
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await gone(dialog);
  });

  it('starts a proxy and shows its settings for sh, fish, PowerShell and JSON', async () => {
    await appRow().getByRole('button', { name: 'Start proxy for e2e' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start a proxy' });
    await visible(dialog);
    expect(await dialog.getByRole('radio', { name: /Forward proxy/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Automatic' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Start proxy', exact: true }).click();
    await gone(dialog);

    const panel = page.getByRole('region', { name: 'Proxy for e2e' });
    await visible(panel);
    const settings = panel.getByRole('tabpanel');
    await visible(settings.getByText(/export HTTPS_PROXY='http:\/\/127\.0\.0\.1:\d+'/));
    await panel.getByRole('tab', { name: 'fish' }).click();
    await visible(settings.getByText(/set -gx HTTPS_PROXY 'http:\/\/127\.0\.0\.1:\d+'/));
    await panel.getByRole('tab', { name: 'PowerShell' }).click();
    await visible(settings.getByText(/\$Env:HTTPS_PROXY = 'http:\/\/127\.0\.0\.1:\d+'/));
    await visible(panel.getByText(/airlock-ca\.pem$/));
    await panel.getByRole('tab', { name: 'JSON' }).click();
    await visible(settings.getByText(/"HTTPS_PROXY": "http:\/\/127\.0\.0\.1:\d+"/));
    await screenshot('07-proxies');
  });

  it('copies the env (JSON) to the clipboard', async () => {
    const panel = page.getByRole('region', { name: 'Proxy for e2e' });
    await panel.getByRole('button', { name: 'Copy JSON settings' }).click();
    const text = await until('the clipboard to hold the settings', async () => {
      const t = await page.evaluate(() => navigator.clipboard.readText());
      return t.includes('HTTPS_PROXY') ? t : undefined;
    });
    copiedEnv = JSON.parse(text) as Record<string, string>;
    expect(copiedEnv).toMatchObject({
      HTTPS_PROXY: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      AWS_ACCESS_KEY_ID: expect.stringMatching(/^AKIL/),
      AWS_CA_BUNDLE: expect.stringMatching(/airlock-ca\.pem$/),
      AWS_REGION: 'us-east-1',
    });
    expect(copiedEnv.AWS_SECRET_ACCESS_KEY).not.toBe(fx.sourceCredentials.secretAccessKey);
  });

  it('runs the real aws CLI with that env; the live request count goes up', async () => {
    const env = clientEnv(home, copiedEnv);
    const create = await awsCli(env, ['dynamodb', 'create-table', '--table-name', 'E2eOrders',
      '--attribute-definitions', 'AttributeName=pk,AttributeType=S', '--key-schema', 'AttributeName=pk,KeyType=HASH',
      '--billing-mode', 'PAY_PER_REQUEST']);
    expect(create.code, create.stderr).toBe(0);
    const list = await awsCli(env, ['dynamodb', 'list-tables']);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).TableNames).toContain('E2eOrders');

    const panel = page.getByRole('region', { name: 'Proxy for e2e' });
    const count = async (name: string): Promise<number> => Number(await panel.getByRole('listitem', { name }).getByText(/^[\d,]+$/).textContent());
    await until('the request count to reach 2', async () => (await count('Requests')) >= 2);
    expect(await count('Forwarded')).toBeGreaterThanOrEqual(2);
    expect(await count('Refused')).toBe(0);
    await screenshot('08-proxies-counts');
  });

  it('shows the requests in the Audit view, filters them, appends live and exports JSON Lines', async () => {
    await nav('Audit');
    const table = page.getByRole('table', { name: 'Audit log' });
    await visible(table);
    const listRows = table.getByRole('row').filter({ hasText: 'ListTables' });
    const createRows = table.getByRole('row').filter({ hasText: 'CreateTable' });
    await visible(listRows.first());
    await visible(createRows.first());
    const listRow = listRows.first();
    await visible(listRow.getByRole('cell', { name: '200' }));
    await visible(listRow.getByRole('cell', { name: 'e2e', exact: true }));
    await visible(listRow.getByRole('cell', { name: 'Admin', exact: true }));
    await visible(listRow.getByRole('cell', { name: 'dynamodb', exact: true }));
    await visible(createRows.first().getByRole('cell', { name: 'E2eOrders' }));
    for (const h of ['Time', 'App', 'Role', 'Service', 'Action', 'Table', 'Status', 'Latency']) {
      await visible(table.getByRole('columnheader', { name: h }));
    }
    await screenshot('09-audit');

    const filters = page.getByRole('search', { name: 'Filter the audit log' });
    await filters.getByLabel('Action').fill('CreateTable');
    await gone(listRows.first());
    await visible(createRows.first());
    await filters.getByLabel('Status').selectOption('4xx');
    await visible(table.getByText('No request matches these filters.'));
    await filters.getByRole('button', { name: 'Clear' }).click();
    await visible(listRows.first());

    // Live: a request made while the view is open appears without a refresh.
    const before = await listRows.count();
    const again = await awsCli(clientEnv(home, copiedEnv), ['dynamodb', 'list-tables']);
    expect(again.code, again.stderr).toBe(0);
    await until('the live audit row', async () => (await listRows.count()) > before);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^airlock-audit-.*\.jsonl$/);
    const path = await download.path();
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((r) => r.action === 'ListTables' && r.status === 200 && r.app === 'e2e')).toBe(true);
    expect(lines.some((r) => r.action === 'CreateTable' && r.table === 'E2eOrders')).toBe(true);
    expect(readFileSync(path, 'utf8')).not.toContain(copiedEnv.AWS_SECRET_ACCESS_KEY!);
  });

  it('warns when a session has less than five minutes left, with a one-click re-login', async () => {
    await nav('Apps');
    fx.setSessionLifetime(240);
    try {
      await appRow().getByRole('button', { name: 'Log in again to e2e' }).click();
      const dialog = page.getByRole('dialog', { name: 'Log in to e2e' });
      await visible(dialog);
      await dialog.getByRole('button', { name: 'Log in again', exact: true }).click();
      await gone(dialog);
      const banner = page.getByRole('status').filter({ hasText: 'Your session for e2e' });
      await visible(banner);
      await visible(banner.getByText(/ends in \dm \d+s/));
      await screenshot('10-expiry-banner');
      fx.setSessionLifetime(undefined);
      await banner.getByRole('button', { name: 'Log in again to e2e now' }).click();
      await visible(dialog);
      await dialog.getByRole('button', { name: 'Log in again', exact: true }).click();
      await gone(dialog);
      await gone(banner);
    } finally {
      fx.setSessionLifetime(undefined);
    }
  });

  it('shows nothing of the user\'s apps without the token, and explains how to open Airlock', async () => {
    const origin = new URL(ui.url).origin;
    for (const url of [`${origin}/`, `${origin}/#token=wrong-token`]) {
      const other = await context.newPage();
      await other.goto(url);
      await visible(other.getByRole('heading', { name: 'Open Airlock with its access link' }));
      await visible(other.getByText('airlock ui', { exact: true }).first());
      const text = await other.evaluate(() => document.body.innerText);
      expect(text).not.toContain('e2e');
      expect(text).not.toContain('Admin');
      expect(await other.getByRole('navigation').count()).toBe(0);
      if (url.endsWith('/')) await screenshot('00-locked', other);
      await other.close();
    }
  });

  it('logs out: the app shows signed out and its proxy is gone', async () => {
    await nav('Apps');
    await appRow().getByRole('button', { name: 'Log out of e2e' }).click();
    await visible(appRow().getByText('Signed out'));
    await visible(appRow().getByRole('button', { name: 'Log in to e2e' }));
    await visible(page.getByText('No active sessions'));
    await nav('Proxies');
    await visible(page.getByRole('heading', { name: 'No proxies running' }));
    await screenshot('11-proxies-empty');
  });

  it('asks for an MFA code when the app names an MFA device, and shows a wrong code under the field', async () => {
    await nav('Apps');
    await page.getByRole('button', { name: 'Add app', exact: true }).click();
    const add = page.getByRole('dialog', { name: 'Add app' });
    await add.getByLabel('Name', { exact: true }).fill('mfa');
    await add.getByLabel('Console URI').fill('https://console.aws.amazon.com/');
    await add.getByLabel('Role ARNs').fill('arn:aws:iam::111111111111:role/MfaAdmin');
    await add.getByLabel('Endpoint overrides').fill(`dynamodb=${fx.dynamodbUrl}`);
    await add.getByLabel('STS endpoint').fill(fx.stsUrl);
    await add.getByLabel('MFA device serial').fill(fx.mfaDevice.serialNumber);
    await add.getByRole('button', { name: 'Add app' }).click();
    await gone(add);

    await nav('Settings');
    const keys = page.getByRole('region', { name: 'mfa', exact: true });
    await keys.getByLabel('Access key ID').fill(fx.sourceCredentials.accessKeyId);
    await keys.getByLabel('Secret access key').fill(fx.sourceCredentials.secretAccessKey);
    await keys.getByRole('button', { name: 'Save keys for mfa' }).click();
    await visible(keys.getByText('Stored', { exact: true }));

    await nav('Apps');
    const row = page.getByRole('list', { name: 'Apps' }).getByRole('listitem', { name: 'mfa' });
    await row.getByRole('button', { name: 'Log in to mfa' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log in to mfa' });
    const code = dialog.getByLabel('MFA code');
    await visible(code);
    expect(await dialog.getByRole('radio', { name: 'MfaAdmin' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Log in', exact: true }).click();
    await visible(dialog.getByText('Enter the six-digit code from your MFA device.'));
    await code.fill('000000');
    await dialog.getByRole('button', { name: 'Log in', exact: true }).click();
    await until('the wrong code to be flagged', async () => (await code.getAttribute('aria-invalid')) === 'true');
    await visible(dialog.getByText(/check the MFA code/i));
    await screenshot('12-role-selector-mfa');
    await code.fill(fx.mfaDevice.tokenCode);
    await dialog.getByRole('button', { name: 'Log in', exact: true }).click();
    await gone(dialog);
    await visible(row.getByText('Signed in as'));
    await visible(row.getByText('MFA', { exact: true }));

    await row.getByRole('button', { name: 'Remove mfa' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove mfa?' });
    await confirm.getByRole('button', { name: 'Remove app' }).click();
    await gone(confirm);
    await gone(row);
  });

  it('edits the app in place: name read-only, server validation inline, the new label shows in the list', async () => {
    await nav('Apps');
    await appRow().getByRole('button', { name: 'Edit e2e' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit e2e' });
    await visible(dialog);
    const name = dialog.getByLabel('Name', { exact: true });
    expect(await name.inputValue()).toBe('e2e');
    expect(await name.getAttribute('readonly')).not.toBeNull();
    const labels = dialog.getByLabel('Labels');
    expect(await labels.inputValue()).toBe('env=e2e, team=platform');
    expect(await dialog.getByLabel('Role ARNs').inputValue()).toBe(ROLE_ARN);

    const region = dialog.getByLabel('Region');
    await region.fill('cn-north-1');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await until('the region to be flagged', async () => (await region.getAttribute('aria-invalid')) === 'true');
    await visible(dialog.getByText(/region "cn-north-1" is not in partition aws/));

    await region.fill('us-east-1');
    await labels.fill('env=e2e, team=platform, tier=gold');
    await screenshot('13-edit-app');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await gone(dialog);
    const chips = appRow().getByRole('list', { name: 'Labels of e2e' });
    await visible(chips.getByRole('listitem', { name: 'tier=gold', exact: true }));
    expect(await chips.getByRole('listitem').count()).toBe(3);
    await visible(page.getByText('Saved e2e').first());
  });

  it('keeps the default session duration in the shared preferences: kept over a reload, preselected in the role selector', async () => {
    await nav('Settings');
    const duration = page.getByLabel('Default session duration');
    expect(await duration.inputValue()).toBe('3600');
    const launch = page.getByRole('switch', { name: 'Launch at login' });
    expect(await launch.isDisabled()).toBe(true);
    await visible(page.getByText(/Available in the Airlock desktop app/));
    await duration.selectOption({ label: '2 hours' });
    await until('the preference to reach config.json', async () =>
      (JSON.parse(readFileSync(join(home.env.AIRLOCK_HOME!, 'config.json'), 'utf8')) as { preferences?: { defaultDurationSeconds?: number } }).preferences?.defaultDurationSeconds === 7200);

    await page.reload();
    await visible(page.getByRole('navigation', { name: 'Main' }));
    await nav('Settings');
    await until('the stored preference to load', async () => (await page.getByLabel('Default session duration').inputValue()) === '7200');
    await nav('Apps');
    await appRow().getByRole('button', { name: 'Log in to e2e' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log in to e2e' });
    await visible(dialog);
    expect(await dialog.getByLabel('Session duration').inputValue()).toBe('7200');
    await page.keyboard.press('Escape');
    await gone(dialog);
  });

  it('removes the app after confirming', async () => {
    await nav('Apps');
    await appRow().getByRole('button', { name: 'Remove e2e' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove e2e?' });
    await visible(confirm);
    await confirm.getByRole('button', { name: 'Remove app' }).click();
    await gone(confirm);
    await gone(appRow());
    await visible(page.getByRole('list', { name: 'Apps' }).getByRole('listitem', { name: 'local-dynamodb', exact: true }));
  });

  it('ran without script errors or Content Security Policy violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
