import { CSRF_COOKIE, CSRF_HEADER, ensureCsrfCookie, readCookie } from './client';
import { ApiError, toApiError } from './errors';

export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * POSTs a file as the raw request body and answers the envelope's data. XMLHttpRequest rather than
 * fetch: only XHR reports upload progress (streamed fetch bodies need HTTP/2).
 */
export async function uploadRaw<T>(
  url: string,
  file: Blob,
  contentType: string,
  onProgress: (progress: UploadProgress) => void,
): Promise<T> {
  if (!readCookie(CSRF_COOKIE)) await ensureCsrfCookie();
  const token = readCookie(CSRF_COOKIE);

  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (e) => {
      onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      const data = (body as { data?: T | null } | undefined)?.data;
      if (xhr.status >= 200 && xhr.status < 300 && data) resolve(data);
      else reject(toApiError(xhr.status, body));
    };
    // The server may refuse a too large file before reading it and close the connection, which
    // the browser reports as a network error, not as the 413.
    const failed = () =>
      reject(
        new ApiError(
          0,
          'upload_failed',
          'The upload stopped before the server answered: the connection dropped, or the file is larger than the server accepts.',
        ),
      );
    xhr.onerror = failed;
    xhr.onabort = failed;
    xhr.send(file);
  });
}
