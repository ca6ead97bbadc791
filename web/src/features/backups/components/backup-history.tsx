import { Anchor, Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Backup } from '../../../api/types';
import { formatBytes, formatDateTime } from '../../../components/format';
import { showSuccess } from '../../../components/notify';
import { EmptyState } from '../../../components/states';
import { useRestoreBackup } from '../api/use-backups';
import { KIND_LABELS, STATUS_BADGES, TRIGGER_LABELS } from './backup-labels';
import { RestoreModal } from './restore-modal';

export function BackupStatusBadge({ status }: { status: string }) {
  const badge = STATUS_BADGES[status] ?? { label: status, color: 'gray' };
  return (
    <Badge color={badge.color} variant="light">
      {badge.label}
    </Badge>
  );
}

export function canRestore(b: Backup): boolean {
  return b.kind === 'backup' && b.status === 'succeeded' && !b.deletedFromDrive;
}

/** Every backup and restore, newest first; a good backup still in Drive can be restored. */
export function BackupHistory({
  items,
  canManage,
  busy,
}: {
  items: Backup[];
  canManage: boolean;
  busy: boolean;
}) {
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const restore = useRestoreBackup();
  const close = () => {
    setRestoring(null);
    restore.reset();
  };

  return (
    <Paper withBorder p="lg" component="section" aria-label="History">
      <Stack gap="md">
        <Title order={3}>History</Title>
        {items.length === 0 ? (
          <EmptyState title="No backups yet">
            Backups and restores show here, with their size, a link to the archive in Google Drive
            and why one failed.
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped aria-label="Backup history" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Trigger</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Finished</Table.Th>
                  <Table.Th>Size</Table.Th>
                  <Table.Th>Archive</Table.Th>
                  <Table.Th>Error</Table.Th>
                  {canManage && <Table.Th aria-label="Actions" />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((b) => (
                  <Table.Tr key={b.id}>
                    <Table.Td>{KIND_LABELS[b.kind] ?? b.kind}</Table.Td>
                    <Table.Td>{TRIGGER_LABELS[b.trigger] ?? b.trigger}</Table.Td>
                    <Table.Td>
                      <BackupStatusBadge status={b.status} />
                    </Table.Td>
                    <Table.Td>{formatDateTime(b.createdAt)}</Table.Td>
                    <Table.Td>{formatDateTime(b.finishedAt)}</Table.Td>
                    <Table.Td>{formatBytes(b.sizeBytes)}</Table.Td>
                    <Table.Td>
                      <Stack gap={2} align="flex-start">
                        {b.driveLink && !b.deletedFromDrive && (
                          <Anchor href={b.driveLink} target="_blank" rel="noreferrer" size="sm">
                            Open in Google Drive
                          </Anchor>
                        )}
                        {b.deletedFromDrive && (
                          <Badge color="gray" variant="outline" tt="none">
                            Deleted from Drive by retention
                          </Badge>
                        )}
                        {!b.driveLink && !b.deletedFromDrive && '—'}
                      </Stack>
                    </Table.Td>
                    <Table.Td maw={320}>
                      {b.error ? (
                        <Text size="sm" c="red" lineClamp={3} title={b.error}>
                          {b.error}
                        </Text>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        {canRestore(b) && (
                          <Button
                            size="xs"
                            variant="subtle"
                            disabled={busy}
                            aria-label={`Restore the backup of ${formatDateTime(b.createdAt)}`}
                            onClick={() => setRestoring(b)}
                          >
                            Restore
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <RestoreModal
        opened={restoring !== null}
        what={`The backup of ${formatDateTime(restoring?.createdAt)}`}
        loading={restore.isPending}
        error={restore.error}
        onClose={close}
        onConfirm={() => {
          if (!restoring) return;
          restore.mutate(restoring.id, {
            onSuccess: () => {
              showSuccess('The restore started; it shows in the history');
              close();
            },
          });
        }}
      />
    </Paper>
  );
}
