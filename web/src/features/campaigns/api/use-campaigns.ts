import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { useWorkspace } from '../../../api/use-workspace';
import type { SaveCampaignRequest } from '../../../api/types';

// `campaign.progress` events invalidate this key (see api/use-events.ts): lists, details and
// recipient pages all refetch, so bars and counts move without a reload.
export const campaignsQueryKey = ['campaigns'] as const;

export const PAGE_SIZE = 50;
export const RECIPIENTS_PAGE_SIZE = 50;

export function useCampaigns() {
  return useInfiniteQuery({
    queryKey: [...campaignsQueryKey, 'list'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/campaigns', {
          params: { query: { limit: PAGE_SIZE, cursor: pageParam ?? undefined } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Delivery receipts keep arriving after the last send; no progress event reports them. */
const AFTER_COMPLETION_POLL_MS = 5_000;
const AFTER_COMPLETION_WINDOW_MS = 10 * 60_000;
/**
 * While a campaign sends, progress events move the page; a slow poll besides them keeps it right if an event is
 * lost (notifications are not durable) or the stream is reconnecting.
 */
const WHILE_ACTIVE_POLL_MS = 3_000;

export function useCampaign(id: string) {
  return useQuery({
    queryKey: [...campaignsQueryKey, { id }],
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => {
      const c = query.state.data;
      if (c?.status === 'running' || c?.status === 'scheduled') return WHILE_ACTIVE_POLL_MS;
      const recent =
        c?.status === 'completed' &&
        c.finishedAt !== null &&
        Date.now() - Date.parse(c.finishedAt) < AFTER_COMPLETION_WINDOW_MS;
      return recent && c.counts.read < c.counts.sent ? AFTER_COMPLETION_POLL_MS : false;
    },
  });
}

/** A campaign's recipients in materialisation order, filtered by status, a keyset page at a time. */
export function useCampaignRecipients(id: string, status: string | null) {
  return useInfiniteQuery({
    queryKey: [...campaignsQueryKey, { id }, 'recipients', { status }],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/campaigns/{id}/recipients', {
          params: {
            path: { id },
            query: {
              status: status ?? undefined,
              limit: RECIPIENTS_PAGE_SIZE,
              cursor: pageParam ?? undefined,
            },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

function useInvalidateCampaigns() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: campaignsQueryKey });
}

export function useCreateCampaign() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (body: SaveCampaignRequest) => unwrap(api.POST('/api/v1/campaigns', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateCampaign() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SaveCampaignRequest }) =>
      unwrap(api.PATCH('/api/v1/campaigns/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export type CampaignAction = 'start' | 'pause' | 'resume' | 'cancel' | 'duplicate' | 'retry-failed';

/** One mutation for every state transition; `variables` says which one runs. */
export function useCampaignAction() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: CampaignAction }) => {
      const options = { params: { path: { id } } };
      switch (action) {
        case 'start':
          return unwrap(api.POST('/api/v1/campaigns/{id}/start', options));
        case 'pause':
          return unwrap(api.POST('/api/v1/campaigns/{id}/pause', options));
        case 'resume':
          return unwrap(api.POST('/api/v1/campaigns/{id}/resume', options));
        case 'cancel':
          return unwrap(api.POST('/api/v1/campaigns/{id}/cancel', options));
        case 'duplicate':
          return unwrap(api.POST('/api/v1/campaigns/{id}/duplicate', options));
        case 'retry-failed':
          return unwrap(api.POST('/api/v1/campaigns/{id}/retry-failed', options));
      }
    },
    onSuccess: invalidate,
  });
}

export function useDeleteCampaign() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/campaigns/{id}', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

// ---- what the wizard picks from (features don't import each other, so these are local)

export function useChannelOptions() {
  return useQuery({
    queryKey: ['channels'],
    queryFn: () => unwrap(api.GET('/api/v1/channels')),
  });
}

export function useAudienceOptions() {
  return useQuery({
    queryKey: ['audiences'],
    queryFn: () => unwrap(api.GET('/api/v1/audiences')),
  });
}

export function useTemplateOptions() {
  return useQuery({
    queryKey: ['templates', 'campaign-options'],
    queryFn: () => unwrap(api.GET('/api/v1/templates', { params: { query: { limit: 100 } } })),
  });
}

/** How many contacts the workspace has (the "all contacts" audience), live with contact events. */
export function useContactTotal(enabled: boolean) {
  return useQuery({
    queryKey: ['contacts', 'campaign-count'],
    queryFn: () => unwrap(api.GET('/api/v1/contacts/count')),
    enabled,
  });
}

/** How many contacts carry any of these tags (the count endpoint's tag filter matches any). */
export function useTaggedCount(tags: string[], enabled: boolean) {
  return useQuery({
    queryKey: ['contacts', 'campaign-count', { tags }],
    queryFn: () => unwrap(api.GET('/api/v1/contacts/count', { params: { query: { tag: tags } } })),
    enabled: enabled && tags.length > 0,
  });
}

export function useWorkspaceTimeZone() {
  return useWorkspace().data?.timeZone;
}

/** The body as one contact would receive it, rendered by the server. */
export function useMessagePreview(body: string, contactId: string | null) {
  return useQuery({
    queryKey: ['templates', 'preview', { body, contactId }],
    queryFn: () => unwrap(api.POST('/api/v1/templates/render', { body: { body, contactId } })),
    enabled: body.trim() !== '',
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}
