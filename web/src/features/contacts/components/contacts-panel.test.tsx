import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { ContactsPanel } from './contacts-panel';

function contact(id: string, name: string | null, phone: string, tags: string[] = []) {
  return {
    id,
    name,
    phone,
    rawPhone: phone,
    email: null,
    tags,
    attributes: {},
    optedOut: false,
    optedOutAt: null,
    lastChannelId: null,
    lastInteractionAt: null,
    lastInboundAt: null,
    createdAt: '2026-01-02T03:04:05Z',
    updatedAt: '2026-01-02T03:04:05Z',
  };
}

const ADA = contact('c1', 'Ada Okafor', '+2348031234567', ['vip']);
const GRACE = contact('c2', null, '+447911123456');

const ok = (data: unknown) => jsonResponse(200, { success: true, data });

describe('ContactsPanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('explains an empty workspace and links to the import', async () => {
    mockApi({
      'GET /api/v1/contacts': () => ok({ items: [], nextCursor: null }),
      'GET /api/v1/contacts/count': () => ok({ count: 0 }),
    });
    renderWithProviders(<ContactsPanel />);
    expect(await screen.findByText('No contacts yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Import a CSV' })).toHaveAttribute(
      'href',
      '/contacts/import',
    );
  });

  it('says how a number without + is read when a phone search finds nothing', async () => {
    mockApi({
      'GET /api/v1/contacts': () => ok({ items: [], nextCursor: null }),
      'GET /api/v1/contacts/count': () => ok({ count: 0 }),
      'GET /api/v1/workspace': () => ok({ name: 'Shop', timeZone: 'UTC', defaultCountry: 'US' }),
    });
    const user = userEvent.setup();
    renderWithProviders(<ContactsPanel />);
    await user.type(screen.getByLabelText('Search'), '0803 111');
    expect(await screen.findByText(/read as a US number/)).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Search'));
    await user.type(screen.getByLabelText('Search'), 'grace');
    await waitFor(() => expect(screen.queryByText(/read as a US number/)).not.toBeInTheDocument());
    expect(await screen.findByText('No contacts match')).toBeInTheDocument();
  });

  it('searches on the server once typing pauses, with the tag filter, and loads more pages', async () => {
    const { requests } = mockApi({
      'GET /api/v1/contacts': (r) => {
        const url = new URL(r.url);
        if (url.searchParams.get('cursor') === 'next')
          return ok({ items: [GRACE], nextCursor: null });
        if (url.searchParams.get('search') === 'okaf')
          return ok({ items: [ADA], nextCursor: null });
        return ok({ items: [ADA], nextCursor: 'next' });
      },
      'GET /api/v1/contacts/count': () => ok({ count: 2 }),
    });
    const user = userEvent.setup();
    renderWithProviders(<ContactsPanel />);

    const table = await screen.findByRole('table', { name: 'Contacts' });
    expect(within(table).getByRole('link', { name: 'Ada Okafor' })).toHaveAttribute(
      'href',
      '/contacts/c1',
    );
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    // a contact without a name shows its phone
    expect(await within(table).findByRole('link', { name: '+447911123456' })).toBeInTheDocument();

    await user.type(screen.getByLabelText('Search'), 'okaf');
    await waitFor(() =>
      expect(requests.some((r) => new URL(r.url).searchParams.get('search') === 'okaf')).toBe(true),
    );
    const searches = requests
      .map((r) => new URL(r.url))
      .filter((u) => u.pathname === '/api/v1/contacts' && u.searchParams.has('search'));
    expect(searches.map((u) => u.searchParams.get('search'))).toEqual(['okaf']);
    await waitFor(() => expect(within(table).queryByText('+447911123456')).toBeNull());

    await user.type(screen.getAllByLabelText('Tags')[0]!, 'vip{Enter}');
    await waitFor(() =>
      expect(
        requests.some(
          (r) =>
            new URL(r.url).pathname === '/api/v1/contacts' &&
            new URL(r.url).searchParams.getAll('tag').join() === 'vip',
        ),
      ).toBe(true),
    );
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
      'href',
      '/api/v1/contacts/export.csv?search=okaf&tag=vip&sort=created_at',
    );
  });

  it('deletes the selected contacts after confirming', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let items = [ADA, GRACE];
    const { requests } = mockApi({
      'GET /api/v1/contacts': () => ok({ items, nextCursor: null }),
      'GET /api/v1/contacts/count': () => ok({ count: items.length }),
      'POST /api/v1/contacts/bulk-delete': () => {
        items = [GRACE];
        return ok({ deleted: 1 });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<ContactsPanel />);

    await user.click(await screen.findByRole('checkbox', { name: 'Select Ada Okafor' }));
    await user.click(screen.getByRole('button', { name: 'Delete selected (1)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete contacts?' });
    expect(dialog).toHaveTextContent('Delete the 1 selected contact?');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(screen.queryByText('Ada Okafor')).toBeNull());
    const post = requests.find((r) => r.method === 'POST');
    expect(await post?.json()).toEqual({ ids: ['c1'], filter: null });
    expect(await screen.findByText('Deleted 1 contact')).toBeInTheDocument();
  });

  it('deletes everything matching the filter, saying how many first', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const { requests } = mockApi({
      'GET /api/v1/contacts': () => ok({ items: [ADA], nextCursor: null }),
      'GET /api/v1/contacts/count': (r) =>
        ok({ count: new URL(r.url).searchParams.has('tag') ? 1234 : 5000 }),
      'POST /api/v1/contacts/bulk-delete': () => ok({ deleted: 1234 }),
    });
    const user = userEvent.setup();
    renderWithProviders(<ContactsPanel />);

    await screen.findByRole('table', { name: 'Contacts' });
    expect(screen.queryByRole('button', { name: /matching/ })).toBeNull();
    await user.type(screen.getAllByLabelText('Tags')[0]!, 'vip{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Delete all 1,234 matching' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete contacts?' });
    expect(dialog).toHaveTextContent('Delete all 1,234 contacts matching');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    await screen.findByText('Deleted 1234 contacts');
    const post = requests.find((r) => r.method === 'POST');
    expect(await post?.json()).toEqual({ ids: null, filter: { search: null, tags: ['vip'] } });
  });
});
