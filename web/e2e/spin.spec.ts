import { expect, test } from '@playwright/test';

// start-server.sh points the server at e2e/fake-openai.mjs and sets this operator token
const ADMIN_TOKEN = process.env.E2E_ADMIN_TOKEN ?? 'e2e-operator-token';

test('an Enterprise workspace spins a template with the AI and keeps the variants it accepts', async ({
  page,
  playwright,
  baseURL,
}) => {
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await page.goto('/register');
  await page.getByLabel(/^Email/).fill(`owner-${unique}@example.com`);
  await page.getByLabel(/^Password/).fill('correct horse battery staple');
  await page.getByLabel(/^Your name/).fill('Ada Lovelace');
  await page.getByLabel(/^Workspace name/).fill(`Spin ${unique}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Ada Lovelace' })).toBeVisible();

  // a trial workspace is on Pro: the button says why it is off
  await page.getByRole('navigation').getByRole('link', { name: 'Templates' }).click();
  await page.getByRole('link', { name: 'New template' }).click();
  await expect(page.getByRole('button', { name: 'AI Spin' })).toBeDisabled();
  await expect(page.getByText(/Upgrade to Enterprise/).first()).toBeVisible();

  // the platform operator moves the workspace to Enterprise
  const me = await (await page.request.get('/api/v1/auth/me')).json();
  const operator = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  const moved = await operator.put(`/api/v1/admin/workspaces/${me.data.workspace.id}/plan`, {
    data: { plan: 'enterprise' },
  });
  expect(moved.status()).toBe(200);
  await operator.dispose();
  await page.reload();

  const form = page.getByRole('form', { name: 'New template' });
  await form.getByLabel(/^Name/).fill('Welcome back');
  const body = form.getByRole('textbox', { name: /^Message/ });
  await body.fill('Hello {{ first_name | there }}, welcome back!');
  await page.getByRole('button', { name: 'AI Spin' }).click();

  const dialog = page.getByRole('dialog', { name: 'AI Spin' });
  await dialog.getByRole('button', { name: 'Generate variants' }).click();
  const first = dialog.getByRole('listitem', { name: 'Variant 1' });
  await expect(first).toContainText('Hi {{ first_name | there }}, great to see you again!');
  // the provider's third answer lost the variable: it is reported, not offered
  await dialog.getByRole('button', { name: /rejected variant/ }).click();
  await expect(dialog.getByRole('list', { name: 'Rejected variants' })).toContainText(
    'Welcome back, friend!',
  );
  await first.getByRole('button', { name: 'Accept' }).click();
  await dialog
    .getByRole('listitem', { name: 'Variant 2' })
    .getByRole('button', { name: 'Skip' })
    .click();
  await page.screenshot({ path: 'test-results/screenshots/spin-dialog.png', fullPage: true });
  await page.keyboard.press('Escape');

  await expect(body).toHaveValue(
    '{Hello {{ first_name | there }}, welcome back!|Hi {{ first_name | there }}, great to see you again!}',
  );
  await form.getByRole('button', { name: 'Create template' }).click();
  await expect(page.getByRole('table', { name: 'Templates' })).toContainText('Welcome back');
});
