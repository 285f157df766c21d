/**
 * The table browser end to end: Debian's Chromium drives `airlock ui` on a first start, which opens
 * on the embedded Local DynamoDB app. Create a table, add items, query with a sort-key condition and
 * a filter, edit in both JSON modes, meet a conflict, run PartiQL, export with the progress bar.
 * Every request goes through the app's local proxy; the test checks the audit saw them.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite } from '../fixtures/dynalite';
import type { DynaliteHandle } from '../fixtures/dynalite';
import { airlock, TestHome } from '../integration/harness';
import {
  ensureRendererBuilt, gone, launchChromium, missingTools, newPage, screenshot, SHOTS, startUi, stopUi, until, visible,
} from './support';
import type { UiProcess } from './support';

const missing = missingTools('tables.e2e');
const BIG = '12345678901234567890123456789012345678';
const TABLE = 'e2e-orders';

let home: TestHome;
let ui: UiProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let emulator: DynaliteHandle | undefined;
const pageProblems: string[] = [];

const grid = (): Locator => page.getByRole('grid', { name: 'Items' });
const rows = (): Locator => grid().getByRole('row');
const tab = (name: string): Promise<void> => page.getByRole('tab', { name, exact: true }).click();
const shot = (name: string): Promise<void> => screenshot(page, `tables-${name}`);

/** The data rows' text (the header row left out). */
async function rowTexts(): Promise<string[]> {
  const texts = await rows().allInnerTexts();
  return texts.slice(1);
}

async function createItem(json: string): Promise<void> {
  await page.getByRole('button', { name: 'Create item', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New item' });
  await visible(dialog);
  await dialog.getByLabel('Item JSON').fill(json);
  await dialog.getByRole('button', { name: 'Create item', exact: true }).click();
  await gone(dialog);
}

async function run(): Promise<void> {
  await page.getByRole('form', { name: 'Query builder' }).getByRole('button', { name: 'Run', exact: true }).click();
}

describe.skipIf(missing.length > 0)('the table browser in Chromium against airlock ui and the embedded Local DynamoDB', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await ensureRendererBuilt();
    home = new TestHome({ accessKeyId: '', secretAccessKey: '' });
    delete home.env.AWS_ACCESS_KEY_ID;
    delete home.env.AWS_SECRET_ACCESS_KEY;
    ui = await startUi(home.env);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce', colorScheme: 'light' });
    context.setDefaultTimeout(30_000);
    page = await newPage(context, pageProblems);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stopUi(ui);
    await emulator?.stop();
    home?.remove();
  });

  it('opens on the Local DynamoDB app and its sample table, with no AWS account', async () => {
    await page.goto(ui.url);
    await visible(page.getByRole('list', { name: 'Apps' }).getByRole('listitem', { name: 'local-dynamodb', exact: true }));
    await page.getByRole('button', { name: 'Browse tables of local-dynamodb' }).first().click();
    const tables = page.getByRole('list', { name: 'Tables' });
    await visible(tables.getByRole('button', { name: 'airlock-sample-orders' }));
    await tables.getByRole('button', { name: 'airlock-sample-orders' }).click();
    // The first visit reads a first page of the table.
    await until('sample rows', async () => (await rowTexts()).length > 0);
    await expect.poll(async () => (await rowTexts()).join('\n')).toContain('customer-');
    await shot('01-sample');
    await tab('Details');
    await visible(page.getByText('byStatus').first());
    await shot('02-details');
  });

  it('creates a table', async () => {
    await page.getByRole('button', { name: 'Create table', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Create table' });
    await visible(dialog);
    await dialog.getByLabel('Table name').fill(TABLE);
    await dialog.getByLabel('Partition key name', { exact: true }).fill('customer');
    await dialog.getByLabel(/^Sort key name/).fill('order');
    await dialog.getByLabel('Sort key type', { exact: true }).selectOption('N');
    await shot('03-create-table');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await gone(dialog);
    await page.getByRole('list', { name: 'Tables' }).getByRole('button', { name: TABLE }).click();
    await tab('Explore');
  });

  it('adds items in plain JSON, numbers kept exactly', async () => {
    await createItem(`{"customer": "c1", "order": 1, "status": "open", "total": ${BIG}, "tags": ["a"]}`);
    await createItem('{"customer": "c1", "order": 2, "status": "open", "total": 20.50}');
    await createItem('{"customer": "c1", "order": 3, "status": "shipped", "total": 3}');
    await createItem('{"customer": "c2", "order": 1, "status": "open", "total": 1}');
    await run();
    await expect.poll(async () => (await rowTexts()).length).toBe(4);
    expect((await rowTexts()).join('\n')).toContain(BIG);
  });

  it('queries with a sort-key condition and a filter, and says it is a Query', async () => {
    const form = page.getByRole('form', { name: 'Query builder' });
    await form.getByLabel('Partition key value').fill('c1');
    await form.getByLabel('Sort key condition').selectOption('>=');
    await form.getByLabel('Sort key value', { exact: true }).fill('2');
    await form.getByRole('button', { name: 'Add filter' }).click();
    const cond = form.getByRole('group', { name: 'Condition 1' });
    await cond.getByLabel('Attribute path').fill('status');
    await cond.getByLabel('Operator').selectOption('=');
    await cond.getByLabel('Value', { exact: true }).fill('open');
    await expect.poll(async () => page.getByRole('status', { name: 'Read plan' }).innerText()).toMatch(/Query/);
    await run();
    await expect.poll(async () => (await rowTexts()).length).toBe(1);
    expect((await rowTexts())[0]).toMatch(/c1[\s\S]*2[\s\S]*open/);
    await visible(page.getByRole('region', { name: 'Read statistics' }));
    await shot('04-query');
  });

  it('edits an item in plain JSON, then in DynamoDB JSON', async () => {
    await grid().getByRole('checkbox', { name: /order=2\b/ }).check();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: 'Edit item' });
    await visible(dialog);
    const text = dialog.getByLabel('Item JSON');
    await expect.poll(async () => text.inputValue()).toContain('"status"');
    const plain = JSON.parse(await text.inputValue()) as Record<string, unknown>;
    expect(plain.status).toBe('open');
    await text.fill((await text.inputValue()).replace('"open"', '"packed"'));
    await shot('05-edit-plain');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await gone(dialog);

    // Reading again without the filter shows the change.
    await page.getByRole('group', { name: 'Condition 1' }).getByRole('button', { name: 'Remove condition' }).click();
    await run();
    await expect.poll(async () => (await rowTexts()).join('\n')).toContain('packed');

    await grid().getByRole('checkbox', { name: /order=2\b/ }).check();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    dialog = page.getByRole('dialog', { name: 'Edit item' });
    await visible(dialog);
    await dialog.getByRole('button', { name: 'DynamoDB JSON', exact: true }).click();
    await expect.poll(async () => text.inputValue()).toContain('"S": "packed"');
    expect(await text.inputValue()).toMatch(/"total": \{\s*"N": "20.5/);
    await text.fill((await text.inputValue()).replace('"S": "packed"', '"S": "boxed"'));
    await shot('06-edit-dynamodb-json');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await gone(dialog);
    await run();
    await expect.poll(async () => (await rowTexts()).join('\n')).toContain('boxed');
  });

  it('shows a conflict when someone else changed the item, and overwrites only when asked', async () => {
    await grid().getByRole('checkbox', { name: /order=3\b/ }).check();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit item' });
    await visible(dialog);
    const text = dialog.getByLabel('Item JSON');
    await expect.poll(async () => text.inputValue()).toContain('shipped');
    // Someone else, through another Airlock process (the aws CLI via `airlock aws`), changes it meanwhile.
    const other = await airlock(home, ['aws', '--app', 'local-dynamodb', '--', 'dynamodb', 'update-item', '--table-name', TABLE,
      '--key', '{"customer":{"S":"c1"},"order":{"N":"3"}}', '--update-expression', 'SET #s = :s',
      '--expression-attribute-names', '{"#s":"status"}', '--expression-attribute-values', '{":s":{"S":"returned"}}']);
    expect(other.stderr).toBe('');
    await text.fill((await text.inputValue()).replace('"shipped"', '"delivered"'));
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = page.getByRole('dialog', { name: 'This item was changed by someone else' });
    await visible(conflict);
    await visible(conflict.getByText('returned').first());
    await visible(conflict.getByText('delivered').first());
    await shot('07-conflict');
    await conflict.getByRole('button', { name: 'Overwrite with my version' }).click();
    await gone(conflict);
    await gone(dialog);
    await run();
    await expect.poll(async () => (await rowTexts()).join('\n')).toContain('delivered');
    expect((await rowTexts()).join('\n')).not.toContain('returned');
  });

  it('runs PartiQL, with the results in the same grid and the statement in the history', async () => {
    await tab('PartiQL');
    const editor = page.getByLabel('PartiQL statement');
    await editor.fill(`SELECT * FROM "${TABLE}" WHERE customer = 'c1' AND "order" >= 2`);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(async () => (await rowTexts()).length).toBe(2);
    await visible(page.getByRole('complementary', { name: 'Statement history' }).getByRole('button', { name: /Use statement: SELECT/ }).first());
    await shot('08-partiql');
  });

  it('exports the table with a progress bar and a final count', async () => {
    await tab('Explore');
    await page.getByRole('button', { name: 'Export…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export items' });
    await visible(dialog);
    await dialog.getByRole('radio', { name: 'Whole table' }).check();
    const path = join(home.dir, 'orders.jsonl');
    await dialog.getByLabel('File path').fill(path);
    await dialog.getByRole('button', { name: 'Start export' }).click();
    await visible(dialog.getByRole('progressbar', { name: `Export of ${TABLE}` }));
    await visible(dialog.getByText('Exported 4 items.'));
    await shot('09-export');
    expect(existsSync(path)).toBe(true);
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, { N?: string }>);
    expect(lines).toHaveLength(4);
    expect(lines.some((l) => l.total?.N === BIG)).toBe(true);
    await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
    await gone(dialog);
  });

  it('deletes the table only once its name is typed', async () => {
    await page.getByRole('button', { name: 'Delete table', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Delete table ${TABLE}?` });
    await visible(dialog);
    const confirm = dialog.getByRole('button', { name: 'Delete', exact: true });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type the table name to confirm').fill(TABLE);
    await confirm.click();
    await gone(dialog);
    await expect.poll(async () => page.getByRole('list', { name: 'Tables' }).getByRole('button', { name: TABLE }).count(), { timeout: 15_000 }).toBe(0);
  });

  it('sent every request through the proxy: the audit names the table and its actions', async () => {
    const audit = await airlock(home, ['audit', '--app', 'local-dynamodb', '--format', 'json']);
    const actions = new Set(audit.stdout.trim().split('\n').map((l) => JSON.parse(l) as { table?: string; action?: string })
      .filter((r) => r.table === TABLE).map((r) => r.action));
    for (const a of ['CreateTable', 'PutItem', 'Query', 'UpdateItem', 'ExecuteStatement', 'Scan', 'DeleteTable']) expect(actions).toContain(a);
  });

  it('adds an emulator by URL (DynamoDB Local, LocalStack) as a local app and browses it', async () => {
    emulator = await startDynalite();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Apps', exact: true }).click();
    await page.getByRole('button', { name: 'Add local DynamoDB' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add local DynamoDB' });
    await visible(dialog);
    await dialog.getByLabel(/^Name/).fill('emu');
    await dialog.getByLabel(/^Emulator URL/).fill(emulator.url);
    await dialog.getByRole('button', { name: 'Add local app' }).click();
    await gone(dialog);
    const row = page.getByRole('list', { name: 'Apps' }).getByRole('listitem', { name: 'emu', exact: true });
    await visible(row.getByText(`DynamoDB emulator at ${emulator.url}`));
    await shot('10-apps-with-local');
    await row.getByRole('button', { name: 'Browse tables of emu' }).click();
    await visible(page.getByText(/no tables/i).first());
  });

  it('ran without script errors or Content Security Policy violations', () => {
    expect(pageProblems).toEqual([]);
  });
});
