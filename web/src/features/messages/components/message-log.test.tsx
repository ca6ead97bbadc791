import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { MessageLog } from './message-log';

const BASE = {
  channelId: 'c1',
  contactId: 'p1',
  type: 'text',
  wamid: 'wamid.1',
  body: null,
  media: null,
  template: null,
  location: null,
  replyId: null,
  replyTitle: null,
  errorCode: null,
  errorTitle: null,
  errorDetail: null,
  campaignId: null,
  origin: null,
  providerTimestamp: null,
  createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  sentAt: null,
  deliveredAt: null,
  readAt: null,
  failedAt: null,
};

const message = (fields: Record<string, unknown>) => ({ ...BASE, ...fields });

const CONTACT = {
  id: 'p1',
  name: 'Ada Obi',
  phone: '+2348012345678',
  optedOut: false,
  lastChannelId: 'c1',
  lastInboundAt: null,
};

const page = (items: unknown[], nextCursor: string | null = null) =>
  jsonResponse(200, { success: true, data: { items, nextCursor } });

describe('MessageLog', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each message with its direction, contact, content and status', async () => {
    mockApi({
      'GET /api/v1/contacts/p1': () => jsonResponse(200, { success: true, data: CONTACT }),
      'GET /api/v1/messages': () =>
        page([
          message({ id: 'm1', direction: 'out', status: 'read', body: 'Thanks for writing' }),
          message({
            id: 'm2',
            direction: 'out',
            status: 'failed',
            body: 'Your order shipped',
            errorCode: '131026',
            errorTitle: 'Message undeliverable',
          }),
          message({ id: 'm3', direction: 'out', status: 'unknown', body: 'Are you there?' }),
          message({
            id: 'm4',
            direction: 'in',
            status: 'received',
            type: 'image',
            media: {
              link: null,
              mimeType: 'image/jpeg',
              caption: 'my receipt',
              filename: null,
              sizeBytes: 10,
              stored: false,
              error: null,
            },
          }),
          message({ id: 'm5', direction: 'in', status: 'received', type: 'unsupported' }),
          message({
            id: 'm6',
            direction: 'out',
            status: 'accepted',
            type: 'template',
            template: { name: 'order_update', language: 'en', parameters: ['Ada', '#1042'] },
          }),
        ]),
    });
    renderWithProviders(<MessageLog channelId="c1" />);

    const log = await screen.findByRole('list', { name: 'Messages' });
    const rows = within(log).getAllByRole('listitem');
    expect(rows).toHaveLength(6);

    expect(rows[0]).toHaveTextContent('Outbound to');
    expect(rows[0]).toHaveTextContent('Thanks for writing');
    expect(rows[0]).toHaveTextContent('✓✓ read');
    expect(rows[0]).toHaveTextContent('5 minutes ago');
    expect(await within(rows[0]!).findByText('Ada Obi · +2348012345678')).toBeInTheDocument();

    expect(rows[1]).toHaveTextContent('failed');
    expect(within(rows[1]!).getByText('131026 · Message undeliverable')).toBeInTheDocument();

    expect(rows[2]).toHaveTextContent('may or may not have been delivered');

    expect(rows[3]).toHaveTextContent('Inbound from');
    expect(rows[3]).toHaveTextContent('[image] my receipt');
    expect(rows[4]).toHaveTextContent('[unsupported]');
    expect(rows[5]).toHaveTextContent('[template] order_update (en): Ada, #1042');
  });

  it('explains a failure in the status tooltip', async () => {
    mockApi({
      'GET /api/v1/contacts/p1': () => jsonResponse(200, { success: true, data: CONTACT }),
      'GET /api/v1/messages': () =>
        page([
          message({
            id: 'm2',
            direction: 'out',
            status: 'failed',
            body: 'Promo',
            errorCode: '131050',
            errorTitle: 'User stopped marketing messages',
            errorDetail: 'The user chose not to receive marketing messages.',
          }),
        ]),
    });
    const user = userEvent.setup();
    renderWithProviders(<MessageLog channelId="c1" />);

    await user.hover(await screen.findByText('failed'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      '131050 · User stopped marketing messages: The user chose not to receive marketing messages.',
    );
  });

  it('loads older messages with the cursor', async () => {
    const { requests } = mockApi({
      'GET /api/v1/contacts/p1': () => jsonResponse(200, { success: true, data: CONTACT }),
      'GET /api/v1/messages': (request) =>
        new URL(request.url).searchParams.get('cursor') === 'next-1'
          ? page([message({ id: 'm9', direction: 'in', status: 'received', body: 'Older one' })])
          : page(
              [message({ id: 'm1', direction: 'in', status: 'received', body: 'Newest' })],
              'next-1',
            ),
    });
    const user = userEvent.setup();
    renderWithProviders(<MessageLog channelId="c1" />);

    expect(await screen.findByText('Newest')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load older' }));
    expect(await screen.findByText('Older one')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load older' })).not.toBeInTheDocument();
    const first = new URL(requests.find((r) => r.url.includes('/messages'))!.url);
    expect(first.searchParams.get('channelId')).toBe('c1');
  });

  it('says so when the channel has no messages yet', async () => {
    mockApi({ 'GET /api/v1/messages': () => page([]) });
    renderWithProviders(<MessageLog channelId="c1" />);
    expect(await screen.findByText('No messages yet')).toBeInTheDocument();
  });

  it('offers a retry when the log cannot be loaded', async () => {
    mockApi({
      'GET /api/v1/messages': () =>
        jsonResponse(500, {
          success: false,
          error: { code: 'internal', message: 'Database unavailable', details: [] },
        }),
    });
    renderWithProviders(<MessageLog channelId="c1" />);
    expect(await screen.findByText('Database unavailable')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
