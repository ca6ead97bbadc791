import { notifications } from '@mantine/notifications';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockApi, renderWithProviders } from '../../../test/render';
import { browser } from '../api/use-backups';
import { BackupsPanel } from './backups-panel';
import {
  backup,
  BACKUP_ID,
  drive,
  failure,
  LONG,
  ok,
  OLD_BACKUP_ID,
  overview,
  RESTORE_ID,
} from './test-fixtures';

const CONSENT = 'https://accounts.google.com/o/oauth2/v2/auth?client_id=x&state=s';

function Where() {
  const location = useLocation();
  return <div data-testid="where">{location.pathname + location.search}</div>;
}

describe('BackupsPanel', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    // notifications live in a store shared by the tests
    act(() => notifications.clean());
  });

  it(
    'shows Backup Successful with its time, size and Drive link, and the history',
    LONG,
    async () => {
      mockApi({
        'GET /api/v1/backups': () =>
          ok(
            overview({
              items: [
                backup(),
                backup({
                  id: OLD_BACKUP_ID,
                  trigger: 'scheduled',
                  deletedFromDrive: true,
                  sizeBytes: 2 * 1024 * 1024,
                  createdAt: '2026-03-01T03:00:00Z',
                }),
              ],
            }),
          ),
        'GET /api/v1/backups/drive-files': () => ok([]),
      });
      renderWithProviders(<BackupsPanel canManage />);

      const success = await screen.findByRole('status', { name: 'Backup Successful' });
      expect(success).toHaveTextContent('Backup Successful');
      expect(within(success).getByTestId('backup-size')).toHaveTextContent('4.1 KB');
      expect(within(success).getByRole('link', { name: 'Open in Google Drive' })).toHaveAttribute(
        'href',
        'https://drive.google.com/file/d/file-2/view',
      );
      expect(screen.getByTestId('drive-email')).toHaveTextContent('owner@example.com');
      expect(screen.getByRole('button', { name: 'Back up now' })).toBeEnabled();

      const table = screen.getByRole('table', { name: 'Backup history' });
      const [, latest, older] = within(table).getAllByRole('row');
      expect(latest).toHaveTextContent('Backup');
      expect(latest).toHaveTextContent('Manual');
      expect(latest).toHaveTextContent('Succeeded');
      expect(latest).toHaveTextContent('4.1 KB');
      expect(within(latest!).getByRole('link', { name: 'Open in Google Drive' })).toBeVisible();
      expect(within(latest!).getByRole('button', { name: /^Restore/ })).toBeEnabled();
      expect(older).toHaveTextContent('Scheduled');
      expect(older).toHaveTextContent('2 MB');
      expect(older).toHaveTextContent('Deleted from Drive by retention');
      expect(within(older!).queryByRole('link')).not.toBeInTheDocument();
      // its archive is gone: nothing to restore
      expect(within(older!).queryByRole('button', { name: /^Restore/ })).not.toBeInTheDocument();
    },
  );

  it('shows a revoked Drive as a failure with Reconnect Google Drive', LONG, async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => {});
    mockApi({
      'GET /api/v1/backups': () =>
        ok(
          overview({
            items: [
              backup({
                id: 'failed-1',
                status: 'failed',
                trigger: 'scheduled',
                error: 'Google Drive access was revoked or expired; link Google Drive again',
                errorCode: 'drive_revoked',
                fileName: null,
                driveLink: null,
                sizeBytes: null,
                createdAt: '2026-03-11T03:00:00Z',
              }),
              backup(),
            ],
          }),
        ),
      'GET /api/v1/backups/drive-files': () => ok([]),
      'GET /api/v1/integrations/google-drive/authorize': () => ok({ url: CONSENT }),
    });
    const user = userEvent.setup();
    renderWithProviders(<BackupsPanel canManage />);

    const alert = await screen.findByRole('alert', { name: 'The last backup failed' });
    expect(alert).toHaveTextContent(
      'Google Drive access was revoked or expired; link Google Drive again',
    );
    expect(screen.queryByText('Backup Successful')).not.toBeInTheDocument();
    // the earlier good backup is still named
    expect(screen.getByTestId('last-successful')).toHaveTextContent('4.1 KB');
    const history = screen.getByRole('table', { name: 'Backup history' });
    expect(within(history).getAllByRole('row')[1]).toHaveTextContent(
      'Google Drive access was revoked',
    );

    await user.click(within(alert).getByRole('button', { name: 'Reconnect Google Drive' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith(CONSENT));
  });

  it('suggests freeing space or keeping fewer backups when Drive is full', LONG, async () => {
    mockApi({
      'GET /api/v1/backups': () =>
        ok(
          overview({
            items: [
              backup({
                status: 'failed',
                error: 'The Google Drive is full: free some space or choose a smaller retention',
                errorCode: 'quota_exceeded',
                driveLink: null,
              }),
            ],
          }),
        ),
      'GET /api/v1/backups/drive-files': () => ok([]),
    });
    renderWithProviders(<BackupsPanel canManage />);

    expect(await screen.findByTestId('quota-hint')).toHaveTextContent(
      'The Google Drive of owner@example.com is full. Free some space there, or keep fewer backups',
    );
    expect(
      screen.queryByRole('button', { name: 'Reconnect Google Drive' }),
    ).not.toBeInTheDocument();
  });

  it('offers to link Google Drive when none is linked, and cannot back up yet', LONG, async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => {});
    const { requests } = mockApi({
      'GET /api/v1/backups': () =>
        ok(overview({ drive: drive({ linked: false, email: null, linkedAt: null }) })),
      'GET /api/v1/integrations/google-drive/authorize': () => ok({ url: CONSENT }),
    });
    const user = userEvent.setup();
    renderWithProviders(<BackupsPanel canManage />);

    const card = await screen.findByRole('region', { name: 'Google Drive' });
    expect(card).toHaveTextContent('Not linked');
    expect(screen.getByRole('button', { name: 'Back up now' })).toBeDisabled();
    expect(screen.getByTestId('back-up-blocked')).toHaveTextContent('Link Google Drive first.');
    expect(screen.getAllByText('No backups yet').length).toBeGreaterThan(0);
    // Drive files are listed only from a linked Drive
    expect(requests.some((r) => r.url.includes('drive-files'))).toBe(false);

    await user.click(within(card).getByRole('button', { name: 'Link Google Drive' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith(CONSENT));
  });

  it('names the plan to upgrade to when the plan has no backups', LONG, async () => {
    mockApi({
      'GET /api/v1/backups': () =>
        ok(
          overview({
            drive: drive({ allowed: false, upgradePlan: 'pro', linked: false, email: null }),
          }),
        ),
    });
    renderWithProviders(<BackupsPanel canManage />);

    const notice = await screen.findByRole('alert', { name: 'Backups need the Pro plan' });
    expect(notice).toHaveTextContent('Upgrade to Pro');
    expect(screen.queryByRole('button', { name: 'Link Google Drive' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Back up now' })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Backup schedule' })).not.toBeInTheDocument();
  });

  it('tells the operator which settings add a Google OAuth client', LONG, async () => {
    mockApi({
      'GET /api/v1/backups': () =>
        ok(overview({ drive: drive({ available: false, linked: false, email: null }) })),
    });
    renderWithProviders(<BackupsPanel canManage />);

    const notice = await screen.findByRole('alert', {
      name: 'Google Drive is not set up on this server',
    });
    expect(notice).toHaveTextContent('WHATSDEX_GOOGLE_CLIENT_ID');
    expect(notice).toHaveTextContent('WHATSDEX_GOOGLE_CLIENT_SECRET');
    expect(screen.queryByRole('button', { name: 'Link Google Drive' })).not.toBeInTheDocument();
  });

  it('shows a running backup and backs up now', LONG, async () => {
    let running = false;
    const { requests } = mockApi({
      'GET /api/v1/backups': () =>
        ok(
          overview({
            items: running
              ? [backup({ id: 'new', status: 'running', finishedAt: null, sizeBytes: null })]
              : [backup()],
          }),
        ),
      'GET /api/v1/backups/drive-files': () => ok([]),
      'POST /api/v1/backups': () => {
        running = true;
        return ok(backup({ id: 'new', status: 'queued' }), 202);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<BackupsPanel canManage />);

    await screen.findByText('Backup Successful');
    await user.click(screen.getByRole('button', { name: 'Back up now' }));

    const loader = await screen.findByRole('status', { name: 'Backing up' });
    expect(loader).toHaveTextContent('Backing up…');
    expect(screen.getByRole('button', { name: 'Back up now' })).toBeDisabled();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    // a running backup blocks restores too
    const history = screen.getByRole('table', { name: 'Backup history' });
    expect(within(history).getAllByRole('row')[1]).toHaveTextContent('Running');
  });

  it('explains why Back up now was refused', LONG, async () => {
    mockApi({
      'GET /api/v1/backups': () => ok(overview({ items: [backup()] })),
      'GET /api/v1/backups/drive-files': () => ok([]),
      'POST /api/v1/backups': () =>
        failure(409, 'invalid_state', 'A backup or restore is already running for this workspace'),
    });
    const user = userEvent.setup();
    renderWithProviders(<BackupsPanel canManage />);

    await user.click(await screen.findByRole('button', { name: 'Back up now' }));
    expect(
      await screen.findByText('A backup or restore is already running for this workspace'),
    ).toBeInTheDocument();
  });

  it(
    'says Drive was linked after Google sent the browser back, and cleans the address',
    LONG,
    async () => {
      mockApi({
        'GET /api/v1/backups': () => ok(overview()),
        'GET /api/v1/backups/drive-files': () => ok([]),
      });
      renderWithProviders(
        <>
          <BackupsPanel canManage />
          <Where />
        </>,
        { route: '/settings/backups?drive=linked' },
      );

      expect(await screen.findByText('Google Drive is linked')).toBeInTheDocument();
      await waitFor(() =>
        expect(screen.getByTestId('where')).toHaveTextContent(/^\/settings\/backups$/),
      );
    },
  );

  it('says why linking failed when Google sent the browser back with an error', LONG, async () => {
    mockApi({
      'GET /api/v1/backups': () =>
        ok(overview({ drive: drive({ linked: false, email: null, linkedAt: null }) })),
    });
    renderWithProviders(
      <>
        <BackupsPanel canManage />
        <Where />
      </>,
      { route: '/settings/backups?drive=error&reason=denied' },
    );

    expect(await screen.findByText('Google Drive was not linked')).toBeInTheDocument();
    expect(screen.getByText(/Access to Google Drive was not allowed/)).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByTestId('where')).toHaveTextContent(/^\/settings\/backups$/),
    );
  });

  it('unlinks Google Drive after confirming', LONG, async () => {
    const { requests } = mockApi({
      'GET /api/v1/backups': () => ok(overview()),
      'GET /api/v1/backups/drive-files': () => ok([]),
      'DELETE /api/v1/integrations/google-drive': () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    renderWithProviders(<BackupsPanel canManage />);

    await user.click(await screen.findByRole('button', { name: 'Unlink' }));
    const dialog = await screen.findByRole('dialog', { name: 'Unlink Google Drive?' });
    expect(dialog).toHaveTextContent('owner@example.com');
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Unlink Google Drive' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'DELETE')).toBe(true));
    expect(await screen.findByText('Google Drive was unlinked')).toBeInTheDocument();
  });

  it('is read only for members who cannot manage backups', LONG, async () => {
    const { requests } = mockApi({
      'GET /api/v1/backups': () => ok(overview({ items: [backup()] })),
    });
    renderWithProviders(<BackupsPanel canManage={false} />);

    expect(await screen.findByText('Backup Successful')).toBeInTheDocument();
    expect(screen.getByRole('alert', { name: 'Read only' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Back up now' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Unlink' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Restore/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save schedule' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Backups to keep')).toBeDisabled();
    expect(requests.some((r) => r.url.includes('drive-files'))).toBe(false);
  });

  it('shows a restore in progress', LONG, async () => {
    mockApi({
      'GET /api/v1/backups': () =>
        ok(
          overview({
            items: [
              backup({
                id: RESTORE_ID,
                kind: 'restore',
                status: 'running',
                sourceId: BACKUP_ID,
                fileName: null,
                driveLink: null,
                sizeBytes: null,
                finishedAt: null,
              }),
              backup(),
            ],
          }),
        ),
      'GET /api/v1/backups/drive-files': () => ok([]),
    });
    renderWithProviders(<BackupsPanel canManage />);

    expect(await screen.findByRole('status', { name: 'Restoring' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Back up now' })).toBeDisabled();
    expect(screen.getByTestId('back-up-blocked')).toHaveTextContent(
      'Wait for the running backup or restore to finish.',
    );
  });

  it('says so when the backups cannot be loaded, and tries again', LONG, async () => {
    let fail = true;
    mockApi({
      'GET /api/v1/backups': () =>
        fail ? failure(500, 'internal_error', 'Database unavailable') : ok(overview()),
      'GET /api/v1/backups/drive-files': () => ok([]),
    });
    const user = userEvent.setup();
    renderWithProviders(<BackupsPanel canManage />);

    expect(screen.getByTestId('backups-loading')).toBeInTheDocument();
    expect(await screen.findByText('Database unavailable')).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'Google Drive' })).toBeInTheDocument();
  });
});
