import { Anchor, Badge, Card, Group, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import type { AnalyticsActivity } from '../../../api/types';
import { formatDateTime, formatRelative } from '../../../components/format';
import { useContactNames, type ContactName } from '../api/use-analytics';

// The message-status badges' look (features/messages), kept small for a feed.
const STATUS_COLOR: Record<string, string> = {
  delivered: 'teal',
  read: 'blue',
  failed: 'red',
  unknown: 'orange',
};
const STATUS_LABEL: Record<string, string> = {
  accepted: '✓ accepted',
  sent: '✓ sent',
  delivered: '✓✓ delivered',
  read: '✓✓ read',
};

function contactLabel(name: ContactName | undefined): string {
  if (name === null) return 'Deleted contact';
  if (name === undefined) return 'Contact';
  return name.name || name.phone;
}

export function RecentActivity({
  items,
  channelNames,
  now,
}: {
  items: AnalyticsActivity[];
  /** Channel names by id (a channel missing here was deleted); undefined while they load. */
  channelNames: Map<string, string> | undefined;
  now: number;
}) {
  const names = useContactNames(items.map((i) => i.contactId));
  return (
    <Card withBorder padding="md">
      <Text fw={600} mb="sm">
        Recent activity
      </Text>
      <Stack
        component="ul"
        gap={0}
        m={0}
        p={0}
        aria-label="Recent activity"
        style={{ listStyle: 'none' }}
      >
        {items.map((item) => {
          const inbound = item.direction === 'in';
          const name = names.get(item.contactId);
          const who = contactLabel(name);
          return (
            <Group
              component="li"
              key={item.messageId}
              gap="sm"
              wrap="nowrap"
              align="flex-start"
              py="xs"
              style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
            >
              <Tooltip label={inbound ? 'Received from the contact' : 'Sent to the contact'}>
                <ThemeIcon
                  variant="light"
                  color={inbound ? 'orange' : 'teal'}
                  radius="xl"
                  size="md"
                  aria-label={inbound ? 'Received' : 'Sent'}
                  role="img"
                >
                  {inbound ? '↙' : '↗'}
                </ThemeIcon>
              </Tooltip>
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" c="dimmed">
                    {inbound ? 'From' : 'To'}
                  </Text>
                  {name === null ? (
                    <Text size="sm" fw={600} c="dimmed">
                      {who}
                    </Text>
                  ) : (
                    <Anchor
                      component={Link}
                      to={`/inbox/${item.contactId}`}
                      size="sm"
                      fw={600}
                      truncate
                    >
                      {who}
                    </Anchor>
                  )}
                  {item.campaign && (
                    <Badge size="xs" variant="light" color="violet">
                      Campaign
                    </Badge>
                  )}
                </Group>
                <Text size="sm" truncate title={item.preview ?? undefined}>
                  {item.preview ?? '—'}
                </Text>
                <Text size="xs" c="dimmed">
                  {channelNames && (channelNames.get(item.channelId) ?? 'Deleted channel')}
                </Text>
              </Stack>
              <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
                <Badge
                  size="sm"
                  variant="light"
                  tt="none"
                  color={inbound ? 'gray' : (STATUS_COLOR[item.status] ?? 'gray')}
                >
                  {inbound ? 'received' : (STATUS_LABEL[item.status] ?? item.status)}
                </Badge>
                <Text size="xs" c="dimmed" title={formatDateTime(item.at)}>
                  {formatRelative(item.at, now)}
                </Text>
              </Stack>
            </Group>
          );
        })}
      </Stack>
    </Card>
  );
}
