import { Alert, Button, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { ContactImport } from '../../../api/types';
import { formatDateTime } from '../../../components/format';
import { showApiError } from '../../../components/notify';
import { ErrorState, LoadingState } from '../../../components/states';
import { errorsUrl, isEnded, useCancelImport, useImport } from '../api/use-imports';
import { ImportStatusBadge } from './import-status-badge';

/** Follows one import from the queue to its result. */
export function ImportTracker({
  importId,
  onAnother,
}: {
  importId: string;
  onAnother: () => void;
}) {
  const imp = useImport(importId);
  if (imp.isPending) return <LoadingState label="Loading the import" />;
  if (imp.isError) return <ErrorState error={imp.error} onRetry={() => void imp.refetch()} />;
  return isEnded(imp.data) ? (
    <ImportResult imp={imp.data} onAnother={onAnother} />
  ) : (
    <ImportRunning imp={imp.data} />
  );
}

function ImportRunning({ imp }: { imp: ContactImport }) {
  const cancel = useCancelImport();
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Importing {imp.filename}</Title>
        <ImportStatusBadge imp={imp} />
      </Group>
      <Progress
        value={imp.percent}
        animated
        size="lg"
        aria-label="Processing progress"
        data-testid="processing-progress"
      />
      <Text size="sm" c="dimmed">
        {imp.status === 'running'
          ? `${imp.percent}% of the file read · ${imp.created.toLocaleString()} created, ${imp.updated.toLocaleString()} updated, ${imp.rejected.toLocaleString()} rejected so far`
          : 'Waiting for its turn…'}
        {imp.cancelRequested && ' · stopping after the current batch'}
      </Text>
      <Group>
        <Button
          variant="default"
          color="red"
          loading={cancel.isPending}
          disabled={imp.cancelRequested}
          onClick={() =>
            cancel.mutate(imp.id, {
              onError: (err) => showApiError(err, 'Could not cancel the import'),
            })
          }
        >
          Cancel import
        </Button>
        <Text size="xs" c="dimmed">
          Contacts merged before cancelling stay; undo the import to remove them.
        </Text>
      </Group>
    </Stack>
  );
}

export function ImportResult({ imp, onAnother }: { imp: ContactImport; onAnother: () => void }) {
  const counts: [string, number][] = [
    ['Rows', imp.rows],
    ['Created', imp.created],
    ['Updated', imp.updated],
    ['Skipped', imp.skipped],
    ['Rejected', imp.rejected],
  ];
  const title =
    imp.status === 'completed'
      ? 'Import finished'
      : imp.status === 'cancelled'
        ? 'Import cancelled'
        : 'Import failed';
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>{title}</Title>
        <ImportStatusBadge imp={imp} />
      </Group>
      <Text size="sm" c="dimmed">
        {imp.filename}
      </Text>
      {imp.status === 'failed' && (
        <Alert color="red" title="The import failed" role="alert">
          {imp.error ?? 'No reason was recorded.'}
        </Alert>
      )}
      <Table aria-label="Import result" withTableBorder w="fit-content" miw={260}>
        <Table.Tbody>
          {counts.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row">{label}</Table.Th>
              <Table.Td ta="right">{value.toLocaleString()}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {imp.undoneAt && (
        <Text size="sm">
          Undone {formatDateTime(imp.undoneAt)}: {(imp.undoneCount ?? 0).toLocaleString()} created
          contacts removed.
        </Text>
      )}
      {imp.skipped > 0 && (
        <Text size="sm" c="dimmed">
          Skipped rows repeated a phone number already in the file or, with “skip existing”, in your
          contacts.
        </Text>
      )}
      <Group>
        {imp.rejected > 0 && (
          <Button component="a" href={errorsUrl(imp.id)} download variant="light" color="red">
            Download rejected rows
          </Button>
        )}
        <Button component={Link} to="/contacts">
          View contacts
        </Button>
        <Button variant="default" onClick={onAnother}>
          Import another file
        </Button>
      </Group>
    </Stack>
  );
}
