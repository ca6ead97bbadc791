import {
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Input,
  Loader,
  NumberInput,
  Slider,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from 'react-router';
import { ApiError } from '../../../api/errors';
import type { Agent, AgentAvailability, SaveAgentRequest } from '../../../api/types';
import { showFormErrors } from '../../../components/form-errors';
import { useAgents, useChannelOptions, useCreateAgent, useUpdateAgent } from '../api/use-agents';
import { NO_PROVIDER_HINT } from './provider-notice';

// the server's defaults and bounds (AgentService, AgentController)
export const DEFAULTS = {
  temperature: 0.7,
  maxReplyChars: 1000,
  replyDelaySeconds: 0,
  handoverMinutes: 60,
} as const;
export const MAX_NAME = 100;
export const MAX_INSTRUCTIONS = 8000;
const MAX_MODEL = 200;

interface Values {
  name: string;
  instructions: string;
  model: string;
  temperature: number | string;
  maxReplyChars: number | string;
  replyDelaySeconds: number | string;
  handoverMinutes: number | string;
  enabled: boolean;
  channelIds: string[];
}

function initialValues(a?: Agent): Values {
  return {
    name: a?.name ?? '',
    instructions: a?.instructions ?? '',
    model: a?.model ?? '',
    temperature: a?.temperature ?? DEFAULTS.temperature,
    maxReplyChars: a?.maxReplyChars ?? DEFAULTS.maxReplyChars,
    replyDelaySeconds: a?.replyDelaySeconds ?? DEFAULTS.replyDelaySeconds,
    handoverMinutes: a?.handoverMinutes ?? DEFAULTS.handoverMinutes,
    enabled: a?.enabled ?? false,
    channelIds: a?.channelIds ?? [],
  };
}

function toRequest(v: Values): SaveAgentRequest {
  return {
    name: v.name.trim(),
    instructions: v.instructions.trim(),
    model: v.model.trim() || null,
    temperature: Number(v.temperature),
    maxReplyChars: Number(v.maxReplyChars),
    replyDelaySeconds: Number(v.replyDelaySeconds),
    handoverMinutes: Number(v.handoverMinutes),
    enabled: v.enabled,
    channelIds: v.channelIds,
  };
}

/** A whole number within the bounds, or what is wrong with it. */
function between(min: number, max: number, whole = true) {
  return (value: number | string) => {
    const n = typeof value === 'number' ? value : Number.NaN;
    if (value === '' || Number.isNaN(n)) return 'Give a number';
    if ((whole && !Number.isInteger(n)) || n < min || n > max) {
      return `Between ${min} and ${max}`;
    }
    return null;
  };
}

/**
 * Creates an agent, or edits one when `agent` is given: its persona, the model's settings, the
 * channels it answers on (a channel has one agent) and whether it is on.
 */
export function AgentForm({
  agent,
  availability,
  canManage,
  onCancel,
  onSaved,
}: {
  agent?: Agent;
  availability: AgentAvailability | undefined;
  canManage: boolean;
  onCancel: () => void;
  onSaved: (agent: Agent) => void;
}) {
  const create = useCreateAgent();
  const update = useUpdateAgent();
  const channels = useChannelOptions();
  const agents = useAgents();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initialValues(agent),
    validate: {
      name: (v) =>
        !v.trim()
          ? 'Name the agent'
          : v.trim().length > MAX_NAME
            ? `At most ${MAX_NAME} characters`
            : null,
      instructions: (v) =>
        !v.trim()
          ? 'Tell the agent who it is and how to answer'
          : v.trim().length > MAX_INSTRUCTIONS
            ? `At most ${MAX_INSTRUCTIONS} characters`
            : null,
      model: (v) => (v.trim().length > MAX_MODEL ? `At most ${MAX_MODEL} characters` : null),
      temperature: between(0, 2, false),
      maxReplyChars: between(20, 4096),
      replyDelaySeconds: between(0, 60),
      handoverMinutes: between(1, 10080),
    },
  });

  // without a provider an agent cannot be turned on; one already on can still be turned off
  const noProvider = availability?.configured === false;
  const enableLocked = noProvider && !form.values.enabled;

  // which channels another agent answers on
  const takenBy = new Map<string, string>();
  for (const other of agents.data ?? []) {
    if (other.id === agent?.id) continue;
    for (const id of other.channelIds) takenBy.set(id, other.name);
  }
  const channelItems = channels.data?.items ?? [];
  const channelError =
    form.errors.channelIds ??
    Object.entries(form.errors).find(([key]) => key.startsWith('channelIds.'))?.[1];

  const submit = form.onSubmit((v) => {
    const title = agent ? 'Could not save the agent' : 'Could not create the agent';
    const onError = (err: unknown) => {
      if (err instanceof ApiError && err.code === 'duplicate_name') {
        form.setFieldError('name', err.message);
      } else if (err instanceof ApiError && err.status === 409) {
        // a channel another agent answers on: the server's sentence names both
        form.setFieldError('channelIds', err.message);
      } else if (err instanceof ApiError && err.code === 'ai_not_configured') {
        form.setFieldError('enabled', err.message);
      } else {
        showFormErrors(form, err, title);
      }
    };
    if (agent) {
      update.mutate({ id: agent.id, body: toRequest(v) }, { onSuccess: onSaved, onError });
    } else {
      create.mutate(toRequest(v), { onSuccess: onSaved, onError });
    }
  });

  const defaultModel = availability?.defaultModel;
  return (
    <form onSubmit={submit} aria-label={agent ? 'Edit agent' : 'New agent'} noValidate>
      <Fieldset variant="unstyled" disabled={!canManage}>
        <Stack gap="sm" maw={760}>
          {!canManage && (
            <Text size="sm" c="dimmed">
              Only owners and admins can change agents.
            </Text>
          )}
          <TextInput
            label="Name"
            withAsterisk
            data-autofocus
            maxLength={MAX_NAME}
            description="For you and your team; customers do not see it"
            {...form.getInputProps('name')}
          />
          <Textarea
            label="Instructions"
            withAsterisk
            description="Who the agent is, what it knows and how it answers: your business, opening hours, prices, what to do when it cannot help."
            placeholder="You are the friendly assistant of Mama Ngozi's Kitchen in Lagos. We deliver from 11:00 to 22:00…"
            autosize
            minRows={6}
            maxRows={18}
            {...form.getInputProps('instructions')}
          />
          <Text size="xs" c="dimmed" mt={-6} ta="right">
            {form.values.instructions.length.toLocaleString()} / {MAX_INSTRUCTIONS.toLocaleString()}
          </Text>

          <Group grow align="flex-start">
            <TextInput
              label="Model"
              placeholder={defaultModel ?? 'The server’s model'}
              description={
                defaultModel
                  ? `Leave empty for the server’s model (${defaultModel})`
                  : 'Leave empty for the server’s model'
              }
              {...form.getInputProps('model')}
            />
            <Input.Wrapper
              label="Temperature"
              description="0 keeps answers focused and alike; higher varies them more"
              error={form.errors.temperature}
            >
              <Group gap="sm" wrap="nowrap" mt={6}>
                <Slider
                  style={{ flex: 1 }}
                  min={0}
                  max={2}
                  step={0.1}
                  thumbLabel="Temperature slider"
                  value={Number(form.values.temperature) || 0}
                  onChange={(v) => form.setFieldValue('temperature', v)}
                  marks={[{ value: 0 }, { value: 1 }, { value: 2 }]}
                />
                <NumberInput
                  aria-label="Temperature"
                  w={80}
                  min={0}
                  max={2}
                  step={0.1}
                  decimalScale={2}
                  value={form.values.temperature}
                  onChange={(v) => form.setFieldValue('temperature', v)}
                  error={Boolean(form.errors.temperature)}
                />
              </Group>
            </Input.Wrapper>
          </Group>

          <Group grow align="flex-start">
            <NumberInput
              label="Longest reply (characters)"
              description="A longer answer is cut at a sentence or word"
              min={20}
              max={4096}
              allowDecimal={false}
              {...form.getInputProps('maxReplyChars')}
            />
            <NumberInput
              label="Typing delay (seconds)"
              description="A pause before answering; what the customer adds meanwhile is answered together"
              min={0}
              max={60}
              allowDecimal={false}
              {...form.getInputProps('replyDelaySeconds')}
            />
            <NumberInput
              label="Hand-over (minutes)"
              description="After someone replies from the inbox, the agent stays silent in that conversation for this long"
              min={1}
              max={10080}
              allowDecimal={false}
              {...form.getInputProps('handoverMinutes')}
            />
          </Group>

          <Checkbox.Group
            label="Channels"
            description="The agent answers customers who write to these channels; a channel has one agent"
            value={form.values.channelIds}
            onChange={(ids) => form.setFieldValue('channelIds', ids)}
            error={channelError}
          >
            <Stack gap="xs" mt="xs">
              {channels.isPending && <Loader size="sm" aria-label="Loading channels" />}
              {channels.isError && (
                <Text size="sm" c="red">
                  Could not load the channels.
                </Text>
              )}
              {channelItems.map((c) => {
                const other = takenBy.get(c.id);
                return (
                  <Checkbox
                    key={c.id}
                    value={c.id}
                    label={`${c.name}${c.displayPhoneNumber ? ` · ${c.displayPhoneNumber}` : ''}`}
                    // moving a channel means taking it off the other agent first
                    disabled={other !== undefined && !form.values.channelIds.includes(c.id)}
                    description={
                      other !== undefined
                        ? `Answered by the agent “${other}”`
                        : c.status === 'connected'
                          ? undefined
                          : c.status
                    }
                  />
                );
              })}
              {channels.isSuccess && channelItems.length === 0 && (
                <Text size="sm" c="dimmed">
                  No channels yet.{' '}
                  <Anchor component={Link} to="/channels">
                    Add one
                  </Anchor>{' '}
                  for the agent to answer on.
                </Text>
              )}
            </Stack>
          </Checkbox.Group>

          <Switch
            label="Enabled: answer customers on these channels"
            description={enableLocked ? NO_PROVIDER_HINT : undefined}
            disabled={enableLocked}
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />

          {canManage && (
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending || update.isPending}>
                {agent ? 'Save' : 'Create agent'}
              </Button>
            </Group>
          )}
        </Stack>
      </Fieldset>
    </form>
  );
}
