import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { ChannelsPanel } from './channels-panel';

const SANDBOX = {
  id: 'c1',
  name: 'Sandbox',
  provider: 'sandbox',
  status: 'connected',
  statusReason: null,
  phoneNumberId: '123456789012345',
  wabaId: null,
  displayPhoneNumber: '+1 555 0142 3456',
  graphBaseUrl: 'http://127.0.0.1:8080/sandbox/graph/v21.0',
  ratePerSecond: 80,
  sandbox: { failureRate: 0, maxMessagesPerSecond: 80, enforceServiceWindow: false },
  webhookUrl: 'http://localhost:8080/webhooks/whatsapp/c1',
  verifyToken: 'verify-token-abc',
  hasAccessToken: true,
  hasAppSecret: true,
  createdAt: '2026-01-02T03:04:05Z',
  updatedAt: '2026-01-02T03:04:05Z',
};

const list = (items: unknown[]) => () =>
  jsonResponse(200, { success: true, data: { items, nextCursor: null } });

describe('ChannelsPanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('offers a one-click sandbox channel when there are none, then shows its webhook', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let items: unknown[] = [];
    const { requests } = mockApi({
      'GET /api/v1/channels': () => list(items)(),
      'POST /api/v1/channels/sandbox': () => {
        items = [SANDBOX];
        return jsonResponse(201, { success: true, data: SANDBOX });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<ChannelsPanel canManage />);

    expect(await screen.findByText('No channels yet')).toBeInTheDocument();
    expect(screen.getByText(/no Meta account needed/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create sandbox channel' }));

    const table = await screen.findByRole('table', { name: 'Channels' });
    expect(within(table).getByText('+1 555 0142 3456')).toBeInTheDocument();
    expect(within(table).getByText('connected')).toBeInTheDocument();
    const drawer = await screen.findByRole('dialog', { name: 'Sandbox' });
    expect(within(drawer).getByText(SANDBOX.webhookUrl)).toBeInTheDocument();
    expect(within(drawer).getByText('verify-token-abc')).toBeInTheDocument();
    expect(within(drawer).getByRole('button', { name: 'Copy webhook url' })).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('puts the server’s field errors next to the Cloud API inputs', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockApi({
      'GET /api/v1/channels': list([]),
      'POST /api/v1/channels': () =>
        jsonResponse(400, {
          success: false,
          error: {
            code: 'validation_failed',
            message: 'Request validation failed',
            details: [
              { field: 'config.phoneNumberId', message: 'must be the numeric phone number id' },
            ],
          },
        }),
    });
    const user = userEvent.setup();
    renderWithProviders(<ChannelsPanel canManage />);

    await user.click(await screen.findByRole('button', { name: 'Connect WhatsApp Cloud API' }));
    const form = await screen.findByRole('form', { name: 'Connect WhatsApp Cloud API' });
    await user.click(within(form).getByRole('button', { name: 'Connect' }));
    expect(within(form).getByText('Access token is required')).toBeInTheDocument();

    await user.type(within(form).getByLabelText(/Channel name/), 'Support');
    await user.type(within(form).getByLabelText(/Phone number ID/), 'abc');
    await user.type(within(form).getByLabelText(/Business Account ID/), '1');
    await user.type(within(form).getByLabelText(/Access token/), 'tok');
    await user.type(within(form).getByLabelText(/App secret/), 'sec');
    await user.click(within(form).getByRole('button', { name: 'Connect' }));

    expect(
      await within(form).findByText('must be the numeric phone number id'),
    ).toBeInTheDocument();
  });

  it('names the plan to upgrade to when the channel limit is reached', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockApi({
      'GET /api/v1/channels': list([SANDBOX]),
      'POST /api/v1/channels/sandbox': () =>
        jsonResponse(403, {
          success: false,
          error: {
            code: 'upgrade_required',
            message: 'More than 1 channel needs the pro plan or higher',
            details: [{ field: 'plan', message: 'pro' }],
          },
        }),
    });
    const user = userEvent.setup();
    renderWithProviders(<ChannelsPanel canManage />);

    await user.click(await screen.findByRole('button', { name: 'Create sandbox channel' }));
    const alert = await screen.findByRole('alert', { name: 'Channel limit reached' });
    expect(alert).toHaveTextContent('Channel limit reached');
    expect(within(alert).getByText('pro')).toBeInTheDocument();
  });

  it('is read-only for agents', async () => {
    mockApi({ 'GET /api/v1/channels': list([{ ...SANDBOX, verifyToken: null }]) });
    const user = userEvent.setup();
    renderWithProviders(<ChannelsPanel canManage={false} />);

    await user.click(await screen.findByRole('button', { name: 'Open Sandbox' }));
    const drawer = await screen.findByRole('dialog', { name: 'Sandbox' });
    expect(within(drawer).getByText(SANDBOX.webhookUrl)).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Create sandbox channel' }),
    ).not.toBeInTheDocument();
    expect(
      within(drawer).queryByRole('button', { name: 'Test connection' }),
    ).not.toBeInTheDocument();
    expect(
      within(drawer).queryByRole('button', { name: 'Delete channel' }),
    ).not.toBeInTheDocument();
    await waitFor(() => expect(within(drawer).queryByText('Verify token')).not.toBeInTheDocument());
  });
});
