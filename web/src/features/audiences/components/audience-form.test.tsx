import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { AudienceForm } from './audience-form';
import { describeFilter } from './audiences-panel';

describe('AudienceForm', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('counts the filter live while it is built, then saves it', async () => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
    const { requests } = mockApi({
      'POST /api/v1/audiences/count': async (r) => {
        const filter = (await r.json()) as { tags: string[]; match: string };
        const count = filter.tags.length === 0 ? 120 : filter.match === 'all' ? 7 : 42;
        return jsonResponse(200, { success: true, data: { count } });
      },
      'POST /api/v1/audiences': async (r) => {
        const body = (await r.json()) as { name: string; filter: unknown };
        return jsonResponse(201, {
          success: true,
          data: {
            id: 'a1',
            ...body,
            count: 7,
            createdAt: '2026-01-02T03:04:05Z',
            updatedAt: '2026-01-02T03:04:05Z',
          },
        });
      },
    });
    const onSaved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<AudienceForm onCancel={() => {}} onSaved={onSaved} />);

    expect(await screen.findByText('120 contacts right now')).toBeInTheDocument();
    await user.type(screen.getAllByLabelText(/^Tags/)[0]!, 'vip{Enter}lagos{Enter}');
    expect(await screen.findByText('42 contacts right now')).toBeInTheDocument();
    await user.click(screen.getByText('all of the tags'));
    expect(await screen.findByText('7 contacts right now')).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Name/), 'Lagos VIPs');
    await user.click(screen.getByRole('button', { name: 'Create audience' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const save = requests.find((r) => new URL(r.url).pathname === '/api/v1/audiences');
    expect(await save?.json()).toEqual({
      name: 'Lagos VIPs',
      filter: { tags: ['vip', 'lagos'], match: 'all', optedInOnly: true, search: null },
    });
  });

  it('describes filters in words', () => {
    expect(describeFilter({ tags: [], match: 'any', optedInOnly: false, search: null })).toBe(
      'every contact',
    );
    expect(
      describeFilter({ tags: ['vip', 'lagos'], match: 'all', optedInOnly: true, search: 'ad' }),
    ).toBe('all of vip, lagos · matching “ad” · opted-in only');
  });
});
