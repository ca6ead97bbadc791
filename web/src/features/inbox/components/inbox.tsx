import { Box, Paper, Stack, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/states';
import { useChannelOptions, useMemberOptions, type ConversationFilters } from '../api/use-inbox';
import { ConversationList, NO_FILTERS } from './conversation-list';
import { ConversationThread, type AgentStatusSlot } from './conversation-thread';

/** Filters live in the address (?q=&channel=&status=&unread=1&assignee=), so a reload keeps them. */
export function filtersFromParams(params: URLSearchParams): ConversationFilters {
  const status = params.get('status');
  const assignee = params.get('assignee');
  return {
    q: params.get('q') ?? '',
    channelId: params.get('channel') || null,
    status: status === 'all' ? null : status === 'closed' ? 'closed' : 'open',
    unread: params.get('unread') === '1',
    assignee: assignee === 'me' || assignee === 'none' ? assignee : null,
  };
}

export function paramsFromFilters(f: ConversationFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.q.trim()) params.set('q', f.q);
  if (f.channelId) params.set('channel', f.channelId);
  if (f.status !== NO_FILTERS.status) params.set('status', f.status ?? 'all');
  if (f.unread) params.set('unread', '1');
  if (f.assignee) params.set('assignee', f.assignee);
  return params;
}

/**
 * The inbox: conversations on the left, the open one on the right. On a phone-sized screen one
 * pane at a time.
 */
export function Inbox({
  contactId,
  currentUserId,
  agentStatusSlot,
}: {
  contactId: string | undefined;
  currentUserId: string | undefined;
  agentStatusSlot?: AgentStatusSlot;
}) {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const channels = useChannelOptions().data?.items ?? [];
  const members = useMemberOptions().data?.items ?? [];
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;

  const onFiltersChange = (patch: Partial<ConversationFilters>) =>
    setParams((prev) => paramsFromFilters({ ...filtersFromParams(prev), ...patch }), {
      replace: true,
    });

  const showList = !narrow || !contactId;
  const showThread = !narrow || Boolean(contactId);
  return (
    <Stack
      gap="sm"
      // the page fills the window below the header; each pane scrolls on its own
      h="calc(100dvh - var(--app-shell-header-offset, 60px) - 2 * var(--mantine-spacing-lg))"
      mih={520}
    >
      <Title order={2}>Inbox</Title>
      <Paper
        withBorder
        radius="md"
        style={{ flex: 1, minHeight: 0, display: 'flex', overflow: 'hidden' }}
      >
        {showList && (
          <Box
            component="section"
            aria-label="Conversation list"
            w={narrow ? '100%' : 360}
            style={{
              flexShrink: 0,
              borderRight: narrow ? undefined : '1px solid var(--mantine-color-default-border)',
            }}
          >
            <ConversationList
              filters={filters}
              onFiltersChange={onFiltersChange}
              selectedId={contactId}
              channels={channels}
            />
          </Box>
        )}
        {showThread && (
          <Box component="section" aria-label="Conversation" style={{ flex: 1, minWidth: 0 }}>
            {contactId ? (
              <ConversationThread
                key={contactId}
                contactId={contactId}
                channels={channels}
                members={members}
                currentUserId={currentUserId}
                agentStatusSlot={agentStatusSlot}
                backLink={narrow ? `/inbox?${params.toString()}` : undefined}
              />
            ) : (
              <EmptyState title="Choose a conversation">
                Pick one on the left to read it and reply.
              </EmptyState>
            )}
          </Box>
        )}
      </Paper>
    </Stack>
  );
}
