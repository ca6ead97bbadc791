import { Badge, Button, Group, Modal, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Audience } from '../../../api/types';
import { showApiError, showSuccess } from '../../../components/notify';
import { EmptyState, ErrorState } from '../../../components/states';
import { useAudiences, useDeleteAudience } from '../api/use-audiences';
import { AudienceForm } from './audience-form';

/** A sentence for an audience's filter: "any of vip, lagos · opted-in only". */
export function describeFilter(filter: Audience['filter']): string {
  const parts: string[] = [];
  if (filter.tags.length === 0) parts.push('every contact');
  else if (filter.tags.length === 1) parts.push(`tagged ${filter.tags[0]}`);
  else parts.push(`${filter.match} of ${filter.tags.join(', ')}`);
  if (filter.search) parts.push(`matching “${filter.search}”`);
  if (filter.optedInOnly) parts.push('opted-in only');
  return parts.join(' · ');
}

type Editing = { kind: 'new' } | { kind: 'edit'; audience: Audience };

export function AudiencesPanel() {
  const audiences = useAudiences();
  const remove = useDeleteAudience();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<Audience | null>(null);
  const items = audiences.data?.items ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Stack gap={2}>
          <Title order={2}>Audiences</Title>
          <Text c="dimmed" size="sm">
            Saved filters of your contacts. Campaigns send to them; counts are live.
          </Text>
        </Stack>
        {items.length > 0 && (
          <Button onClick={() => setEditing({ kind: 'new' })}>New audience</Button>
        )}
      </Group>

      {audiences.isPending ? (
        <Stack gap="xs" data-testid="audiences-loading">
          <Skeleton h={36} />
          <Skeleton h={36} />
        </Stack>
      ) : audiences.isError ? (
        <ErrorState error={audiences.error} onRetry={() => void audiences.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          title="No audiences yet"
          action={<Button onClick={() => setEditing({ kind: 'new' })}>New audience</Button>}
        >
          Group contacts by their tags, e.g. everyone tagged “vip” who has not opted out.
        </EmptyState>
      ) : (
        <Table striped highlightOnHover aria-label="Audiences">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>Contacts</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.name}</Table.Td>
                <Table.Td>{describeFilter(a.filter)}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{a.count.toLocaleString()}</Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setEditing({ kind: 'edit', audience: a })}
                    >
                      Edit
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(a)}>
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.kind === 'edit' ? 'Edit audience' : 'New audience'}
        size="lg"
      >
        {editing && (
          <AudienceForm
            audience={editing.kind === 'edit' ? editing.audience : undefined}
            onCancel={() => setEditing(null)}
            onSaved={(a) => {
              setEditing(null);
              showSuccess(`${a.name}: ${a.count.toLocaleString()} contacts`);
            }}
          />
        )}
      </Modal>
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete audience?">
        <Stack>
          <Text>Delete “{deleting?.name}”? Its contacts stay; only the saved filter goes.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                deleting &&
                remove.mutate(deleting.id, {
                  onSuccess: () => {
                    setDeleting(null);
                    showSuccess('Audience deleted');
                  },
                  onError: (err) => showApiError(err, 'Could not delete the audience'),
                })
              }
            >
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
