import { expect, test } from '@playwright/test';

const SHOTS = 'test-results/screenshots';

test('add a contact, find it, edit it and bulk delete', async ({ page }) => {
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await page.goto('/register');
  await page.getByLabel(/^Email/).fill(`owner-${unique}@example.com`);
  await page.getByLabel(/^Password/).fill('correct horse battery staple');
  await page.getByLabel(/^Your name/).fill('Ada Lovelace');
  await page.getByLabel(/^Workspace name/).fill(`Contacts ${unique}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Ada Lovelace' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  await expect(page.getByText('No contacts yet')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Import', exact: true })).toHaveAttribute(
    'href',
    '/contacts/import',
  );

  // a phone the server rejects, then a good one
  await page.getByRole('button', { name: 'Add contact' }).first().click();
  const form = page.getByRole('form', { name: 'Add contact' });
  await form.getByLabel(/^Phone/).fill('+234 1');
  await form.getByLabel(/^Name/).fill('Ngozi Okafor');
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(form.getByText('is too short')).toBeVisible();
  await form.getByLabel(/^Phone/).fill('+234 803 123 4567');
  await form.getByLabel(/^Email/).fill('ngozi@example.com');
  await form.getByPlaceholder('Type a tag and press Enter').fill('vip');
  await form.getByPlaceholder('Type a tag and press Enter').press('Enter');
  await page.screenshot({ path: `${SHOTS}/contacts-add.png`, fullPage: true });
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(form).toBeHidden();

  await page.getByRole('button', { name: 'Add contact' }).first().click();
  const second = page.getByRole('form', { name: 'Add contact' });
  await second.getByLabel(/^Phone/).fill('+44 7911 123456');
  await second.getByLabel(/^Name/).fill('Grace Brown');
  await second.getByRole('button', { name: 'Add contact' }).click();
  await expect(second).toBeHidden();

  const table = page.getByRole('table', { name: 'Contacts' });
  await expect(table.getByRole('row')).toHaveCount(3);

  // search by name and by a partial phone number
  await page.getByLabel('Search').fill('okaf');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Ngozi Okafor');
  await page.getByLabel('Search').fill('+234 803');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('+2348031234567');
  await page.screenshot({ path: `${SHOTS}/contacts-search.png`, fullPage: true });

  // the detail page, and an edit
  await table.getByRole('link', { name: 'Ngozi Okafor' }).click();
  await expect(page.getByRole('heading', { name: 'Ngozi Okafor' })).toBeVisible();
  await expect(page.getByText('ngozi@example.com')).toBeVisible();
  await page.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: 'Edit contact' });
  await edit.getByLabel(/^Name/).fill('Ngozi Adeyemi');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Ngozi Adeyemi' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/contacts-detail.png`, fullPage: true });

  // bulk delete a selection
  await page.getByRole('link', { name: '← Contacts' }).click();
  await expect(table.getByRole('row')).toHaveCount(3);
  await table.getByRole('checkbox', { name: 'Select all shown' }).check();
  await page.getByRole('button', { name: 'Delete selected (2)' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete contacts?' });
  await expect(confirm).toContainText('Delete the 2 selected contacts?');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No contacts yet')).toBeVisible();
});
