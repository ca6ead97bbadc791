import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { ApiError } from '../../../api/errors';

export const analyticsQueryKey = ['analytics'] as const;

/**
 * Analytics refresh by polling, not by server-sent events. The rollups behind the charts lag real
 * time by their interval anyway, and `message.status` events arrive by the hundred per second while
 * a campaign runs: invalidating three analytics queries on each would be a request storm for numbers
 * that cannot have changed yet. React Query pauses the polling while the tab is hidden.
 */
export const ANALYTICS_POLL_MS = 15_000;

export function useAnalyticsDashboard() {
  return useQuery({
    queryKey: [...analyticsQueryKey, 'dashboard'],
    queryFn: () => unwrap(api.GET('/api/v1/analytics/dashboard')),
    refetchInterval: ANALYTICS_POLL_MS,
  });
}

export interface SeriesParams {
  /** First local day, YYYY-MM-DD, inclusive. */
  from: string;
  /** Last local day, YYYY-MM-DD, inclusive. */
  to: string;
  channelId: string | null;
}

/** Daily counts over [from, to]; the previous period stays on screen while another loads. */
export function useMessageSeries(params: SeriesParams) {
  return useQuery({
    queryKey: [...analyticsQueryKey, 'messages', params],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/analytics/messages', {
          params: {
            query: {
              from: params.from,
              to: params.to,
              channelId: params.channelId ?? undefined,
            },
          },
        }),
      ),
    refetchInterval: ANALYTICS_POLL_MS,
    placeholderData: keepPreviousData,
  });
}

export function useUsage() {
  return useQuery({
    queryKey: [...analyticsQueryKey, 'usage'],
    queryFn: () => unwrap(api.GET('/api/v1/analytics/usage')),
    refetchInterval: ANALYTICS_POLL_MS,
  });
}

/** A contact's display name for the activity feed; null once the contact is deleted. */
export type ContactName = { name: string | null; phone: string } | null;

/**
 * Names for the contacts in the recent-activity feed (at most ten, so ten small lookups). Names
 * rarely change, so they are kept for five minutes instead of following the dashboard's polling.
 */
export function useContactNames(ids: readonly string[]): Map<string, ContactName> {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: [...analyticsQueryKey, 'contact', id],
      queryFn: async (): Promise<ContactName> => {
        try {
          const c = await unwrap(api.GET('/api/v1/contacts/{id}', { params: { path: { id } } }));
          return { name: c.name, phone: c.phone };
        } catch (err) {
          if (err instanceof ApiError && err.status === 404) return null;
          throw err;
        }
      },
      staleTime: 5 * 60_000,
    })),
  });
  const names = new Map<string, ContactName>();
  unique.forEach((id, i) => {
    const data = results[i]?.data;
    if (data !== undefined) names.set(id, data);
  });
  return names;
}
