import { expect, test, type Page } from '@playwright/test';

// start-server.sh points the server at e2e/fake-openai.mjs: an agent's request that mentions peanuts gets a
// remember_fact tool call, then "Noted: no peanuts for you. How can I help?"; any other gets a greeting
const SHOTS = 'test-results/screenshots';
const CUSTOMER = '+2348098765432';
// the sandbox phone's WhatsApp profile name, which the contact takes
const CUSTOMER_NAME = 'Sandbox phone 5432';
const AGENT = 'Kemi';

/** A write to the API as the signed-in browser makes it (session cookie and CSRF token). */
async function post(page: Page, path: string, data: unknown) {
  const cookies = await page.context().cookies();
  const token = cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
  const res = await page.request.post(path, {
    data,
    headers: { 'X-XSRF-TOKEN': decodeURIComponent(token) },
  });
  expect(res.ok(), await res.text()).toBe(true);
}

/** A new workspace with a sandbox channel; answers the channel's id and name. */
async function signUpWithSandbox(page: Page) {
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await page.goto('/register');
  await page.getByLabel(/^Email/).fill(`owner-${unique}@example.com`);
  await page.getByLabel(/^Password/).fill('correct horse battery staple');
  await page.getByLabel(/^Your name/).fill('Ngozi Okonjo');
  await page.getByLabel(/^Workspace name/).fill(`Agents ${unique}`);
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

test('an agent answers a customer on its channel and remembers what they said', async ({
  page,
}) => {
  const { channelId, channelName } = await signUpWithSandbox(page);

  // no agent yet: the page invites to create one
  await page.getByRole('navigation').getByRole('link', { name: 'Agents' }).click();
  await expect(page.getByText('No agents yet')).toBeVisible();
  await page.getByRole('link', { name: 'Create an agent' }).click();
  await expect(page).toHaveURL(/\/agents\/new$/);

  const form = page.getByRole('form', { name: 'New agent' });
  await form.getByLabel(/^Name/).fill(AGENT);
  await form
    .getByLabel(/^Instructions/)
    .fill('You are Kemi, the friendly assistant of Mama Ngozi’s Kitchen in Lagos.');
  // the server's model is the default
  await expect(form.getByLabel(/^Model/)).toHaveAttribute('placeholder', 'e2e-model');
  await form.getByRole('checkbox', { name: channelName }).check();
  await form.getByRole('switch', { name: /^Enabled/ }).check();
  await page.screenshot({ path: `${SHOTS}/agent-new.png`, fullPage: true });
  await form.getByRole('button', { name: 'Create agent' }).click();

  await expect(page).toHaveURL(/\/agents\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: AGENT })).toBeVisible();
  await expect(page.getByText('On', { exact: true })).toBeVisible();

  // the test chat: the agent answers here, and the memory tool it called shows under its answer
  await page.getByRole('tab', { name: 'Test chat' }).click();
  await page.getByLabel(/^Message as the customer/).fill('Do you have peanut-free meals?');
  await page.getByRole('button', { name: 'Send' }).click();
  const chat = page.getByRole('list', { name: 'Test conversation' });
  const answer = chat.getByRole('listitem', { name: 'Agent', exact: true });
  await expect(answer).toContainText('Noted: no peanuts for you. How can I help?');
  await expect(answer.getByRole('list', { name: 'Tools the agent used' })).toContainText(
    'remember_fact: Is allergic to peanuts → Remembered',
  );
  await page.screenshot({ path: `${SHOTS}/agent-test-chat.png`, fullPage: true });
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(chat).toBeHidden();

  // a customer writes to the channel: the agent answers through it
  await post(page, `/api/v1/channels/${channelId}/sandbox/inbound`, {
    from: CUSTOMER,
    text: 'Hi, I’m allergic to peanuts',
  });
  await page.getByRole('navigation').getByRole('link', { name: 'Inbox' }).click();
  const item = page
    .getByRole('list', { name: 'Conversations' })
    .getByRole('listitem')
    .filter({ hasText: CUSTOMER_NAME });
  await item.getByRole('link').click();
  const thread = page.getByRole('list', { name: 'Messages' });
  await expect(thread.getByTestId('thread-message').first()).toContainText(
    'Hi, I’m allergic to peanuts',
  );
  await expect(
    thread.getByTestId('thread-message').filter({ hasText: 'Noted: no peanuts for you' }),
  ).toBeVisible({ timeout: 30_000 });
  const agentState = page.getByTestId('agent-state');
  await expect(agentState).toHaveText(`Agent ${AGENT} active`);
  await page.screenshot({ path: `${SHOTS}/agent-inbox.png`, fullPage: true });

  // a person replies: the agent steps back in this conversation
  const composer = page.getByRole('region', { name: 'Reply' });
  await composer.getByRole('textbox', { name: 'Message' }).fill('I will take it from here.');
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(agentState).toContainText(/^Agent paused until .+ \(you replied\)$/);

  // what the agent remembered is on the contact's page
  await page.getByRole('link', { name: CUSTOMER_NAME, exact: true }).click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  const facts = page.getByRole('region', { name: 'Facts' });
  const fact = facts.getByRole('listitem').filter({ hasText: 'Is allergic to peanuts' });
  await expect(fact).toBeVisible();
  await expect(fact).toContainText('Agent');
  await expect(facts.getByTestId('facts-count')).toHaveText('1 of 50 facts');
  await page.screenshot({ path: `${SHOTS}/agent-facts.png`, fullPage: true });

  // and the agent's activity says what it did
  await page.getByRole('navigation').getByRole('link', { name: 'Agents' }).click();
  await page.getByRole('tab', { name: 'Activity' }).click();
  const replies = page.getByRole('list', { name: 'Agent replies' });
  const replied = replies.getByRole('listitem').filter({ hasText: 'Hi, I’m allergic to peanuts' });
  await expect(replied.getByTestId('reply-status')).toHaveText('Replied');
  await expect(replied).toContainText('Noted: no peanuts for you. How can I help?');
  await expect(replied.getByRole('list', { name: 'Tools the agent used' })).toContainText(
    'remember_fact: Is allergic to peanuts → Remembered',
  );
  await page.screenshot({ path: `${SHOTS}/agent-activity.png`, fullPage: true });
});
