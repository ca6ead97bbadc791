import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { CampaignDetail } from './campaign-detail';
import { campaign } from './test-fixtures';

const ok = (data: unknown, status = 200) => jsonResponse(status, { success: true, data });

const RUNNING = campaign({
  counts: { total: 100, pending: 40, sent: 50, delivered: 30, read: 10, failed: 6, skipped: 4 },
  ratePerSecond: 2.5,
  etaSeconds: 16,
});

const RECIPIENT = {
  id: 'r1',
  contactId: 'c1',
  phone: '+2348031234567',
  status: 'failed',
  reason: 'provider_error',
  attempt: 1,
  channelId: 'ch1',
  messageId: null,
  updatedAt: '2026-01-02T03:04:05Z',
};

function posted(requests: Request[], path: string) {
  return requests.some((r) => r.method === 'POST' && new URL(r.url).pathname === path);
}

describe('CampaignDetail', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows counts, funnel, rate and ETA, and filters recipients by status', async () => {
    const { requests } = mockApi({
      'GET /api/v1/campaigns/k1': () => ok(RUNNING),
      'GET /api/v1/campaigns/k1/recipients': (r) =>
        ok({
          items: new URL(r.url).searchParams.get('status') === 'failed' ? [RECIPIENT] : [],
          nextCursor: null,
        }),
    });
    const user = userEvent.setup();
    renderWithProviders(<CampaignDetail id="k1" />);

    const counts = await screen.findByRole('list', { name: 'Counts' });
    expect(within(counts).getByRole('listitem', { name: 'Total' })).toHaveTextContent('100');
    expect(within(counts).getByRole('listitem', { name: 'Delivered' })).toHaveTextContent('30');
    expect(screen.getByRole('progressbar', { name: 'Spring sale progress' })).toHaveAttribute(
      'aria-valuenow',
      '60',
    );
    expect(screen.getByText('2.5/s')).toBeInTheDocument();
    expect(screen.getByText('16 s')).toBeInTheDocument();
    expect(await screen.findByText('No recipients yet')).toBeInTheDocument();

    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'failed' }));
    const table = await screen.findByRole('table', { name: 'Recipients' });
    expect(table).toHaveTextContent('provider_error');
    expect(requests.some((r) => new URL(r.url).searchParams.get('status') === 'failed')).toBe(true);
  });

  it('pauses through the pause endpoint and shows the server’s 409 message', async () => {
    const { requests } = mockApi({
      'GET /api/v1/campaigns/k1': () => ok(RUNNING),
      'GET /api/v1/campaigns/k1/recipients': () => ok({ items: [], nextCursor: null }),
      'POST /api/v1/campaigns/k1/pause': () =>
        jsonResponse(409, {
          success: false,
          error: {
            code: 'invalid_state',
            message: 'A completed campaign cannot be paused.',
            details: [],
          },
        }),
      'POST /api/v1/campaigns/k1/cancel': () => ok(campaign({ status: 'cancelled' })),
    });
    const user = userEvent.setup();
    renderWithProviders(<CampaignDetail id="k1" />);

    await user.click(await screen.findByRole('button', { name: 'Pause Spring sale' }));
    expect(await screen.findByText('A completed campaign cannot be paused.')).toBeInTheDocument();
    expect(posted(requests, '/api/v1/campaigns/k1/pause')).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Cancel Spring sale' }));
    await waitFor(() => expect(posted(requests, '/api/v1/campaigns/k1/cancel')).toBe(true));
  });

  it('offers resume and retry for a paused campaign with failures, with the pause reason', async () => {
    const paused = campaign({
      status: 'paused',
      statusReason: 'Failures exceeded 10 %',
      counts: { total: 10, pending: 5, sent: 3, failed: 2 },
    });
    const { requests } = mockApi({
      'GET /api/v1/campaigns/k1': () => ok(paused),
      'GET /api/v1/campaigns/k1/recipients': () => ok({ items: [], nextCursor: null }),
      'POST /api/v1/campaigns/k1/resume': () => ok(campaign()),
      'POST /api/v1/campaigns/k1/retry-failed': () => ok(campaign()),
    });
    const user = userEvent.setup();
    renderWithProviders(<CampaignDetail id="k1" />);

    expect(await screen.findByText('Failures exceeded 10 %')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pause Spring sale' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Retry failed Spring sale' }));
    await waitFor(() => expect(posted(requests, '/api/v1/campaigns/k1/retry-failed')).toBe(true));
    await user.click(screen.getByRole('button', { name: 'Resume Spring sale' }));
    await waitFor(() => expect(posted(requests, '/api/v1/campaigns/k1/resume')).toBe(true));
  });
});
