import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/errors';
import { uploadBackupArchive } from './upload';

/** Just enough of XMLHttpRequest: records what was sent, answers when the test says so. */
class FakeXhr {
  static last: FakeXhr | undefined;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  withCredentials = false;
  responseType = '';
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

async function sent(): Promise<FakeXhr> {
  await vi.waitFor(() => expect(FakeXhr.last?.body).toBeDefined());
  return FakeXhr.last!;
}

describe('uploadBackupArchive', () => {
  beforeEach(() => {
    FakeXhr.last = undefined;
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    document.cookie = 'XSRF-TOKEN=tok; path=/';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('posts the raw archive as application/zip with the CSRF header and reports progress', async () => {
    const file = new File(['PK'], 'whatsdex-shop.zip', { type: 'application/zip' });
    const progress = vi.fn();
    const result = uploadBackupArchive(file, progress);

    const xhr = await sent();
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/v1/backups/restore');
    expect(xhr.body).toBe(file);
    expect(xhr.headers['Content-Type']).toBe('application/zip');
    expect(xhr.headers['X-XSRF-TOKEN']).toBe('tok');
    xhr.upload.onprogress?.({ loaded: 1, total: 2, lengthComputable: true } as ProgressEvent);
    expect(progress).toHaveBeenCalledWith({ loaded: 1, total: 2 });

    xhr.answer(202, { success: true, data: { id: 'r1', kind: 'restore', status: 'queued' } });
    await expect(result).resolves.toEqual({ id: 'r1', kind: 'restore', status: 'queued' });
  });

  it('turns the 409 of a workspace with data into an ApiError with the server message', async () => {
    const result = uploadBackupArchive(new File(['PK'], 'a.zip'), () => {});
    (await sent()).answer(409, {
      success: false,
      error: { code: 'invalid_state', message: 'Create a new workspace and restore there.' },
    });
    const err = await result.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'invalid_state' });
  });

  it('says the upload stopped when the connection drops', async () => {
    const result = uploadBackupArchive(new File(['PK'], 'a.zip'), () => {});
    (await sent()).onerror?.();
    await expect(result).rejects.toMatchObject({ code: 'upload_failed' });
  });
});
