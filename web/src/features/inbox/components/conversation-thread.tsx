import { Anchor, Badge, Box, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useDocumentVisibility } from '@mantine/hooks';
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../../api/errors';
import type { Channel, ConversationDetail, Member } from '../../../api/types';
import { showApiError } from '../../../components/notify';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { useConversation, useMarkRead, useUpdateConversation } from '../api/use-inbox';
import { Composer } from './composer';
import { conversationTitle } from './inbox-format';
import { MessageList } from './message-list';

/**
 * Whether an AI agent answers the conversation, for its header. Routes compose it here, so this
 * feature does not import the agents one; nothing is shown without it.
 */
export type AgentStatusSlot = (contactId: string) => ReactNode;

/** One conversation: who it is with, its messages of every channel, and the reply composer. */
export function ConversationThread({
  contactId,
  channels,
  members,
  currentUserId,
  agentStatusSlot,
  backLink,
}: {
  contactId: string;
  channels: Channel[];
  members: Member[];
  currentUserId: string | undefined;
  agentStatusSlot?: AgentStatusSlot;
  /** on narrow screens, the way back to the list */
  backLink?: string;
}) {
  const detail = useConversation(contactId);
  const { mutate: markRead } = useMarkRead();
  const visibility = useDocumentVisibility();
  const unread = detail.data?.conversation.unreadCount ?? 0;
  const lastMessageId = detail.data?.conversation.lastMessage?.id;

  // reading it is opening it: also when a message arrives while it is open (its event refetches
  // the detail) or when the tab comes back into view
  useEffect(() => {
    if (unread > 0 && visibility === 'visible') markRead(contactId);
  }, [contactId, unread, lastMessageId, visibility, markRead]);

  const back = backLink && (
    <Anchor component={Link} to={backLink} size="sm" px="sm" pt="xs">
      ← Conversations
    </Anchor>
  );
  if (detail.isPending) return <LoadingState label="Loading the conversation" />;
  if (detail.isError) {
    const missing =
      detail.error instanceof ApiError &&
      (detail.error.status === 404 || detail.error.status === 400);
    return (
      <Stack p="md">
        {back}
        {missing ? (
          <EmptyState title="Conversation not found">
            The contact may have been deleted, or belong to another workspace.
          </EmptyState>
        ) : (
          <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
        )}
      </Stack>
    );
  }

  const channelNames = new Map(channels.map((c) => [c.id, c.name]));
  return (
    <Stack gap={0} h="100%" mih={0}>
      {back}
      <ThreadHeader
        detail={detail.data}
        members={members}
        currentUserId={currentUserId}
        agentStatus={agentStatusSlot?.(contactId)}
      />
      <MessageList contactId={contactId} channelNames={channelNames} />
      <Composer detail={detail.data} channels={channels} />
    </Stack>
  );
}

const UNASSIGNED = 'unassigned';

function ThreadHeader({
  detail,
  members,
  currentUserId,
  agentStatus,
}: {
  detail: ConversationDetail;
  members: Member[];
  currentUserId: string | undefined;
  agentStatus?: ReactNode;
}) {
  const c = detail.conversation;
  const update = useUpdateConversation(c.contactId);
  const title = conversationTitle(c);
  const closed = c.status === 'closed';
  const assignee = c.assigneeId ?? UNASSIGNED;
  // the server keeps a conversation from the first message on; before it there is nothing to close
  const started = c.lastMessage !== null;
  const options = [
    { value: UNASSIGNED, label: 'Unassigned' },
    ...members.map((m) => ({
      value: m.userId,
      label: m.userId === currentUserId ? `${m.name} (you)` : m.name,
    })),
  ];
  // an assignee who has left the workspace still shows
  if (c.assigneeId && !members.some((m) => m.userId === c.assigneeId)) {
    options.push({ value: c.assigneeId, label: 'Former member' });
  }

  return (
    <Group
      justify="space-between"
      px="md"
      py="sm"
      gap="sm"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      {/* the name keeps room for itself; on a narrow screen the controls go below it */}
      <Box style={{ minWidth: 0, flex: '1 1 200px' }}>
        <Group gap="xs" wrap="nowrap">
          <Anchor
            component={Link}
            to={`/contacts/${c.contactId}`}
            fw={700}
            size="lg"
            truncate
            title="Open the contact"
          >
            {title}
          </Anchor>
          {closed && (
            <Badge variant="outline" color="gray" tt="none">
              Closed
            </Badge>
          )}
          {c.optedOut && (
            <Badge variant="light" color="red" tt="none">
              Opted out
            </Badge>
          )}
        </Group>
        {title !== c.phone && (
          <Text size="sm" c="dimmed">
            {c.phone}
          </Text>
        )}
        {agentStatus && <Box mt={4}>{agentStatus}</Box>}
      </Box>
      <Group gap="xs" wrap="nowrap">
        <Select
          aria-label="Assignee"
          size="xs"
          w={180}
          data={options}
          value={assignee}
          allowDeselect={false}
          disabled={update.isPending || !started}
          onChange={(v) =>
            update.mutate(!v || v === UNASSIGNED ? { unassign: true } : { assigneeId: v }, {
              onError: (err) => showApiError(err, 'Could not assign the conversation'),
            })
          }
        />
        <Button
          size="xs"
          variant={closed ? 'light' : 'default'}
          loading={update.isPending}
          disabled={!started}
          onClick={() =>
            update.mutate(
              { status: closed ? 'open' : 'closed' },
              {
                onError: (err) =>
                  showApiError(err, `Could not ${closed ? 'reopen' : 'close'} the conversation`),
              },
            )
          }
        >
          {closed ? 'Reopen' : 'Close'}
        </Button>
      </Group>
    </Group>
  );
}
