import type { Campaign, CampaignCounts, CampaignStatus } from '../../../api/types';
import type { CampaignAction } from '../api/use-campaigns';

export const STATUS_COLORS: Record<CampaignStatus, string> = {
  draft: 'gray',
  scheduled: 'blue',
  running: 'teal',
  paused: 'yellow',
  completed: 'green',
  cancelled: 'gray',
  failed: 'red',
};

/** Recipients the dispatcher is done with: everything but pending and in-flight ones. */
export function processed(counts: CampaignCounts): number {
  return Math.max(0, counts.total - counts.pending - counts.sending);
}

/** Whole percent processed; a campaign that has no recipients yet is at 0. */
export function percentDone(counts: CampaignCounts): number {
  if (counts.total <= 0) return 0;
  return Math.min(100, Math.floor((processed(counts) * 100) / counts.total));
}

/**
 * The transitions the server's state graph allows from this status (see CampaignStatus.java);
 * anything else would answer 409. "Retry failed" only makes sense with failed or unknown ones.
 */
export function allowedActions(campaign: Campaign): CampaignAction[] {
  const actions: CampaignAction[] = [];
  const { status, counts } = campaign;
  if (status === 'draft') actions.push('start');
  if (status === 'running') actions.push('pause');
  if (status === 'paused') actions.push('resume');
  if (status === 'scheduled' || status === 'running' || status === 'paused') actions.push('cancel');
  if (
    (status === 'completed' || status === 'paused' || status === 'failed') &&
    counts.failed + counts.unknown > 0
  ) {
    actions.push('retry-failed');
  }
  actions.push('duplicate');
  return actions;
}

export const ACTION_LABELS: Record<CampaignAction, string> = {
  start: 'Start',
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
  duplicate: 'Duplicate',
  'retry-failed': 'Retry failed',
};

/** "45 s", "12 min", "3 h 5 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '—';
  return perSecond >= 10 ? `${Math.round(perSecond)}/s` : `${perSecond.toFixed(1)}/s`;
}
