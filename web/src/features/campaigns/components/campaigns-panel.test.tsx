import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useEvents } from '../../../api/use-events';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { CampaignsPanel } from './campaigns-panel';
import { campaign } from './test-fixtures';

const ok = (data: unknown, status = 200) => jsonResponse(status, { success: true, data });

type Listener = (event: MessageEvent<string>) => void;

/** Enough of EventSource for useEvents: named listeners and a way to emit to them. */
class FakeEventSource {
  static last: FakeEventSource | undefined;
  listeners = new Map<string, Listener[]>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {}
  emit(type: string, data: unknown) {
    const event = new MessageEvent(type, { data: JSON.stringify(data) });
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
}

function WithEvents() {
  useEvents(true);
  return <CampaignsPanel />;
}

describe('CampaignsPanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('offers a first campaign when there is none', async () => {
    mockApi({ 'GET /api/v1/campaigns': () => ok({ items: [], nextCursor: null }) });
    renderWithProviders(<CampaignsPanel />);
    expect(await screen.findByText('No campaigns yet')).toBeInTheDocument();
    const links = screen.getAllByRole('link', { name: 'New campaign' });
    expect(links[0]).toHaveAttribute('href', '/campaigns/new');
  });

  it('explains the upgrade on the Starter plan', async () => {
    mockApi({
      'GET /api/v1/campaigns': () =>
        jsonResponse(403, {
          success: false,
          error: {
            code: 'upgrade_required',
            message: 'Campaigns need the Pro or Enterprise plan.',
            details: [],
          },
        }),
    });
    renderWithProviders(<CampaignsPanel />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Campaigns need the Pro or Enterprise plan.');
    expect(alert).toHaveTextContent('Campaigns need the Pro plan');
  });

  it('shows status and progress, and moves the bar on campaign.progress without a reload', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    let counts = { total: 10, pending: 6, sending: 0, sent: 3, failed: 1 };
    mockApi({
      'GET /api/v1/campaigns': () =>
        ok({
          items: [
            campaign({ counts }),
            campaign({ id: 'k2', name: 'Draft one', status: 'draft', startedAt: null }),
          ],
          nextCursor: null,
        }),
    });
    renderWithProviders(<WithEvents />);

    const table = await screen.findByRole('table', { name: 'Campaigns' });
    const row = within(table).getByRole('row', { name: /Spring sale/ });
    expect(within(row).getByText('running')).toBeInTheDocument();
    expect(within(row).getByRole('progressbar', { name: 'Spring sale progress' })).toHaveAttribute(
      'aria-valuenow',
      '40',
    );
    expect(within(row).getByText('4 of 10')).toBeInTheDocument();
    // one bar for assistive technology, not one per coloured section
    expect(within(row).getAllByRole('progressbar')).toHaveLength(1);
    // actions follow the state: a running campaign pauses, a draft starts
    expect(within(row).getByRole('button', { name: 'Pause Spring sale' })).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: 'Start Spring sale' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Start Draft one' })).toBeInTheDocument();

    counts = { total: 10, pending: 0, sending: 0, sent: 9, failed: 1 };
    FakeEventSource.last!.emit('campaign.progress', {
      type: 'campaign.progress',
      campaignId: 'k1',
      status: 'running',
      ...counts,
    });
    await waitFor(() =>
      expect(screen.getByRole('progressbar', { name: 'Spring sale progress' })).toHaveAttribute(
        'aria-valuenow',
        '100',
      ),
    );
    expect(screen.getByText('10 of 10')).toBeInTheDocument();
  });

  it('confirms a delete and says a sending campaign stops first', async () => {
    const { requests } = mockApi({
      'GET /api/v1/campaigns': () => ok({ items: [campaign()], nextCursor: null }),
      'DELETE /api/v1/campaigns/k1': () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    renderWithProviders(<CampaignsPanel />);
    await user.click(await screen.findByRole('button', { name: 'Delete Spring sale' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete campaign?' });
    expect(dialog).toHaveTextContent('sending stops first');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(requests.some((r) => r.method === 'DELETE' && r.url.endsWith('/campaigns/k1'))).toBe(
        true,
      ),
    );
  });
});
