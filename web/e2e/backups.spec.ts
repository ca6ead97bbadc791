import { expect, test, type Page } from '@playwright/test';

// start-server.sh points the server's Google client at e2e/fake-google.mjs: its consent screen sends the browser
// straight back to the OAuth callback with a code for this account, and its Drive keeps uploads in memory
const SHOTS = 'test-results/screenshots';
const GOOGLE_ACCOUNT = 'backups@example.com';

/** A write to the API as the signed-in browser makes it (session cookie and CSRF token). */
async function post(page: Page, path: string, data: unknown) {
  const cookies = await page.context().cookies();
  const token = cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
  const res = await page.request.post(path, {
    data,
    headers: { 'X-XSRF-TOKEN': decodeURIComponent(token) },
  });
  expect(res.ok(), await res.text()).toBe(true);
}

test('link Google Drive, back up now, schedule daily backups; a restore into a workspace with data is refused', async ({
  page,
}) => {
  // a new workspace is on the Pro trial, which includes backups
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await page.goto('/register');
  await page.getByLabel(/^Email/).fill(`owner-${unique}@example.com`);
  await page.getByLabel(/^Password/).fill('correct horse battery staple');
  await page.getByLabel(/^Your name/).fill('Ngozi Okonjo');
  await page.getByLabel(/^Workspace name/).fill(`Backups ${unique}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Ngozi Okonjo' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Backups' }).click();
  await expect(page).toHaveURL(/\/settings\/backups$/);
  const drive = page.getByRole('region', { name: 'Google Drive' });
  await expect(drive).toContainText('Not linked');
  await expect(page.getByRole('button', { name: 'Back up now' })).toBeDisabled();
  await expect(page.getByRole('table', { name: 'Backup history' })).toHaveCount(0);
  await expect(page.getByText('No backups yet', { exact: true })).toBeVisible();

  // to Google's consent screen and back: the outcome is shown, then taken out of the address
  await drive.getByRole('button', { name: 'Link Google Drive' }).click();
  await expect(page.getByText('Google Drive is linked')).toBeVisible();
  await expect(page).toHaveURL(/\/settings\/backups$/);
  await expect(drive.getByTestId('drive-email')).toHaveText(GOOGLE_ACCOUNT);
  await expect(drive).toContainText('Linked');

  await page.getByRole('button', { name: 'Back up now' }).click();
  const success = page.getByRole('status', { name: 'Backup Successful' });
  await expect(success).toBeVisible({ timeout: 30_000 });
  await expect(success).toContainText('Backup Successful');
  await expect(success.getByTestId('backup-size')).toHaveText(/^\d+(\.\d)? (bytes|KB|MB)$/);
  await expect(success.getByRole('link', { name: 'Open in Google Drive' })).toHaveAttribute(
    'href',
    /^https:\/\/drive\.google\.com\/file\/d\/[^/]+\/view$/,
  );
  const size = (await success.getByTestId('backup-size').textContent()) ?? '';

  const history = page.getByRole('table', { name: 'Backup history' });
  const row = history.getByRole('row').nth(1);
  await expect(row).toContainText('Backup');
  await expect(row).toContainText('Manual');
  await expect(row).toContainText('Succeeded');
  await expect(row).toContainText(size);
  await expect(row.getByRole('link', { name: 'Open in Google Drive' })).toBeVisible();
  await expect(history.getByRole('row')).toHaveCount(2);

  // the archive is in the linked Drive, marked as this workspace's
  const files = page.getByRole('table', { name: 'Backups in Google Drive' });
  await expect(files.getByRole('row')).toHaveCount(2);
  await expect(files.getByRole('row').nth(1)).toContainText('This workspace');
  await expect(files.getByRole('row').nth(1)).toContainText(size);
  await page.screenshot({ path: `${SHOTS}/backups.png`, fullPage: true });

  // a daily backup at 05:00 in the workspace's time zone: the next run shows, and stays after a reload
  const schedule = page.getByRole('form', { name: 'Backup schedule' });
  await expect(schedule.getByTestId('next-run')).toHaveText('Automatic backups are off.');
  await schedule.getByText('Daily', { exact: true }).click();
  await schedule.getByRole('combobox', { name: 'At' }).click();
  await page.getByRole('option', { name: '05:00' }).click();
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByText('Backup schedule saved')).toBeVisible();
  await expect(schedule.getByTestId('next-run')).toContainText(/^Next backup: .+5:00.+\(.+\)$/);
  const nextRun = (await schedule.getByTestId('next-run').textContent()) ?? '';

  await page.reload();
  await expect(schedule.getByTestId('next-run')).toHaveText(nextRun);
  await expect(schedule.getByRole('radio', { name: 'Daily' })).toBeChecked();
  await expect(schedule.getByRole('combobox', { name: 'At' })).toHaveValue('05:00');
  await page.screenshot({ path: `${SHOTS}/backups-scheduled.png`, fullPage: true });

  // this workspace has data now: a restore into it is refused, with the way out
  await post(page, '/api/v1/contacts', { name: 'Ada Okafor', phone: '+2348031234567' });
  await history
    .getByRole('row')
    .nth(1)
    .getByRole('button', { name: /^Restore/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await dialog.getByRole('button', { name: 'Restore' }).click();
  const refusal = dialog.getByRole('alert', { name: 'This workspace is not empty' });
  await expect(refusal).toContainText(
    'Restore goes into an empty workspace: create a new workspace and restore there.',
  );
  await page.screenshot({ path: `${SHOTS}/backups-restore-refused.png`, fullPage: true });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(history.getByRole('row')).toHaveCount(2);
});
