import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { ImportHistory } from './import-history';
import { contactImport } from './test-imports';

const ok = (data: unknown) => jsonResponse(200, { success: true, data });

describe('ImportHistory', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('explains an empty history', async () => {
    mockApi({ 'GET /api/v1/contacts/imports': () => ok({ items: [], nextCursor: null }) });
    renderWithProviders(<ImportHistory />);
    expect(await screen.findByText('No imports yet')).toBeInTheDocument();
  });

  it('lists imports with their counts and undoes one only after confirming', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let item = contactImport({ created: 12, updated: 3, rejected: 2 });
    const { requests } = mockApi({
      'GET /api/v1/contacts/imports': () => ok({ items: [item], nextCursor: null }),
      'POST /api/v1/contacts/imports/i1/undo': () => {
        item = { ...item, undoneAt: '2026-01-02T04:00:00Z', undoneCount: 12 };
        return ok(item);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<ImportHistory />);

    const table = await screen.findByRole('table', { name: 'Imports' });
    expect(within(table).getByRole('link', { name: 'contacts.csv' })).toHaveAttribute(
      'href',
      '/contacts/import?id=i1',
    );
    expect(within(table).getByText('completed')).toBeInTheDocument();
    expect(
      within(table).getByRole('link', { name: 'Download rejected rows of contacts.csv' }),
    ).toHaveAttribute('href', '/api/v1/contacts/imports/i1/errors.csv');

    await user.click(within(table).getByRole('button', { name: 'Undo contacts.csv' }));
    const dialog = await screen.findByRole('dialog', { name: 'Undo import?' });
    expect(dialog).toHaveTextContent('Delete the 12 contacts that contacts.csv created?');
    expect(dialog).toHaveTextContent('Contacts the import only updated are not restored');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    await user.click(within(dialog).getByRole('button', { name: 'Undo import' }));
    expect(await screen.findByText('Removed 12 contacts')).toBeInTheDocument();
    await waitFor(() => expect(within(table).getByText('undone')).toBeInTheDocument());
    expect(within(table).queryByRole('button', { name: 'Undo contacts.csv' })).toBeNull();
    expect(requests.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname)).toEqual(
      ['/api/v1/contacts/imports/i1/undo'],
    );
  });

  it('keeps the import when the confirmation is dismissed', async () => {
    mockApi({
      'GET /api/v1/contacts/imports': () => ok({ items: [contactImport()], nextCursor: null }),
    });
    const user = userEvent.setup();
    renderWithProviders(<ImportHistory />);

    await user.click(await screen.findByRole('button', { name: 'Undo contacts.csv' }));
    const dialog = await screen.findByRole('dialog', { name: 'Undo import?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
