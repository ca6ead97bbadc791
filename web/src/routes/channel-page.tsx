import { Anchor, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/errors';
import { EmptyState, ErrorState, LoadingState } from '../components/states';
import { useMe } from '../features/auth/api/use-me';
import { useChannel } from '../features/channels/api/use-channels';
import { ChannelDrawer } from '../features/channels/components/channel-drawer';
import {
  ChannelStatusBadge,
  providerLabel,
} from '../features/channels/components/channel-status-badge';
import { MessageLog } from '../features/messages/components/message-log';
import { SandboxTools } from '../features/messages/components/sandbox-tools';
import { SendMessageForm } from '../features/messages/components/send-message-form';

/** One channel: its message log, a send form and, for sandbox numbers, the simulated phones. */
export function ChannelPage() {
  const { channelId = '' } = useParams();
  const role = useMe().data?.user.role;
  const channel = useChannel(channelId);
  const navigate = useNavigate();
  const [settingsOpen, setSettingsOpen] = useState(false);

  const back = (
    <Anchor component={Link} to="/channels" size="sm">
      ← All channels
    </Anchor>
  );
  if (channel.isPending) return <LoadingState label="Loading the channel" />;
  if (channel.isError) {
    const missing =
      channel.error instanceof ApiError &&
      (channel.error.status === 404 || channel.error.status === 400);
    return (
      <Stack>
        {back}
        {missing ? (
          <EmptyState title="Channel not found">
            It may have been deleted, or belong to another workspace.
          </EmptyState>
        ) : (
          <ErrorState error={channel.error} onRetry={() => void channel.refetch()} />
        )}
      </Stack>
    );
  }
  const c = channel.data;
  return (
    <Stack gap="lg">
      {back}
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>{c.name}</Title>
          <Text c="dimmed" size="sm">
            {providerLabel(c.provider)} · {c.displayPhoneNumber ?? c.phoneNumberId}
          </Text>
        </Stack>
        <Group align="flex-start">
          <ChannelStatusBadge channel={c} />
          <Button variant="default" onClick={() => setSettingsOpen(true)}>
            Channel settings
          </Button>
        </Group>
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <Title order={3}>Messages</Title>
            <MessageLog channelId={c.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Paper withBorder p="md" radius="md">
              <Stack gap="sm">
                <Title order={3}>Send a message</Title>
                <SendMessageForm channel={c} />
              </Stack>
            </Paper>
            {c.provider === 'sandbox' && (
              <Paper withBorder p="md" radius="md">
                <Stack gap="sm">
                  <Title order={3}>Sandbox tools</Title>
                  <SandboxTools channelId={c.id} />
                </Stack>
              </Paper>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <ChannelDrawer
        channel={settingsOpen ? c : undefined}
        canManage={role === 'owner' || role === 'admin'}
        onClose={() => setSettingsOpen(false)}
        onDeleted={() => void navigate('/channels')}
        linkToMessages={false}
      />
    </Stack>
  );
}
