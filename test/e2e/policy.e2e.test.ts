/**
 * The access policy end to end: Debian's Chromium drives `airlock ui` (a real child process).
 * Add an app, import a policy file through the page's file picker, see the roles each app is
 * offered and why, set an email trait and see the templated role appear, see the warning for a
 * malformed ARN, read "granted by" in the role selector, be refused an invalid file with its line
 * and field, and see a denied app's empty state lead to the policy. No AWS call is made: the
 * policy decides what is offered before any login. AIRLOCK_MANAGED_POLICY points into the test's
 * home, so the machine's own managed policy path is never read.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { airlock, TestHome } from '../integration/harness';
import {
  ensureRendererBuilt, gone, launchChromium, missingTools, newPage, screenshot, SHOTS, startUi, stopUi, until, visible,
} from './support';
import type { UiProcess } from './support';

const missing = missingTools('policy.e2e');

const ACCOUNT = '123456789012';
const arn = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;
/** A 5-digit account: malformed once alice's trait is expanded. */
const SHORT = 'arn:aws:iam::12345:role/Short';

const TEAM = `kind: role
version: v7
metadata:
  name: internal-roles
spec:
  allow:
    app_labels:
      env: dev
    aws_role_arns: ['{{internal.aws_role_arns}}']
---
kind: role
version: v7
metadata:
  name: by-email
spec:
  allow:
    app_labels:
      env: dev
    aws_role_arns:
      - 'arn:aws:iam::${ACCOUNT}:role/{{email.local(external.email)}}'
---
kind: role
version: v7
metadata:
  name: readers
spec:
  allow:
    app_labels:
      env: '*'
    aws_role_arns: ['${arn('ReadOnly')}']
---
kind: role
version: v7
metadata:
  name: guard
spec:
  deny:
    app_labels:
      env: prod
---
kind: user
version: v2
metadata:
  name: alice
spec:
  traits:
    aws_role_arns: ['${arn('ReadOnly')}', '${SHORT}']
`;

/** Line 9 holds a number where a role ARN belongs. */
const INVALID = `kind: role
version: v7
metadata:
  name: developer
spec:
  allow:
    app_labels: {env: dev}
    aws_role_arns:
      - 42
`;

let home: TestHome;
let managedPath: string;
let files: string;
let ui: UiProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageProblems: string[] = [];

// The page-side global the test reads (in a page.evaluate callback): test files are type-checked
// without the DOM lib, and the page's CSP forbids evaluating strings.
declare const document: { activeElement: { getAttribute(name: string): string | null } | null };

/** Screenshots without the toasts of earlier steps over the page. */
async function shot(name: string): Promise<void> {
  const dismiss = page.getByRole('list', { name: 'Notifications' }).getByRole('button', { name: 'Dismiss notification' });
  while (await dismiss.count()) await dismiss.first().click();
  await screenshot(page, `policy-${name}`);
}
const nav = (name: string): Promise<void> => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
const offers = (): Locator => page.getByRole('list', { name: 'Roles per app' });
const offer = (app: string): Locator => offers().getByRole('listitem', { name: app, exact: true });
const offeredRoles = (app: string): Locator => offer(app).getByRole('list', { name: `Roles offered for ${app}` }).getByRole('listitem');
const region = (name: string): Locator => page.getByRole('region', { name, exact: true });

describe.skipIf(missing.length > 0)('the access policy in Chromium against airlock ui', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await ensureRendererBuilt();
    home = new TestHome({ accessKeyId: '', secretAccessKey: '' });
    delete home.env.AWS_ACCESS_KEY_ID;
    delete home.env.AWS_SECRET_ACCESS_KEY;
    managedPath = join(home.dir, 'admin', 'policy.yaml');
    home.env.AIRLOCK_MANAGED_POLICY = managedPath;
    files = join(home.dir, 'picked');
    mkdirSync(files);
    writeFileSync(join(files, 'team.yaml'), TEAM);
    writeFileSync(join(files, 'bad.yaml'), INVALID);
    // A second app, added the CLI way: the policy will deny it.
    const added = await airlock(home, ['apps', 'add', 'prod', '--uri', 'https://console.aws.amazon.com/', '--label', 'env=prod',
      '--aws-role-arn', arn('ProdAdmin')]);
    expect(added.code, added.stderr).toBe(0);
    // And a local DynamoDB app (never started here): the policy view says it has no roles.
    const local = await airlock(home, ['apps', 'add-local', 'lab', '--url', 'http://127.0.0.1:8000']);
    expect(local.code, local.stderr).toBe(0);
    ui = await startUi(home.env);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', colorScheme: 'light' });
    context.setDefaultTimeout(20_000);
    page = await newPage(context, pageProblems);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stopUi(ui);
    home?.remove();
  });

  it('adds an app with its own role list and an account ID', async () => {
    await page.goto(ui.url);
    await visible(page.getByRole('list', { name: 'Apps' }).getByRole('listitem', { name: 'prod', exact: true }));
    await page.getByRole('button', { name: 'Add app', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add app' });
    await visible(dialog);
    await dialog.getByLabel('Name', { exact: true }).fill('dev');
    await dialog.getByLabel('Console URI').fill('https://console.aws.amazon.com/');
    await dialog.getByLabel('Role ARNs').fill(arn('Own'));
    await dialog.getByLabel('Labels').fill('env=dev');
    const account = dialog.getByLabel('Account ID');
    await account.fill('12345');
    await dialog.getByRole('button', { name: 'Add app' }).click();
    await visible(dialog.getByText('An AWS account ID is 12 digits, e.g. 123456789012.'));
    expect(await account.getAttribute('aria-invalid')).toBe('true');
    await account.fill(ACCOUNT);
    await visible(dialog.getByLabel('Federation endpoint'));
    await shot('01-add-app');
    await dialog.getByRole('button', { name: 'Add app' }).click();
    await gone(dialog);
    await visible(page.getByRole('list', { name: 'Apps' }).getByRole('listitem', { name: 'dev', exact: true }));
  });

  it('opens the Policy view: no policy, the managed path shown read only, apps offer their own roles', async () => {
    await nav('Policy');
    await visible(page.getByRole('heading', { name: 'Access policy', level: 1 }));
    const managed = region('Managed policy');
    await visible(managed.getByText('Not present'));
    await visible(managed.getByText(managedPath, { exact: true }));
    await visible(managed.getByText(/cannot be edited or removed from the app/));
    await visible(page.getByText('No imported policy files.'));
    const own = offeredRoles('dev');
    expect(await own.count()).toBe(1);
    await visible(own.filter({ hasText: 'Own' }).getByText("from the app's role list"));
    await visible(offer('lab').getByText(/local DynamoDB: it has no AWS account and no roles/));
    await shot('02-no-policy');
  });

  it('imports a policy file through the file picker: a toast, its resources as written, the roles per app with "granted by"', async () => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import policy file…' }).click()]);
    await chooser.setFiles(join(files, 'team.yaml'));
    await visible(page.getByRole('status').filter({ hasText: 'Imported team.yaml' }));
    await visible(page.getByText('Roles: internal-roles, by-email, readers, guard · Users: alice'));

    const file = region('team.yaml');
    await visible(file);
    const resources = file.getByRole('list', { name: 'Resources in team.yaml' });
    await visible(resources.getByRole('listitem', { name: 'by-email' }).getByText(`arn:aws:iam::${ACCOUNT}:role/{{email.local(external.email)}}`));
    await visible(resources.getByRole('listitem', { name: 'alice' }).getByText(SHORT));
    await visible(resources.getByRole('listitem', { name: 'guard' }).getByRole('list', { name: 'deny app_labels' }));

    // As the OS user: only readers' literal ARN for dev (its own role list no longer applies).
    await until('dev to offer only ReadOnly', async () => (await offeredRoles('dev').allInnerTexts()).join('|').includes('ReadOnly'));
    expect(await offeredRoles('dev').count()).toBe(1);
    await visible(offeredRoles('dev').filter({ hasText: 'ReadOnly' }).getByText('granted by readers'));
    await visible(offer('dev').getByText('access policy', { exact: true }));
    // deny.app_labels beats readers' allow for prod.
    await visible(offer('prod').getByText(/The access policy denies prod: the deny\.app_labels of policy role guard match its labels/));
  });

  it('sets the identity: validation under the field, then the templated role appears and the malformed ARN is warned about', async () => {
    const identity = region('Your identity');
    const form = identity.getByRole('form', { name: 'Identity' });
    await visible(identity.getByText('OS user name', { exact: true }));
    await form.getByLabel('User name').fill('alice');
    await form.getByRole('button', { name: 'Add trait' }).click();
    const name = form.getByLabel('Trait 1 name');
    // "Add trait" puts the cursor in the new row's name.
    await until('the new trait name to have focus', async () => (await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) === 'Trait 1 name');
    await page.keyboard.type('e mail');
    await form.getByLabel('Trait 1 values').fill('alice@example.com');
    await form.getByRole('button', { name: 'Save identity' }).click();
    await visible(form.getByText('Use letters, digits, "_", ".", ":" or "-" (no spaces).'));
    expect(await name.getAttribute('aria-invalid')).toBe('true');

    await name.fill('email');
    await form.getByRole('button', { name: 'Save identity' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Identity saved' }));
    await gone(identity.getByText('OS user name', { exact: true }));
    await visible(identity.getByText('alice', { exact: true }));

    const alice = offeredRoles('dev').filter({ hasText: arn('alice') });
    await visible(alice.getByText('granted by by-email'));
    await visible(offeredRoles('dev').filter({ hasText: 'ReadOnly' }).getByText('granted by internal-roles, readers'));
    const warnings = offer('dev').getByRole('list', { name: 'Policy warnings for dev' });
    await visible(warnings.getByText(SHORT));
    await visible(warnings.getByText(/from policy role internal-roles: not an IAM role ARN/));
    await offer('dev').scrollIntoViewIfNeeded();
    await shot('03-roles-per-app');
    // A small window: the layout must still hold.
    await page.setViewportSize({ width: 960, height: 640 });
    await shot('03-roles-per-app-small-window');
    await page.setViewportSize({ width: 1280, height: 900 });
    await region('Your identity').scrollIntoViewIfNeeded();
    await shot('04-identity');
    await region('team.yaml').scrollIntoViewIfNeeded();
    await shot('05-files');
  });

  it('shows "granted by" in the role selector, with the policy warning', async () => {
    await offer('dev').getByRole('button', { name: 'Choose a role for dev' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log in to dev' });
    await visible(dialog);
    const alice = dialog.getByRole('radio', { name: 'alice' });
    await visible(alice);
    expect(await alice.getAttribute('aria-describedby')).toBeTruthy();
    await visible(dialog.getByText('Granted by by-email'));
    await visible(dialog.getByText('Granted by internal-roles, readers'));
    await visible(dialog.getByRole('list', { name: 'Policy warnings for dev' }).getByText(SHORT));
    await alice.check();
    await visible(dialog.getByText('Role alice may cap it lower.'));
    await shot('06-role-selector');
    await page.keyboard.press('Escape');
    await gone(dialog);
  });

  it("edits the app's own role list, not the roles the policy offers", async () => {
    await nav('Apps');
    await page.getByRole('list', { name: 'Apps' }).getByRole('listitem', { name: 'dev', exact: true }).getByRole('button', { name: 'Edit dev' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit dev' });
    await visible(dialog);
    expect(await dialog.getByLabel('Role ARNs').inputValue()).toBe(arn('Own'));
    await visible(dialog.getByText(/The access policy decides the roles offered now/));
    expect(await dialog.getByLabel('Account ID').inputValue()).toBe(ACCOUNT);
    await page.keyboard.press('Escape');
    await gone(dialog);
  });

  it('explains in the role selector why a denied app offers nothing, and links to the policy', async () => {
    await nav('Apps');
    const row = page.getByRole('list', { name: 'Apps' }).getByRole('listitem', { name: 'prod', exact: true });
    await visible(row.getByText('denied by policy'));
    await row.getByRole('button', { name: 'Log in to prod' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log in to prod' });
    await visible(dialog.getByText('No role is offered for prod'));
    await visible(dialog.getByText(/deny\.app_labels of policy role guard match its labels/));
    expect(await dialog.getByRole('radio').count()).toBe(0);
    await shot('07-role-selector-denied');
    await dialog.getByRole('button', { name: 'Open the access policy' }).click();
    await gone(dialog);
    await visible(page.getByRole('heading', { name: 'Access policy', level: 1 }));
  });

  it('refuses an invalid file with its line and field, and changes nothing', async () => {
    await page.getByLabel('Policy file to import').setInputFiles(join(files, 'bad.yaml'));
    const problem = page.getByRole('alert').filter({ hasText: 'bad.yaml was not imported; nothing changed' });
    await visible(problem);
    await visible(problem.getByText(/^bad\.yaml line 9: spec\.allow\.aws_role_arns\[0\]: /));
    await visible(problem.getByText('POLICY_INVALID'));
    await page.getByRole('heading', { name: 'Access policy', level: 1 }).scrollIntoViewIfNeeded();
    await shot('08-invalid-file');
    // Still the same policy: team.yaml and its roles.
    await visible(region('team.yaml'));
    expect(await page.getByRole('region', { name: 'bad.yaml' }).count()).toBe(0);
    await visible(offeredRoles('dev').filter({ hasText: arn('alice') }));
    await problem.getByRole('button', { name: 'Dismiss the import error' }).click();
    await gone(problem);
  });

  it('removes the imported file after confirming: apps offer their own roles again', async () => {
    await region('team.yaml').getByRole('button', { name: 'Remove team.yaml' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove team.yaml?' });
    await visible(confirm);
    await confirm.getByRole('button', { name: 'Remove file' }).click();
    await gone(confirm);
    await gone(region('team.yaml'));
    await visible(offeredRoles('dev').filter({ hasText: 'Own' }).getByText("from the app's role list"));
    await visible(offeredRoles('prod').filter({ hasText: 'ProdAdmin' }));
  });

  it('shows the managed policy: in force, then broken with its last valid version still in force', async () => {
    mkdirSync(join(home.dir, 'admin'));
    writeFileSync(managedPath, TEAM.split('---')[2]!.replace('name: readers', 'name: corp-readers'));
    // The view reads the policy when it opens.
    await nav('Apps');
    await nav('Policy');
    const managed = region('Managed policy');
    await visible(managed.getByText('In force'));
    await visible(managed.getByRole('list', { name: 'Resources in the managed policy' }).getByRole('listitem', { name: 'corp-readers' }));
    await visible(offeredRoles('dev').filter({ hasText: 'ReadOnly' }).getByText('granted by corp-readers'));
    expect(await managed.getByRole('button', { name: /Remove/ }).count()).toBe(0);

    writeFileSync(managedPath, INVALID);
    await nav('Apps');
    await nav('Policy');
    await visible(managed.getByText('Invalid · last valid version in force'));
    const problem = page.getByRole('group', { name: 'Policy file problems' });
    await visible(problem.getByText('The managed policy is invalid: its last valid version is in force'));
    await visible(problem.getByText(/line 9: spec\.allow\.aws_role_arns\[0\]: /));
    await visible(offeredRoles('dev').filter({ hasText: 'ReadOnly' }).getByText('granted by corp-readers'));
    await shot('09-managed-invalid');
    await managed.scrollIntoViewIfNeeded();
    await shot('10-managed-card');
  });

  it('is in the command palette', async () => {
    await nav('Apps');
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await visible(palette);
    await page.keyboard.type('policy');
    await visible(palette.getByRole('option', { name: /Access policy/ }));
    await page.keyboard.press('Enter');
    await gone(palette);
    await visible(page.getByRole('heading', { name: 'Access policy', level: 1 }));
  });

  it('ran without script errors or Content Security Policy violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
