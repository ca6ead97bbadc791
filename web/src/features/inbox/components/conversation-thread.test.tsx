import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithProviders } from '../../../test/render';
import { ConversationThread } from './conversation-thread';
import {
  channel,
  CONTACT_ID,
  conversation,
  detail,
  ME,
  MEMBERS,
  message,
  MINUTE,
  ago,
  ok,
  OTHER_CHANNEL_ID,
  page,
  refusal,
} from './test-fixtures';

const CHANNELS = [channel(), channel({ id: OTHER_CHANNEL_ID, name: 'Abuja sales' })];
const BASE = `/api/v1/inbox/conversations/${CONTACT_ID}`;

function renderThread() {
  return renderWithProviders(
    <ConversationThread
      contactId={CONTACT_ID}
      channels={CHANNELS}
      members={MEMBERS}
      currentUserId={ME}
    />,
  );
}

// the server answers newest first
const THREAD = [
  message({
    id: 'm5',
    direction: 'out',
    status: 'read',
    body: 'Thanks, see you!',
    origin: 'agent',
  }),
  message({
    id: 'm4',
    direction: 'out',
    status: 'failed',
    body: 'Spring sale: 20% off',
    campaignId: 'camp-1',
    errorCode: '131026',
    errorTitle: 'Message undeliverable',
  }),
  message({
    id: 'm3',
    type: 'document',
    media: {
      link: null,
      mimeType: 'application/pdf',
      caption: null,
      filename: 'invoice.pdf',
      sizeBytes: 20_480,
      stored: true,
      error: null,
    },
  }),
  message({
    id: 'm2',
    type: 'image',
    channelId: OTHER_CHANNEL_ID,
    media: {
      link: null,
      mimeType: 'image/jpeg',
      caption: 'my receipt',
      filename: null,
      sizeBytes: 1000,
      stored: true,
      error: null,
    },
  }),
  message({ id: 'm1', body: 'Hello, is my order on its way?', createdAt: ago(30 * MINUTE) }),
];

describe('ConversationThread', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the messages oldest first with channel, status, media and campaign marks', async () => {
    mockApi({
      [`GET ${BASE}`]: () => ok(detail()),
      [`GET ${BASE}/messages`]: () => page(THREAD),
    });
    const user = userEvent.setup();
    renderThread();

    const contact = await screen.findByRole('link', { name: 'Ada Obi' });
    expect(contact).toHaveAttribute('href', `/contacts/${CONTACT_ID}`);
    expect(screen.getByText('+2348012345678')).toBeInTheDocument();

    const list = await screen.findByRole('list', { name: 'Messages' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => r.dataset.direction)).toEqual(['in', 'in', 'in', 'out', 'out']);
    const [hello, image, doc, promo, thanks] = rows;

    expect(hello).toHaveTextContent('Hello, is my order on its way?');
    expect(hello).toHaveTextContent('Lagos support');

    expect(image).toHaveTextContent('Abuja sales');
    expect(within(image!).getByRole('img', { name: 'my receipt' })).toHaveAttribute(
      'src',
      '/api/v1/messages/m2/media',
    );
    expect(image).toHaveTextContent('my receipt');

    expect(within(doc!).getByRole('link', { name: /invoice\.pdf \(20 KB\)/ })).toHaveAttribute(
      'href',
      '/api/v1/messages/m3/media',
    );

    expect(within(promo!).getByText('Campaign')).toBeInTheDocument();
    expect(within(promo!).getByTestId('delivery-status')).toHaveTextContent('Failed');
    expect(within(promo!).getByTestId('failure-reason')).toHaveTextContent(
      '131026 · Message undeliverable',
    );
    await user.hover(within(promo!).getByTestId('delivery-status'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent('131026 · Message undeliverable');

    expect(within(thanks!).getByTestId('delivery-status')).toHaveTextContent('✓✓ Read');
    expect(within(thanks!).queryByText('Campaign')).toBeNull();
    expect(within(thanks!).getByText('AI agent')).toBeInTheDocument();
    expect(within(promo!).queryByText('AI agent')).toBeNull();
    expect(within(hello!).queryByTestId('delivery-status')).toBeNull();
  });

  it('says why a file is missing when the server could not store it', async () => {
    const missing = message({
      id: 'm9',
      type: 'image',
      media: {
        link: null,
        mimeType: 'image/jpeg',
        caption: null,
        filename: null,
        sizeBytes: null,
        stored: false,
        error: "Not stored: the server's disk was full",
      },
    });
    mockApi({
      [`GET ${BASE}`]: () => ok(detail()),
      [`GET ${BASE}/messages`]: () => page([missing]),
    });
    renderThread();

    const list = await screen.findByRole('list', { name: 'Messages' });
    const [row] = within(list).getAllByRole('listitem');
    expect(row).toHaveTextContent("[image] — Not stored: the server's disk was full");
    expect(within(row!).queryByRole('img')).toBeNull();
  });

  it('shows in its header what the route composes there for the contact', async () => {
    mockApi({
      [`GET ${BASE}`]: () => ok(detail()),
      [`GET ${BASE}/messages`]: () => page(THREAD),
    });
    renderWithProviders(
      <ConversationThread
        contactId={CONTACT_ID}
        channels={CHANNELS}
        members={MEMBERS}
        currentUserId={ME}
        agentStatusSlot={(id) => <span>Agent status of {id}</span>}
      />,
    );
    await screen.findByRole('link', { name: 'Ada Obi' });
    expect(screen.getByText(`Agent status of ${CONTACT_ID}`)).toBeInTheDocument();
  });

  it('marks the conversation read when it opens with unread messages', async () => {
    const { requests } = mockApi({
      [`GET ${BASE}`]: () => ok(detail({ conversation: conversation({ unreadCount: 2 }) })),
      [`GET ${BASE}/messages`]: () => page(THREAD),
      [`POST ${BASE}/read`]: () => new Response(null, { status: 204 }),
    });
    renderThread();
    await waitFor(() =>
      expect(requests.filter((r) => r.method === 'POST' && r.url.endsWith('/read'))).toHaveLength(
        1,
      ),
    );
  });

  it('does not mark a read conversation again', async () => {
    const { requests } = mockApi({
      [`GET ${BASE}`]: () => ok(detail()),
      [`GET ${BASE}/messages`]: () => page(THREAD),
    });
    renderThread();
    await screen.findByRole('list', { name: 'Messages' });
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('loads older messages above the ones shown', async () => {
    const { requests } = mockApi({
      [`GET ${BASE}`]: () => ok(detail()),
      [`GET ${BASE}/messages`]: (r) =>
        new URL(r.url).searchParams.get('cursor') === 'older'
          ? page([message({ id: 'm0', body: 'First message ever', createdAt: ago(60 * MINUTE) })])
          : page(THREAD.slice(0, 2), 'older'),
    });
    const user = userEvent.setup();
    renderThread();
    await screen.findByText('Thanks, see you!');
    await user.click(screen.getByRole('button', { name: 'Load older' }));
    expect(await screen.findByText('First message ever')).toBeInTheDocument();
    const rows = within(screen.getByRole('list', { name: 'Messages' })).getAllByRole('listitem');
    expect(rows[0]).toHaveTextContent('First message ever');
    expect(rows.at(-1)).toHaveTextContent('Thanks, see you!');
    expect(screen.queryByRole('button', { name: 'Load older' })).toBeNull();
    expect(requests.some((r) => new URL(r.url).searchParams.get('cursor') === 'older')).toBe(true);
  });

  it('closes, reopens and assigns the conversation', async () => {
    let current = detail();
    const { requests } = mockApi({
      [`GET ${BASE}`]: () => ok(current),
      [`GET ${BASE}/messages`]: () => page(THREAD),
      [`PATCH ${BASE}`]: async (r) => {
        const body = (await r.json()) as { status?: 'open' | 'closed'; assigneeId?: string };
        current = detail({
          conversation: conversation({
            status: body.status ?? current.conversation.status,
            assigneeId: body.assigneeId ?? current.conversation.assigneeId,
          }),
        });
        return ok(current);
      },
    });
    const user = userEvent.setup();
    renderThread();

    await user.click(await screen.findByRole('button', { name: 'Close' }));
    expect(await screen.findByRole('button', { name: 'Reopen' })).toBeInTheDocument();
    expect(screen.getByText('Closed')).toBeInTheDocument();

    await user.click(screen.getByRole('combobox', { name: 'Assignee' }));
    await user.click(await screen.findByRole('option', { name: 'Ngozi Okonjo (you)' }));
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Assignee' })).toHaveValue('Ngozi Okonjo (you)'),
    );

    const patches = await Promise.all(
      requests.filter((r) => r.method === 'PATCH').map((r) => r.json() as Promise<unknown>),
    );
    expect(patches).toEqual([{ status: 'closed' }, { assigneeId: ME }]);
  });

  it('shows the sent reply at once', async () => {
    let items = THREAD;
    mockApi({
      [`GET ${BASE}`]: () => ok(detail()),
      [`GET ${BASE}/messages`]: () => page(items),
      [`POST ${BASE}/reply`]: async (r) => {
        const { text } = (await r.json()) as { text: string };
        const sent = message({ id: 'm6', direction: 'out', status: 'accepted', body: text });
        items = [sent, ...items];
        return ok(sent, 201);
      },
    });
    const user = userEvent.setup();
    renderThread();
    await user.type(await screen.findByRole('textbox', { name: 'Message' }), 'On its way today');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const list = screen.getByRole('list', { name: 'Messages' });
    await waitFor(() =>
      expect(within(list).getAllByRole('listitem').at(-1)).toHaveTextContent('On its way today'),
    );
    expect(within(list).getAllByRole('listitem').at(-1)).toHaveTextContent('✓ Accepted');
  });

  it('cannot close or assign before the first message', async () => {
    mockApi({
      [`GET ${BASE}`]: () => ok(detail({ conversation: conversation({ lastMessage: null }) })),
      [`GET ${BASE}/messages`]: () => page([]),
    });
    renderThread();
    expect(await screen.findByText('No messages yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Close' })).toBeDisabled();
    expect(screen.getByRole('combobox', { name: 'Assignee' })).toBeDisabled();
  });

  it('says when the conversation does not exist', async () => {
    mockApi({
      [`GET ${BASE}`]: () => refusal(404, 'not_found', 'Contact not found'),
      [`GET ${BASE}/messages`]: () => refusal(404, 'not_found', 'Contact not found'),
    });
    renderThread();
    expect(await screen.findByText('Conversation not found')).toBeInTheDocument();
  });
});
