import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveBackupSettingsRequest } from '../../../api/types';
import { mockApi, renderWithProviders } from '../../../test/render';
import { BackupsPanel } from './backups-panel';
import { formatInZone } from './backup-labels';
import { failure, LONG, ok, overview, settings } from './test-fixtures';

const NEXT_RUN = '2026-03-16T01:00:00Z';

describe('ScheduleForm', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=t; path=/';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('checks the form, saves a weekly schedule and shows the next run', LONG, async () => {
    const { requests } = mockApi({
      'GET /api/v1/backups': () => ok(overview()),
      'GET /api/v1/backups/drive-files': () => ok([]),
      'PUT /api/v1/backups/settings': async (r) => {
        const body = (await r.json()) as SaveBackupSettingsRequest;
        return ok(
          settings({
            schedule: body.schedule,
            hour: body.hour,
            weekday: body.weekday ?? 7,
            retention: body.retention,
            nextRunAt: NEXT_RUN,
          }),
        );
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<BackupsPanel canManage />);

    const form = await screen.findByRole('form', { name: 'Backup schedule' });
    expect(within(form).getByTestId('next-run')).toHaveTextContent('Automatic backups are off.');
    expect(within(form).getByRole('combobox', { name: 'At' })).toBeDisabled();
    expect(within(form).getByText('Workspace time zone: Africa/Lagos')).toBeInTheDocument();
    expect(within(form).getByRole('button', { name: 'Save schedule' })).toBeDisabled();

    await user.click(within(form).getByLabelText('Weekly'));
    await user.click(within(form).getByRole('combobox', { name: 'At' }));
    await user.click(await screen.findByRole('option', { name: '02:00' }));
    await user.click(within(form).getByRole('combobox', { name: 'On' }));
    await user.click(await screen.findByRole('option', { name: 'Monday' }));

    const keep = within(form).getByLabelText('Backups to keep');
    await user.clear(keep);
    await user.click(within(form).getByRole('button', { name: 'Save schedule' }));
    expect(await within(form).findByText('Enter how many backups to keep')).toBeInTheDocument();
    await user.type(keep, '0');
    await user.click(within(form).getByRole('button', { name: 'Save schedule' }));
    expect(await within(form).findByText('Keep between 1 and 100 backups')).toBeInTheDocument();
    await user.clear(keep);
    await user.type(keep, '101');
    await user.click(within(form).getByRole('button', { name: 'Save schedule' }));
    expect(await within(form).findByText('Keep between 1 and 100 backups')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);

    await user.clear(keep);
    await user.type(keep, '14');
    await user.click(within(form).getByRole('button', { name: 'Save schedule' }));

    await waitFor(() =>
      expect(within(form).getByTestId('next-run')).toHaveTextContent(
        `Next backup: ${formatInZone(NEXT_RUN, 'Africa/Lagos')}`,
      ),
    );
    expect(within(form).getByTestId('next-run')).toHaveTextContent('(Africa/Lagos)');
    const put = requests.find((r) => r.method === 'PUT');
    expect(await put!.json()).toEqual({ schedule: 'weekly', hour: 2, weekday: 1, retention: 14 });
    expect(await screen.findByText('Backup schedule saved')).toBeInTheDocument();
    expect(within(form).getByRole('button', { name: 'Save schedule' })).toBeDisabled();
  });

  it('puts the server’s field errors next to the inputs', LONG, async () => {
    mockApi({
      'GET /api/v1/backups': () =>
        ok(overview({ settings: settings({ schedule: 'daily', nextRunAt: NEXT_RUN }) })),
      'GET /api/v1/backups/drive-files': () => ok([]),
      'PUT /api/v1/backups/settings': () =>
        failure(400, 'validation_failed', 'Request validation failed', [
          { field: 'hour', message: 'must be between 0 and 23' },
        ]),
    });
    const user = userEvent.setup();
    renderWithProviders(<BackupsPanel canManage />);

    const form = await screen.findByRole('form', { name: 'Backup schedule' });
    expect(within(form).getByTestId('next-run')).toHaveTextContent('Next backup:');
    const keep = within(form).getByLabelText('Backups to keep');
    await user.clear(keep);
    await user.type(keep, '3');
    await user.click(within(form).getByRole('button', { name: 'Save schedule' }));
    expect(await within(form).findByText('must be between 0 and 23')).toBeInTheDocument();
  });
});
