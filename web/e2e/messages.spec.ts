import { expect, test } from '@playwright/test';

const SHOTS = 'test-results/screenshots';
const CUSTOMER = '+2348012345678';

test('a sandbox channel receives and sends messages, and its log follows live', async ({
  page,
}) => {
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await page.goto('/register');
  await page.getByLabel(/^Email/).fill(`owner-${unique}@example.com`);
  await page.getByLabel(/^Password/).fill('correct horse battery staple');
  await page.getByLabel(/^Your name/).fill('Chinua Achebe');
  await page.getByLabel(/^Workspace name/).fill(`Messages ${unique}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Chinua Achebe' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Channels' }).click();
  await page.getByRole('button', { name: 'Create sandbox channel' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByRole('link', { name: 'Messages and sandbox tools' }).click();
  await expect(page).toHaveURL(/\/channels\/[0-9a-f-]{36}$/);

  // a deep link survives a reload
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Messages', exact: true })).toBeVisible();
  await expect(page.getByText('No messages yet')).toBeVisible();
  const log = page.getByRole('list', { name: 'Messages' });

  const simulate = page.getByRole('form', { name: 'Simulate an incoming message' });
  await simulate.getByLabel(/^From/).fill(CUSTOMER);
  await simulate.getByLabel(/^Their message/).fill('Hello from a customer');
  await simulate.getByRole('button', { name: 'Simulate message' }).click();
  const inbound = log.getByRole('listitem').filter({ hasText: 'Hello from a customer' });
  await expect(inbound).toBeVisible();
  await expect(inbound).toContainText('Inbound from');
  await expect(inbound).toContainText(CUSTOMER);
  await page.screenshot({ path: `${SHOTS}/messages-inbound.png`, fullPage: true });

  const send = page.getByRole('form', { name: 'Send a message' });
  await send.getByRole('textbox', { name: /^To/ }).fill(CUSTOMER);
  await send.getByRole('textbox', { name: /^Message/ }).fill('Thanks for writing');
  await send.getByRole('button', { name: 'Send' }).click();
  const outbound = log.getByRole('listitem').filter({ hasText: 'Thanks for writing' });
  await expect(outbound).toContainText('Outbound to');
  // the sandbox phone acknowledges sent, delivered, then read within a few seconds
  await expect(outbound).toContainText('✓✓ read', { timeout: 20_000 });
  await page.screenshot({ path: `${SHOTS}/messages-read.png`, fullPage: true });

  const deliveries = page.getByRole('form', { name: 'Show deliveries' });
  await deliveries.getByLabel(/^Phone/).fill(CUSTOMER);
  await deliveries.getByRole('button', { name: 'Show' }).click();
  const received = page.getByRole('table', { name: 'Deliveries' });
  await expect(received.getByRole('row', { name: /Thanks for writing/ })).toContainText('read');
  await page.screenshot({ path: `${SHOTS}/messages-deliveries.png`, fullPage: true });
});
