import { expect, test } from '@playwright/test';

const SHOTS = 'test-results/screenshots';
const PHONES = [
  ['Ngozi Okafor', '+234 803 123 4567'],
  ['Grace Brown', '+44 7911 123456'],
  ['Kwame Mensah', '+233 24 123 4567'],
];

test('a campaign made in the wizard sends to every contact and its progress reaches 100 %', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await page.goto('/register');
  await page.getByLabel(/^Email/).fill(`owner-${unique}@example.com`);
  await page.getByLabel(/^Password/).fill('correct horse battery staple');
  await page.getByLabel(/^Your name/).fill('Funmi Adeyemi');
  await page.getByLabel(/^Workspace name/).fill(`Campaigns ${unique}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Funmi Adeyemi' })).toBeVisible();

  // a sandbox channel
  await page.getByRole('navigation').getByRole('link', { name: 'Channels' }).click();
  await page.getByRole('button', { name: 'Create sandbox channel' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');

  // three contacts
  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  for (const [name, phone] of PHONES) {
    await page.getByRole('button', { name: 'Add contact' }).first().click();
    const form = page.getByRole('form', { name: 'Add contact' });
    await form.getByLabel(/^Phone/).fill(phone!);
    await form.getByLabel(/^Name/).fill(name!);
    await form.getByRole('button', { name: 'Add contact' }).click();
    await expect(form).toBeHidden();
  }
  await expect(page.getByRole('table', { name: 'Contacts' }).getByRole('row')).toHaveCount(4);

  // the wizard
  await page.getByRole('navigation').getByRole('link', { name: 'Campaigns' }).click();
  await expect(page.getByText('No campaigns yet')).toBeVisible();
  await page.getByRole('link', { name: 'New campaign' }).first().click();
  await expect(page).toHaveURL(/\/campaigns\/new$/);

  await page.getByRole('textbox', { name: /Campaign name/ }).fill('Spring sale');
  await expect(page.getByTestId('audience-count')).toHaveText('3');
  await page.getByRole('button', { name: 'Next' }).click();

  await page
    .getByRole('textbox', { name: /^Message/ })
    .fill('{Hi|Hello} {{ first_name | there }}, our spring sale starts today!');
  await expect(page.getByTestId('message-preview')).toContainText('spring sale starts today');
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByRole('checkbox').first().check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('radio', { name: 'Send now' })).toBeChecked();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('list', { name: 'Review' })).toContainText('All contacts');
  await page.screenshot({ path: `${SHOTS}/campaign-review.png`, fullPage: true });
  await page.getByRole('button', { name: 'Create and start' }).click();

  // the detail page follows the dispatcher live
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'Spring sale' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Spring sale progress' })).toHaveAttribute(
    'aria-valuenow',
    '100',
    { timeout: 60_000 },
  );
  await expect(page.getByText('completed', { exact: true })).toBeVisible({ timeout: 30_000 });
  const counts = page.getByRole('list', { name: 'Counts' });
  await expect(counts.getByRole('listitem', { name: 'Total' })).toContainText('3');
  await expect(page.getByRole('table', { name: 'Recipients' }).getByRole('row')).toHaveCount(4);
  // the sandbox phone acknowledges delivered then read; the page picks the receipts up by itself
  await expect(counts.getByRole('listitem', { name: 'Read' })).toContainText('3', {
    timeout: 30_000,
  });
  await expect(counts.getByRole('listitem', { name: 'Delivered' })).toContainText('3');
  await page.screenshot({ path: `${SHOTS}/campaign-detail.png`, fullPage: true });

  // the list shows it finished too
  await page.getByRole('link', { name: '← Campaigns' }).click();
  const row = page
    .getByRole('table', { name: 'Campaigns' })
    .getByRole('row', { name: /Spring sale/ });
  await expect(row).toContainText('completed');
  await expect(row.getByRole('progressbar', { name: 'Spring sale progress' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
});
