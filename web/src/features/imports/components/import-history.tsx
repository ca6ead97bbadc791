import { Anchor, Button, Group, Modal, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ContactImport } from '../../../api/types';
import { formatDateTime, formatRelative } from '../../../components/format';
import { showApiError, showSuccess } from '../../../components/notify';
import { EmptyState, ErrorState } from '../../../components/states';
import {
  errorsUrl,
  isEnded,
  useCancelImport,
  useImportHistory,
  useUndoImport,
} from '../api/use-imports';
import { ImportStatusBadge } from './import-status-badge';

/** Past and running imports, newest first, with undo and the rejected rows of each. */
export function ImportHistory() {
  const history = useImportHistory();
  const undo = useUndoImport();
  const cancel = useCancelImport();
  const [pendingUndo, setPendingUndo] = useState<ContactImport | null>(null);
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];

  const confirmUndo = () => {
    if (!pendingUndo) return;
    undo.mutate(pendingUndo.id, {
      onSuccess: (imp) => {
        const n = imp.undoneCount ?? 0;
        showSuccess(`Removed ${n.toLocaleString()} ${n === 1 ? 'contact' : 'contacts'}`);
        setPendingUndo(null);
      },
      onError: (err) => showApiError(err, 'Could not undo the import'),
    });
  };

  if (history.isPending) {
    return (
      <Stack gap="xs" data-testid="imports-loading">
        <Skeleton h={36} />
        <Skeleton h={36} />
      </Stack>
    );
  }
  if (history.isError) {
    return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  }
  if (items.length === 0) {
    return (
      <EmptyState title="No imports yet">
        Every CSV you import shows up here with its counts, its rejected rows and an undo.
      </EmptyState>
    );
  }

  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={800}>
        <Table striped aria-label="Imports">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Rows</Table.Th>
              <Table.Th ta="right">Created</Table.Th>
              <Table.Th ta="right">Updated</Table.Th>
              <Table.Th ta="right">Skipped</Table.Th>
              <Table.Th ta="right">Rejected</Table.Th>
              <Table.Th>Started</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((imp) => (
              <Table.Tr key={imp.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/contacts/import?id=${imp.id}`}>
                    {imp.filename}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <ImportStatusBadge imp={imp} />
                  {!isEnded(imp) && (
                    <Text size="xs" c="dimmed">
                      {imp.percent}%
                    </Text>
                  )}
                  {imp.undoneAt && (
                    <Text size="xs" c="dimmed">
                      {(imp.undoneCount ?? 0).toLocaleString()} removed
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{imp.rows.toLocaleString()}</Table.Td>
                <Table.Td ta="right">{imp.created.toLocaleString()}</Table.Td>
                <Table.Td ta="right">{imp.updated.toLocaleString()}</Table.Td>
                <Table.Td ta="right">{imp.skipped.toLocaleString()}</Table.Td>
                <Table.Td ta="right">{imp.rejected.toLocaleString()}</Table.Td>
                <Table.Td title={formatDateTime(imp.createdAt)}>
                  {formatRelative(imp.createdAt)}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap" justify="flex-end">
                    {imp.rejected > 0 && (
                      <Button
                        component="a"
                        href={errorsUrl(imp.id)}
                        download
                        size="xs"
                        variant="subtle"
                        aria-label={`Download rejected rows of ${imp.filename}`}
                      >
                        Rejected rows
                      </Button>
                    )}
                    {!isEnded(imp) && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Cancel ${imp.filename}`}
                        disabled={imp.cancelRequested}
                        onClick={() =>
                          cancel.mutate(imp.id, {
                            onError: (err) => showApiError(err, 'Could not cancel the import'),
                          })
                        }
                      >
                        Cancel
                      </Button>
                    )}
                    {isEnded(imp) && !imp.undoneAt && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Undo ${imp.filename}`}
                        onClick={() => setPendingUndo(imp)}
                      >
                        Undo
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {history.hasNextPage && (
        <Group justify="center">
          <Button
            variant="light"
            loading={history.isFetchingNextPage}
            onClick={() => void history.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      )}

      <Modal
        opened={pendingUndo !== null}
        onClose={() => setPendingUndo(null)}
        title="Undo import?"
      >
        <Stack>
          <Text>
            Delete the {pendingUndo?.created.toLocaleString()}{' '}
            {pendingUndo?.created === 1 ? 'contact' : 'contacts'} that {pendingUndo?.filename}{' '}
            created?
          </Text>
          <Text size="sm" c="dimmed">
            Contacts the import only updated are not restored: they keep the values from the file.
            This cannot be undone; you can import the file again.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPendingUndo(null)}>
              Keep
            </Button>
            <Button color="red" loading={undo.isPending} onClick={confirmUndo}>
              Undo import
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
