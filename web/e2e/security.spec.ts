import { expect, test } from '@playwright/test';

const PASSWORD = 'correct horse battery staple';
const PAGES = [
  'Dashboard',
  'Inbox',
  'Contacts',
  'Audiences',
  'Campaigns',
  'Templates',
  'Channels',
  'Agents',
  'Usage',
  'Settings',
];

test('the dashboard runs under its Content-Security-Policy without a single violation', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });

  const index = await page.goto('/register');
  const csp = index?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(index?.headers()['x-content-type-options']).toBe('nosniff');

  const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await page.getByLabel(/^Email/).fill(`csp-${unique}@example.com`);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByLabel(/^Your name/).fill('Ada Lovelace');
  await page.getByLabel(/^Workspace name/).fill(`CSP ${unique}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Ada Lovelace' })).toBeVisible();

  // every page of the navigation, each with its lazily loaded code, styles and queries
  for (const name of PAGES) {
    await page.getByRole('navigation').getByRole('link', { name }).click();
    await expect(page.getByRole('main').getByRole('heading').first()).toBeVisible();
  }
  await page.reload();
  await expect(page.getByRole('main').getByRole('heading').first()).toBeVisible();
  expect(violations).toEqual([]);
});
