import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { ImportTracker } from './import-tracker';
import { contactImport } from './test-imports';

const ok = (data: unknown) => jsonResponse(200, { success: true, data });

describe('ImportTracker', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the counts of a finished import and where to get its rejected rows', async () => {
    mockApi({ 'GET /api/v1/contacts/imports/i1': () => ok(contactImport()) });
    const onAnother = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<ImportTracker importId="i1" onAnother={onAnother} />);

    const result = await screen.findByRole('table', { name: 'Import result' });
    expect(within(result).getByRole('row', { name: 'Rows 2' })).toBeInTheDocument();
    expect(within(result).getByRole('row', { name: 'Created 1' })).toBeInTheDocument();
    expect(within(result).getByRole('row', { name: 'Updated 0' })).toBeInTheDocument();
    expect(within(result).getByRole('row', { name: 'Skipped 0' })).toBeInTheDocument();
    expect(within(result).getByRole('row', { name: 'Rejected 1' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download rejected rows' })).toHaveAttribute(
      'href',
      '/api/v1/contacts/imports/i1/errors.csv',
    );
    expect(screen.getByRole('link', { name: 'View contacts' })).toHaveAttribute(
      'href',
      '/contacts',
    );
    await user.click(screen.getByRole('button', { name: 'Import another file' }));
    expect(onAnother).toHaveBeenCalled();
  });

  it('offers no rejected rows when there are none', async () => {
    mockApi({ 'GET /api/v1/contacts/imports/i1': () => ok(contactImport({ rejected: 0 })) });
    renderWithProviders(<ImportTracker importId="i1" onAnother={() => {}} />);
    await screen.findByRole('table', { name: 'Import result' });
    expect(screen.queryByRole('link', { name: 'Download rejected rows' })).toBeNull();
  });

  it('says when an import was undone', async () => {
    mockApi({
      'GET /api/v1/contacts/imports/i1': () =>
        ok(contactImport({ undoneAt: '2026-01-02T05:00:00Z', undoneCount: 1 })),
    });
    renderWithProviders(<ImportTracker importId="i1" onAnother={() => {}} />);
    expect(await screen.findByText(/1 created contacts removed/)).toBeInTheDocument();
  });

  it('shows why an import failed', async () => {
    mockApi({
      'GET /api/v1/contacts/imports/i1': () =>
        ok(contactImport({ status: 'failed', error: 'The workspace reached its contact limit' })),
    });
    renderWithProviders(<ImportTracker importId="i1" onAnother={() => {}} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The workspace reached its contact limit',
    );
    expect(screen.getByRole('heading', { name: 'Import failed' })).toBeInTheDocument();
  });

  it('shows the progress of a running import and cancels it', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let current = contactImport({ status: 'running', percent: 40, finishedAt: null });
    const { requests } = mockApi({
      'GET /api/v1/contacts/imports/i1': () => ok(current),
      'POST /api/v1/contacts/imports/i1/cancel': () => {
        current = { ...current, status: 'cancelled' };
        return ok(current);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<ImportTracker importId="i1" onAnother={() => {}} />);

    expect(await screen.findByText(/40% of the file read/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel import' }));
    expect(await screen.findByRole('heading', { name: 'Import cancelled' })).toBeInTheDocument();
    await waitFor(() =>
      expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/i1/cancel'))).toBe(true),
    );
  });
});
