import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Channel } from '../../../api/types';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { SendMessageForm } from './send-message-form';

const CHANNEL = {
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
  sandbox: { failureRate: 0, maxMessagesPerSecond: 80, enforceServiceWindow: true },
  webhookUrl: 'http://localhost:8080/webhooks/whatsapp/c1',
  verifyToken: null,
  hasAccessToken: true,
  hasAppSecret: true,
  createdAt: '2026-01-02T03:04:05Z',
  updatedAt: '2026-01-02T03:04:05Z',
} as Channel;

const refusal = (status: number, code: string, message: string, details: unknown[] = []) =>
  jsonResponse(status, { success: false, error: { code, message, details } });

describe('SendMessageForm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('puts the server’s field error next to the phone number', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const { requests } = mockApi({
      'POST /api/v1/messages': () =>
        refusal(400, 'validation_failed', 'Request validation failed', [
          { field: 'to', message: 'must be an international phone number such as +2348012345678' },
        ]),
    });
    const user = userEvent.setup();
    renderWithProviders(<SendMessageForm channel={CHANNEL} />);

    await user.type(screen.getByRole('textbox', { name: /^To/ }), '08012345678');
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const to = screen.getByRole('textbox', { name: /^To/ });
    expect(
      await screen.findByText('must be an international phone number such as +2348012345678'),
    ).toBeInTheDocument();
    expect(to).toHaveAttribute('aria-invalid', 'true');
    const sent = requests.find((r) => r.method === 'POST')!;
    expect(await sent.json()).toEqual({ channelId: 'c1', to: '08012345678', text: 'Hello' });
    expect(sent.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('explains the 24-hour rule and switches to a template', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockApi({
      'POST /api/v1/messages': () =>
        refusal(
          409,
          'outside_service_window',
          "WhatsApp allows free-form messages only within 24 hours of the contact's last message; send an approved template instead",
        ),
    });
    const user = userEvent.setup();
    renderWithProviders(<SendMessageForm channel={CHANNEL} />);

    await user.type(screen.getByRole('textbox', { name: /^To/ }), '+2348012345678');
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Hello again');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Outside the 24-hour window')).toBeInTheDocument();
    expect(alert).toHaveTextContent(/within 24 hours of the customer’s last message/);
    expect(screen.getByRole('switch', { name: /Send a template/ })).toBeChecked();
    expect(screen.getByRole('textbox', { name: /^Template name/ })).toBeInTheDocument();
  });

  it('shows the usage limit clearly', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    mockApi({
      'POST /api/v1/messages': () =>
        refusal(429, 'usage_limit_reached', 'Your plan allows 1000 messages a month'),
    });
    const user = userEvent.setup();
    renderWithProviders(<SendMessageForm channel={CHANNEL} />);

    await user.type(screen.getByRole('textbox', { name: /^To/ }), '+2348012345678');
    await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Hi');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Usage limit reached');
    expect(alert).toHaveTextContent('Your plan allows 1000 messages a month');
  });

  it('says why sending is not possible while the channel is not connected', () => {
    mockApi({});
    renderWithProviders(
      <SendMessageForm
        channel={{ ...CHANNEL, status: 'error', statusReason: 'the access token expired' }}
      />,
    );
    expect(screen.getByText(/This channel is error: the access token expired/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    expect(screen.getByRole('textbox', { name: /^To/ })).toBeDisabled();
  });
});
