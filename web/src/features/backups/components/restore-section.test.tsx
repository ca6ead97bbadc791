import { notifications } from '@mantine/notifications';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithProviders } from '../../../test/render';
import { overviewKey } from '../api/use-backups';
import { BackupsPanel } from './backups-panel';
import {
  backup,
  BACKUP_ID,
  driveFile,
  failure,
  LONG,
  ok,
  overview,
  RESTORE_ID,
} from './test-fixtures';

const NOT_EMPTY =
  'A backup is restored into an empty workspace only; this one already has contacts, channels or other data. Create a new workspace and restore there.';
const HINT = 'Restore goes into an empty workspace: create a new workspace and restore there.';
const QUEUED = backup({ id: RESTORE_ID, kind: 'restore', status: 'queued', finishedAt: null });

/** Just enough of XMLHttpRequest for the archive upload. */
class FakeXhr {
  static last: FakeXhr | undefined;
  headers: Record<string, string> = {};
  url = '';
  body: unknown;
  status = 0;
  responseText = '';
  withCredentials = false;
  responseType = '';
  upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(_method: string, url: string) {
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

describe('Restore', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    act(() => notifications.clean());
  });

  it(
    'explains that a restore needs an empty workspace when the server answers 409',
    LONG,
    async () => {
      const { requests } = mockApi({
        'GET /api/v1/backups': () => ok(overview({ items: [backup()] })),
        'GET /api/v1/backups/drive-files': () => ok([driveFile()]),
        [`POST /api/v1/backups/${BACKUP_ID}/restore`]: () =>
          failure(409, 'invalid_state', NOT_EMPTY),
      });
      const user = userEvent.setup();
      renderWithProviders(<BackupsPanel canManage />);

      const history = await screen.findByRole('table', { name: 'Backup history' });
      await user.click(within(history).getByRole('button', { name: /^Restore the backup of/ }));
      const dialog = await screen.findByRole('dialog', { name: 'Restore this backup?' });
      // nothing happens before the person confirms
      expect(requests.some((r) => r.method === 'POST')).toBe(false);
      await user.click(within(dialog).getByRole('button', { name: 'Restore' }));

      const refusal = await within(dialog).findByRole('alert', {
        name: 'This workspace is not empty',
      });
      expect(refusal).toHaveTextContent(NOT_EMPTY);
      expect(refusal).toHaveTextContent(HINT);
      expect(
        requests.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname),
      ).toEqual([`/api/v1/backups/${BACKUP_ID}/restore`]);
    },
  );

  it('does not blame the workspace when a backup is running', LONG, async () => {
    mockApi({
      'GET /api/v1/backups': () => ok(overview({ items: [backup()] })),
      'GET /api/v1/backups/drive-files': () => ok([]),
      [`POST /api/v1/backups/${BACKUP_ID}/restore`]: () =>
        failure(409, 'invalid_state', 'A backup or restore is already running for this workspace'),
    });
    const user = userEvent.setup();
    renderWithProviders(<BackupsPanel canManage />);

    const history = await screen.findByRole('table', { name: 'Backup history' });
    await user.click(within(history).getByRole('button', { name: /^Restore the backup of/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Restore this backup?' });
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));
    const refusal = await within(dialog).findByRole('alert', { name: 'Could not restore' });
    expect(refusal).toHaveTextContent('already running');
    expect(refusal).not.toHaveTextContent(HINT);
  });

  it('lists the archives in Google Drive and restores one after confirming', LONG, async () => {
    let restored = false;
    const { requests } = mockApi({
      'GET /api/v1/backups': () =>
        ok(overview({ items: restored ? [QUEUED, backup()] : [backup()] })),
      'GET /api/v1/backups/drive-files': () =>
        ok([
          driveFile({
            id: 'file-9',
            name: 'whatsdex-old-shop-20260201-030000.zip',
            size: 3 * 1024 * 1024,
          }),
          driveFile(),
        ]),
      'POST /api/v1/backups/restore-drive': () => {
        restored = true;
        return ok(QUEUED, 202);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<BackupsPanel canManage />);

    const table = await screen.findByRole('table', { name: 'Backups in Google Drive' });
    const [, other, own] = within(table).getAllByRole('row');
    expect(other).toHaveTextContent('whatsdex-old-shop-20260201-030000.zip');
    expect(other).toHaveTextContent('3 MB');
    expect(other).not.toHaveTextContent('This workspace');
    expect(own).toHaveTextContent('This workspace');

    await user.click(
      within(other!).getByRole('button', { name: 'Restore whatsdex-old-shop-20260201-030000.zip' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Restore this backup?' });
    expect(dialog).toHaveTextContent('whatsdex-old-shop-20260201-030000.zip is restored');
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));

    expect(
      await screen.findByText('The restore started; it shows in the history'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Restore this backup?' }),
      ).not.toBeInTheDocument(),
    );
    const post = requests.find((r) => r.method === 'POST');
    expect(await post!.json()).toEqual({ fileId: 'file-9' });
    expect(await screen.findByRole('status', { name: 'Restoring' })).toBeInTheDocument();
  });

  it(
    'lists a backup that finished while its event was missed, once the overview shows it',
    LONG,
    async () => {
      let finished = false;
      const running = backup({
        status: 'running',
        fileName: null,
        driveLink: null,
        sizeBytes: null,
        finishedAt: null,
      });
      mockApi({
        'GET /api/v1/backups': () => ok(overview({ items: [finished ? backup() : running] })),
        'GET /api/v1/backups/drive-files': () => ok(finished ? [driveFile()] : []),
      });
      const { queryClient } = renderWithProviders(<BackupsPanel canManage />);
      // the listing was asked while the backup ran: nothing in Drive yet
      expect(await screen.findByText('No backups in this Google Drive yet.')).toBeInTheDocument();

      finished = true;
      // only the overview is asked again, as its poll does; no backup.status event arrives
      await act(() => queryClient.invalidateQueries({ queryKey: overviewKey, exact: true }));
      const table = await screen.findByRole('table', { name: 'Backups in Google Drive' });
      const [, own] = within(table).getAllByRole('row');
      expect(own).toHaveTextContent('This workspace');
    },
  );

  it('uploads an archive with progress and restores it', LONG, async () => {
    FakeXhr.last = undefined;
    mockApi({
      'GET /api/v1/backups': () => ok(overview({ items: [] })),
      'GET /api/v1/backups/drive-files': () => ok([]),
    });
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const user = userEvent.setup();
    const { container } = renderWithProviders(<BackupsPanel canManage />);

    expect(await screen.findByText('No backups in this Google Drive yet.')).toBeInTheDocument();
    const restoreFromFile = screen.getByRole('button', { name: 'Restore from file' });
    expect(restoreFromFile).toBeDisabled();
    const archive = new File([new Uint8Array(2048)], 'whatsdex-shop.zip', {
      type: 'application/zip',
    });
    await user.upload(container.ownerDocument.querySelector('input[type="file"]')!, archive);
    await user.click(restoreFromFile);

    const dialog = await screen.findByRole('dialog', { name: 'Restore this backup?' });
    expect(dialog).toHaveTextContent('whatsdex-shop.zip (2 KB) is restored');
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));

    await vi.waitFor(() => expect(FakeXhr.last?.body).toBe(archive));
    const xhr = FakeXhr.last!;
    expect(xhr.url).toBe('/api/v1/backups/restore');
    expect(xhr.headers['Content-Type']).toBe('application/zip');
    act(() =>
      xhr.upload.onprogress?.({
        loaded: 1024,
        total: 2048,
        lengthComputable: true,
      } as ProgressEvent),
    );
    const progress = await within(dialog).findByRole('progressbar', { name: 'Upload progress' });
    await waitFor(() => expect(progress).toHaveAttribute('aria-valuenow', '50'));
    expect(dialog).toHaveTextContent('Uploading: 1 KB of 2 KB');

    act(() => xhr.answer(202, { success: true, data: QUEUED }));
    expect(
      await screen.findByText('The restore started; it shows in the history'),
    ).toBeInTheDocument();
  });
});
