import type { Campaign, CampaignCounts } from '../../../api/types';

const ZERO: CampaignCounts = {
  total: 0,
  pending: 0,
  sending: 0,
  sent: 0,
  delivered: 0,
  read: 0,
  failed: 0,
  skipped: 0,
  unknown: 0,
};

export function campaign(
  overrides: Omit<Partial<Campaign>, 'counts'> & { counts?: Partial<CampaignCounts> } = {},
): Campaign {
  const { counts, ...rest } = overrides;
  return {
    id: 'k1',
    name: 'Spring sale',
    status: 'running',
    statusReason: null,
    templateId: null,
    body: 'Hello {{ first_name | there }}',
    variants: [],
    audience: { kind: 'all', audienceId: null, contactIds: [], tags: [], tagMatch: 'any' },
    channelIds: ['ch1'],
    scheduledAt: null,
    pacing: {
      delayMinSeconds: null,
      delayMaxSeconds: null,
      batchPauseEvery: null,
      batchPauseMinMinutes: null,
      batchPauseMaxMinutes: null,
      window: null,
    },
    failureThreshold: null,
    counts: { ...ZERO, ...counts },
    ratePerSecond: 0,
    etaSeconds: null,
    nextSendAt: null,
    startedAt: '2026-01-02T03:04:05Z',
    finishedAt: null,
    createdAt: '2026-01-02T03:00:00Z',
    updatedAt: '2026-01-02T03:04:05Z',
    ...rest,
  };
}
