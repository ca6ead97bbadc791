import { Anchor, Button, Group, Image, Paper, Skeleton, Stack, Text } from '@mantine/core';
import type { Message } from '../../../api/types';
import { formatDateTime, formatRelative } from '../../../components/format';
import { EmptyState, ErrorState } from '../../../components/states';
import { useChannelMessages, useContact } from '../api/use-messages';
import { MessageStatusBadge } from './message-status-badge';
import { messageSummary } from './message-summary';

/** A channel's messages, newest first, kept current by the workspace's events. */
export function MessageLog({ channelId }: { channelId: string }) {
  const messages = useChannelMessages(channelId);
  if (messages.isPending) {
    return (
      <Stack gap="xs" data-testid="messages-loading">
        <Skeleton h={56} />
        <Skeleton h={56} />
        <Skeleton h={56} />
      </Stack>
    );
  }
  if (messages.isError) {
    return <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />;
  }
  // a refetch after new messages may repeat a row across page boundaries
  const seen = new Set<string>();
  const items = messages.data.pages
    .flatMap((p) => p.items)
    .filter((m) => !seen.has(m.id) && Boolean(seen.add(m.id)));
  if (items.length === 0) {
    return (
      <EmptyState title="No messages yet">
        Messages this number sends and receives appear here as they happen.
      </EmptyState>
    );
  }
  return (
    <Stack gap="xs">
      <Stack
        gap="xs"
        component="ul"
        aria-label="Messages"
        style={{ listStyle: 'none' }}
        p={0}
        m={0}
      >
        {items.map((m) => (
          <MessageRow key={m.id} message={m} />
        ))}
      </Stack>
      {messages.hasNextPage && (
        <Button
          variant="default"
          w="fit-content"
          mx="auto"
          loading={messages.isFetchingNextPage}
          onClick={() => void messages.fetchNextPage()}
        >
          Load older
        </Button>
      )}
    </Stack>
  );
}

function ContactName({ contactId }: { contactId: string }) {
  const contact = useContact(contactId);
  if (!contact.data)
    return (
      <Text span c="dimmed">
        …
      </Text>
    );
  const { name, phone } = contact.data;
  return (
    <Text span fw={500}>
      {name ? `${name} · ${phone}` : phone}
    </Text>
  );
}

function MessageRow({ message: m }: { message: Message }) {
  const inbound = m.direction === 'in';
  const showImage = inbound && m.type === 'image' && m.media?.stored === true;
  return (
    <Paper component="li" withBorder p="sm" radius="md" bg={inbound ? undefined : 'gray.0'}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text size="xs" c={inbound ? 'teal' : 'blue'} fw={600}>
              {inbound ? '↙ Inbound from' : '↗ Outbound to'}
            </Text>
            <Text size="sm">
              <ContactName contactId={m.contactId} />
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {messageSummary(m)}
          </Text>
          {showImage && (
            <Anchor href={`/api/v1/messages/${m.id}/media`} target="_blank" rel="noreferrer">
              <Image
                src={`/api/v1/messages/${m.id}/media`}
                alt={m.media?.caption ?? 'Image from the customer'}
                maw={200}
                radius="sm"
              />
            </Anchor>
          )}
          <Text size="xs" c="dimmed" title={formatDateTime(m.createdAt)}>
            {formatRelative(m.createdAt)}
          </Text>
        </Stack>
        <MessageStatusBadge message={m} />
      </Group>
    </Paper>
  );
}
