import { ApiError } from '../../../api/errors';
import { formatDateTime } from '../../../components/format';

export const KIND_LABELS: Record<string, string> = { backup: 'Backup', restore: 'Restore' };

export const TRIGGER_LABELS: Record<string, string> = {
  manual: 'Manual',
  scheduled: 'Scheduled',
  upload: 'Uploaded archive',
};

export const STATUS_BADGES: Record<string, { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'gray' },
  running: { label: 'Running', color: 'blue' },
  succeeded: { label: 'Succeeded', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
};

export const SCHEDULES = [
  { value: 'off', label: 'Off' },
  { value: 'daily', label: 'Daily' },
  { value: 'weekly', label: 'Weekly' },
];

/** 1 = Monday … 7 = Sunday, as the server counts. */
export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
].map((label, i) => ({ value: String(i + 1), label }));

export const HOURS = Array.from({ length: 24 }, (_, h) => ({
  value: String(h),
  label: `${String(h).padStart(2, '0')}:00`,
}));

/** What the server's operator sets so workspaces can link Google Drive. */
export const GOOGLE_SETTINGS = {
  clientId: 'WHATSDEX_GOOGLE_CLIENT_ID',
  clientSecret: 'WHATSDEX_GOOGLE_CLIENT_SECRET',
};

export const EMPTY_WORKSPACE_HINT =
  'Restore goes into an empty workspace: create a new workspace and restore there.';

/** Why Google sent the browser back without a link (the callback's `reason`). */
export const LINK_ERRORS: Record<string, string> = {
  denied: 'Access to Google Drive was not allowed. Link Google Drive again and allow access.',
  google: 'Google reported an error. Try linking Google Drive again.',
  exchange: 'WhatsDeX could not complete the link with Google. Try linking Google Drive again.',
};

export function planName(plan: string | null | undefined): string {
  if (!plan) return 'a higher plan';
  return plan.charAt(0).toUpperCase() + plan.slice(1);
}

/** A moment as the workspace's clock shows it, e.g. "Nov 27, 2026, 4:00 AM (Africa/Lagos)". */
export function formatInZone(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  try {
    const f = new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    });
    return `${f.format(new Date(iso))} (${timeZone})`;
  } catch {
    return formatDateTime(iso);
  }
}

/** A 409 because the workspace has data (not because a backup or restore is running). */
export function isNotEmptyConflict(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && !/already running/i.test(err.message);
}
