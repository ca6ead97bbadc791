import { expect, test } from '@playwright/test';

const SHOTS = 'test-results/screenshots';

// The packaged server has no sandbox until the sandbox module is wired in, so this drives the Cloud API path
// against an address where nothing listens: the channel is saved, tested, and shows why it is not connected.
test('connect a Cloud API channel, see its test result and webhook settings', async ({ page }) => {
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await page.goto('/register');
  await page.getByLabel(/^Email/).fill(`owner-${unique}@example.com`);
  await page.getByLabel(/^Password/).fill('correct horse battery staple');
  await page.getByLabel(/^Your name/).fill('Grace Hopper');
  await page.getByLabel(/^Workspace name/).fill(`Channels ${unique}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Grace Hopper' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Channels' }).click();
  await expect(page.getByText('No channels yet')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create sandbox channel' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/channels-empty.png`, fullPage: true });

  await page.getByRole('button', { name: 'Connect WhatsApp Cloud API' }).click();
  const form = page.getByRole('form', { name: 'Connect WhatsApp Cloud API' });
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(form.getByText('Phone number ID is required')).toBeVisible();

  await form.getByLabel(/^Channel name/).fill('Support line');
  await form.getByLabel(/^Phone number ID/).fill('109876543210987');
  await form.getByLabel(/^WhatsApp Business Account ID/).fill('209876543210987');
  await form.getByLabel(/^Access token/).fill('EAAG-e2e-token');
  await form.getByLabel(/^App secret/).fill('e2e-app-secret');
  await form.getByRole('button', { name: 'Advanced settings' }).click();
  await form.getByLabel(/^Graph API base URL/).fill('http://127.0.0.1:9/v21.0');
  await page.screenshot({ path: `${SHOTS}/channels-cloud-form.png`, fullPage: true });
  await form.getByRole('button', { name: 'Connect' }).click();

  const drawer = page.getByRole('dialog', { name: 'Support line' });
  await expect(drawer.getByText(/\/webhooks\/whatsapp\/[0-9a-f-]{36}$/)).toBeVisible();
  await expect(drawer.getByRole('button', { name: 'Copy verify token' })).toBeVisible();
  await expect(drawer.getByText(/cannot reach the Graph API at 127\.0\.0\.1/)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/channels-drawer.png`, fullPage: true });
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  const row = page
    .getByRole('table', { name: 'Channels' })
    .getByRole('row', { name: /Support line/ });
  await expect(row).toContainText('error');
  await expect(row).toContainText('WhatsApp Cloud API');
  await expect(row).toContainText('80/s');
  await page.screenshot({ path: `${SHOTS}/channels-list.png`, fullPage: true });
});
