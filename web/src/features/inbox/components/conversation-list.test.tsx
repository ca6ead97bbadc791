import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithProviders } from '../../../test/render';
import type { ConversationFilters } from '../api/use-inbox';
import { ConversationList, NO_FILTERS } from './conversation-list';
import {
  ago,
  channel,
  conversation,
  MINUTE,
  OTHER_CHANNEL_ID,
  page,
  refusal,
} from './test-fixtures';

const CHANNELS = [channel(), channel({ id: OTHER_CHANNEL_ID, name: 'Abuja sales' })];

function List({ selectedId }: { selectedId?: string }) {
  const [filters, setFilters] = useState<ConversationFilters>(NO_FILTERS);
  return (
    <ConversationList
      filters={filters}
      onFiltersChange={(patch) => setFilters((f) => ({ ...f, ...patch }))}
      selectedId={selectedId}
      channels={CHANNELS}
    />
  );
}

const ADA = conversation({ unreadCount: 2 });
const BOLA = conversation({
  contactId: 'c2',
  name: null,
  phone: '+2348099999999',
  lastMessage: {
    id: 'm2',
    direction: 'out',
    type: 'text',
    preview: 'Your order shipped',
    channelId: OTHER_CHANNEL_ID,
    status: 'read',
    at: ago(3 * 60 * MINUTE),
    campaign: true,
  },
});
const CHIDI = conversation({
  contactId: 'c3',
  name: 'Chidi Eze',
  status: 'closed',
  lastMessage: {
    id: 'm3',
    direction: 'out',
    type: 'text',
    preview: 'Thanks, bye',
    channelId: 'deleted-channel',
    status: 'failed',
    at: ago(2 * 24 * 60 * MINUTE),
    campaign: false,
  },
});

describe('ConversationList', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each conversation with its latest message, channel, markers and unread count', async () => {
    mockApi({ 'GET /api/v1/inbox/conversations': () => page([ADA, BOLA, CHIDI]) });
    renderWithProviders(<List selectedId={ADA.contactId} />);

    const list = await screen.findByRole('list', { name: 'Conversations' });
    const [ada, bola, chidi] = within(list).getAllByRole('listitem');

    expect(ada).toHaveTextContent('Ada Obi');
    expect(ada).toHaveTextContent('Is my order on its way?');
    expect(ada).toHaveTextContent('5 minutes ago');
    expect(ada).toHaveTextContent('Lagos support');
    expect(within(ada!).getByLabelText('2 unread')).toHaveTextContent('2');
    expect(within(ada!).getByRole('link')).toHaveAttribute('aria-current', 'page');
    expect(within(ada!).getByRole('link')).toHaveAttribute('href', `/inbox/${ADA.contactId}`);

    // no name: the phone; outbound: ticks; sent by a campaign: marked
    expect(bola).toHaveTextContent('+2348099999999');
    expect(within(bola!).getByTestId('last-status')).toHaveAccessibleName('Read');
    expect(bola).toHaveTextContent('✓✓Your order shipped');
    expect(bola).toHaveTextContent('Abuja sales');
    expect(within(bola!).getByText('Campaign')).toBeInTheDocument();
    expect(within(bola!).queryByLabelText(/unread/)).toBeNull();
    expect(bola).toHaveTextContent('3 hours ago');

    expect(chidi).toHaveTextContent('You: Thanks, bye');
    expect(within(chidi!).getByTestId('last-status')).toHaveAccessibleName('Failed');
    expect(chidi).toHaveTextContent('Deleted channel');
    expect(chidi).toHaveTextContent('Closed');
  });

  it('sends the filters to the server, the search once typing pauses', async () => {
    const { requests } = mockApi({ 'GET /api/v1/inbox/conversations': () => page([ADA]) });
    const user = userEvent.setup();
    renderWithProviders(<List />);
    await screen.findByRole('list', { name: 'Conversations' });
    const lastQuery = () =>
      new URL(requests.filter((r) => r.url.includes('/inbox/conversations')).at(-1)!.url)
        .searchParams;
    // open conversations unless asked otherwise
    expect(lastQuery().get('status')).toBe('open');

    await user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'order');
    await waitFor(() => expect(lastQuery().get('q')).toBe('order'));
    const searches = requests
      .map((r) => new URL(r.url).searchParams)
      .filter((q) => q.has('q'))
      .map((q) => q.get('q'));
    expect(searches).toEqual(['order']);

    await user.click(screen.getByRole('combobox', { name: 'Channel' }));
    await user.click(await screen.findByRole('option', { name: 'Abuja sales' }));
    await waitFor(() => expect(lastQuery().get('channelId')).toBe(OTHER_CHANNEL_ID));

    await user.click(screen.getByRole('combobox', { name: 'Assignee' }));
    await user.click(await screen.findByRole('option', { name: 'Assigned to me' }));
    await waitFor(() => expect(lastQuery().get('assignee')).toBe('me'));

    await user.click(screen.getByRole('switch', { name: 'Unread only' }));
    await waitFor(() => expect(lastQuery().get('unread')).toBe('true'));

    await user.click(screen.getByRole('radio', { name: 'All' }));
    await waitFor(() => expect(lastQuery().has('status')).toBe(false));
    const q = lastQuery();
    expect(q.get('q')).toBe('order');
    expect(q.get('channelId')).toBe(OTHER_CHANNEL_ID);
    expect(q.get('assignee')).toBe('me');

    await user.click(screen.getByRole('radio', { name: 'Closed' }));
    await waitFor(() => expect(lastQuery().get('status')).toBe('closed'));
  });

  it('offers to clear filters that match nothing', async () => {
    mockApi({
      'GET /api/v1/inbox/conversations': (r) =>
        new URL(r.url).searchParams.get('q') ? page([]) : page([ADA]),
    });
    const user = userEvent.setup();
    renderWithProviders(<List />);
    await screen.findByText('Ada Obi');
    const search = screen.getByRole('searchbox', { name: 'Search conversations' });
    await user.type(search, 'zzz');
    expect(await screen.findByText('No conversations match')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('Ada Obi')).toBeInTheDocument();
    expect(search).toHaveValue('');
  });

  it('loads the next page with the cursor', async () => {
    mockApi({
      'GET /api/v1/inbox/conversations': (r) =>
        new URL(r.url).searchParams.get('cursor') === 'next-1'
          ? page([CHIDI])
          : page([ADA, BOLA], 'next-1'),
    });
    const user = userEvent.setup();
    renderWithProviders(<List />);
    await screen.findByText('Ada Obi');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Chidi Eze')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(
      within(screen.getByRole('list', { name: 'Conversations' })).getAllByRole('listitem'),
    ).toHaveLength(3);
  });

  it('says when there is nothing open, and offers a retry when loading fails', async () => {
    mockApi({ 'GET /api/v1/inbox/conversations': () => page([]) });
    const { unmount } = renderWithProviders(<List />);
    expect(await screen.findByText('No open conversations')).toBeInTheDocument();
    unmount();

    mockApi({
      'GET /api/v1/inbox/conversations': () => refusal(500, 'internal', 'Database unavailable'),
    });
    renderWithProviders(<List />);
    expect(await screen.findByText('Database unavailable')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
