import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './errors';
import { uploadRaw } from './upload';

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

describe('uploadRaw', () => {
  beforeEach(() => {
    FakeXhr.last = undefined;
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    document.cookie = 'XSRF-TOKEN=tok; path=/';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('posts the raw file with the CSRF header, reports progress and answers the import', async () => {
    const file = new File(['name,phone\n'], 'c.csv');
    const progress = vi.fn();
    const result = uploadRaw('/api/v1/contacts/imports?filename=c.csv', file, 'text/csv', progress);

    const xhr = await sent();
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/v1/contacts/imports?filename=c.csv');
    expect(xhr.body).toBe(file);
    expect(xhr.headers['Content-Type']).toBe('text/csv');
    expect(xhr.headers['X-XSRF-TOKEN']).toBe('tok');
    xhr.upload.onprogress?.({ loaded: 5, total: 11, lengthComputable: true } as ProgressEvent);
    expect(progress).toHaveBeenCalledWith({ loaded: 5, total: 11 });

    xhr.answer(202, { success: true, data: { id: 'i1', status: 'queued' } });
    await expect(result).resolves.toEqual({ id: 'i1', status: 'queued' });
  });

  it('turns an error envelope into an ApiError with the server message', async () => {
    const result = uploadRaw(
      '/api/v1/contacts/imports',
      new File(['x'], 'big.csv'),
      'text/csv',
      () => {},
    );
    (await sent()).answer(413, {
      success: false,
      error: {
        code: 'payload_too_large',
        message: 'The file is larger than 200 MB, the largest import allowed',
        details: [],
      },
    });
    const err = await result.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      message: 'The file is larger than 200 MB, the largest import allowed',
    });
  });

  it('says the upload stopped when the connection drops', async () => {
    const result = uploadRaw(
      '/api/v1/backups/restore',
      new File(['PK'], 'a.zip'),
      'application/zip',
      () => {},
    );
    (await sent()).onerror?.();
    await expect(result).rejects.toMatchObject({ code: 'upload_failed' });
  });
});
