import { expect, test, type Page } from '@playwright/test';

const SHOTS = 'test-results/screenshots';
const CUSTOMER = '+2348098765432';
// the sandbox phone's WhatsApp profile name, which the contact takes
const CUSTOMER_NAME = 'Sandbox phone 5432';

/** A write to the API as the signed-in browser makes it (session cookie and CSRF token). */
async function post(page: Page, path: string, data: unknown) {
  const cookies = await page.context().cookies();
  const token = cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
  const res = await page.request.post(path, {
    data,
    headers: { 'X-XSRF-TOKEN': decodeURIComponent(token) },
  });
  expect(res.ok(), await res.text()).toBe(true);
  return (await res.json().catch(() => ({}))) as { data?: { id?: string } };
}

/** The sandbox phone writes to the channel, as the channel page's "Simulate" form does. */
async function customerWrites(page: Page, channelId: string, text: string) {
  await post(page, `/api/v1/channels/${channelId}/sandbox/inbound`, { from: CUSTOMER, text });
}

/** A new workspace with a sandbox channel; answers the channel's id and name. */
async function signUpWithSandbox(page: Page, workspace: string) {
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await page.goto('/register');
  await page.getByLabel(/^Email/).fill(`owner-${unique}@example.com`);
  await page.getByLabel(/^Password/).fill('correct horse battery staple');
  await page.getByLabel(/^Your name/).fill('Ngozi Okonjo');
  await page.getByLabel(/^Workspace name/).fill(`${workspace} ${unique}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Ngozi Okonjo' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Channels' }).click();
  await page.getByRole('button', { name: 'Create sandbox channel' }).click();
  await page.getByRole('dialog').getByRole('link', { name: 'Messages and sandbox tools' }).click();
  await expect(page).toHaveURL(/\/channels\/[0-9a-f-]{36}$/);
  const channelId = page.url().split('/').pop() ?? '';
  const channelName = (await page.getByRole('heading', { level: 2 }).textContent()) ?? '';
  expect(channelName).not.toBe('');
  return { channelId, channelName };
}

test('a customer writes, the inbox shows it live, and a reply is delivered', async ({ page }) => {
  const { channelId, channelName } = await signUpWithSandbox(page, 'Inbox');
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: 'Inbox' }).click();
  await expect(page.getByText('No open conversations')).toBeVisible();

  // the message arrives through the sandbox's webhook; the open inbox hears of it, no reload
  await customerWrites(page, channelId, 'Hello, is my order on its way?');
  const list = page.getByRole('list', { name: 'Conversations' });
  const item = list.getByRole('listitem').filter({ hasText: CUSTOMER_NAME });
  await expect(item).toContainText('Hello, is my order on its way?');
  await expect(item.getByLabel('1 unread')).toBeVisible();
  await expect(item).toContainText(channelName);
  await expect(nav.getByRole('link', { name: /Inbox/ }).getByLabel('1 unread')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/inbox-list.png`, fullPage: true });

  // opening it reads it: both badges go
  await item.getByRole('link').click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  const thread = page.getByRole('list', { name: 'Messages' });
  await expect(thread.getByTestId('thread-message')).toContainText([
    'Hello, is my order on its way?',
  ]);
  await expect(item.getByLabel('1 unread')).toBeHidden();
  await expect(nav.getByRole('link', { name: /Inbox/ }).getByLabel(/unread/)).toBeHidden();

  const composer = page.getByRole('region', { name: 'Reply' });
  await expect(composer.getByRole('combobox', { name: 'Reply channel' })).toHaveValue(channelName);
  await expect(composer.getByTestId('service-window')).toHaveText(/Window closes in 23 h 5\d m/);

  await composer.getByRole('textbox', { name: 'Message' }).fill('Yes — it ships today.');
  await composer.getByRole('button', { name: 'Send' }).click();
  const reply = thread.getByTestId('thread-message').filter({ hasText: 'Yes — it ships today.' });
  await expect(reply).toBeVisible();
  await expect(composer.getByRole('textbox', { name: 'Message' })).toHaveValue('');
  // the sandbox phone acknowledges sent, delivered, then read within a few seconds
  await expect(reply.getByTestId('delivery-status')).toHaveText(/Delivered|Read/, {
    timeout: 20_000,
  });
  await expect(item).toContainText('You: Yes — it ships today.');
  await page.screenshot({ path: `${SHOTS}/inbox-thread.png`, fullPage: true });

  // a message arriving while the conversation is open shows at once and is read straight away
  await customerWrites(page, channelId, 'Great, thank you!');
  await expect(thread.getByTestId('thread-message').last()).toContainText('Great, thank you!');
  await expect(item).toContainText('Great, thank you!');
  await expect(item.getByLabel(/unread/)).toBeHidden();

  // the deep link survives a reload
  await page.reload();
  await expect(page.getByRole('list', { name: 'Messages' })).toContainText('Yes — it ships today.');
  await expect(list.locator('a[aria-current="page"]')).toContainText(CUSTOMER_NAME);

  // closing moves it out of the open conversations; "All" shows it again
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await expect(page.getByText('No open conversations')).toBeVisible();
  await page.getByRole('radiogroup', { name: 'Status' }).getByText('All', { exact: true }).click();
  await expect(list.getByRole('listitem').filter({ hasText: CUSTOMER_NAME })).toContainText(
    'Closed',
  );
  await page.screenshot({ path: `${SHOTS}/inbox-closed.png`, fullPage: true });

  // on a phone one pane at a time: the thread, then back to the list
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('region', { name: 'Conversation list' })).toBeHidden();
  await expect(page.getByRole('list', { name: 'Messages' })).toContainText('Great, thank you!');
  await page.screenshot({ path: `${SHOTS}/inbox-phone-thread.png`, fullPage: true });
  await page.getByRole('link', { name: '← Conversations' }).click();
  await expect(list.getByRole('listitem').filter({ hasText: CUSTOMER_NAME })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Messages' })).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/inbox-phone-list.png`, fullPage: true });
});

test('a contact who never wrote gets an approved template, previewed for them', async ({
  page,
}) => {
  const { channelName } = await signUpWithSandbox(page, 'Templates');
  await post(page, '/api/v1/templates', {
    name: 'Order update',
    category: 'utility',
    body: 'Hi {{first_name}}, your order is on its way.',
    meta: { name: 'order_update', language: 'en', parameters: ['{{first_name}}'] },
  });
  await post(page, '/api/v1/templates', {
    name: 'Friendly hello',
    category: 'utility',
    body: 'Hello there!',
  });
  const contact = await post(page, '/api/v1/contacts', {
    phone: '+2348055555555',
    name: 'Amara Nwosu',
  });

  await page.goto(`/contacts/${contact.data?.id}`);
  await page.getByRole('link', { name: 'Message' }).click();
  await expect(page).toHaveURL(`/inbox/${contact.data?.id}`);

  const composer = page.getByRole('region', { name: 'Reply' });
  await expect(composer.getByTestId('service-window')).toHaveText(
    'Window closed — send a template',
  );
  await expect(composer).toContainText('Amara Nwosu has not written to you yet');
  await expect(composer.getByRole('radio', { name: 'Message' })).toBeDisabled();
  await expect(composer.getByRole('textbox', { name: 'Message' })).toBeHidden();
  await expect(composer).toContainText('No channel has talked to Amara Nwosu yet');

  await composer.getByRole('combobox', { name: 'Reply channel' }).click();
  await page.getByRole('option', { name: channelName }).click();
  await composer.getByRole('combobox', { name: 'Template' }).click();
  await expect(page.getByRole('option', { name: 'Friendly hello' })).toHaveAttribute(
    'data-combobox-disabled',
    'true',
  );
  await page.getByRole('option', { name: 'Order update' }).click();
  await expect(composer.getByTestId('template-preview')).toHaveText(
    'Hi Amara, your order is on its way.',
  );
  await page.screenshot({ path: `${SHOTS}/inbox-template.png`, fullPage: true });

  await composer.getByRole('button', { name: 'Send template' }).click();
  const sent = page.getByRole('list', { name: 'Messages' }).getByTestId('thread-message');
  await expect(sent).toHaveCount(1);
  await expect(sent).toContainText('Template “order_update” (en)');
  await expect(sent).toContainText('Filled in with: Amara');
  await expect(sent.getByTestId('delivery-status')).toHaveText(/Delivered|Read/, {
    timeout: 20_000,
  });
  await expect(
    page.getByRole('list', { name: 'Conversations' }).getByRole('listitem'),
  ).toContainText(['Amara Nwosu']);
  await page.screenshot({ path: `${SHOTS}/inbox-template-sent.png`, fullPage: true });
});
