import type { Backup } from '../../../api/types';
import { uploadRaw, type UploadProgress } from '../../../api/upload';

export type { UploadProgress };

/** Sends a backup's .zip as the raw body of POST /api/v1/backups/restore, reporting progress. */
export function uploadBackupArchive(
  file: Blob,
  onProgress: (progress: UploadProgress) => void,
): Promise<Backup> {
  return uploadRaw<Backup>('/api/v1/backups/restore', file, 'application/zip', onProgress);
}
