import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { AgentChatRequest, SaveAgentRequest } from '../../../api/types';

// `agent.activity` events invalidate the activity, facts and conversation keys below (see
// api/use-events.ts); a person's reply from the inbox invalidates the conversation key too.
export const agentsQueryKey = ['agents'] as const;
export const availabilityKey = [...agentsQueryKey, 'availability'] as const;
export const agentListKey = [...agentsQueryKey, 'list'] as const;
export const agentKey = (id: string) => [...agentsQueryKey, 'agent', id] as const;
export const activityKey = [...agentsQueryKey, 'activity'] as const;
export const factsKey = (contactId: string) => [...agentsQueryKey, 'facts', contactId] as const;
export const conversationAgentKey = (contactId: string) =>
  [...agentsQueryKey, 'conversation', contactId] as const;

export const ACTIVITY_PAGE_SIZE = 25;
/** How many contacts the test chat's picker offers at a time. */
/** Whether the server has an AI provider, the plan's agent limit and the facts kept per contact. */
export function useAgentAvailability() {
  return useQuery({
    queryKey: availabilityKey,
    queryFn: () => unwrap(api.GET('/api/v1/agents/availability')),
  });
}

export function useAgents() {
  return useQuery({
    queryKey: agentListKey,
    queryFn: () => unwrap(api.GET('/api/v1/agents')),
  });
}

export function useAgent(id: string) {
  return useQuery({
    queryKey: agentKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/agents/{id}', { params: { path: { id } } })),
  });
}

function useInvalidateAgents() {
  const queryClient = useQueryClient();
  // the list, one agent, and the availability's count of agents
  return () => queryClient.invalidateQueries({ queryKey: agentsQueryKey });
}

export function useCreateAgent() {
  const invalidate = useInvalidateAgents();
  return useMutation({
    mutationFn: (body: SaveAgentRequest) => unwrap(api.POST('/api/v1/agents', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateAgent() {
  const invalidate = useInvalidateAgents();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SaveAgentRequest }) =>
      unwrap(api.PUT('/api/v1/agents/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useSetAgentEnabled() {
  const invalidate = useInvalidateAgents();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      unwrap(
        api.PUT('/api/v1/agents/{id}/enabled', { params: { path: { id } }, body: { enabled } }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteAgent() {
  const invalidate = useInvalidateAgents();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/agents/{id}', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

/**
 * One answer of the agent to the conversation typed in the dashboard; nothing is sent. With a
 * contact, its memory tools change that contact's facts for real.
 */
export function useAgentChat(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AgentChatRequest) =>
      unwrap(api.POST('/api/v1/agents/{id}/chat', { params: { path: { id } }, body })),
    onSuccess: (_reply, body) => {
      if (body.contactId) {
        void queryClient.invalidateQueries({ queryKey: factsKey(body.contactId) });
      }
    },
  });
}

export interface ActivityFilters {
  agentId?: string;
  contactId?: string;
  status: string | null;
}

/** The agents' replies, newest first, one keyset page at a time ("Load more" fetches the next). */
export function useAgentActivity(filters: ActivityFilters) {
  return useInfiniteQuery({
    queryKey: [...activityKey, filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/agents/activity', {
          params: {
            query: {
              agentId: filters.agentId,
              contactId: filters.contactId,
              status: filters.status ?? undefined,
              limit: ACTIVITY_PAGE_SIZE,
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

/**
 * Whether an agent answers this contact now. A pause after a person's reply runs out by itself:
 * the state is asked again when it does.
 */
export function useConversationAgent(contactId: string) {
  return useQuery({
    queryKey: conversationAgentKey(contactId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/agents/conversations/{contactId}', { params: { path: { contactId } } }),
      ),
    refetchInterval: (query) => {
      const until = query.state.data?.pausedUntil;
      if (query.state.data?.state !== 'paused' || !until) return false;
      return Math.max(1_000, new Date(until).getTime() - Date.now() + 1_000);
    },
  });
}

export function useResumeAgent(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/agents/conversations/{contactId}/resume', {
          params: { path: { contactId } },
        }),
      ),
    onSuccess: (state) => queryClient.setQueryData(conversationAgentKey(contactId), state),
  });
}

// ---- facts: what the workspace remembers about a contact

export function useFacts(contactId: string) {
  return useQuery({
    queryKey: factsKey(contactId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/contacts/{contactId}/facts', { params: { path: { contactId } } })),
  });
}

function useInvalidateFacts(contactId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: factsKey(contactId) });
}

export function useAddFact(contactId: string) {
  const invalidate = useInvalidateFacts(contactId);
  return useMutation({
    mutationFn: (fact: string) =>
      unwrap(
        api.POST('/api/v1/contacts/{contactId}/facts', {
          params: { path: { contactId } },
          body: { fact },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useUpdateFact(contactId: string) {
  const invalidate = useInvalidateFacts(contactId);
  return useMutation({
    mutationFn: ({ factId, fact }: { factId: string; fact: string }) =>
      unwrap(
        api.PUT('/api/v1/contacts/{contactId}/facts/{factId}', {
          params: { path: { contactId, factId } },
          body: { fact },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteFact(contactId: string) {
  const invalidate = useInvalidateFacts(contactId);
  return useMutation({
    mutationFn: (factId: string) =>
      unwrap(
        api.DELETE('/api/v1/contacts/{contactId}/facts/{factId}', {
          params: { path: { contactId, factId } },
        }),
      ),
    onSuccess: invalidate,
  });
}

// ---- what agents pick from (features don't import each other, so these are local)

export function useChannelOptions() {
  return useQuery({
    queryKey: ['channels'],
    queryFn: () => unwrap(api.GET('/api/v1/channels')),
  });
}
