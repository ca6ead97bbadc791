import { expect, test, type Page } from '@playwright/test';

const SHOTS = 'test-results/screenshots';
const PASSWORD = 'correct horse battery staple';

async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('register, sign out and in, change settings, create an API key, deep link', async ({
  page,
  request,
}) => {
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const email = `owner-${unique}@example.com`;
  const workspaceName = `Acme ${unique}`;

  // Register a new workspace: lands signed in on the dashboard.
  await page.goto('/register');
  await page.getByLabel(/^Email/).fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByLabel(/^Your name/).fill('Ada Lovelace');
  await page.getByLabel(/^Workspace name/).fill(workspaceName);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Ada Lovelace' })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('workspace-name')).toHaveText(workspaceName);

  // Sign out, then protected pages send us to the sign-in page.
  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/login$/);

  // Sign in again: back to the page that asked for it.
  await signIn(page, email);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByTestId('workspace-name')).toHaveText(workspaceName);
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Ada Lovelace' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });

  // Change workspace name and time zone; both survive a reload.
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  const newName = `Renamed ${unique}`;
  const nameInput = page.getByRole('textbox', { name: /^Workspace name/ });
  await expect(nameInput).toHaveValue(workspaceName);
  await nameInput.fill(newName);
  const zoneInput = page.getByRole('combobox', { name: /^Time zone/ });
  await zoneInput.click();
  await zoneInput.fill('Europe/Ber');
  await page.getByRole('option', { name: 'Europe/Berlin' }).click();
  await expect(zoneInput).toHaveValue('Europe/Berlin');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Workspace settings saved')).toBeVisible();
  await expect(page.getByTestId('workspace-name')).toHaveText(newName);

  await page.reload();
  await expect(page.getByRole('textbox', { name: /^Workspace name/ })).toHaveValue(newName);
  await expect(page.getByRole('combobox', { name: /^Time zone/ })).toHaveValue('Europe/Berlin');
  await expect(page.getByTestId('workspace-name')).toHaveText(newName);
  await page.screenshot({ path: `${SHOTS}/settings.png`, fullPage: true });

  // The owner sees themselves in the team and may add members.
  await page.getByRole('tab', { name: 'Team members' }).click();
  await expect(page).toHaveURL(/\/settings\/members$/);
  await expect(
    page.getByRole('table', { name: 'Team members' }).getByRole('row', { name: /Ada Lovelace/ }),
  ).toContainText(email);
  await expect(page.getByRole('button', { name: 'Add member' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/members.png`, fullPage: true });

  // Create an API key: the full key is shown once, then only its prefix.
  await page.getByRole('tab', { name: 'API keys' }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByText('No API keys yet')).toBeVisible();
  await page.getByRole('button', { name: 'Create API key' }).click();
  await page.getByLabel(/^Key name/).fill('Shop backend');
  await page.getByRole('button', { name: 'Create key' }).click();
  const created = page.getByRole('dialog', { name: 'API key created' });
  await expect(created.getByText(/only time the full key is shown/)).toBeVisible();
  const key = (await created.getByTestId('created-api-key').innerText()).trim();
  expect(key.length).toBeGreaterThan(20);
  await expect(page.getByRole('dialog', { name: 'Create API key' })).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/api-key-created.png` });
  await created.getByRole('button', { name: 'I have saved it' }).click();
  await expect(created).toBeHidden();

  const table = page.getByRole('table', { name: 'API keys' });
  const row = table.getByRole('row', { name: /Shop backend/ });
  await expect(row).toBeVisible();
  // Listed by its visible part only: `start…` or a masked `start…end`.
  const hint = (await row.getByRole('cell').nth(1).innerText()).trim();
  const [start = '', end = ''] = hint.split('…');
  expect(start.length).toBeGreaterThan(3);
  expect(key.startsWith(start) && key.endsWith(end)).toBe(true);
  expect(hint).not.toContain(key);
  await expect(page.locator('body')).not.toContainText(key);

  // The key works for programs (no cookie, Bearer only).
  const viaKey = await request.get('/api/v1/workspace', {
    headers: { Authorization: `Bearer ${key}` },
  });
  expect(viaKey.status()).toBe(200);
  expect((await viaKey.json()).data.name).toBe(newName);

  // A deep link survives a full page load (server falls back to index.html).
  await page.goto('/settings/api-keys');
  await expect(page.getByRole('tab', { name: 'API keys' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(
    page.getByRole('table', { name: 'API keys' }).getByRole('row', { name: /Shop backend/ }),
  ).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/api-keys.png`, fullPage: true });
});
