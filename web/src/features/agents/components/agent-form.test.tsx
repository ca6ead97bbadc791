import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithProviders } from '../../../test/render';
import type { AgentAvailability } from '../../../api/types';
import { AgentForm } from './agent-form';
import {
  agent,
  availability,
  channel,
  CHANNEL_ID,
  failure,
  LONG,
  ok,
  OTHER_AGENT_ID,
  OTHER_CHANNEL_ID,
} from './test-fixtures';

/** Types by pasting: Mantine inputs re-render on every key, which is slow under jsdom. */
async function fill(user: ReturnType<typeof userEvent.setup>, input: HTMLElement, value: string) {
  await user.click(input);
  await user.paste(value);
}

const CHANNELS = [channel(), channel({ id: OTHER_CHANNEL_ID, name: 'Abuja sales' })];

function renderForm(
  available: AgentAvailability = availability(),
  onSaved = vi.fn(),
  props: Partial<Parameters<typeof AgentForm>[0]> = {},
) {
  renderWithProviders(
    <AgentForm
      availability={available}
      canManage
      onCancel={() => {}}
      onSaved={onSaved}
      {...props}
    />,
  );
  return onSaved;
}

describe('AgentForm', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
  });
  afterEach(() => vi.unstubAllGlobals());

  it(
    'checks the fields, then shows the server’s field errors next to the inputs',
    LONG,
    async () => {
      let attempt = 0;
      const { requests } = mockApi({
        'GET /api/v1/channels': () => ok({ items: CHANNELS, nextCursor: null }),
        'GET /api/v1/agents': () => ok([]),
        'POST /api/v1/agents': () =>
          ++attempt === 1
            ? failure(400, 'validation_failed', 'Request validation failed', [
                { field: 'model', message: 'must be at most 200 characters' },
                { field: 'channelIds[0]', message: 'is not a channel of this workspace' },
              ])
            : attempt === 2
              ? failure(409, 'duplicate_name', 'An agent named "Kemi" already exists', [
                  { field: 'name', message: 'is already used by another agent' },
                ])
              : failure(
                  409,
                  'conflict',
                  'The channel "Lagos support" is already answered by the agent "Tunde"; a channel has one agent',
                  [{ field: 'channelIds', message: '"Lagos support" has another agent' }],
                ),
      });
      const user = userEvent.setup();
      const onSaved = renderForm();

      await user.click(screen.getByRole('button', { name: 'Create agent' }));
      expect(await screen.findByText('Name the agent')).toBeInTheDocument();
      expect(screen.getByText('Tell the agent who it is and how to answer')).toBeInTheDocument();
      expect(requests.some((r) => r.method === 'POST')).toBe(false);

      const handover = screen.getByLabelText(/^Hand-over \(minutes\)/);
      await user.clear(handover);
      await fill(user, screen.getByLabelText(/^Name/), 'Kemi');
      await fill(user, screen.getByLabelText(/^Instructions/), 'You are Kemi.');
      await user.click(screen.getByRole('button', { name: 'Create agent' }));
      expect(await screen.findByText('Give a number')).toBeInTheDocument();
      expect(requests.some((r) => r.method === 'POST')).toBe(false);

      await user.clear(handover);
      await fill(user, handover, '15');
      await fill(user, screen.getByLabelText(/^Model/), 'x'.repeat(10));
      await user.click(await screen.findByRole('checkbox', { name: /Lagos support/ }));
      await user.click(screen.getByRole('button', { name: 'Create agent' }));

      expect(await screen.findByText('must be at most 200 characters')).toBeInTheDocument();
      expect(screen.getByLabelText(/^Model/)).toHaveAttribute('aria-invalid', 'true');
      expect(screen.getByText('is not a channel of this workspace')).toBeInTheDocument();
      const post = requests.find((r) => r.method === 'POST');
      expect(await post!.json()).toEqual({
        name: 'Kemi',
        instructions: 'You are Kemi.',
        model: 'xxxxxxxxxx',
        temperature: 0.7,
        maxReplyChars: 1000,
        replyDelaySeconds: 0,
        handoverMinutes: 15,
        enabled: false,
        channelIds: [CHANNEL_ID],
      });

      await user.click(screen.getByRole('button', { name: 'Create agent' }));
      expect(await screen.findByText('An agent named "Kemi" already exists')).toBeInTheDocument();
      expect(screen.getByLabelText(/^Name/)).toHaveAttribute('aria-invalid', 'true');

      await user.click(screen.getByRole('button', { name: 'Create agent' }));
      expect(
        await screen.findByText(
          /The channel "Lagos support" is already answered by the agent "Tunde"/,
        ),
      ).toBeInTheDocument();
      expect(onSaved).not.toHaveBeenCalled();
    },
  );

  it(
    'cannot be turned on without an AI provider, and says how to configure one',
    LONG,
    async () => {
      mockApi({
        'GET /api/v1/channels': () => ok({ items: CHANNELS, nextCursor: null }),
        'GET /api/v1/agents': () => ok([]),
      });
      renderForm(availability({ configured: false, defaultModel: null }));

      const enabled = screen.getByRole('switch', { name: /^Enabled/ });
      expect(enabled).toBeDisabled();
      expect(enabled).not.toBeChecked();
      expect(
        screen.getByText(/No AI provider is configured: the server's operator sets/),
      ).toHaveTextContent(
        'WHATSDEX_AI_BASE_URL and WHATSDEX_AI_MODEL (and WHATSDEX_AI_API_KEY if needed), then restarts it',
      );
    },
  );

  it(
    'can be turned on with a provider, and offers the server’s model as the default',
    LONG,
    async () => {
      const { requests } = mockApi({
        'GET /api/v1/channels': () => ok({ items: CHANNELS, nextCursor: null }),
        'GET /api/v1/agents': () => ok([]),
        'PUT /api/v1/agents/0190b000-0000-7000-8000-0000000000a1': async (r) =>
          ok({ ...agent(), ...((await r.json()) as object) }),
      });
      const user = userEvent.setup();
      const onSaved = renderForm(availability(), vi.fn(), { agent: agent({ enabled: false }) });

      expect(screen.getByLabelText(/^Model/)).toHaveAttribute('placeholder', 'gpt-4o-mini');
      expect(
        screen.getByText('Leave empty for the server’s model (gpt-4o-mini)'),
      ).toBeInTheDocument();
      const enabled = screen.getByRole('switch', { name: /^Enabled/ });
      expect(enabled).toBeEnabled();
      await user.click(enabled);
      await user.click(screen.getByRole('button', { name: 'Save' }));

      await waitFor(() => expect(onSaved).toHaveBeenCalled());
      const put = requests.find((r) => r.method === 'PUT');
      expect(await put!.json()).toMatchObject({
        enabled: true,
        model: null,
        channelIds: [CHANNEL_ID],
      });
    },
  );

  it('shows which channel another agent answers on, and does not offer it', LONG, async () => {
    mockApi({
      'GET /api/v1/channels': () => ok({ items: CHANNELS, nextCursor: null }),
      'GET /api/v1/agents': () =>
        ok([agent(), agent({ id: OTHER_AGENT_ID, name: 'Tunde', channelIds: [OTHER_CHANNEL_ID] })]),
    });
    renderForm(availability(), vi.fn(), { agent: agent() });

    const abuja = await screen.findByRole('checkbox', { name: /Abuja sales/ });
    await waitFor(() => expect(abuja).toBeDisabled());
    expect(screen.getByText('Answered by the agent “Tunde”')).toBeInTheDocument();
    const lagos = screen.getByRole('checkbox', { name: /Lagos support/ });
    expect(lagos).toBeChecked();
    expect(lagos).toBeEnabled();
  });

  it('is read-only for members who cannot manage agents', LONG, async () => {
    mockApi({
      'GET /api/v1/channels': () => ok({ items: CHANNELS, nextCursor: null }),
      'GET /api/v1/agents': () => ok([agent()]),
    });
    renderForm(availability(), vi.fn(), { agent: agent(), canManage: false });

    expect(screen.getByText('Only owners and admins can change agents.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Name/)).toBeDisabled();
    expect(screen.getByRole('switch', { name: /^Enabled/ })).toBeDisabled();
    expect(await screen.findByRole('checkbox', { name: /Lagos support/ })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
  });
});
