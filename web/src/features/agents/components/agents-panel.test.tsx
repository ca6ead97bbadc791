import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithProviders } from '../../../test/render';
import { AgentsPanel } from './agents-panel';
import {
  agent,
  AGENT_ID,
  availability,
  channel,
  CONTACT_ID,
  LONG,
  ok,
  OTHER_AGENT_ID,
  reply,
} from './test-fixtures';

const CHANNELS = { items: [channel()], nextCursor: null };

describe('AgentsPanel', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists agents with their channels and model, and turns one off at once', LONG, async () => {
    let enabled = true;
    const { requests } = mockApi({
      'GET /api/v1/agents/availability': () => ok(availability()),
      'GET /api/v1/channels': () => ok(CHANNELS),
      'GET /api/v1/agents': () =>
        ok([
          agent({ enabled }),
          agent({ id: OTHER_AGENT_ID, name: 'Tunde', model: 'llama3', channelIds: [] }),
        ]),
      [`PUT /api/v1/agents/${AGENT_ID}/enabled`]: async (r) => {
        enabled = ((await r.json()) as { enabled: boolean }).enabled;
        return ok(agent({ enabled }));
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<AgentsPanel canManage />);

    const table = await screen.findByRole('table', { name: 'Agents' });
    const [, kemi, tunde] = within(table).getAllByRole('row');
    expect(within(kemi!).getByRole('link', { name: 'Kemi' })).toHaveAttribute(
      'href',
      `/agents/${AGENT_ID}`,
    );
    expect(await within(kemi!).findByText('Lagos support')).toBeInTheDocument();
    expect(kemi).toHaveTextContent('gpt-4o-mini (default)');
    expect(tunde).toHaveTextContent('No channel');
    expect(tunde).toHaveTextContent('llama3');
    expect(screen.getByRole('link', { name: 'New agent' })).toHaveAttribute('href', '/agents/new');

    const toggle = within(kemi!).getByRole('switch', { name: 'Enabled: Kemi' });
    expect(toggle).toBeChecked();
    await user.click(toggle);
    await waitFor(() => expect(toggle).not.toBeChecked());
    const put = requests.find((r) => r.method === 'PUT');
    expect(await put!.json()).toEqual({ enabled: false });
  });

  it('says why no agent can be created or turned on', LONG, async () => {
    mockApi({
      'GET /api/v1/agents/availability': () =>
        ok(
          availability({
            configured: false,
            defaultModel: null,
            limit: 1,
            used: 1,
            upgradePlan: 'pro',
          }),
        ),
      'GET /api/v1/channels': () => ok(CHANNELS),
      'GET /api/v1/agents': () => ok([agent({ enabled: false })]),
    });
    renderWithProviders(<AgentsPanel canManage />);

    expect(await screen.findByTestId('create-blocked')).toHaveTextContent(
      'Your plan allows 1 agent; upgrade to pro.',
    );
    expect(screen.getByRole('button', { name: 'New agent' })).toBeDisabled();
    const notice = screen.getByRole('alert', { name: 'No AI provider is configured' });
    expect(notice).toHaveTextContent('No AI provider is configured');
    expect(notice).toHaveTextContent('WHATSDEX_AI_BASE_URL');
    expect(notice).toHaveTextContent('WHATSDEX_AI_MODEL');
    expect(notice).toHaveTextContent('WHATSDEX_AI_API_KEY');
    expect(notice).toHaveTextContent('restarts the server');
    expect(await screen.findByRole('switch', { name: 'Enabled: Kemi' })).toBeDisabled();
  });

  it('invites to create the first agent', LONG, async () => {
    mockApi({
      'GET /api/v1/agents/availability': () => ok(availability({ used: 0 })),
      'GET /api/v1/channels': () => ok(CHANNELS),
      'GET /api/v1/agents': () => ok([]),
    });
    renderWithProviders(<AgentsPanel canManage />);

    expect(await screen.findByText('No agents yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create an agent' })).toHaveAttribute(
      'href',
      '/agents/new',
    );
  });

  it('shows what agents did, filtered by status, a page at a time', LONG, async () => {
    const { requests } = mockApi({
      'GET /api/v1/agents/availability': () => ok(availability()),
      'GET /api/v1/channels': () => ok(CHANNELS),
      'GET /api/v1/agents': () => ok([agent()]),
      'GET /api/v1/agents/activity': (r) => {
        const params = new URL(r.url).searchParams;
        if (params.get('status') === 'failed') {
          return ok({
            items: [
              reply({
                id: 'r9',
                status: 'failed',
                replyText: null,
                reason: 'The AI provider failed 3 times: timeout',
                toolCalls: [],
                attempts: 3,
              }),
            ],
            nextCursor: null,
          });
        }
        return params.get('cursor') === 'next'
          ? ok({ items: [reply({ id: 'r2', inboundText: 'Older message' })], nextCursor: null })
          : ok({ items: [reply()], nextCursor: 'next' });
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<AgentsPanel canManage />);

    await user.click(await screen.findByRole('tab', { name: 'Activity' }));
    const list = await screen.findByRole('list', { name: 'Agent replies' });
    const first = within(list).getAllByRole('listitem')[0]!;
    expect(first).toHaveTextContent('Replied');
    expect(first).toHaveTextContent('Hi, I’m allergic to peanuts');
    expect(first).toHaveTextContent('Noted: no peanuts for you.');
    expect(first).toHaveTextContent('to Kemi');
    expect(within(first).getByRole('list', { name: 'Tools the agent used' })).toHaveTextContent(
      'remember_fact: Is allergic to peanuts → Remembered',
    );
    expect(within(first).getByRole('link', { name: 'Open conversation' })).toHaveAttribute(
      'href',
      `/inbox/${CONTACT_ID}`,
    );
    expect(within(first).getByRole('link', { name: 'Ada Okafor' })).toHaveAttribute(
      'href',
      `/contacts/${CONTACT_ID}`,
    );

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(list).findByText('Older message')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();

    await user.click(screen.getByText('Handed to a person'));
    expect(await screen.findByText('The AI provider failed 3 times: timeout')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Agent replies' })).toHaveTextContent('3 attempts');
    const statuses = requests
      .filter((r) => r.url.includes('/agents/activity'))
      .map((r) => new URL(r.url).searchParams.get('status'));
    expect(statuses).toContain('failed');
  });
});
