import type { ContactImport } from '../../../api/types';
import { uploadRaw, type UploadProgress } from '../../../api/upload';

export type { UploadProgress };

/** Sends the whole file as the raw body of POST /api/v1/contacts/imports, reporting progress. */
export function uploadImportFile(
  file: Blob,
  query: URLSearchParams,
  onProgress: (progress: UploadProgress) => void,
): Promise<ContactImport> {
  return uploadRaw<ContactImport>(
    `/api/v1/contacts/imports?${query.toString()}`,
    file,
    'text/csv',
    onProgress,
  );
}
