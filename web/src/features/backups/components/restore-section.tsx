import {
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Loader,
  Paper,
  Progress,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { DriveFile } from '../../../api/types';
import { formatBytes, formatDateTime } from '../../../components/format';
import { showSuccess } from '../../../components/notify';
import { ErrorState } from '../../../components/states';
import { useDriveFiles, useRestoreFromDrive, useRestoreUpload } from '../api/use-backups';
import { EMPTY_WORKSPACE_HINT } from './backup-labels';
import { RestoreModal } from './restore-modal';

const STARTED = 'The restore started; it shows in the history';

/**
 * Restore into this (empty) workspace: an archive from the linked Google Drive, also one another
 * workspace wrote, or a .zip uploaded from this computer.
 */
export function RestoreSection({
  linked,
  busy,
  restoring,
  ownFiles,
}: {
  linked: boolean;
  busy: boolean;
  /** a restore is queued or running */
  restoring: boolean;
  /** names of archives this workspace wrote, to tell them apart */
  ownFiles: ReadonlySet<string>;
}) {
  return (
    <Paper withBorder p="lg" component="section" aria-label="Restore">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={3}>Restore</Title>
          <Text size="sm" c="dimmed">
            {EMPTY_WORKSPACE_HINT} Pick a backup from Google Drive, or upload a backup&rsquo;s .zip
            file.
          </Text>
        </Stack>
        {restoring && (
          <Group gap="sm" role="status" aria-label="Restoring">
            <Loader size="sm" />
            <Text size="sm">Restoring… the workspace fills in as the restore runs.</Text>
          </Group>
        )}
        {linked && <DriveFiles busy={busy} ownFiles={ownFiles} />}
        <UploadArchive busy={busy} />
      </Stack>
    </Paper>
  );
}

function DriveFiles({ busy, ownFiles }: { busy: boolean; ownFiles: ReadonlySet<string> }) {
  const files = useDriveFiles(true, ownFiles);
  const restore = useRestoreFromDrive();
  const [chosen, setChosen] = useState<DriveFile | null>(null);
  const close = () => {
    setChosen(null);
    restore.reset();
  };

  return (
    <Stack gap="xs">
      <Title order={4}>From Google Drive</Title>
      {files.isPending ? (
        <Stack gap="xs" data-testid="drive-files-loading">
          <Skeleton h={32} />
          <Skeleton h={32} />
        </Stack>
      ) : files.isError ? (
        <ErrorState error={files.error} onRetry={() => void files.refetch()} />
      ) : files.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No backups in this Google Drive yet.
        </Text>
      ) : (
        <Table aria-label="Backups in Google Drive" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.data.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>
                  <Group gap="xs">
                    {f.webViewLink ? (
                      <Anchor href={f.webViewLink} target="_blank" rel="noreferrer" size="sm">
                        {f.name}
                      </Anchor>
                    ) : (
                      <Text size="sm">{f.name}</Text>
                    )}
                    {ownFiles.has(f.name) && (
                      <Badge size="xs" variant="light">
                        This workspace
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{formatDateTime(f.createdTime)}</Table.Td>
                <Table.Td>{formatBytes(f.size)}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    disabled={busy}
                    aria-label={`Restore ${f.name}`}
                    onClick={() => setChosen(f)}
                  >
                    Restore
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <RestoreModal
        opened={chosen !== null}
        what={chosen?.name ?? ''}
        loading={restore.isPending}
        error={restore.error}
        onClose={close}
        onConfirm={() => {
          if (!chosen) return;
          restore.mutate(chosen.id, {
            onSuccess: () => {
              showSuccess(STARTED);
              close();
            },
          });
        }}
      />
    </Stack>
  );
}

function UploadArchive({ busy }: { busy: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  const [confirming, setConfirming] = useState(false);
  const upload = useRestoreUpload();
  const close = () => {
    setConfirming(false);
    upload.reset();
  };
  const percent =
    upload.progress && upload.progress.total > 0
      ? Math.round((upload.progress.loaded / upload.progress.total) * 100)
      : 0;

  return (
    <Stack gap="xs">
      <Title order={4}>From a file</Title>
      <Group align="flex-end">
        <FileInput
          label="Backup archive"
          description="The .zip file of a WhatsDeX backup, e.g. downloaded from Google Drive"
          placeholder="Choose a .zip file"
          accept=".zip,application/zip"
          clearable
          value={file}
          onChange={setFile}
          w={360}
        />
        <Button disabled={!file || busy} onClick={() => setConfirming(true)}>
          Restore from file
        </Button>
      </Group>
      <RestoreModal
        opened={confirming && file !== null}
        what={file ? `${file.name} (${formatBytes(file.size)})` : ''}
        loading={upload.isPending}
        error={upload.error}
        onClose={close}
        onConfirm={() => {
          if (!file) return;
          upload.mutate(file, {
            onSuccess: () => {
              showSuccess(STARTED);
              setFile(null);
              close();
            },
          });
        }}
      >
        {upload.isPending && (
          <Stack gap={4}>
            <Progress value={percent} animated aria-label="Upload progress" />
            <Text size="xs" c="dimmed">
              Uploading: {formatBytes(upload.progress?.loaded ?? 0)} of{' '}
              {formatBytes(upload.progress?.total ?? file?.size ?? 0)}
            </Text>
          </Stack>
        )}
      </RestoreModal>
    </Stack>
  );
}
