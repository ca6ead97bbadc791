import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { SandboxInboundRequest, SendMessageRequest } from '../../../api/types';

// `message.received` and `message.status` events invalidate these keys (see api/use-events.ts)
export const messagesQueryKey = ['messages'] as const;
export const sandboxDeliveriesQueryKey = ['sandbox-deliveries'] as const;

const PAGE_SIZE = 25;

/** A channel's messages, newest first, one page at a time ("Load older" fetches the next). */
export function useChannelMessages(channelId: string) {
  return useInfiniteQuery({
    queryKey: [...messagesQueryKey, { channelId }],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/messages', {
          params: { query: { channelId, limit: PAGE_SIZE, cursor: pageParam ?? undefined } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Names and phones change rarely; every row of a conversation shares one request. */
export function useContact(id: string) {
  return useQuery({
    queryKey: ['contacts', { id }],
    queryFn: () => unwrap(api.GET('/api/v1/contacts/{id}', { params: { path: { id } } })),
    staleTime: 60_000,
  });
}

function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts; a dashboard served over plain http still sends
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

export function useSendMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    // one key per submission, so a request the network repeats is sent only once
    mutationFn: (body: SendMessageRequest) =>
      unwrap(
        api.POST('/api/v1/messages', {
          params: { header: { 'Idempotency-Key': newIdempotencyKey() } },
          body,
        }),
      ),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: messagesQueryKey }),
        queryClient.invalidateQueries({ queryKey: sandboxDeliveriesQueryKey }),
      ]);
    },
  });
}

export function useSimulateInbound(channelId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SandboxInboundRequest) =>
      unwrap(
        api.POST('/api/v1/channels/{id}/sandbox/inbound', {
          params: { path: { id: channelId } },
          body,
        }),
      ),
    // the message arrives through the webhook a moment later; its event refreshes the log
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messagesQueryKey }),
  });
}

export function useSandboxDeliveries(channelId: string, to: string) {
  return useQuery({
    queryKey: [...sandboxDeliveriesQueryKey, { channelId, to }],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/channels/{id}/sandbox/deliveries', {
          params: { path: { id: channelId }, query: { to: to || undefined, limit: 20 } },
        }),
      ),
  });
}
