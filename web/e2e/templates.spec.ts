import { expect, test } from '@playwright/test';

const SHOTS = 'test-results/screenshots';

test('write a template with a variable and spintax, preview it for a contact, edit, duplicate and delete it', async ({
  page,
}) => {
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await page.goto('/register');
  await page.getByLabel(/^Email/).fill(`owner-${unique}@example.com`);
  await page.getByLabel(/^Password/).fill('correct horse battery staple');
  await page.getByLabel(/^Your name/).fill('Ada Lovelace');
  await page.getByLabel(/^Workspace name/).fill(`Templates ${unique}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Ada Lovelace' })).toBeVisible();

  // a contact to preview the template for
  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'Add contact' }).first().click();
  const contact = page.getByRole('form', { name: 'Add contact' });
  await contact.getByLabel(/^Phone/).fill('+234 803 123 4567');
  await contact.getByLabel(/^Name/).fill('Ngozi Okafor');
  await contact.getByRole('button', { name: 'Add contact' }).click();
  await expect(contact).toBeHidden();

  await page.getByRole('navigation').getByRole('link', { name: 'Templates' }).click();
  await expect(page.getByText('No templates yet')).toBeVisible();
  await page.getByRole('link', { name: 'New template' }).click();
  await expect(page).toHaveURL(/\/templates\/new$/);

  const form = page.getByRole('form', { name: 'New template' });
  const body = form.getByRole('textbox', { name: /^Message/ });
  await form.getByLabel(/^Name/).fill('Welcome');

  // the server's parser finds the unclosed spintax and says where
  await body.fill('{Hi|Hello there');
  await expect(form.getByText("Unclosed '{' (spintax ends with '}') at position 0")).toBeVisible();

  // spintax, then a variable with a default from the helper, inserted where the cursor is
  await body.fill('{Hi|Hello|Hey} ');
  await form.getByLabel('Default if empty').fill('there');
  await form.getByRole('button', { name: 'Insert first_name' }).click();
  await expect(body).toHaveValue('{Hi|Hello|Hey} {{ first_name | there }}');
  await body.press('End');
  await body.pressSequentially(', welcome back!');
  await expect(form.getByTestId('body-length')).toHaveText(/^54 \/ 4.?096$/);
  await expect(form.getByText(/Unclosed/)).toBeHidden();

  // without a contact the default shows; for Ngozi, her first name
  const preview = page.getByRole('region', { name: 'Preview' });
  const text = preview.getByTestId('preview-text');
  await expect(text).toHaveText(/^(Hi|Hello|Hey) there, welcome back!$/);
  await expect(preview.getByText('Spins')).toBeVisible();
  await preview.getByRole('combobox', { name: 'Preview for' }).fill('Ngozi');
  await page.getByRole('option', { name: 'Ngozi Okafor (+2348031234567)' }).click();
  await expect(text).toHaveText(/^(Hi|Hello|Hey) Ngozi, welcome back!$/);
  await expect(preview.getByTestId('preview-missing')).toBeHidden();

  // another seed may pick another greeting; the name stays
  const rerendered = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/templates/render') && r.request().method() === 'POST',
  );
  await preview.getByRole('button', { name: 'Shuffle' }).click();
  expect((await rerendered).ok()).toBe(true);
  await expect(text).toHaveText(/^(Hi|Hello|Hey) Ngozi, welcome back!$/);
  await page.screenshot({ path: `${SHOTS}/templates-preview.png`, fullPage: true });

  await form.getByRole('button', { name: 'Create template' }).click();
  await expect(page).toHaveURL(/\/templates$/);
  const table = page.getByRole('table', { name: 'Templates' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row', { name: /Welcome/ })).toContainText('first_name');

  // edit: a new name and category
  await table.getByRole('link', { name: 'Welcome' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
  const edit = page.getByRole('form', { name: 'Edit template' });
  await expect(edit.getByRole('textbox', { name: /^Message/ })).toHaveValue(
    '{Hi|Hello|Hey} {{ first_name | there }}, welcome back!',
  );
  await edit.getByLabel(/^Name/).fill('Welcome back');
  await edit.getByRole('combobox', { name: /^Category/ }).click();
  await page.getByRole('option', { name: 'Utility' }).click();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/templates$/);
  await expect(table.getByRole('row', { name: /Welcome back/ })).toContainText('Utility');

  // duplicate, then delete the copy after confirming
  await table.getByRole('button', { name: 'Duplicate Welcome back' }).click();
  await expect(table.getByRole('link', { name: 'Welcome back (copy)' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(3);
  await page.screenshot({ path: `${SHOTS}/templates-list.png`, fullPage: true });
  await table.getByRole('button', { name: 'Delete Welcome back (copy)' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete template?' });
  await expect(confirm).toContainText('Delete “Welcome back (copy)”?');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(confirm).toBeHidden();
  await expect(table.getByRole('link', { name: 'Welcome back (copy)' })).toBeHidden();
  await expect(table.getByRole('row')).toHaveCount(2);
});
