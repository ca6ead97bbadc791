import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { daysUntil, formatDate } from '../components/format';
import { AnalyticsDashboard } from '../features/analytics/components/analytics-dashboard';
import { useMe } from '../features/auth/api/use-me';
import { useChannels } from '../features/channels/api/use-channels';

export function DashboardPage() {
  const me = useMe();
  const channels = useChannels();
  const workspace = me.data?.workspace;
  const trialDays = workspace?.onTrial ? daysUntil(workspace.trialEndsAt) : undefined;
  return (
    <Stack gap="lg">
      <Title order={2}>Welcome{me.data ? `, ${me.data.user.name}` : ''}</Title>
      {workspace && (
        <SimpleGrid cols={{ base: 1, sm: 3 }} maw={900}>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              Workspace
            </Text>
            <Text fw={600}>{workspace.name}</Text>
          </Card>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              Plan
            </Text>
            <Group gap="xs">
              <Text fw={600} tt="capitalize">
                {workspace.plan}
              </Text>
              {workspace.onTrial && <Badge color="orange">Trial</Badge>}
            </Group>
          </Card>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {workspace.onTrial ? 'Trial ends' : 'Member since'}
            </Text>
            <Text fw={600}>
              {workspace.onTrial
                ? `${formatDate(workspace.trialEndsAt)}${trialDays !== undefined ? ` (${trialDays} days left)` : ''}`
                : formatDate(workspace.createdAt)}
            </Text>
          </Card>
        </SimpleGrid>
      )}
      <AnalyticsDashboard channels={channels.data?.items} timeZone={workspace?.timeZone} />
    </Stack>
  );
}
