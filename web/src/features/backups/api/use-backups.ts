import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { Backup, BackupsOverview, SaveBackupSettingsRequest } from '../../../api/types';
import { uploadBackupArchive, type UploadProgress } from './upload';

// `backup.status` events invalidate everything under this key (see api/use-events.ts)
export const backupsQueryKey = ['backups'] as const;
export const overviewKey = [...backupsQueryKey, 'overview'] as const;
export const driveFilesKey = [...backupsQueryKey, 'drive-files'] as const;

/** How often the overview is asked again while a backup or restore runs, in case an event is missed. */
export const ACTIVE_POLL_MS = 5_000;

export function isActive(b: Pick<Backup, 'status'>): boolean {
  return b.status === 'queued' || b.status === 'running';
}

/** Where linking Google Drive sends the browser; an object so tests can replace it. */
export const browser = {
  assign(url: string) {
    window.location.assign(url);
  },
};

/** The Drive link, the schedule, the latest results and the history. */
export function useBackups() {
  return useQuery({
    queryKey: overviewKey,
    queryFn: () => unwrap(api.GET('/api/v1/backups')),
    refetchInterval: (q) => (q.state.data?.items.some(isActive) ? ACTIVE_POLL_MS : false),
  });
}

/**
 * The backup archives in the linked Google Drive, also those other workspaces wrote. Asked again on every
 * `backup.status` event, and whenever the overview knows of an archive of this workspace (`ownFiles`) that the
 * listing was not asked for with: a backup whose "finished" event was missed (the overview's poll saw it) still
 * shows up in the listing.
 */
export function useDriveFiles(enabled: boolean, ownFiles: ReadonlySet<string> = new Set()) {
  const known = [...ownFiles].sort().join('\n');
  return useQuery({
    queryKey: [...driveFilesKey, known],
    queryFn: () => unwrap(api.GET('/api/v1/backups/drive-files')),
    enabled,
    placeholderData: keepPreviousData,
  });
}

function useInvalidateBackups() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: backupsQueryKey });
}

/** Asks the server for Google's consent URL and sends the browser there; it comes back to /settings/backups. */
export function useLinkDrive() {
  return useMutation({
    mutationFn: () => unwrap(api.GET('/api/v1/integrations/google-drive/authorize')),
    onSuccess: ({ url }) => browser.assign(url),
  });
}

export function useUnlinkDrive() {
  const invalidate = useInvalidateBackups();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/integrations/google-drive')),
    onSuccess: invalidate,
  });
}

export function useBackUpNow() {
  const invalidate = useInvalidateBackups();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/backups')),
    onSuccess: invalidate,
  });
}

export function useSaveBackupSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveBackupSettingsRequest) =>
      unwrap(api.PUT('/api/v1/backups/settings', { body })),
    onSuccess: (settings) => {
      // the next run time shows at once; the rest of the overview did not change
      queryClient.setQueryData<BackupsOverview>(overviewKey, (old) =>
        old ? { ...old, settings } : old,
      );
    },
  });
}

/** Restores a backup of this workspace's history. */
export function useRestoreBackup() {
  const invalidate = useInvalidateBackups();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/backups/{id}/restore', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

/** Restores an archive of the linked Google Drive. */
export function useRestoreFromDrive() {
  const invalidate = useInvalidateBackups();
  return useMutation({
    mutationFn: (fileId: string) =>
      unwrap(api.POST('/api/v1/backups/restore-drive', { body: { fileId } })),
    onSuccess: invalidate,
  });
}

/** Uploads a backup's .zip and restores it; `progress` follows the bytes sent. */
export function useRestoreUpload() {
  const invalidate = useInvalidateBackups();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const mutation = useMutation({
    mutationFn: (file: File) => {
      setProgress({ loaded: 0, total: file.size });
      return uploadBackupArchive(file, setProgress);
    },
    onSuccess: invalidate,
    onSettled: () => setProgress(null),
  });
  return { ...mutation, progress };
}
