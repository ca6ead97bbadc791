import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';

const SHOTS = 'test-results/screenshots';

const CSV = 'name,phone\nAda Lovelace,+2348031234567\nBad,12\n';

test('import a CSV: preview, import, result counts, rejected rows, then the contact', async ({
  page,
}) => {
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await page.goto('/register');
  await page.getByLabel(/^Email/).fill(`owner-${unique}@example.com`);
  await page.getByLabel(/^Password/).fill('correct horse battery staple');
  await page.getByLabel(/^Your name/).fill('Grace Hopper');
  await page.getByLabel(/^Workspace name/).fill(`Imports ${unique}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Grace Hopper' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  await expect(page.getByText('No contacts yet')).toBeVisible();
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Import contacts' })).toBeVisible();
  await expect(page.getByText('No imports yet')).toBeVisible();

  await page.getByLabel('CSV file', { exact: true }).setInputFiles({
    name: 'contacts.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  });

  // the preview: the proposed mapping and the rows as they would be imported
  await expect(page.getByRole('combobox', { name: 'Import name as' })).toHaveValue('Full name');
  await expect(page.getByRole('combobox', { name: 'Import phone as' })).toHaveValue('Phone');
  const rows = page.getByRole('table', { name: 'Preview rows' });
  await expect(rows).toContainText('Ada Lovelace');
  await expect(rows).toContainText('+2348031234567');
  await expect(rows).toContainText('Rejected');
  await page.screenshot({ path: `${SHOTS}/imports-preview.png`, fullPage: true });

  await page.getByRole('button', { name: 'Import', exact: true }).click();

  // the job runs in the background; the result replaces the progress bar when it ends
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible({
    timeout: 30_000,
  });
  const result = page.getByRole('table', { name: 'Import result' });
  await expect(result.getByRole('row', { name: 'Rows 2' })).toBeVisible();
  await expect(result.getByRole('row', { name: 'Created 1' })).toBeVisible();
  await expect(result.getByRole('row', { name: 'Rejected 1' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/imports-result.png`, fullPage: true });

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download rejected rows', exact: true }).click();
  const rejected = await readFile(await (await downloading).path(), 'utf8');
  expect(rejected).toContain('Bad,12,');

  const history = page.getByRole('table', { name: 'Imports' });
  await expect(history).toContainText('contacts.csv');
  await expect(history).toContainText('completed');

  await page.getByRole('link', { name: 'View contacts' }).click();
  const table = page.getByRole('table', { name: 'Contacts' });
  await expect(table).toContainText('Ada Lovelace');
  await expect(table).toContainText('+2348031234567');
  await expect(table.getByRole('row')).toHaveCount(2);
});
