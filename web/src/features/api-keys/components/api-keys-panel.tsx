import { Button, Code, Group, Modal, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { showFormErrors } from '../../../components/form-errors';
import type { ApiKey, CreatedApiKey } from '../../../api/types';
import { formatDateTime } from '../../../components/format';
import { showApiError, showSuccess } from '../../../components/notify';
import { EmptyState, ErrorState } from '../../../components/states';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../api/use-api-keys';
import { CreatedKeyModal } from './created-key-modal';

export function ApiKeysPanel({ canManage }: { canManage: boolean }) {
  const keys = useApiKeys();
  const [createOpened, createModal] = useDisclosure(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          Programs use API keys to call the WhatsDeX API on behalf of this workspace.
        </Text>
        {canManage && <Button onClick={createModal.open}>Create API key</Button>}
      </Group>

      {keys.isPending ? (
        <Stack gap="xs" data-testid="api-keys-loading">
          <Skeleton h={36} />
          <Skeleton h={36} />
        </Stack>
      ) : keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : keys.data.items.length === 0 ? (
        <EmptyState title="No API keys yet">
          Create a key to connect your own systems to WhatsDeX.
        </EmptyState>
      ) : (
        <Table striped highlightOnHover aria-label="API keys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Key</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              {canManage && <Table.Th aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.data.items.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>{k.name}</Table.Td>
                <Table.Td>
                  <Code>{keyHint(k.prefix)}</Code>
                </Table.Td>
                <Table.Td>{formatDateTime(k.createdAt)}</Table.Td>
                <Table.Td>{formatDateTime(k.lastUsedAt, 'Never')}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Revoke ${k.name}`}
                      onClick={() => setRevoking(k)}
                    >
                      Revoke
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Modal opened={createOpened} onClose={createModal.close} title="Create API key">
        <CreateKeyForm
          onCancel={createModal.close}
          onCreated={(key) => {
            createModal.close();
            setCreated(key);
          }}
        />
      </Modal>
      <CreatedKeyModal created={created} onClose={() => setCreated(null)} />
      <RevokeKeyModal apiKey={revoking} onClose={() => setRevoking(null)} />
    </Stack>
  );
}

function CreateKeyForm({
  onCancel,
  onCreated,
}: {
  onCancel: () => void;
  onCreated: (key: CreatedApiKey) => void;
}) {
  const create = useCreateApiKey();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '' },
    validate: { name: (v: string) => (v.trim() ? null : 'Give the key a name') },
  });
  const submit = form.onSubmit(({ name }) =>
    create.mutate(name.trim(), {
      onSuccess: onCreated,
      onError: (err) => showFormErrors(form, err, 'Could not create the key'),
    }),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Create API key">
      <Stack>
        <TextInput
          label="Key name"
          description="What will use it, e.g. “Shop backend”"
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RevokeKeyModal({ apiKey, onClose }: { apiKey: ApiKey | null; onClose: () => void }) {
  const revoke = useRevokeApiKey();
  return (
    <Modal opened={apiKey !== null} onClose={onClose} title="Revoke API key?">
      <Stack>
        <Text size="sm">
          Programs using <b>{apiKey?.name}</b> ({apiKey ? keyHint(apiKey.prefix) : ''}) will stop
          working at once. This cannot be undone.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={revoke.isPending}
            onClick={() => {
              if (!apiKey) return;
              revoke.mutate(apiKey.id, {
                onSuccess: () => {
                  showSuccess(`${apiKey.name} was revoked`);
                  onClose();
                },
                onError: (err) => showApiError(err, 'Could not revoke the key'),
              });
            }}
          >
            Revoke key
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The server sends the key's visible start (or a masked `start…end`); mark the hidden part. */
export function keyHint(prefix: string): string {
  return prefix.includes('…') ? prefix : `${prefix}…`;
}
