import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { ApiKeysPanel } from './api-keys-panel';

const FULL_KEY = 'wdx_live_3f9a1c_verysecretremainder';

describe('ApiKeysPanel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows a created key once, then only its prefix in the list', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    let keys: unknown[] = [];
    mockApi({
      'GET /api/v1/api-keys': () =>
        jsonResponse(200, { success: true, data: { items: keys, nextCursor: null } }),
      'POST /api/v1/api-keys': async (req) => {
        const { name } = (await req.json()) as { name: string };
        const created = {
          id: 'k1',
          name,
          prefix: 'wdx_live_3f9a1c',
          createdAt: '2026-01-02T03:04:05Z',
        };
        keys = [{ ...created, lastUsedAt: null }];
        return jsonResponse(201, { success: true, data: { ...created, key: FULL_KEY } });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<ApiKeysPanel canManage />);

    expect(await screen.findByText('No API keys yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create API key' }));
    await user.type(screen.getByLabelText(/key name/i), 'Shop backend');
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    const dialog = await screen.findByRole('dialog', { name: 'API key created' });
    expect(within(dialog).getByText(FULL_KEY)).toBeInTheDocument();
    expect(within(dialog).getByText(/only time the full key is shown/i)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Copy key' })).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'I have saved it' }));
    await waitFor(() => expect(screen.queryByText(FULL_KEY)).not.toBeInTheDocument());

    const table = await screen.findByRole('table', { name: 'API keys' });
    expect(within(table).getByText('Shop backend')).toBeInTheDocument();
    expect(within(table).getByText('wdx_live_3f9a1c…')).toBeInTheDocument();
    expect(within(table).getByText('Never')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(FULL_KEY);
  });

  it('hides create and revoke from people who cannot manage keys', async () => {
    mockApi({
      'GET /api/v1/api-keys': () =>
        jsonResponse(200, {
          success: true,
          data: {
            items: [
              {
                id: 'k1',
                name: 'CI',
                prefix: 'wdx_ab',
                createdAt: '2026-01-02T03:04:05Z',
                lastUsedAt: null,
              },
            ],
            nextCursor: null,
          },
        }),
    });
    renderWithProviders(<ApiKeysPanel canManage={false} />);

    expect(await screen.findByText('CI')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create API key' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /revoke/i })).not.toBeInTheDocument();
  });
});
