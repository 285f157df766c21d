import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_ARNS, startAwsFixture } from '../fixtures/aws-fixture';
import type { AwsFixture } from '../fixtures/aws-fixture';
import { airlock, TestHome } from '../integration/harness';
import {
  ensureRendererBuilt, gone, launchChromium, missingTools, newPage, screenshot, SHOTS, startUi, stopUi, until, visible,
} from './support';
import type { UiProcess } from './support';

/**
 * "Open console" in the web UI, end to end: Debian's Chromium drives `airlock ui` against the STS
 * and federation fixture. The web host cannot open a window itself, so the page opens the sign-in
 * URL in a new tab (no opener, no referrer); the fixture must take that URL's token. The console
 * the fixture redirects to is answered by a stub: nothing reaches AWS.
 */
const CONSOLE = 'https://console.aws.amazon.com/';
const DYNAMODB = 'https://console.aws.amazon.com/dynamodbv2/home?region=us-east-1#tables';
const missing = missingTools('console.e2e');

// The page-side global a popup check touches (this file is type-checked without the DOM lib).
declare const window: { opener: unknown };

let fx: AwsFixture;
let home: TestHome;
let ui: UiProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageProblems: string[] = [];
/** Every request of the browser context (the popups' included), in order. */
const requests: string[] = [];
/** Console pages the stub answered. */
const stubbed: string[] = [];

const appRow = (): Locator => page.getByRole('list', { name: 'Apps' }).getByRole('listitem', { name: 'e2e', exact: true });
const toast = (text: string | RegExp): Locator => page.getByRole('list', { name: 'Notifications' }).getByText(text).first();

/** Clicks, catches the tab the page opens, waits until it shows the (stub) console. */
async function popupFrom(click: () => Promise<void>): Promise<Page> {
  const [popup] = await Promise.all([context.waitForEvent('page'), click()]);
  await popup.waitForLoadState('domcontentloaded');
  await until('the console stub in the new tab', async () => popup.url().startsWith(CONSOLE));
  return popup;
}

/** The sign-in URL the tab was opened on (the last federation login request). */
function lastLogin(): URL {
  const login = requests.filter((u) => u.startsWith(`${fx.federationUrl}?`)).at(-1);
  expect(login, 'a request to the federation endpoint').toBeDefined();
  return new URL(login!);
}

describe.skipIf(missing.length > 0)('Open console in the web UI (Chromium, airlock ui, the federation fixture)', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await ensureRendererBuilt();
    fx = await startAwsFixture();
    home = new TestHome(fx.sourceCredentials);
    // The app points at the fixture's federation endpoint (the CLI sets what the UI has no field for).
    const add = await airlock(home, ['apps', 'add', 'e2e', '--uri', CONSOLE, '--aws-role-arn', ROLE_ARNS.admin,
      '--sts-endpoint', fx.stsUrl, '--federation-endpoint', fx.federationUrl]);
    expect(add.code, add.stderr).toBe(0);
    const keys = await airlock(home, ['credentials', 'set', 'e2e', '--access-key-id', fx.sourceCredentials.accessKeyId], `${fx.sourceCredentials.secretAccessKey}\n`);
    expect(keys.code, keys.stderr).toBe(0);
    // The UI host has no AWS keys in its environment: logging in uses the stored keys.
    const env = { ...home.env };
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    ui = await startUi(env);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 820 }, reducedMotion: 'reduce', colorScheme: 'light' });
    context.setDefaultTimeout(20_000);
    context.on('request', (r: Request) => void requests.push(r.url()));
    // The real console is never contacted: the fixture's redirect lands on this stub.
    await context.route('https://*.aws.amazon.com/**', async (route) => {
      stubbed.push(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>AWS console (stub)</title><h1>AWS console stub</h1>' });
    });
    page = await newPage(context, pageProblems);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopUi(ui);
    await fx?.stop();
    home?.remove();
  });

  it('offers no console before logging in', async () => {
    await page.goto(ui.url);
    await visible(appRow());
    await visible(appRow().getByRole('button', { name: 'Log in to e2e' }));
    expect(await appRow().getByRole('button', { name: 'Open the AWS console of e2e' }).count()).toBe(0);
  });

  it('logs in, then "Console" opens the console in a new tab through the fixture\'s federation endpoint', async () => {
    await appRow().getByRole('button', { name: 'Log in to e2e' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log in to e2e' });
    await visible(dialog);
    await dialog.getByRole('radio', { name: 'Admin' }).check();
    await dialog.getByRole('button', { name: 'Log in', exact: true }).click();
    await gone(dialog);
    const button = appRow().getByRole('button', { name: 'Open the AWS console of e2e' });
    await visible(button);
    await screenshot(page, 'console-01-row');
    // A small window: the row's actions must still fit.
    await page.setViewportSize({ width: 960, height: 640 });
    await screenshot(page, 'console-01-row-small');
    await page.setViewportSize({ width: 1280, height: 820 });

    const signins = fx.signins.length;
    const popup = await popupFrom(() => button.click());
    const login = lastLogin();
    expect(login.searchParams.get('Action')).toBe('login');
    expect(login.searchParams.get('Issuer')).toBe('Airlock');
    expect(login.searchParams.get('Destination')).toBe(CONSOLE);
    expect(login.searchParams.get('SigninToken')).toBeTruthy();
    // The fixture issued one token and took it: the tab is signed in as the app's role.
    expect(fx.signins).toHaveLength(signins + 1);
    expect(fx.signins.at(-1)).toMatchObject({ roleArn: ROLE_ARNS.admin, destination: CONSOLE, issuer: 'Airlock', usedAt: expect.any(Date) });
    expect(popup.url()).toBe(CONSOLE);
    expect(stubbed.at(-1)).toBe(CONSOLE);
    // noopener: the console cannot reach the Airlock page.
    expect(await popup.evaluate(() => window.opener === null)).toBe(true);
    await visible(toast('Opened the AWS console of e2e in a new tab'));
    // The sign-in URL never shows on the Airlock page.
    expect(await page.content()).not.toContain('SigninToken');
    await screenshot(page, 'console-02-opened');
    await popup.close();
  });

  it('the arrow offers the DynamoDB console of the app region', async () => {
    const more = appRow().getByRole('button', { name: 'More ways to open the console of e2e' });
    await more.click();
    const menu = page.getByRole('menu', { name: 'Console of e2e' });
    await visible(menu);
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['In a new tabThe AWS console home', 'DynamoDB consoleTables in us-east-1']);
    await screenshot(page, 'console-03-menu');
    // Esc closes it (the popover's light dismiss).
    await page.keyboard.press('Escape');
    await gone(menu);
    await more.click();
    await visible(menu);
    const popup = await popupFrom(() => menu.getByRole('menuitem', { name: /DynamoDB console/ }).click());
    expect(lastLogin().searchParams.get('Destination')).toBe(DYNAMODB);
    expect(popup.url()).toBe(DYNAMODB);
    expect(fx.signins.at(-1)).toMatchObject({ destination: DYNAMODB, usedAt: expect.any(Date) });
    await visible(toast('Opened the DynamoDB console of e2e in a new tab'));
    await popup.close();
  });

  it('the command palette opens it too', async () => {
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await visible(palette);
    await page.keyboard.type('e2e console');
    await visible(palette.getByRole('option', { name: /Open the AWS console of e2e/ }));
    await screenshot(page, 'console-04-palette');
    const before = fx.signins.length;
    const popup = await popupFrom(() => page.keyboard.press('Enter'));
    expect(lastLogin().searchParams.get('Destination')).toBe(CONSOLE);
    expect(fx.signins.length).toBe(before + 1);
    await popup.close();
  });

  it('says clearly when the session was revoked, and opens no tab', async () => {
    const session = fx.issued.filter((s) => s.roleArn === ROLE_ARNS.admin).at(-1)!;
    expect(fx.revoke(session.accessKeyId)).toBe(true);
    const pages = context.pages().length;
    await appRow().getByRole('button', { name: 'Open the AWS console of e2e' }).click();
    await visible(toast('Could not open the AWS console of e2e'));
    await visible(toast(/The session may have expired or been revoked: log in again/));
    expect(context.pages()).toHaveLength(pages);
    await screenshot(page, 'console-05-error');
  });

  it('raised no script error and no CSP violation on the page', () => {
    expect(pageProblems).toEqual([]);
  });
});
