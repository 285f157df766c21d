import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestHome } from '../integration/harness';
import { ensureRendererBuilt, gone, launchChromium, missingTools, newPage, screenshot, SHOTS, startUi, stopUi, visible } from './support';
import type { UiProcess } from './support';

/**
 * "Import from AWS config" in Chromium through `airlock ui`, on a copy of the standard sample:
 * the preview (apps, roles, key profiles, problems), a rename, opting in to copy one profile's
 * keys into the vault, the import and its summary. Screenshots: test/e2e/screenshots/40-* to 42-*.
 */
const SAMPLES = fileURLToPath(new URL('../fixtures/aws-config/', import.meta.url));
const missing = missingTools('aws-config.e2e');

let home: TestHome;
let ui: UiProcess;
let browser: Browser;
let page: Page;
let credentialsFile: string;
const pageProblems: string[] = [];

describe.skipIf(missing.length > 0)('importing the AWS config in the UI', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await ensureRendererBuilt();
    home = new TestHome({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
    const aws = join(home.dir, 'aws');
    mkdirSync(aws);
    credentialsFile = join(aws, 'credentials');
    copyFileSync(join(SAMPLES, 'standard', 'config'), join(aws, 'config'));
    copyFileSync(join(SAMPLES, 'standard', 'credentials'), credentialsFile);
    const env: NodeJS.ProcessEnv = { ...home.env, AWS_CONFIG_FILE: join(aws, 'config'), AWS_SHARED_CREDENTIALS_FILE: credentialsFile };
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    ui = await startUi(env);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', colorScheme: 'light' });
    context.setDefaultTimeout(20_000);
    page = await newPage(context, pageProblems);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopUi(ui);
    home?.remove();
  });

  it('previews, renames, copies the chosen keys and imports, leaving the credentials file as it was', async () => {
    const before = readFileSync(credentialsFile);
    await page.goto(ui.url);
    await visible(page.getByRole('list', { name: 'Apps' }));
    await page.getByRole('button', { name: 'Import from AWS config' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import from AWS config' });
    const apps = dialog.getByRole('list', { name: 'Apps to import' });
    await visible(apps);

    // Every importable app is chosen; the roles say where their credentials come from.
    for (const name of ['acme-prod', 'hub', 'partner-audit', 'aws-555566667777', 'self-keys']) {
      expect(await dialog.getByRole('checkbox', { name: `Import ${name}` }).isChecked()).toBe(true);
    }
    const acme = dialog.getByRole('list', { name: 'Roles of acme-prod' });
    await visible(acme.getByText('external id acme-external-7', { exact: false }));
    await visible(dialog.getByRole('list', { name: 'Roles of partner-audit' }).getByText('chained · 1 h'));
    await visible(dialog.getByText('Source credentials: AWS profile “hub”', { exact: false }));

    await dialog.getByRole('checkbox', { name: 'Import aws-555566667777' }).uncheck();
    await dialog.getByLabel('Name for acme-prod').fill('hub');
    await visible(dialog.getByText('Also the name chosen for', { exact: false }));
    expect(await dialog.getByRole('button', { name: 'Import 4 apps' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Name for acme-prod').fill('acme');
    const moveKeys = dialog.getByRole('checkbox', { name: 'Move keys of “keys-user” into Airlock\'s encrypted vault' });
    await moveKeys.check();
    await visible(dialog.getByText('used by acme, hub, partner-audit · would be stored for acme, hub', { exact: false }));
    await screenshot(page, '41-import-aws-config-keys');
    await dialog.getByLabel('Name for acme-prod').scrollIntoViewIfNeeded();
    await screenshot(page, '40-import-aws-config-preview');

    await dialog.getByRole('button', { name: 'Import 4 apps' }).click();
    const summary = dialog.getByLabel('Import result');
    await visible(summary);
    await visible(summary.getByText('Created 4 apps'));
    await visible(summary.getByText('Keys of “keys-user” stored in the vault for acme, hub.'));
    await visible(summary.getByText(`Your credentials file (${credentialsFile}) was not changed.`));
    await screenshot(page, '42-import-aws-config-result');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await gone(dialog);

    const list = page.getByRole('list', { name: 'Apps' });
    for (const name of ['acme', 'hub', 'partner-audit', 'self-keys']) await visible(list.getByRole('listitem', { name, exact: true }));
    expect(await list.getByRole('listitem', { name: 'aws-555566667777', exact: true }).count()).toBe(0);
    expect(readFileSync(credentialsFile).equals(before)).toBe(true);
    expect(await page.content()).not.toContain('je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY');
    expect(pageProblems).toEqual([]);
  });

  it('reads the files again on each opening and shows their problems with file and line', async () => {
    copyFileSync(join(SAMPLES, 'malformed', 'config'), join(home.dir, 'aws', 'config'));
    copyFileSync(join(SAMPLES, 'malformed', 'credentials'), credentialsFile);
    await page.getByRole('button', { name: 'Import from AWS config' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import from AWS config' });
    const errors = dialog.getByRole('list', { name: 'Errors' });
    await visible(errors);
    await visible(errors.getByText('Error · config line 5 [profile ok]'));
    await visible(dialog.getByRole('list', { name: 'Warnings' }).getByText('Warning · config line 1'));
    await visible(dialog.getByRole('list', { name: 'Roles of missing-source' })
      .getByText('Not imported: its source credentials could not be worked out: source_profile "does-not-exist"', { exact: false }));
    expect(await dialog.getByRole('checkbox', { name: 'Import loop' }).isDisabled()).toBe(true);
    await errors.scrollIntoViewIfNeeded();
    await screenshot(page, '43-import-aws-config-problems');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await gone(dialog);
    expect(pageProblems).toEqual([]);
  });
});
