import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { CHANNEL_ID, counter, usage } from './test-fixtures';
import { UsagePanel } from './usage-panel';

vi.mock('./charts', () => ({
  SeriesChart: ({ ariaLabel }: { ariaLabel: string }) => <div role="img" aria-label={ariaLabel} />,
}));

const ok = (data: unknown) => jsonResponse(200, { success: true, data });
const NAMES = new Map([[CHANNEL_ID, 'Sandbox 1']]);

describe('UsagePanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each counter as used of limit, with the plan and no warning when all is well', async () => {
    mockApi({ 'GET /api/v1/analytics/usage': () => ok(usage()) });
    renderWithProviders(<UsagePanel channelNames={NAMES} />);

    const messages = await screen.findByRole('group', { name: 'Messages sent this month' });
    expect(within(messages).getByTestId('counter-used')).toHaveTextContent('5 of 10,000');
    expect(messages).toHaveAttribute('data-level', 'ok');
    expect(
      within(screen.getByRole('group', { name: 'Channels' })).getByRole('progressbar'),
    ).toHaveAttribute('aria-valuenow', '33.3');
    expect(screen.getByLabelText('Plan: pro')).toHaveTextContent('pro');
    expect(screen.getByText(/Period November 2026/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('warns from 80 % and says when a limit is reached, with where to upgrade', async () => {
    mockApi({
      'GET /api/v1/analytics/usage': () =>
        ok(
          usage({
            plan: 'starter',
            counters: [
              counter({ used: 850, limit: 1000, percent: 85, level: 'warning' }),
              counter({
                metric: 'channels',
                label: 'Channels',
                used: 1,
                limit: 1,
                percent: 100,
                level: 'reached',
              }),
              counter({ metric: 'contacts', label: 'Contacts', used: 10, limit: 5000 }),
            ],
          }),
        ),
    });
    renderWithProviders(<UsagePanel channelNames={NAMES} />);

    const messages = await screen.findByRole('group', { name: 'Messages sent this month' });
    expect(messages).toHaveAttribute('data-level', 'warning');
    expect(messages).toHaveTextContent('Almost at the limit');
    expect(within(messages).getByTestId('counter-used')).toHaveTextContent('850 of 1,000');
    expect(within(messages).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '85');

    const channels = screen.getByRole('group', { name: 'Channels' });
    expect(channels).toHaveAttribute('data-level', 'reached');
    expect(channels).toHaveTextContent('Limit reached');
    expect(screen.getByRole('group', { name: 'Contacts' })).toHaveAttribute('data-level', 'ok');

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('A plan limit is reached');
    expect(alert).toHaveTextContent('Messages sent this month: 850 of 1,000');
    expect(alert).toHaveTextContent('Channels: 1 of 1');
    expect(alert).toHaveTextContent('Upgrade to Pro for higher limits');
  });

  it('lays out this month by day, the last 12 months and each channel', async () => {
    mockApi({
      'GET /api/v1/analytics/usage': () =>
        ok(
          usage({
            byChannelThisMonth: [
              ...usage().byChannelThisMonth,
              { channelId: 'gone', counts: { ...usage().byChannelThisMonth[0]!.counts, sent: 9 } },
            ],
          }),
        ),
    });
    renderWithProviders(<UsagePanel channelNames={NAMES} />);

    const daily = await screen.findByRole('table', { name: 'Messages per day this month data' });
    const second = within(daily).getAllByRole('row')[2]!;
    expect(second.querySelector('[data-series="sent"]')).toHaveTextContent('5');
    expect(second.querySelector('[data-series="received"]')).toHaveTextContent('2');
    expect(screen.getByRole('img', { name: 'Messages per day this month' })).toBeInTheDocument();

    const months = screen.getByRole('table', { name: 'Messages per month, last 12 months data' });
    const rows = within(months).getAllByRole('row');
    expect(rows).toHaveLength(13);
    expect(rows[12]).toHaveTextContent('Nov 2026');
    expect(rows[12]!.querySelector('[data-series="sent"]')).toHaveTextContent('5');

    const byChannel = screen.getByRole('table', { name: 'Usage by channel' });
    const sandbox = within(byChannel).getByRole('row', { name: /Sandbox 1/ });
    expect([...sandbox.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      '5',
      '4',
      '3',
      '1',
      '2',
    ]);
    expect(within(byChannel).getByRole('row', { name: /Deleted channel/ })).toHaveTextContent('9');
  });

  it('calls no channel deleted while the channel list is still loading', async () => {
    mockApi({ 'GET /api/v1/analytics/usage': () => ok(usage()) });
    renderWithProviders(<UsagePanel channelNames={undefined} />);
    const byChannel = await screen.findByRole('table', { name: 'Usage by channel' });
    expect(within(byChannel).getAllByRole('row')[1]).toHaveTextContent('54312');
    expect(byChannel).not.toHaveTextContent('Deleted channel');
  });

  it('says when nothing was sent this month', async () => {
    mockApi({ 'GET /api/v1/analytics/usage': () => ok(usage({ byChannelThisMonth: [] })) });
    renderWithProviders(<UsagePanel channelNames={NAMES} />);
    expect(await screen.findByText('No messages this month')).toBeInTheDocument();
  });
});
