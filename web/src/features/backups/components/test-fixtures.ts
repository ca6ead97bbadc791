import type {
  Backup,
  BackupSettings,
  BackupsOverview,
  DriveFile,
  DriveLink,
} from '../../../api/types';
export { failure, ok } from '../../../test/render';

export const LONG = { timeout: 20_000 };

export const BACKUP_ID = '0190b000-0000-7000-8000-0000000000b1';
export const OLD_BACKUP_ID = '0190b000-0000-7000-8000-0000000000b2';
export const RESTORE_ID = '0190b000-0000-7000-8000-0000000000b3';

export function drive(fields: Partial<DriveLink> = {}): DriveLink {
  return {
    available: true,
    allowed: true,
    upgradePlan: null,
    linked: true,
    email: 'owner@example.com',
    linkedAt: '2026-03-01T09:00:00Z',
    ...fields,
  };
}

export function settings(fields: Partial<BackupSettings> = {}): BackupSettings {
  return {
    schedule: 'off',
    hour: 3,
    weekday: 7,
    retention: 7,
    timeZone: 'Africa/Lagos',
    nextRunAt: null,
    ...fields,
  };
}

export function backup(fields: Partial<Backup> = {}): Backup {
  return {
    id: BACKUP_ID,
    kind: 'backup',
    trigger: 'manual',
    status: 'succeeded',
    error: null,
    errorCode: null,
    fileName: 'whatsdex-shop-20260310-120000.zip',
    driveLink: 'https://drive.google.com/file/d/file-2/view',
    sourceId: null,
    sizeBytes: 4197,
    counts: { contacts: 12 },
    deletedFromDrive: false,
    createdAt: '2026-03-10T12:00:00Z',
    startedAt: '2026-03-10T12:00:01Z',
    finishedAt: '2026-03-10T12:00:05Z',
    ...fields,
  };
}

export function driveFile(fields: Partial<DriveFile> = {}): DriveFile {
  return {
    id: 'file-2',
    name: 'whatsdex-shop-20260310-120000.zip',
    size: 4197,
    createdTime: '2026-03-10T12:00:05Z',
    webViewLink: 'https://drive.google.com/file/d/file-2/view',
    ...fields,
  };
}

/** What GET /api/v1/backups answers, with last and lastSuccessful derived from the items. */
export function overview(
  fields: Partial<Omit<BackupsOverview, 'last' | 'lastSuccessful'>> = {},
): BackupsOverview {
  const items = fields.items ?? [];
  const backups = items.filter((b) => b.kind === 'backup');
  return {
    drive: drive(),
    settings: settings(),
    items,
    last: backups[0] ?? null,
    lastSuccessful: backups.find((b) => b.status === 'succeeded') ?? null,
    ...fields,
  };
}
