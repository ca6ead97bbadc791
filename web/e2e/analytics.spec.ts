import { expect, test, type Page } from '@playwright/test';

const SHOTS = 'test-results/screenshots';
const PHONES = [
  ['Ngozi Okafor', '+234 803 123 4567'],
  ['Grace Brown', '+44 7911 123456'],
  ['Kwame Mensah', '+233 24 123 4567'],
  ['Amara Diallo', '+221 77 123 45 67'],
  ['Tunde Bakare', '+234 805 765 4321'],
];

/** A full-page picture in a window tall enough that the fixed header stays at the top. */
async function shoot(page: Page, name: string) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(height, 4000) });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function openDashboard(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** The chart's table row for today; the table sits in a <details> that a person opens. */
async function todayRow(page: Page, days: number) {
  const table = page.getByRole('table', { name: `Messages per day, last ${days} days data` });
  if (!(await table.isVisible())) await page.getByText('Show the numbers').click();
  await expect(table).toBeVisible();
  return table.getByRole('row', { name: /\(today\)/ });
}

test('after a 5-recipient campaign the dashboard and the usage page count 5 messages', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await page.goto('/register');
  await page.getByLabel(/^Email/).fill(`owner-${unique}@example.com`);
  await page.getByLabel(/^Password/).fill('correct horse battery staple');
  await page.getByLabel(/^Your name/).fill('Chioma Eze');
  await page.getByLabel(/^Workspace name/).fill(`Analytics ${unique}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Chioma Eze' })).toBeVisible();

  // a new workspace: zeros and an invitation to send something
  await expect(page.getByText('No messages yet')).toBeVisible();
  const messages = page.getByRole('group', { name: 'Messages this month' });
  await expect(messages.getByTestId('stat-value')).toHaveText('0');
  await expect(messages.getByTestId('stat-suffix')).toHaveText('of 10,000');
  await expect(
    page.getByRole('group', { name: 'Delivery rate (7 days)' }).getByTestId('stat-value'),
  ).toHaveText('—');
  await shoot(page, 'analytics-empty');

  // a sandbox channel and five contacts
  await page.getByRole('link', { name: 'Go to Channels' }).click();
  await page.getByRole('button', { name: 'Create sandbox channel' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  for (const [name, phone] of PHONES) {
    await page.getByRole('button', { name: 'Add contact' }).first().click();
    const form = page.getByRole('form', { name: 'Add contact' });
    await form.getByLabel(/^Phone/).fill(phone!);
    await form.getByLabel(/^Name/).fill(name!);
    await form.getByRole('button', { name: 'Add contact' }).click();
    await expect(form).toBeHidden();
  }
  await expect(page.getByRole('table', { name: 'Contacts' }).getByRole('row')).toHaveCount(6);

  // a campaign to all of them, through the wizard
  await page.getByRole('navigation').getByRole('link', { name: 'Campaigns' }).click();
  await page.getByRole('link', { name: 'New campaign' }).first().click();
  await page.getByRole('textbox', { name: /Campaign name/ }).fill('Harvest offer');
  await expect(page.getByTestId('audience-count')).toHaveText('5');
  await page.getByRole('button', { name: 'Next' }).click();
  await page
    .getByRole('textbox', { name: /^Message/ })
    .fill('Hi {{ first_name | there }}, fresh yams are in!');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('checkbox').first().check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Create and start' }).click();
  await expect(page.getByRole('progressbar', { name: 'Harvest offer progress' })).toHaveAttribute(
    'aria-valuenow',
    '100',
    { timeout: 60_000 },
  );

  // the dashboard: the monthly counter is real time, the chart follows the 2-second rollups
  await openDashboard(page);
  await expect(messages.getByTestId('stat-value')).toHaveText('5', { timeout: 30_000 });
  await expect(page.getByRole('group', { name: 'Contacts' }).getByTestId('stat-value')).toHaveText(
    '5',
  );
  await expect(
    page.getByRole('group', { name: 'Channels connected' }).getByTestId('stat-value'),
  ).toHaveText('1');
  const feed = page.getByRole('list', { name: 'Recent activity' });
  await expect(feed.getByRole('listitem')).toHaveCount(5);
  await expect(feed).toContainText('fresh yams are in!');
  await expect(feed.getByText('Campaign').first()).toBeVisible();

  const today = await todayRow(page, 30);
  // the dashboard polls every 15 s: allow a few rounds for the rollup and the receipts
  await expect(today.locator('[data-series="sent"]')).toHaveText('5', { timeout: 60_000 });
  await expect(today.locator('[data-series="delivered"]')).toHaveText('5', { timeout: 60_000 });
  await expect(today.locator('[data-series="read"]')).toHaveText('5', { timeout: 60_000 });
  await expect(today.locator('[data-series="failed"]')).toHaveText('0');
  const funnel = page.getByRole('list', { name: 'Delivery funnel' });
  await expect(funnel.getByTestId('funnel-read')).toHaveText('5');
  await expect(funnel.getByTestId('funnel-read-rate')).toHaveText('100%');
  await expect(
    page.getByRole('group', { name: 'Delivery rate (7 days)' }).getByTestId('stat-value'),
  ).toHaveText('100%', { timeout: 30_000 });
  await expect(page.getByRole('img', { name: 'Messages per day, last 30 days' })).toBeVisible();
  await expect(page.getByTestId('stats-updated')).toContainText('Updated');
  await page.getByText('Show the numbers').click(); // closed again for the picture
  await shoot(page, 'analytics-dashboard');

  // 7 days, then only the sandbox channel: still today's five
  await page.getByText('7 days', { exact: true }).click();
  await expect(page.getByRole('radio', { name: '7 days' })).toBeChecked();
  await expect(page.getByRole('img', { name: 'Messages per day, last 7 days' })).toBeVisible();
  const week = await todayRow(page, 7);
  await expect(week.locator('[data-series="sent"]')).toHaveText('5');
  await page.getByRole('combobox', { name: 'Channel' }).click();
  const filtered = page.waitForResponse(
    (r) => r.url().includes('/api/v1/analytics/messages?') && r.url().includes('channelId='),
  );
  await page.getByRole('option').nth(1).click();
  expect((await filtered).ok()).toBe(true);
  await expect(page.getByRole('combobox', { name: 'Channel' })).not.toHaveValue('All channels');
  await expect(week.locator('[data-series="sent"]')).toHaveText('5');
  await shoot(page, 'analytics-dashboard-7-days');

  // the usage page
  await page.getByRole('navigation').getByRole('link', { name: 'Usage' }).click();
  const sent = page.getByRole('group', { name: 'Messages sent this month' });
  await expect(sent.getByTestId('counter-used')).toHaveText('5 of 10,000');
  await expect(sent).toHaveAttribute('data-level', 'ok');
  await expect(
    page.getByRole('group', { name: 'Contacts' }).getByTestId('counter-used'),
  ).toHaveText('5 of 100,000');
  await expect(page.getByRole('main').getByLabel('Plan: pro')).toBeVisible();
  const byChannel = page.getByRole('table', { name: 'Usage by channel' });
  await expect(byChannel.getByRole('row')).toHaveCount(2, { timeout: 30_000 });
  const channelRow = byChannel.getByRole('row').nth(1);
  await expect(channelRow.locator('[data-series="sent"]')).toHaveText('5');
  await expect(channelRow.locator('[data-series="read"]')).toHaveText('5');
  await expect(page.getByRole('img', { name: 'Messages per day this month' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Messages per month, last 12 months' })).toBeVisible();
  await shoot(page, 'analytics-usage');
});
