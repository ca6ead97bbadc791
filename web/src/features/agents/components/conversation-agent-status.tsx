import { Badge, Button, Group, Tooltip } from '@mantine/core';
import { formatDateTime } from '../../../components/format';
import { showApiError } from '../../../components/notify';
import { useConversationAgent, useResumeAgent } from '../api/use-agents';
import { formatTime } from './agent-labels';

function untilLabel(iso: string, now = new Date()): string {
  const d = new Date(iso);
  return d.toDateString() === now.toDateString() ? formatTime(iso) : formatDateTime(iso);
}

/**
 * Whether an agent answers this conversation, for the inbox's header: active, paused because a
 * person replied, or waiting for a person (with a way to let the agent answer again). Nothing
 * when no agent answers the contact's channel.
 */
export function ConversationAgentStatus({ contactId }: { contactId: string }) {
  const state = useConversationAgent(contactId);
  const resume = useResumeAgent(contactId);
  const s = state.data;
  if (!s || s.state === 'none') return null;
  const name = s.agentName ?? 'Agent';

  if (s.state === 'needs_human') {
    return (
      <Group gap="xs" wrap="nowrap" data-testid="agent-state">
        <Tooltip
          label={`${name} handed this conversation over and stays silent until someone replies or resumes it`}
          multiline
          maw={300}
          withArrow
        >
          <Badge color="red" variant="filled" tt="none" maw={320}>
            Needs a person: {s.reason ?? 'the agent handed it over'}
          </Badge>
        </Tooltip>
        <Button
          size="xs"
          variant="light"
          loading={resume.isPending}
          onClick={() =>
            resume.mutate(undefined, {
              onError: (err) => showApiError(err, 'Could not resume the agent'),
            })
          }
        >
          Resume agent
        </Button>
      </Group>
    );
  }
  if (s.state === 'paused' && s.pausedUntil) {
    return (
      <Tooltip
        label={`Someone replied from the inbox, so ${name} stays silent here until then`}
        multiline
        maw={300}
        withArrow
      >
        <Badge color="yellow" variant="light" tt="none" data-testid="agent-state">
          Agent paused until {untilLabel(s.pausedUntil)} (you replied)
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Badge color="teal" variant="light" tt="none" data-testid="agent-state">
      Agent {name} active
    </Badge>
  );
}
