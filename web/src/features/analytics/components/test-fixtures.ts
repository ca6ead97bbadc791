import type {
  AnalyticsActivity,
  AnalyticsCounter,
  AnalyticsDashboard,
  AnalyticsMessageSeries,
  AnalyticsUsage,
  MessageCounts,
} from '../../../api/types';
import { addDays } from './period';

export const ZERO: MessageCounts = {
  sent: 0,
  delivered: 0,
  read: 0,
  failed: 0,
  received: 0,
  agentReplies: 0,
  campaignSends: 0,
};

export function counts(overrides: Partial<MessageCounts> = {}): MessageCounts {
  return { ...ZERO, ...overrides };
}

export const CHANNEL_ID = '0190a000-0000-7000-8000-0000000000c1';
export const CONTACT_ID = '0190a000-0000-7000-8000-0000000000d1';

export function activity(overrides: Partial<AnalyticsActivity> = {}): AnalyticsActivity {
  return {
    messageId: '0190a000-0000-7000-8000-0000000000e1',
    contactId: CONTACT_ID,
    channelId: CHANNEL_ID,
    direction: 'out',
    status: 'delivered',
    preview: 'Hi Ngozi, our spring sale starts today!',
    campaign: true,
    at: new Date(Date.now() - 5 * 60_000).toISOString(),
    ...overrides,
  };
}

export function dashboard(overrides: Partial<AnalyticsDashboard> = {}): AnalyticsDashboard {
  return {
    messagesThisMonth: 1234,
    messagesLimit: 10000,
    messagesReceivedThisMonth: 56,
    channelsConnected: 1,
    channelsTotal: 2,
    contacts: 4321,
    contactsLimit: 100000,
    runningCampaigns: 3,
    deliveryRate7d: 0.917,
    readRate7d: null,
    last7Days: counts({ sent: 120, delivered: 110, read: 0 }),
    recentActivity: [activity()],
    statsUpdatedAt: new Date(Date.now() - 2 * 60_000).toISOString(),
    ...overrides,
  };
}

/** A zero-filled series over [from, to] with `perDay` on the days it names. */
export function series(
  from: string,
  to: string,
  perDay: Record<string, Partial<MessageCounts>> = {},
  channelId: string | null = null,
): AnalyticsMessageSeries {
  const days = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push({ day: d, counts: counts(perDay[d]) });
  const total = days.reduce((acc, d) => {
    for (const k of Object.keys(acc) as (keyof MessageCounts)[]) acc[k] += d.counts[k];
    return acc;
  }, counts());
  return { from, to, timeZone: 'Europe/Berlin', channelId, days, total, byChannel: [] };
}

export function counter(overrides: Partial<AnalyticsCounter> = {}): AnalyticsCounter {
  return {
    metric: 'messages_sent',
    label: 'Messages sent this month',
    used: 5,
    limit: 10000,
    percent: 0.1,
    level: 'ok',
    ...overrides,
  };
}

export function usage(overrides: Partial<AnalyticsUsage> = {}): AnalyticsUsage {
  const months = [];
  for (let i = 0; i < 12; i++) {
    const m = new Date(Date.UTC(2025, 11 + i, 1)).toISOString().slice(0, 10);
    months.push({ month: m, counts: counts(i === 11 ? { sent: 5, received: 2 } : {}) });
  }
  return {
    plan: 'pro',
    period: '2026-11',
    counters: [
      counter(),
      counter({ metric: 'contacts', label: 'Contacts', used: 5, limit: 100000, percent: 0 }),
      counter({ metric: 'channels', label: 'Channels', used: 1, limit: 3, percent: 33.3 }),
      counter({ metric: 'agents', label: 'AI agents', used: 0, limit: 5, percent: 0 }),
    ],
    daily: [
      { day: '2026-11-01', counts: counts() },
      { day: '2026-11-02', counts: counts({ sent: 5, received: 2 }) },
    ],
    months,
    byChannelThisMonth: [
      {
        channelId: CHANNEL_ID,
        counts: counts({ sent: 5, delivered: 4, read: 3, failed: 1, received: 2 }),
      },
    ],
    ...overrides,
  };
}
