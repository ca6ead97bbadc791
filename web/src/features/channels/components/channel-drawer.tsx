import {
  Alert,
  Button,
  Code,
  CopyButton,
  Divider,
  Drawer,
  Group,
  List,
  Modal,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Channel } from '../../../api/types';
import { formatDateTime } from '../../../components/format';
import { showApiError, showSuccess } from '../../../components/notify';
import { useDeleteChannel, useTestChannel, useUpdateChannel } from '../api/use-channels';
import { ChannelStatusBadge, providerLabel } from './channel-status-badge';
import { flatFieldErrors } from './errors';

function CopyField({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code
          style={{ wordBreak: 'break-all', flex: 1 }}
          data-testid={`${label.toLowerCase().replace(/\s+/g, '-')}`}
        >
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant="light"
              color={copied ? 'teal' : undefined}
              onClick={copy}
              aria-label={`Copy ${label.toLowerCase()}`}
            >
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/** A channel's details: where Meta should send webhooks, its status, and (for managers) edit, test, delete. */
export function ChannelDrawer({
  channel,
  canManage,
  onClose,
  onDeleted = onClose,
  linkToMessages = true,
}: {
  channel: Channel | undefined;
  canManage: boolean;
  onClose: () => void;
  onDeleted?: () => void;
  /** false where the drawer opens over the channel's own page */
  linkToMessages?: boolean;
}) {
  return (
    <Drawer
      opened={channel !== undefined}
      onClose={onClose}
      position="right"
      size="lg"
      title={channel ? channel.name : ''}
    >
      {channel && (
        <ChannelDetails
          channel={channel}
          canManage={canManage}
          onDeleted={onDeleted}
          linkToMessages={linkToMessages}
        />
      )}
    </Drawer>
  );
}

function ChannelDetails({
  channel,
  canManage,
  onDeleted,
  linkToMessages,
}: {
  channel: Channel;
  canManage: boolean;
  onDeleted: () => void;
  linkToMessages: boolean;
}) {
  const test = useTestChannel();
  const [confirmDelete, setConfirmDelete] = useState(false);
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {providerLabel(channel.provider)}
          </Text>
          <Text fw={500}>{channel.displayPhoneNumber ?? channel.phoneNumberId}</Text>
        </Stack>
        <ChannelStatusBadge channel={channel} />
      </Group>
      {linkToMessages && (
        <Button component={Link} to={`/channels/${channel.id}`} w="fit-content">
          {channel.provider === 'sandbox' ? 'Messages and sandbox tools' : 'Messages'}
        </Button>
      )}
      {canManage && (
        <Group>
          <Button
            variant="light"
            loading={test.isPending}
            onClick={() =>
              test.mutate(channel.id, {
                onSuccess: (c) =>
                  c.status === 'connected'
                    ? showSuccess(`${c.name} is connected`)
                    : showApiError(
                        new Error(c.statusReason ?? 'The connection test failed'),
                        'Connection test failed',
                      ),
                onError: (err) => showApiError(err, 'Could not test the channel'),
              })
            }
          >
            Test connection
          </Button>
        </Group>
      )}

      <Divider label="Webhook" labelPosition="left" />
      <CopyField label="Webhook URL" value={channel.webhookUrl} />
      {channel.verifyToken && <CopyField label="Verify token" value={channel.verifyToken} />}
      {channel.provider === 'whatsapp_cloud' ? (
        <Alert variant="light" title="In Meta's App Dashboard">
          <List size="sm" type="ordered">
            <List.Item>Open WhatsApp → Configuration → Webhook and click Edit.</List.Item>
            <List.Item>Paste the webhook URL as the Callback URL and the verify token.</List.Item>
            <List.Item>Verify and save, then subscribe to the “messages” field.</List.Item>
          </List>
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          Sandbox numbers send their webhooks here by themselves; nothing to set up.
        </Text>
      )}

      <Divider label="Details" labelPosition="left" />
      <Stack gap={4}>
        <Text size="sm">
          Phone number ID: <Code>{channel.phoneNumberId}</Code>
        </Text>
        {channel.wabaId && (
          <Text size="sm">
            WhatsApp Business Account ID: <Code>{channel.wabaId}</Code>
          </Text>
        )}
        <Text size="sm">Send rate: {channel.ratePerSecond} messages per second</Text>
        <Text size="sm">
          Credentials: access token {channel.hasAccessToken ? 'set' : 'missing'}, app secret{' '}
          {channel.hasAppSecret ? 'set' : 'missing'}
        </Text>
        <Text size="sm" c="dimmed">
          Added on {formatDateTime(channel.createdAt)}
        </Text>
      </Stack>

      {canManage && (
        <>
          <Divider label="Edit" labelPosition="left" />
          <EditChannelForm key={channel.id} channel={channel} />
          <Divider />
          <Button
            color="red"
            variant="light"
            w="fit-content"
            onClick={() => setConfirmDelete(true)}
          >
            Delete channel
          </Button>
          <DeleteChannelModal
            channel={confirmDelete ? channel : undefined}
            onClose={() => setConfirmDelete(false)}
            onDeleted={onDeleted}
          />
        </>
      )}
    </Stack>
  );
}

function EditChannelForm({ channel }: { channel: Channel }) {
  const update = useUpdateChannel();
  const form = useForm<{ name: string; ratePerSecond: number | string }>({
    mode: 'controlled',
    initialValues: { name: channel.name, ratePerSecond: channel.ratePerSecond },
    validate: { name: (v) => (v.trim() ? null : 'Name is required') },
  });
  const submit = form.onSubmit((v) =>
    update.mutate(
      {
        id: channel.id,
        body: {
          name: v.name.trim(),
          ratePerSecond: typeof v.ratePerSecond === 'number' ? v.ratePerSecond : null,
        },
      },
      {
        onSuccess: (c) => {
          form.resetDirty({ name: c.name, ratePerSecond: c.ratePerSecond });
          showSuccess('Channel saved');
        },
        onError: (err) => {
          const fields = flatFieldErrors(err);
          if (Object.keys(fields).length > 0) form.setErrors(fields);
          else showApiError(err, 'Could not save the channel');
        },
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Edit channel">
      <Stack>
        <TextInput label="Channel name" required {...form.getInputProps('name')} />
        <NumberInput
          label="Send rate (messages per second)"
          min={1}
          max={1000}
          {...form.getInputProps('ratePerSecond')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeleteChannelModal({
  channel,
  onClose,
  onDeleted,
}: {
  channel: Channel | undefined;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const remove = useDeleteChannel();
  return (
    <Modal opened={channel !== undefined} onClose={onClose} title="Delete channel?">
      <Stack>
        <Title order={5}>{channel?.name}</Title>
        <Text size="sm">
          WhatsDeX stops sending and receiving on this number. Messages already sent stay in your
          history. This cannot be undone.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => {
              if (!channel) return;
              remove.mutate(channel.id, {
                onSuccess: () => {
                  showSuccess(`${channel.name} was deleted`);
                  onClose();
                  onDeleted();
                },
                onError: (err) => showApiError(err, 'Could not delete the channel'),
              });
            }}
          >
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
