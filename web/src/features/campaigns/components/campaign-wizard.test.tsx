import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockApi, renderWithProviders } from '../../../test/render';
import { CampaignWizard } from './campaign-wizard';
import { campaign } from './test-fixtures';

const ok = (data: unknown, status = 200) => jsonResponse(status, { success: true, data });

const CHANNEL = {
  id: 'ch1',
  name: 'Sandbox one',
  provider: 'sandbox',
  status: 'connected',
  displayPhoneNumber: '+15550001',
  ratePerSecond: 20,
};

function handlers(create: (r: Request) => Response | Promise<Response>) {
  return {
    'GET /api/v1/workspace': () => ok({ id: 'w1', name: 'Acme', timeZone: 'Africa/Lagos' }),
    'GET /api/v1/contacts/count': () => ok({ count: 42 }),
    'GET /api/v1/contacts': () => ok({ items: [], nextCursor: null }),
    'GET /api/v1/audiences': () => ok({ items: [], nextCursor: null }),
    'GET /api/v1/templates': () => ok({ items: [], nextCursor: null }),
    'GET /api/v1/channels': () => ok({ items: [CHANNEL], nextCursor: null }),
    'POST /api/v1/templates/render': () =>
      ok({ text: 'Hello there, big sale today', variables: [], missing: [], spins: false }),
    'POST /api/v1/campaigns': create,
    'POST /api/v1/campaigns/k1/start': () => ok(campaign()),
    'PATCH /api/v1/campaigns/k1': () => ok(campaign({ status: 'draft' })),
  };
}

// five steps of typing and clicking take a few seconds in jsdom
const LONG = 30_000;

describe('CampaignWizard', () => {
  afterEach(() => vi.unstubAllGlobals());

  it(
    'validates each step and posts the campaign, then starts it',
    async () => {
      const { requests } = mockApi(handlers(() => ok(campaign({ status: 'draft' }), 201)));
      const user = userEvent.setup();
      renderWithProviders(<CampaignWizard />, { route: '/campaigns/new' });

      await waitFor(() => expect(screen.getByTestId('audience-count')).toHaveTextContent('42'));
      await user.click(screen.getByRole('button', { name: 'Next' }));
      expect(await screen.findByText('is required')).toBeInTheDocument();
      await user.type(screen.getByRole('textbox', { name: /Campaign name/ }), 'Spring sale');
      await user.click(screen.getByRole('button', { name: 'Next' }));

      await user.click(await screen.findByRole('button', { name: 'Next' }));
      expect(await screen.findByText('write the message')).toBeInTheDocument();
      await user.type(screen.getByRole('textbox', { name: /^Message/ }), 'Hello there, big sale');
      await waitFor(() =>
        expect(screen.getByTestId('message-preview')).toHaveTextContent(
          'Hello there, big sale today',
        ),
      );
      await user.click(screen.getByRole('button', { name: 'Next' }));

      await user.click(await screen.findByRole('button', { name: 'Next' }));
      expect(await screen.findByText('must name at least one channel')).toBeInTheDocument();
      await user.click(screen.getByRole('checkbox', { name: /Sandbox one/ }));
      await user.type(screen.getByRole('textbox', { name: 'Minimum' }), '5');
      await user.type(screen.getByRole('textbox', { name: 'Maximum' }), '2');
      await user.click(screen.getByRole('button', { name: 'Next' }));
      expect(await screen.findByText('must be at least the minimum')).toBeInTheDocument();
      await user.clear(screen.getByRole('textbox', { name: 'Maximum' }));
      await user.type(screen.getByRole('textbox', { name: 'Maximum' }), '9');
      await user.click(screen.getByRole('button', { name: 'Next' }));

      // schedule: now is the default
      await user.click(await screen.findByRole('button', { name: 'Next' }));
      expect(await screen.findByRole('list', { name: 'Review' })).toHaveTextContent('5–9 s');
      await user.click(screen.getByRole('button', { name: 'Create and start' }));

      await waitFor(() =>
        expect(requests.some((r) => r.url.endsWith('/api/v1/campaigns/k1/start'))).toBe(true),
      );
      const post = requests.find(
        (r) => r.method === 'POST' && new URL(r.url).pathname === '/api/v1/campaigns',
      )!;
      expect(await post.json()).toEqual({
        name: 'Spring sale',
        templateId: null,
        body: 'Hello there, big sale',
        variants: [],
        audience: { kind: 'all', audienceId: null, contactIds: null, tags: null, tagMatch: null },
        channelIds: ['ch1'],
        scheduledAt: null,
        pacing: {
          delayMinSeconds: 5,
          delayMaxSeconds: 9,
          batchPauseEvery: null,
          batchPauseMinMinutes: null,
          batchPauseMaxMinutes: null,
          window: null,
        },
        failureThreshold: null,
      });
    },
    LONG,
  );

  it(
    'schedules in the workspace’s time zone and puts server field errors on their step',
    async () => {
      let first = true;
      const { requests } = mockApi(
        handlers(() => {
          if (first) {
            first = false;
            return jsonResponse(400, {
              success: false,
              error: {
                code: 'validation_failed',
                message: 'Invalid request',
                details: [{ field: 'name', message: 'must be at most 200 characters' }],
              },
            });
          }
          return ok(campaign({ status: 'draft' }), 201);
        }),
      );
      const user = userEvent.setup();
      renderWithProviders(<CampaignWizard />, { route: '/campaigns/new' });

      await user.type(await screen.findByRole('textbox', { name: /Campaign name/ }), 'Later');
      await user.click(screen.getByRole('button', { name: 'Next' }));
      await user.type(await screen.findByRole('textbox', { name: /^Message/ }), 'Hi');
      await user.click(screen.getByRole('button', { name: 'Next' }));
      await user.click(await screen.findByRole('checkbox', { name: /Sandbox one/ }));
      await user.click(screen.getByRole('button', { name: 'Next' }));
      await user.click(await screen.findByRole('radio', { name: 'At a date and time' }));
      expect(screen.getByText(/In the workspace’s time zone, Africa\/Lagos/)).toBeInTheDocument();
      const at = screen.getByLabelText('Starts at');
      fireEvent.change(at, { target: { value: '2099-12-24T09:30' } });
      await user.click(screen.getByRole('button', { name: 'Next' }));
      await user.click(await screen.findByRole('button', { name: 'Save as draft' }));

      // back on the first step, the server's message under the name
      expect(await screen.findByText('must be at most 200 characters')).toBeInTheDocument();
      expect(screen.getByRole('textbox', { name: /Campaign name/ })).toBeInTheDocument();
      const post = requests.find(
        (r) => r.method === 'POST' && new URL(r.url).pathname === '/api/v1/campaigns',
      )!;
      const body = (await post.json()) as { scheduledAt: string };
      expect(body.scheduledAt).toBe('2099-12-24T08:30:00.000Z');
    },
    LONG,
  );

  it(
    'sends to contacts with tags and rotates the written variants',
    async () => {
      const { requests } = mockApi(handlers(() => ok(campaign({ status: 'draft' }), 201)));
      const user = userEvent.setup();
      renderWithProviders(<CampaignWizard />, { route: '/campaigns/new' });

      await user.type(await screen.findByRole('textbox', { name: /Campaign name/ }), 'VIPs');
      await user.click(screen.getByRole('radio', { name: 'Contacts with tags' }));
      await user.click(screen.getByRole('button', { name: 'Next' }));
      expect(await screen.findByText('name at least one tag')).toBeInTheDocument();
      await user.type(screen.getByPlaceholderText('vip, lagos…'), 'vip{enter}');
      await waitFor(() => expect(screen.getByTestId('audience-count')).toHaveTextContent('42'));
      expect(
        requests.some((r) => r.url.includes('/api/v1/contacts/count') && r.url.includes('tag=vip')),
      ).toBe(true);
      await user.click(screen.getByRole('button', { name: 'Next' }));

      await user.type(await screen.findByRole('textbox', { name: /^Message/ }), 'Hi there');
      await user.click(screen.getByRole('button', { name: 'Add a variant' }));
      await user.click(screen.getByRole('button', { name: 'Next' }));
      expect(await screen.findByText('write the variant or remove it')).toBeInTheDocument();
      await user.type(screen.getByRole('textbox', { name: 'Variant 2' }), 'Hey there');
      await user.click(screen.getByRole('button', { name: 'Next' }));
      await user.click(await screen.findByRole('checkbox', { name: /Sandbox one/ }));
      await user.click(screen.getByRole('button', { name: 'Next' }));
      await user.click(await screen.findByRole('button', { name: 'Next' }));
      const review = await screen.findByRole('list', { name: 'Review' });
      expect(review).toHaveTextContent('Contacts with any of: vip');
      expect(review).toHaveTextContent('1 in rotation');
      await user.click(screen.getByRole('button', { name: 'Save as draft' }));

      await waitFor(() =>
        expect(
          requests.some(
            (r) => r.method === 'POST' && new URL(r.url).pathname === '/api/v1/campaigns',
          ),
        ).toBe(true),
      );
      const post = requests.find(
        (r) => r.method === 'POST' && new URL(r.url).pathname === '/api/v1/campaigns',
      )!;
      const body = (await post.json()) as { audience: unknown; variants: string[] };
      expect(body.audience).toEqual({
        kind: 'tags',
        audienceId: null,
        contactIds: null,
        tags: ['vip'],
        tagMatch: 'any',
      });
      expect(body.variants).toEqual(['Hey there']);
    },
    LONG,
  );

  it(
    'edits a draft in place with its saved values',
    async () => {
      const { requests } = mockApi(handlers(() => ok(campaign(), 201)));
      const user = userEvent.setup();
      renderWithProviders(
        <CampaignWizard
          campaign={campaign({
            status: 'draft',
            name: 'Old name',
            variants: ['Hey {{ first_name | there }}'],
          })}
        />,
        { route: '/campaigns/k1/edit' },
      );

      expect(await screen.findByRole('heading', { name: 'Edit “Old name”' })).toBeInTheDocument();
      const name = screen.getByRole('textbox', { name: /Campaign name/ });
      expect(name).toHaveValue('Old name');
      await user.clear(name);
      await user.type(name, 'New name');
      await user.click(screen.getByRole('button', { name: 'Next' }));
      expect(await screen.findByRole('textbox', { name: 'Variant 2' })).toHaveValue(
        'Hey {{ first_name | there }}',
      );
      await user.click(screen.getByRole('button', { name: 'Next' }));
      await user.click(await screen.findByRole('button', { name: 'Next' }));
      await user.click(await screen.findByRole('button', { name: 'Next' }));
      await user.click(await screen.findByRole('button', { name: 'Save changes' }));

      await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
      const patch = requests.find((r) => r.method === 'PATCH')!;
      expect(new URL(patch.url).pathname).toBe('/api/v1/campaigns/k1');
      const body = (await patch.json()) as { name: string; variants: string[] };
      expect(body.name).toBe('New name');
      expect(body.variants).toEqual(['Hey {{ first_name | there }}']);
      expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/api/v1/campaigns'))).toBe(
        false,
      );
    },
    LONG,
  );
});
