import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithProviders } from '../../../test/render';
import { AgentEditor } from './agent-editor';
import { agent, AGENT_ID, availability, channel, LONG, ok } from './test-fixtures';

function renderAt(route: string) {
  return renderWithProviders(
    <Routes>
      <Route path="/agents" element={<p>The agents list</p>} />
      <Route path="/agents/new" element={<AgentEditor canManage />} />
      <Route path="/agents/:agentId" element={<EditorById />} />
    </Routes>,
    { route },
  );
}

function EditorById() {
  return <AgentEditor id={AGENT_ID} canManage />;
}

const COMMON = {
  'GET /api/v1/agents/availability': () => ok(availability()),
  'GET /api/v1/channels': () => ok({ items: [channel()], nextCursor: null }),
  'GET /api/v1/agents': () => ok([]),
};

describe('AgentEditor', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('creates an agent and opens its page, where the test chat is', LONG, async () => {
    mockApi({
      ...COMMON,
      'POST /api/v1/agents': () => ok(agent({ enabled: false }), 201),
      [`GET /api/v1/agents/${AGENT_ID}`]: () => ok(agent({ enabled: false })),
    });
    const user = userEvent.setup();
    renderAt('/agents/new');

    await user.click(await screen.findByLabelText(/^Name/));
    await user.paste('Kemi');
    await user.click(screen.getByLabelText(/^Instructions/));
    await user.paste('You are Kemi.');
    await user.click(screen.getByRole('button', { name: 'Create agent' }));

    expect(await screen.findByRole('heading', { name: 'Kemi' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Test chat' })).toBeInTheDocument();
    expect(screen.getByText('Off')).toBeInTheDocument();
  });

  it('does not offer the form over the plan’s limit', LONG, async () => {
    mockApi({
      ...COMMON,
      'GET /api/v1/agents/availability': () =>
        ok(availability({ limit: 3, used: 3, upgradePlan: 'enterprise' })),
    });
    renderAt('/agents/new');

    expect(
      await screen.findByRole('alert', { name: 'You cannot create another agent' }),
    ).toHaveTextContent('Your plan allows 3 agents; upgrade to enterprise.');
    expect(screen.queryByRole('form', { name: 'New agent' })).not.toBeInTheDocument();
  });

  it('deletes the agent after asking', LONG, async () => {
    const { requests } = mockApi({
      ...COMMON,
      [`GET /api/v1/agents/${AGENT_ID}`]: () => ok(agent()),
      [`DELETE /api/v1/agents/${AGENT_ID}`]: () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    renderAt(`/agents/${AGENT_ID}`);

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this agent?' });
    expect(dialog).toHaveTextContent('Delete “Kemi”?');
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    expect(await screen.findByText('The agents list')).toBeInTheDocument();
    await waitFor(() => expect(requests.some((r) => r.method === 'DELETE')).toBe(true));
  });

  it('says when the agent does not exist', LONG, async () => {
    mockApi({ ...COMMON });
    renderAt(`/agents/${AGENT_ID}`);
    expect(await screen.findByText('Agent not found')).toBeInTheDocument();
  });
});
