import {
  Badge,
  Box,
  Button,
  Group,
  NavLink,
  ScrollArea,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { Channel, Conversation } from '../../../api/types';
import { formatDateTime, formatRelative } from '../../../components/format';
import { EmptyState, ErrorState } from '../../../components/states';
import { useConversations, type ConversationFilters } from '../api/use-inbox';
import { conversationTitle, deliveryLook } from './inbox-format';
import { useSentinel } from './use-sentinel';

export const SEARCH_DEBOUNCE_MS = 300;

export const NO_FILTERS: ConversationFilters = {
  q: '',
  channelId: null,
  status: 'open',
  unread: false,
  assignee: null,
};

function isFiltered(f: ConversationFilters): boolean {
  return (
    f.q.trim() !== '' ||
    f.channelId !== null ||
    f.status !== 'open' ||
    f.unread ||
    f.assignee !== null
  );
}

/** Conversations, latest activity first, with the filters above them. */
export function ConversationList({
  filters,
  onFiltersChange,
  selectedId,
  channels,
}: {
  filters: ConversationFilters;
  onFiltersChange: (patch: Partial<ConversationFilters>) => void;
  selectedId: string | undefined;
  channels: Channel[];
}) {
  const conversations = useConversations(filters);
  const channelNames = new Map(channels.map((c) => [c.id, c.name]));
  const canLoadMore = conversations.hasNextPage && !conversations.isFetchingNextPage;
  const sentinel = useSentinel<HTMLDivElement>(
    () => void conversations.fetchNextPage(),
    canLoadMore && !conversations.isError,
  );

  let content;
  if (conversations.isPending) {
    content = (
      <Stack gap="xs" p="xs" data-testid="conversations-loading">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} h={64} />
        ))}
      </Stack>
    );
  } else if (conversations.isError) {
    content = (
      <Box p="xs">
        <ErrorState error={conversations.error} onRetry={() => void conversations.refetch()} />
      </Box>
    );
  } else {
    // a refetch after new activity may repeat a conversation across page boundaries
    const seen = new Set<string>();
    const items = conversations.data.pages
      .flatMap((p) => p.items)
      .filter((c) => !seen.has(c.contactId) && Boolean(seen.add(c.contactId)));
    content =
      items.length === 0 ? (
        isFiltered(filters) ? (
          <EmptyState
            title="No conversations match"
            action={
              <Button variant="light" size="xs" onClick={() => onFiltersChange(NO_FILTERS)}>
                Clear filters
              </Button>
            }
          >
            Try another search or filter.
          </EmptyState>
        ) : (
          <EmptyState title="No open conversations">
            When a customer writes to one of your channels, or you message them, the conversation
            shows up here. Closed ones are under Closed.
          </EmptyState>
        )
      ) : (
        <>
          <Box component="ul" aria-label="Conversations" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((c) => (
              <ConversationItem
                key={c.contactId}
                conversation={c}
                selected={c.contactId === selectedId}
                channelName={
                  c.lastMessage ? (channelNames.get(c.lastMessage.channelId) ?? null) : null
                }
              />
            ))}
          </Box>
          {conversations.hasNextPage && (
            <Group justify="center" p="xs" ref={sentinel}>
              <Button
                variant="subtle"
                size="xs"
                loading={conversations.isFetchingNextPage}
                onClick={() => void conversations.fetchNextPage()}
              >
                Load more
              </Button>
            </Group>
          )}
        </>
      );
  }

  return (
    <Stack gap={0} h="100%" mih={0}>
      <FiltersBar filters={filters} onChange={onFiltersChange} channels={channels} />
      <ScrollArea style={{ flex: 1 }} type="auto" aria-busy={conversations.isFetching}>
        {content}
      </ScrollArea>
    </Stack>
  );
}

const STATUS_OPTIONS = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
  { value: 'all', label: 'All' },
];

const ASSIGNEE_OPTIONS = [
  { value: 'anyone', label: 'Anyone' },
  { value: 'me', label: 'Assigned to me' },
  { value: 'none', label: 'Unassigned' },
];

function FiltersBar({
  filters,
  onChange,
  channels,
}: {
  filters: ConversationFilters;
  onChange: (patch: Partial<ConversationFilters>) => void;
  channels: Channel[];
}) {
  const [search, setSearch] = useState(filters.q);
  // the typed search reaches the filters once typing pauses
  const pushSearch = useDebouncedCallback((q: string) => onChange({ q }), SEARCH_DEBOUNCE_MS);
  // "Clear filters" empties the box too
  const [shownQ, setShownQ] = useState(filters.q);
  if (filters.q !== shownQ) {
    setShownQ(filters.q);
    if (filters.q === '') setSearch('');
  }

  return (
    <Stack
      gap="xs"
      p="sm"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <TextInput
        aria-label="Search conversations"
        placeholder="Search name, phone or message"
        type="search"
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          pushSearch(e.currentTarget.value);
        }}
      />
      <Group gap="xs" grow wrap="nowrap">
        <Select
          aria-label="Channel"
          size="xs"
          data={[
            { value: 'all', label: 'All channels' },
            ...channels.map((c) => ({ value: c.id, label: c.name })),
          ]}
          value={filters.channelId ?? 'all'}
          onChange={(v) => onChange({ channelId: !v || v === 'all' ? null : v })}
          allowDeselect={false}
        />
        <Select
          aria-label="Assignee"
          size="xs"
          data={ASSIGNEE_OPTIONS}
          value={filters.assignee ?? 'anyone'}
          onChange={(v) => onChange({ assignee: v === 'me' || v === 'none' ? v : null })}
          allowDeselect={false}
        />
      </Group>
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <SegmentedControl
          aria-label="Status"
          size="xs"
          data={STATUS_OPTIONS}
          value={filters.status ?? 'all'}
          onChange={(v) => onChange({ status: v === 'open' || v === 'closed' ? v : null })}
        />
        <Switch
          size="xs"
          label="Unread only"
          checked={filters.unread}
          onChange={(e) => onChange({ unread: e.currentTarget.checked })}
        />
      </Group>
    </Stack>
  );
}

function ConversationItem({
  conversation: c,
  selected,
  channelName,
}: {
  conversation: Conversation;
  selected: boolean;
  channelName: string | null;
}) {
  const { search } = useLocation();
  const last = c.lastMessage;
  const unread = c.unreadCount > 0;
  const title = conversationTitle(c);
  const look = last?.direction === 'out' ? deliveryLook(last.status) : undefined;

  return (
    <li>
      <NavLink
        component={Link}
        to={{ pathname: `/inbox/${c.contactId}`, search }}
        active={selected}
        aria-current={selected ? 'page' : undefined}
        color="teal"
        py="sm"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
        label={
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm" fw={unread ? 700 : 500} truncate>
              {title}
            </Text>
            {last && (
              <Text
                size="xs"
                c={unread ? 'teal.7' : 'dimmed'}
                fw={unread ? 600 : undefined}
                title={formatDateTime(last.at)}
                style={{ flexShrink: 0 }}
              >
                {formatRelative(last.at)}
              </Text>
            )}
          </Group>
        }
        description={
          <Stack gap={4} component="span" mt={2}>
            <Group justify="space-between" wrap="nowrap" gap="xs" component="span">
              <Text size="sm" c={unread ? undefined : 'dimmed'} truncate component="span">
                {look && (
                  <Text
                    span
                    c={look.color}
                    mr={4}
                    aria-label={look.label}
                    title={look.label}
                    data-testid="last-status"
                  >
                    {look.ticks}
                  </Text>
                )}
                {last?.direction === 'out' && !last.campaign && 'You: '}
                {last ? (last.preview ?? `[${last.type}]`) : 'No messages yet'}
              </Text>
              {unread && (
                <Badge
                  size="sm"
                  circle={c.unreadCount < 10}
                  color="teal"
                  aria-label={`${c.unreadCount} unread`}
                  style={{ flexShrink: 0 }}
                >
                  {c.unreadCount}
                </Badge>
              )}
            </Group>
            <Group gap={4} component="span">
              {last && (
                <Badge size="xs" variant="light" color="gray" tt="none">
                  {channelName ?? 'Deleted channel'}
                </Badge>
              )}
              {last?.campaign && (
                <Badge size="xs" variant="light" color="grape" tt="none">
                  Campaign
                </Badge>
              )}
              {c.status === 'closed' && (
                <Badge size="xs" variant="outline" color="gray" tt="none">
                  Closed
                </Badge>
              )}
              {c.optedOut && (
                <Badge size="xs" variant="light" color="red" tt="none">
                  Opted out
                </Badge>
              )}
            </Group>
          </Stack>
        }
      />
    </li>
  );
}
