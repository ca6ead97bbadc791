import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { AgentReply } from '../../../api/types';
import { formatDateTime, formatRelative } from '../../../components/format';
import { EmptyState, ErrorState } from '../../../components/states';
import { useAgentActivity } from '../api/use-agents';
import {
  describeToolCall,
  isReplyStatus,
  REPLY_STATUS_COLORS,
  REPLY_STATUS_LABELS,
  REPLY_STATUSES,
} from './agent-labels';

const ALL = 'all';

/**
 * What agents did with the customers' messages, newest first: the message, the reply or why
 * there was none, the memory tools called, and how long it took. `agentId` narrows it to one
 * agent.
 */
export function AgentActivity({ agentId }: { agentId?: string }) {
  const [status, setStatus] = useState<string>(ALL);
  const activity = useAgentActivity({ agentId, status: status === ALL ? null : status });
  const items = activity.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="sm" component="section" aria-label="Agent activity">
      <SegmentedControl
        aria-label="Status"
        w="fit-content"
        value={status}
        onChange={setStatus}
        data={[
          { value: ALL, label: 'All' },
          ...REPLY_STATUSES.map((s) => ({ value: s, label: REPLY_STATUS_LABELS[s] })),
        ]}
      />
      {activity.isPending ? (
        <Stack gap="xs" data-testid="activity-loading">
          <Skeleton h={72} />
          <Skeleton h={72} />
        </Stack>
      ) : activity.isError ? (
        <ErrorState error={activity.error} onRetry={() => void activity.refetch()} />
      ) : items.length === 0 ? (
        status === ALL ? (
          <EmptyState title="No activity yet">
            When a customer writes to a channel with an enabled agent, what the agent did about it
            shows here.
          </EmptyState>
        ) : (
          <EmptyState title="Nothing with this status">Try another status, or All.</EmptyState>
        )
      ) : (
        <>
          <Stack gap="xs" component="ul" aria-label="Agent replies" p={0} m={0}>
            {items.map((r) => (
              <ReplyItem key={r.id} reply={r} showAgent={agentId === undefined} />
            ))}
          </Stack>
          {activity.hasNextPage && (
            <Group justify="center">
              <Button
                variant="light"
                loading={activity.isFetchingNextPage}
                onClick={() => void activity.fetchNextPage()}
              >
                Load more
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

function ReplyItem({ reply: r, showAgent }: { reply: AgentReply; showAgent: boolean }) {
  const status = r.status;
  const known = isReplyStatus(status);
  const who = r.contactName ?? r.contactPhone;
  const tokens =
    r.inputTokens !== null || r.outputTokens !== null
      ? `${r.inputTokens ?? '?'} tokens in · ${r.outputTokens ?? '?'} out`
      : null;
  const facts = [
    r.attempts > 1 ? `${r.attempts} attempts` : null,
    r.pickupMillis !== null ? `picked up after ${formatMillis(r.pickupMillis)}` : null,
    tokens,
  ].filter((x): x is string => x !== null);

  return (
    <Paper component="li" withBorder p="sm" radius="md" style={{ listStyle: 'none' }}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Badge
              variant="light"
              tt="none"
              color={known ? REPLY_STATUS_COLORS[status] : 'gray'}
              data-testid="reply-status"
            >
              {known ? REPLY_STATUS_LABELS[status] : status}
            </Badge>
            <Anchor component={Link} to={`/contacts/${r.contactId}`} fw={600} size="sm">
              {who}
            </Anchor>
            {showAgent && (
              <Text size="sm" c="dimmed">
                to {r.agentName}
              </Text>
            )}
          </Group>
          <Group gap="xs">
            <Text size="xs" c="dimmed" title={formatDateTime(r.receivedAt)}>
              {formatRelative(r.receivedAt)}
            </Text>
            <Anchor component={Link} to={`/inbox/${r.contactId}`} size="xs">
              Open conversation
            </Anchor>
          </Group>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          <Text span c="dimmed" size="sm">
            Customer:{' '}
          </Text>
          {r.inboundText ?? '—'}
        </Text>
        {r.replyText && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            <Text span c="dimmed" size="sm">
              Agent:{' '}
            </Text>
            {r.replyText}
          </Text>
        )}
        {r.reason && (
          <Text size="sm" c={status === 'failed' ? 'red' : 'dimmed'}>
            {r.reason}
          </Text>
        )}
        {r.toolCalls.length > 0 && (
          <List size="xs" c="dimmed" aria-label="Tools the agent used">
            {r.toolCalls.map((call, i) => (
              <List.Item key={i}>{describeToolCall(call)}</List.Item>
            ))}
          </List>
        )}
        {facts.length > 0 && (
          <Text size="xs" c="dimmed">
            {facts.join(' · ')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function formatMillis(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
