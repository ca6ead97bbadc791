import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgentChatRequest } from '../../../api/types';
import { mockApi, renderWithProviders } from '../../../test/render';
import { TestChat } from './test-chat';
import { agent, AGENT_ID, contact, CONTACT_ID, failure, fact, LONG, ok } from './test-fixtures';

const CHAT = `POST /api/v1/agents/${AGENT_ID}/chat`;

async function say(user: ReturnType<typeof userEvent.setup>, text: string) {
  await user.click(screen.getByLabelText(/^Message as the customer/));
  await user.paste(text);
  await user.click(screen.getByRole('button', { name: 'Send' }));
}

describe('TestChat', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keeps the conversation, shows the tools the agent used, and resets', LONG, async () => {
    let calls = 0;
    const { requests } = mockApi({
      [CHAT]: () =>
        ++calls === 1
          ? ok({
              reply: 'Noted: no peanuts for you. How can I help?',
              toolCalls: [
                {
                  name: 'remember_fact',
                  arguments: '{"fact":"Is allergic to peanuts"}',
                  result: 'Remembered (test chat: nothing is stored without a contact)',
                },
              ],
              facts: [],
              inputTokens: 210,
              outputTokens: 18,
            })
          : ok({
              reply: 'We open at 11:00.',
              toolCalls: [],
              facts: [],
              inputTokens: 230,
              outputTokens: 6,
            }),
    });
    const user = userEvent.setup();
    renderWithProviders(<TestChat agent={agent()} configured />);

    await say(user, 'Hi, I’m allergic to peanuts');
    const conversation = await screen.findByRole('list', { name: 'Test conversation' });
    const agentTurn = await within(conversation).findByRole('listitem', { name: 'Agent' });
    expect(agentTurn).toHaveTextContent('Noted: no peanuts for you. How can I help?');
    expect(within(agentTurn).getByRole('list', { name: 'Tools the agent used' })).toHaveTextContent(
      'remember_fact: Is allergic to peanuts → Remembered (test chat: nothing is stored without a contact)',
    );
    expect(agentTurn).toHaveTextContent('210 tokens in · 18 out');

    await say(user, 'When do you open?');
    await waitFor(() =>
      expect(
        within(conversation)
          .getAllByRole('listitem', { name: /^(Customer|Agent)$/ })
          .map((li) => li.textContent),
      ).toEqual([
        'CustomerHi, I’m allergic to peanuts',
        expect.stringContaining('AgentNoted: no peanuts for you.'),
        'CustomerWhen do you open?',
        expect.stringContaining('AgentWe open at 11:00.'),
      ]),
    );
    const bodies = await Promise.all(
      requests
        .filter((r) => r.method === 'POST')
        .map(async (r) => (await r.json()) as AgentChatRequest),
    );
    expect(bodies[1]).toEqual({
      messages: [
        { role: 'customer', text: 'Hi, I’m allergic to peanuts' },
        { role: 'agent', text: 'Noted: no peanuts for you. How can I help?' },
        { role: 'customer', text: 'When do you open?' },
      ],
      contactId: null,
    });

    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(screen.queryByRole('list', { name: 'Test conversation' })).not.toBeInTheDocument();
    expect(screen.getByText('No messages yet. Say hello as a customer.')).toBeInTheDocument();
  });

  it('talks as a contact, warning that their facts change for real', LONG, async () => {
    const { requests } = mockApi({
      'GET /api/v1/contacts': (r) =>
        ok({
          items: new URL(r.url).searchParams.get('search') === 'ada' ? [contact()] : [],
          nextCursor: null,
        }),
      [CHAT]: () =>
        ok({
          reply: 'Noted!',
          toolCalls: [
            {
              name: 'remember_fact',
              arguments: '{"fact":"Is allergic to peanuts"}',
              result: 'Remembered (fact_id f1)',
            },
          ],
          facts: [fact()],
          inputTokens: null,
          outputTokens: null,
        }),
    });
    const user = userEvent.setup();
    renderWithProviders(<TestChat agent={agent()} configured />);

    await user.type(screen.getByRole('combobox', { name: /^Talk as a contact/ }), 'ada');
    await user.click(await screen.findByRole('option', { name: 'Ada Okafor (+2348031234567)' }));
    expect(await screen.findByText('Using Ada Okafor’s facts')).toBeInTheDocument();
    expect(screen.getByText(/changes Ada Okafor’s facts for real/)).toBeInTheDocument();

    await say(user, 'I’m allergic to peanuts');
    expect(await screen.findByRole('list', { name: 'Facts about Ada Okafor' })).toHaveTextContent(
      'Is allergic to peanuts',
    );
    const chat = requests.find((r) => r.url.endsWith('/chat'));
    expect(((await chat!.json()) as AgentChatRequest).contactId).toBe(CONTACT_ID);
  });

  it('puts the message back when the agent cannot answer', LONG, async () => {
    mockApi({
      [CHAT]: () =>
        failure(502, 'ai_provider_error', 'The AI provider did not answer in time; try again'),
    });
    const user = userEvent.setup();
    renderWithProviders(<TestChat agent={agent()} configured />);

    await say(user, 'Hello?');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The AI provider did not answer in time; try again',
    );
    expect(screen.getByLabelText(/^Message as the customer/)).toHaveValue('Hello?');
    expect(screen.queryByRole('list', { name: 'Test conversation' })).not.toBeInTheDocument();
  });

  it('cannot be used without an AI provider', () => {
    mockApi({ 'GET /api/v1/contacts': () => ok({ items: [], nextCursor: null }) });
    renderWithProviders(<TestChat agent={agent()} configured={false} />);
    expect(screen.getByLabelText(/^Message as the customer/)).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
  });
});
