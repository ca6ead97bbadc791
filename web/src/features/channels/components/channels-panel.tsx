import { Alert, Button, Group, Modal, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Channel } from '../../../api/types';
import { showApiError, showSuccess } from '../../../components/notify';
import { EmptyState, ErrorState } from '../../../components/states';
import { useChannels, useCreateSandboxChannel } from '../api/use-channels';
import { ChannelDrawer } from './channel-drawer';
import { ChannelStatusBadge, providerLabel } from './channel-status-badge';
import { CloudChannelForm } from './cloud-channel-form';
import { upgradePlan } from './errors';

export function ChannelsPanel({ canManage }: { canManage: boolean }) {
  const channels = useChannels();
  const createSandbox = useCreateSandboxChannel();
  const [cloudOpened, cloudModal] = useDisclosure(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [upgradeTo, setUpgradeTo] = useState<string | null>(null);
  const items = channels.data?.items ?? [];
  // look the channel up in the list so the drawer follows refetches (status events, edits)
  const selected = items.find((c) => c.id === selectedId);

  const onSandbox = () =>
    createSandbox.mutate(undefined, {
      onSuccess: (c) => {
        showSuccess(`${c.name} is ready: ${c.displayPhoneNumber ?? c.phoneNumberId}`);
        setSelectedId(c.id);
      },
      onError: (err) => {
        const plan = upgradePlan(err);
        if (plan) setUpgradeTo(plan);
        else showApiError(err, 'Could not create the sandbox channel');
      },
    });

  const sandboxButton = (variant: 'filled' | 'light') => (
    <Button variant={variant} loading={createSandbox.isPending} onClick={onSandbox}>
      Create sandbox channel
    </Button>
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Stack gap={2}>
          <Title order={2}>Channels</Title>
          <Text c="dimmed" size="sm">
            Your WhatsApp numbers. Campaigns, the inbox and agents send through them.
          </Text>
        </Stack>
        {canManage && items.length > 0 && (
          <Group>
            {sandboxButton('light')}
            <Button onClick={cloudModal.open}>Connect WhatsApp Cloud API</Button>
          </Group>
        )}
      </Group>

      {upgradeTo && (
        <Alert
          color="orange"
          title="Channel limit reached"
          role="alert"
          withCloseButton
          onClose={() => setUpgradeTo(null)}
        >
          Your plan allows no more channels. Upgrade to the{' '}
          <Text span fw={700} tt="capitalize">
            {upgradeTo}
          </Text>{' '}
          plan to connect more, or delete a channel you no longer use.
        </Alert>
      )}

      {channels.isPending ? (
        <Stack gap="xs" data-testid="channels-loading">
          <Skeleton h={40} />
          <Skeleton h={40} />
        </Stack>
      ) : channels.isError ? (
        <ErrorState error={channels.error} onRetry={() => void channels.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          title="No channels yet"
          action={
            canManage ? (
              <Stack gap="xs" align="center">
                {sandboxButton('filled')}
                <Button variant="subtle" onClick={cloudModal.open}>
                  Connect WhatsApp Cloud API
                </Button>
              </Stack>
            ) : undefined
          }
        >
          {canManage
            ? 'Try WhatsDeX with a sandbox number, no Meta account needed — or connect your WhatsApp Business number.'
            : 'An owner or admin of this workspace can connect a WhatsApp number.'}
        </EmptyState>
      ) : (
        <ChannelsTable channels={items} onOpen={(c) => setSelectedId(c.id)} />
      )}

      <Modal
        opened={cloudOpened}
        onClose={cloudModal.close}
        title="Connect WhatsApp Cloud API"
        size="lg"
      >
        <CloudChannelForm
          onCancel={cloudModal.close}
          onCreated={(c) => {
            cloudModal.close();
            if (c.status === 'connected') showSuccess(`${c.name} is connected`);
            else showApiError(new Error(c.statusReason ?? 'not connected'), `${c.name} was saved`);
            setSelectedId(c.id);
          }}
          onUpgradeRequired={(plan) => {
            cloudModal.close();
            setUpgradeTo(plan);
          }}
        />
      </Modal>
      <ChannelDrawer channel={selected} canManage={canManage} onClose={() => setSelectedId(null)} />
    </Stack>
  );
}

function ChannelsTable({
  channels,
  onOpen,
}: {
  channels: Channel[];
  onOpen: (channel: Channel) => void;
}) {
  return (
    <Table striped highlightOnHover aria-label="Channels">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Number</Table.Th>
          <Table.Th>Provider</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Rate</Table.Th>
          <Table.Th aria-label="Actions" />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {channels.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>{c.name}</Table.Td>
            <Table.Td>{c.displayPhoneNumber ?? c.phoneNumberId}</Table.Td>
            <Table.Td>{providerLabel(c.provider)}</Table.Td>
            <Table.Td>
              <ChannelStatusBadge channel={c} />
            </Table.Td>
            <Table.Td>{c.ratePerSecond}/s</Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="subtle"
                component={Link}
                to={`/channels/${c.id}`}
                aria-label={`Messages of ${c.name}`}
              >
                Messages
              </Button>
              <Button
                size="xs"
                variant="subtle"
                aria-label={`Open ${c.name}`}
                onClick={() => onOpen(c)}
              >
                Details
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
