import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
} from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type {
  ConversationStatus,
  ReplyRequest,
  ThreadMessage,
  ThreadPage,
  UpdateConversationRequest,
} from '../../../api/types';

// `message.received`, `message.status` and `conversation.updated` events invalidate this key (see
// api/use-events.ts): the list reorders, threads and the unread badge follow without a reload.
export const inboxQueryKey = ['inbox'] as const;

export const CONVERSATIONS_PAGE_SIZE = 30;
export const THREAD_PAGE_SIZE = 30;

export type AssigneeFilter = 'me' | 'none';

export interface ConversationFilters {
  q: string;
  channelId: string | null;
  /** null: open and closed */
  status: ConversationStatus | null;
  unread: boolean;
  assignee: AssigneeFilter | null;
}

export const conversationsKey = [...inboxQueryKey, 'conversations'] as const;
export const unreadKey = [...inboxQueryKey, 'unread'] as const;
export const conversationKey = (contactId: string) =>
  [...inboxQueryKey, 'conversation', contactId] as const;
export const threadKey = (contactId: string) => [...inboxQueryKey, 'thread', contactId] as const;

/** Conversations, latest activity first, one keyset page at a time. */
export function useConversations(filters: ConversationFilters) {
  return useInfiniteQuery({
    queryKey: [...conversationsKey, filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/inbox/conversations', {
          params: {
            query: {
              q: filters.q.trim() || undefined,
              channelId: filters.channelId ?? undefined,
              status: filters.status ?? undefined,
              unread: filters.unread || undefined,
              assignee: filters.assignee ?? undefined,
              limit: CONVERSATIONS_PAGE_SIZE,
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

/** How many conversations have unread messages: the badge on the navigation's Inbox link. */
export function useUnreadConversations(enabled = true) {
  return useQuery({
    queryKey: unreadKey,
    queryFn: () => unwrap(api.GET('/api/v1/inbox/unread')),
    enabled,
  });
}

/** A conversation with its 24-hour window and the channel a reply goes through. */
export function useConversation(contactId: string) {
  return useQuery({
    queryKey: conversationKey(contactId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/inbox/conversations/{contactId}', {
          params: { path: { contactId } },
        }),
      ),
  });
}

/** The conversation's messages of every channel; pages come newest first ("older" is the next). */
export function useThread(contactId: string) {
  return useInfiniteQuery({
    queryKey: threadKey(contactId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/inbox/conversations/{contactId}/messages', {
          params: {
            path: { contactId },
            query: { limit: THREAD_PAGE_SIZE, cursor: pageParam ?? undefined },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

function useInvalidateConversations() {
  const queryClient = useQueryClient();
  return (contactId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: conversationsKey }),
      queryClient.invalidateQueries({ queryKey: unreadKey }),
      queryClient.invalidateQueries({ queryKey: conversationKey(contactId) }),
    ]);
}

/** Reads the conversation for the whole workspace (its `conversation.updated` event tells others). */
export function useMarkRead() {
  const invalidate = useInvalidateConversations();
  return useMutation({
    mutationFn: (contactId: string) =>
      unwrap(
        api.POST('/api/v1/inbox/conversations/{contactId}/read', {
          params: { path: { contactId } },
        }),
      ),
    onSuccess: (_data, contactId) => invalidate(contactId),
  });
}

/** Closes, reopens or (un)assigns a conversation. */
export function useUpdateConversation(contactId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateConversations();
  return useMutation({
    mutationFn: (body: UpdateConversationRequest) =>
      unwrap(
        api.PATCH('/api/v1/inbox/conversations/{contactId}', {
          params: { path: { contactId } },
          body,
        }),
      ),
    onSuccess: async (detail) => {
      queryClient.setQueryData(conversationKey(contactId), detail);
      await invalidate(contactId);
    },
  });
}

/** Puts a message the server just answered at the newest end of a loaded thread. */
export function withMessage(
  data: InfiniteData<ThreadPage, string | null> | undefined,
  message: ThreadMessage,
): InfiniteData<ThreadPage, string | null> | undefined {
  const first = data?.pages[0];
  if (!data || !first) return data;
  if (data.pages.some((p) => p.items.some((m) => m.id === message.id))) return data;
  return {
    ...data,
    pages: [{ ...first, items: [message, ...first.items] }, ...data.pages.slice(1)],
  };
}

/**
 * Replies with free text or a template. The sent message shows in the thread at once; its
 * `message.status` events then move it through sent, delivered and read.
 */
export function useReply(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReplyRequest) =>
      unwrap(
        api.POST('/api/v1/inbox/conversations/{contactId}/reply', {
          params: { path: { contactId } },
          body,
        }),
      ),
    onSuccess: (message) => {
      queryClient.setQueryData<InfiniteData<ThreadPage, string | null>>(
        threadKey(contactId),
        (data) => withMessage(data, message),
      );
      // not awaited: the composer is free again as soon as the server took the message
      void queryClient.invalidateQueries({ queryKey: inboxQueryKey });
      // a person's reply pauses the AI agent in this conversation (the agents feature's key)
      void queryClient.invalidateQueries({ queryKey: ['agents', 'conversation', contactId] });
    },
  });
}

// ---- what the inbox picks from (features don't import each other, so these are local)

export function useChannelOptions() {
  return useQuery({
    queryKey: ['channels'],
    queryFn: () => unwrap(api.GET('/api/v1/channels')),
  });
}

export function useMemberOptions() {
  return useQuery({
    queryKey: ['members'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/workspace/members', { params: { query: { limit: 500 } } })),
  });
}

export function useTemplateOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['templates', 'inbox-options'],
    queryFn: () => unwrap(api.GET('/api/v1/templates', { params: { query: { limit: 100 } } })),
    enabled,
  });
}

/** A template's body as this contact would receive it, rendered by the server. */
export function useRenderedTemplate(body: string | undefined, contactId: string) {
  return useQuery({
    queryKey: ['templates', 'preview', { body, contactId }],
    queryFn: () =>
      unwrap(api.POST('/api/v1/templates/render', { body: { body: body ?? '', contactId } })),
    enabled: body !== undefined && body.trim() !== '',
    placeholderData: keepPreviousData,
    // the contact's fields may change; a minute-old preview is fine
    staleTime: 60_000,
  });
}
