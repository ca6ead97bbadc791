import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import type { Backup, BackupsOverview } from '../../../api/types';
import { formatBytes, formatDateTime } from '../../../components/format';
import { showApiError, showSuccess } from '../../../components/notify';
import { isActive, useBackUpNow, useLinkDrive } from '../api/use-backups';

/** How the latest backup went, and "Back up now". */
export function BackupStatusCard({
  overview,
  canManage,
}: {
  overview: BackupsOverview;
  canManage: boolean;
}) {
  const { drive, last, lastSuccessful, items } = overview;
  const backUp = useBackUpNow();
  const busy = items.some(isActive);
  const blocked = !drive.linked
    ? 'Link Google Drive first.'
    : busy
      ? 'Wait for the running backup or restore to finish.'
      : undefined;

  return (
    <Paper withBorder p="lg" aria-label="Backup status" component="section">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Title order={3}>Latest backup</Title>
          {canManage && (
            <Stack gap={4} align="flex-end">
              <Button
                disabled={blocked !== undefined}
                loading={backUp.isPending}
                onClick={() =>
                  backUp.mutate(undefined, {
                    onSuccess: () => showSuccess('The backup is on its way to Google Drive'),
                    onError: (err) => showApiError(err, 'Could not start the backup'),
                  })
                }
              >
                Back up now
              </Button>
              {blocked && (
                <Text size="xs" c="dimmed" data-testid="back-up-blocked">
                  {blocked}
                </Text>
              )}
            </Stack>
          )}
        </Group>

        {last && isActive(last) ? (
          <Group gap="sm" role="status" aria-label="Backing up">
            <Loader size="sm" />
            <Stack gap={0}>
              <Text fw={600}>Backing up…</Text>
              <Text size="sm" c="dimmed">
                {last.status === 'queued'
                  ? 'Waiting for its turn'
                  : `Started ${formatDateTime(last.startedAt)}`}
                ; this page updates when it is done.
              </Text>
            </Stack>
          </Group>
        ) : last?.status === 'failed' ? (
          <BackupFailed backup={last} email={drive.email} canManage={canManage} />
        ) : lastSuccessful ? (
          <BackupSucceeded backup={lastSuccessful} />
        ) : (
          <Text size="sm" c="dimmed">
            No backups yet.{' '}
            {drive.linked
              ? 'Back up now, or set a schedule below.'
              : 'Link Google Drive, then back up now or set a schedule.'}
          </Text>
        )}

        {last?.status === 'failed' && lastSuccessful && (
          <Text size="sm" c="dimmed" data-testid="last-successful">
            Last successful backup: {formatDateTime(lastSuccessful.finishedAt)},{' '}
            {formatBytes(lastSuccessful.sizeBytes)}
            {lastSuccessful.driveLink && !lastSuccessful.deletedFromDrive && (
              <>
                {' · '}
                <DriveLink href={lastSuccessful.driveLink} />
              </>
            )}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function DriveLink({ href }: { href: string }) {
  return (
    <Anchor href={href} target="_blank" rel="noreferrer">
      Open in Google Drive
    </Anchor>
  );
}

function BackupSucceeded({ backup }: { backup: Backup }) {
  return (
    <Paper
      p="md"
      radius="md"
      bg="var(--mantine-color-teal-light)"
      data-testid="backup-successful"
      role="status"
      aria-label="Backup Successful"
    >
      <Group gap="md" wrap="nowrap" align="flex-start">
        <ThemeIcon color="teal" size="xl" radius="xl" aria-hidden>
          ✓
        </ThemeIcon>
        <Stack gap={2}>
          <Text fw={700} size="lg" c="teal.8">
            Backup Successful
          </Text>
          <Text size="sm">
            {formatDateTime(backup.finishedAt)} ·{' '}
            <span data-testid="backup-size">{formatBytes(backup.sizeBytes)}</span>
            {backup.fileName && <> · {backup.fileName}</>}
          </Text>
          {backup.deletedFromDrive ? (
            <Text size="sm" c="dimmed">
              Deleted from Google Drive by retention.
            </Text>
          ) : (
            backup.driveLink && (
              <Text size="sm">
                <DriveLink href={backup.driveLink} />
              </Text>
            )
          )}
        </Stack>
      </Group>
    </Paper>
  );
}

function BackupFailed({
  backup,
  email,
  canManage,
}: {
  backup: Backup;
  email: string | null;
  canManage: boolean;
}) {
  const link = useLinkDrive();
  return (
    <Alert color="red" title="The last backup failed" role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{backup.error ?? 'The backup failed.'}</Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(backup.finishedAt ?? backup.createdAt)}
        </Text>
        {backup.errorCode === 'drive_revoked' && (
          <>
            <Text size="sm">
              WhatsDeX can no longer write to this Google Drive: its access was removed or expired.
            </Text>
            {canManage && (
              <Button
                size="xs"
                color="red"
                loading={link.isPending || link.isSuccess}
                onClick={() =>
                  link.mutate(undefined, {
                    onError: (err) => showApiError(err, 'Could not link Google Drive'),
                  })
                }
              >
                Reconnect Google Drive
              </Button>
            )}
          </>
        )}
        {backup.errorCode === 'quota_exceeded' && (
          <Text size="sm" data-testid="quota-hint">
            The Google Drive{email ? ` of ${email}` : ''} is full. Free some space there, or keep
            fewer backups (lower the retention below) and back up again.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
