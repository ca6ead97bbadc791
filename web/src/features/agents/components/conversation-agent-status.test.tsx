import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationAgentState } from '../../../api/types';
import { mockApi, renderWithProviders } from '../../../test/render';
import { conversationAgentKey } from '../api/use-agents';
import { formatTime } from './agent-labels';
import { ConversationAgentStatus } from './conversation-agent-status';
import { agentState, CONTACT_ID, ok } from './test-fixtures';

const URL_STATE = `/api/v1/agents/conversations/${CONTACT_ID}`;

function renderStatus(state: ConversationAgentState, after?: ConversationAgentState) {
  const api = mockApi({
    [`GET ${URL_STATE}`]: () => ok(state),
    [`POST ${URL_STATE}/resume`]: () => ok(after ?? state),
  });
  const { queryClient } = renderWithProviders(<ConversationAgentStatus contactId={CONTACT_ID} />);
  return { ...api, queryClient };
}

describe('ConversationAgentStatus', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('says the agent answers', async () => {
    renderStatus(agentState());
    expect(await screen.findByTestId('agent-state')).toHaveTextContent('Agent Kemi active');
  });

  it('says until when the agent is silent after a person replied', async () => {
    const until = new Date(Date.now() + 45 * 60_000).toISOString();
    renderStatus(agentState({ state: 'paused', pausedUntil: until }));
    expect(await screen.findByTestId('agent-state')).toHaveTextContent(
      `Agent paused until ${formatTime(until)} (you replied)`,
    );
  });

  it('asks for a person and lets the agent answer again', async () => {
    const { requests } = renderStatus(
      agentState({
        state: 'needs_human',
        reason: 'The AI provider failed 3 times: timeout',
        flaggedAt: new Date().toISOString(),
      }),
      agentState(),
    );
    const user = userEvent.setup();
    expect(await screen.findByTestId('agent-state')).toHaveTextContent(
      'Needs a person: The AI provider failed 3 times: timeout',
    );
    await user.click(screen.getByRole('button', { name: 'Resume agent' }));
    await waitFor(() =>
      expect(screen.getByTestId('agent-state')).toHaveTextContent('Agent Kemi active'),
    );
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/resume'))).toBe(true);
    expect(screen.queryByRole('button', { name: 'Resume agent' })).not.toBeInTheDocument();
  });

  it('shows nothing where no agent answers', async () => {
    const { queryClient } = renderStatus(
      agentState({ state: 'none', agentId: null, agentName: null }),
    );
    await waitFor(() =>
      expect(queryClient.getQueryState(conversationAgentKey(CONTACT_ID))?.status).toBe('success'),
    );
    expect(screen.queryByTestId('agent-state')).not.toBeInTheDocument();
    expect(screen.queryByText(/Agent/)).not.toBeInTheDocument();
  });
});
