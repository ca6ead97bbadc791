import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { AnalyticsDashboard } from './analytics-dashboard';
import { activity, CHANNEL_ID, CONTACT_ID, dashboard, series } from './test-fixtures';

// chart.js needs a real canvas; the figure's data table carries the same numbers.
vi.mock('./charts', () => ({
  SeriesChart: ({ ariaLabel }: { ariaLabel: string }) => <div role="img" aria-label={ariaLabel} />,
}));

const ok = (data: unknown) => jsonResponse(200, { success: true, data });
const SHOP_ID = '0190a000-0000-7000-8000-0000000000c2';
const CHANNELS = [
  { id: CHANNEL_ID, name: 'Sandbox 1' },
  { id: SHOP_ID, name: 'Shop line' },
];
const TODAY = '2026-03-10';

function card(name: string) {
  return screen.getByRole('group', { name });
}

function seriesHandler(perDay: Parameters<typeof series>[2] = {}) {
  return (request: Request) => {
    const q = new URL(request.url).searchParams;
    return ok(series(q.get('from')!, q.get('to')!, perDay, q.get('channelId')));
  };
}

describe('AnalyticsDashboard', () => {
  beforeEach(() => {
    // only Date: Testing Library's and React Query's timers stay real
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(`${TODAY}T12:00:00Z`));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("shows the API's numbers on the cards", async () => {
    mockApi({
      'GET /api/v1/analytics/dashboard': () => ok(dashboard()),
      'GET /api/v1/analytics/messages': seriesHandler(),
      [`GET /api/v1/contacts/${CONTACT_ID}`]: () =>
        ok({ id: CONTACT_ID, name: 'Ngozi Okafor', phone: '+2348031234567' }),
    });
    renderWithProviders(<AnalyticsDashboard channels={CHANNELS} timeZone="Europe/Berlin" />);

    const messages = await screen.findByRole('group', { name: 'Messages this month' });
    expect(within(messages).getByTestId('stat-value')).toHaveTextContent('1,234');
    expect(within(messages).getByTestId('stat-suffix')).toHaveTextContent('of 10,000');
    expect(within(messages).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '12.3');
    expect(messages).toHaveTextContent('56 received this month');
    expect(within(card('Channels connected')).getByTestId('stat-value')).toHaveTextContent('1');
    expect(card('Channels connected')).toHaveTextContent('of 2');
    expect(card('Channels connected')).toHaveTextContent('1 not connected');
    expect(within(card('Contacts')).getByTestId('stat-value')).toHaveTextContent('4,321');
    expect(card('Contacts')).toHaveTextContent('of 100,000');
    expect(within(card('Running campaigns')).getByTestId('stat-value')).toHaveTextContent('3');
    expect(within(card('Delivery rate (7 days)')).getByTestId('stat-value')).toHaveTextContent(
      '91.7%',
    );
    expect(card('Delivery rate (7 days)')).toHaveTextContent('110 of 120 sent');
    // no rate without data: a dash, not 0 %
    expect(within(card('Read rate (7 days)')).getByTestId('stat-value')).toHaveTextContent('—');
    expect(screen.getByTestId('stats-updated')).toHaveTextContent('Updated 2 minutes ago');

    // recent activity names the contact and links to it
    const feed = screen.getByRole('list', { name: 'Recent activity' });
    const link = await within(feed).findByRole('link', { name: 'Ngozi Okafor' });
    expect(link).toHaveAttribute('href', `/inbox/${CONTACT_ID}`);
    expect(within(feed).getByRole('img', { name: 'Sent' })).toBeInTheDocument();
    expect(feed).toHaveTextContent('Campaign');
    expect(feed).toHaveTextContent('✓✓ delivered');
    expect(feed).toHaveTextContent('Sandbox 1');
    expect(feed).toHaveTextContent('5 minutes ago');
  });

  it('turns the messages bar yellow from 80 % and red at the limit', async () => {
    mockApi({
      'GET /api/v1/analytics/dashboard': () =>
        ok(dashboard({ messagesThisMonth: 10000, contacts: 85000 })),
      'GET /api/v1/analytics/messages': seriesHandler(),
    });
    renderWithProviders(<AnalyticsDashboard channels={CHANNELS} timeZone="Europe/Berlin" />);
    const messages = await screen.findByRole('group', { name: 'Messages this month' });
    expect(within(messages).getByRole('progressbar').parentElement).toHaveAttribute(
      'data-level',
      'reached',
    );
    expect(within(card('Contacts')).getByRole('progressbar').parentElement).toHaveAttribute(
      'data-level',
      'warning',
    );
  });

  it('asks for 30 days, then 7 or 90 from the switch, ending today in the workspace zone', async () => {
    const { requests } = mockApi({
      'GET /api/v1/analytics/dashboard': () => ok(dashboard()),
      'GET /api/v1/analytics/messages': seriesHandler({
        [TODAY]: { sent: 5, delivered: 4, read: 2, received: 1 },
      }),
    });
    const user = userEvent.setup();
    // 23:30 UTC is already the next day in Tokyo
    vi.setSystemTime(new Date(`${TODAY}T23:30:00Z`));
    renderWithProviders(<AnalyticsDashboard channels={CHANNELS} timeZone="Asia/Tokyo" />);

    const ranges = () =>
      requests
        .map((r) => new URL(r.url))
        .filter((u) => u.pathname === '/api/v1/analytics/messages')
        .map((u) => `${u.searchParams.get('from')}..${u.searchParams.get('to')}`);
    await waitFor(() => expect(ranges()).toEqual(['2026-02-10..2026-03-11']));

    await user.click(screen.getByRole('radio', { name: '7 days' }));
    await waitFor(() => expect(ranges().at(-1)).toBe('2026-03-05..2026-03-11'));
    const table = await screen.findByRole('table', { name: 'Messages per day, last 7 days data' });
    expect(within(table).getAllByRole('row')).toHaveLength(8);

    await user.click(screen.getByRole('radio', { name: '90 days' }));
    await waitFor(() => expect(ranges().at(-1)).toBe('2025-12-12..2026-03-11'));
    expect(
      await screen.findByRole('table', { name: 'Messages per day, last 90 days data' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Messages per day, last 90 days' })).toBeInTheDocument();
  });

  it("shows each day's numbers in the chart's table and the funnel's shares", async () => {
    mockApi({
      'GET /api/v1/analytics/dashboard': () => ok(dashboard()),
      'GET /api/v1/analytics/messages': seriesHandler({
        '2026-03-09': { sent: 3, delivered: 3, read: 3 },
        [TODAY]: { sent: 5, delivered: 4, read: 2, received: 1, failed: 1 },
      }),
    });
    renderWithProviders(<AnalyticsDashboard channels={CHANNELS} timeZone="Europe/Berlin" />);

    const table = await screen.findByRole('table', { name: 'Messages per day, last 30 days data' });
    const today = within(table).getByRole('row', { name: /\(today\)/ });
    const cell = (series: string) => today.querySelector(`[data-series="${series}"]`);
    expect(cell('sent')).toHaveTextContent('5');
    expect(cell('delivered')).toHaveTextContent('4');
    expect(cell('read')).toHaveTextContent('2');
    expect(cell('received')).toHaveTextContent('1');
    expect(cell('failed')).toHaveTextContent('1');

    // over the period: 8 sent, 7 delivered (87.5 %), 5 read (62.5 %)
    const funnel = screen.getByRole('list', { name: 'Delivery funnel' });
    expect(within(funnel).getByRole('listitem', { name: 'Sent' })).toHaveTextContent('8100%');
    expect(within(funnel).getByRole('listitem', { name: 'Delivered' })).toHaveTextContent('787.5%');
    expect(within(funnel).getByRole('listitem', { name: 'Read' })).toHaveTextContent('562.5%');
  });

  it('narrows the chart to the chosen channel', async () => {
    const { requests } = mockApi({
      'GET /api/v1/analytics/dashboard': () => ok(dashboard()),
      'GET /api/v1/analytics/messages': seriesHandler(),
    });
    const user = userEvent.setup();
    renderWithProviders(<AnalyticsDashboard channels={CHANNELS} timeZone="Europe/Berlin" />);

    const select = await screen.findByRole('combobox', { name: 'Channel' });
    expect(select).toHaveValue('All channels');
    await user.click(select);
    await user.click(await screen.findByRole('option', { name: 'Shop line' }));
    await waitFor(() =>
      expect(new URL(requests.at(-1)!.url).searchParams.get('channelId')).toBe(SHOP_ID),
    );
    expect(new URL(requests.at(-1)!.url).searchParams.get('from')).toBe('2026-02-09');

    await user.click(select);
    await user.click(await screen.findByRole('option', { name: 'All channels' }));
    await waitFor(() =>
      expect(new URL(requests.at(-1)!.url).searchParams.has('channelId')).toBe(false),
    );
  });

  it('invites a first message when there is nothing yet', async () => {
    const { requests } = mockApi({
      'GET /api/v1/analytics/dashboard': () =>
        ok(
          dashboard({
            messagesThisMonth: 0,
            deliveryRate7d: null,
            readRate7d: null,
            last7Days: series(TODAY, TODAY).total,
            recentActivity: [],
            statsUpdatedAt: null,
          }),
        ),
    });
    renderWithProviders(<AnalyticsDashboard channels={[]} timeZone="Europe/Berlin" />);

    expect(await screen.findByText('No messages yet')).toBeInTheDocument();
    expect(screen.getByText(/Send your first message/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to Channels' })).toHaveAttribute(
      'href',
      '/channels',
    );
    expect(screen.getByRole('link', { name: 'Go to Campaigns' })).toHaveAttribute(
      'href',
      '/campaigns',
    );
    expect(card('Delivery rate (7 days)')).toHaveTextContent('Nothing sent in the last 7 days');
    // no chart and no series request for an empty workspace
    expect(screen.queryByText('Message volume')).toBeNull();
    expect(requests.some((r) => r.url.includes('/analytics/messages'))).toBe(false);
  });

  it('marks inbound messages and contacts that are gone', async () => {
    mockApi({
      'GET /api/v1/analytics/dashboard': () =>
        ok(
          dashboard({
            recentActivity: [
              activity({ direction: 'in', status: 'received', campaign: false, preview: 'Hello?' }),
            ],
          }),
        ),
      'GET /api/v1/analytics/messages': seriesHandler(),
      [`GET /api/v1/contacts/${CONTACT_ID}`]: () =>
        jsonResponse(404, {
          success: false,
          error: { code: 'not_found', message: 'No such contact', details: [] },
        }),
    });
    renderWithProviders(<AnalyticsDashboard channels={[]} timeZone="Europe/Berlin" />);
    const feed = await screen.findByRole('list', { name: 'Recent activity' });
    expect(within(feed).getByRole('img', { name: 'Received' })).toBeInTheDocument();
    expect(await within(feed).findByText('Deleted contact')).toBeInTheDocument();
    expect(within(feed).queryByRole('link')).toBeNull();
    expect(feed).toHaveTextContent('Hello?');
    expect(feed).toHaveTextContent('Deleted channel');
    expect(feed).not.toHaveTextContent('Campaign');
  });

  it('says what went wrong and retries', async () => {
    let fail = true;
    mockApi({
      'GET /api/v1/analytics/dashboard': () =>
        fail
          ? jsonResponse(500, {
              success: false,
              error: { code: 'internal', message: 'Something broke', details: [] },
            })
          : ok(dashboard()),
      'GET /api/v1/analytics/messages': seriesHandler(),
    });
    const user = userEvent.setup();
    renderWithProviders(<AnalyticsDashboard channels={CHANNELS} timeZone="Europe/Berlin" />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Something broke');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('group', { name: 'Messages this month' })).toBeInTheDocument();
  });
});
