import { Alert, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { ErrorState } from '../../../components/states';
import { isActive, useBackups } from '../api/use-backups';
import { BackupHistory } from './backup-history';
import { NotConfiguredNotice, PlanNotice } from './backup-notices';
import { BackupStatusCard } from './backup-status-card';
import { DriveCard } from './drive-card';
import { useDriveLinkOutcome } from './drive-link-outcome';
import { RestoreSection } from './restore-section';
import { ScheduleForm } from './schedule-form';

/** Settings → Backups: Google Drive, the latest result, "Back up now", the schedule, history, restore. */
export function BackupsPanel({ canManage }: { canManage: boolean }) {
  useDriveLinkOutcome();
  const overview = useBackups();

  if (overview.isPending) {
    return (
      <Stack data-testid="backups-loading">
        <Skeleton h={120} />
        <Skeleton h={160} />
        <Skeleton h={120} />
      </Stack>
    );
  }
  if (overview.isError) {
    return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  }

  const { drive, settings, items } = overview.data;
  const busy = items.some(isActive);
  const restoring = items.some((b) => b.kind === 'restore' && isActive(b));
  const usable = drive.allowed && drive.available;
  const ownFiles = new Set(items.flatMap((b) => (b.fileName ? [b.fileName] : [])));

  return (
    <Stack gap="lg">
      <Text c="dimmed" size="sm">
        Back up everything this workspace holds (contacts, conversations and media, templates,
        campaigns, agents and settings) to your Google Drive, by hand or on a schedule, and restore
        it into a new workspace.
      </Text>
      {!drive.allowed ? (
        <PlanNotice upgradePlan={drive.upgradePlan} />
      ) : (
        !drive.available && <NotConfiguredNotice />
      )}
      {usable && !canManage && (
        <Alert color="gray" title="Read only">
          Only owners and admins can link Google Drive, back up, change the schedule or restore.
        </Alert>
      )}
      {usable && (
        <>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <DriveCard drive={drive} canManage={canManage} />
            <BackupStatusCard overview={overview.data} canManage={canManage} />
          </SimpleGrid>
          <ScheduleForm settings={settings} linked={drive.linked} canManage={canManage} />
        </>
      )}
      {(usable || items.length > 0) && (
        <BackupHistory items={items} canManage={canManage && usable} busy={busy} />
      )}
      {usable && canManage && (
        <RestoreSection
          linked={drive.linked}
          busy={busy}
          restoring={restoring}
          ownFiles={ownFiles}
        />
      )}
    </Stack>
  );
}
