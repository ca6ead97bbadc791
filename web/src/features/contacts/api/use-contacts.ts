import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { useWorkspace } from '../../../api/use-workspace';
import type {
  BulkDeleteRequest,
  ContactSort,
  CreateContactRequest,
  UpdateContactRequest,
} from '../../../api/types';

// `message.received` and `contacts.*` events invalidate this key (see api/use-events.ts)
export const contactsQueryKey = ['contacts'] as const;

export const PAGE_SIZE = 50;

export interface ContactListParams {
  search: string;
  tags: string[];
  sort: ContactSort;
}

function filterQuery(params: Pick<ContactListParams, 'search' | 'tags'>) {
  return {
    search: params.search.trim() || undefined,
    tag: params.tags.length > 0 ? params.tags : undefined,
  };
}

/** The contacts list, one keyset page at a time ("Load more" fetches the next). */
export function useContacts(params: ContactListParams) {
  return useInfiniteQuery({
    queryKey: [...contactsQueryKey, 'list', params],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/contacts', {
          params: {
            query: {
              ...filterQuery(params),
              sort: params.sort,
              limit: PAGE_SIZE,
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

/** How many contacts match the filter (without one: all, from a counter). */
export function useContactCount(params: Pick<ContactListParams, 'search' | 'tags'>) {
  return useQuery({
    queryKey: [...contactsQueryKey, 'count', { search: params.search, tags: params.tags }],
    queryFn: () =>
      unwrap(api.GET('/api/v1/contacts/count', { params: { query: filterQuery(params) } })),
    placeholderData: keepPreviousData,
  });
}

export function useContactDetail(id: string) {
  return useQuery({
    queryKey: [...contactsQueryKey, { id }],
    queryFn: () => unwrap(api.GET('/api/v1/contacts/{id}', { params: { path: { id } } })),
  });
}

/** Where the browser downloads the CSV of the contacts matching the filter. */
export function exportUrl(params: ContactListParams): string {
  const query = new URLSearchParams();
  if (params.search.trim()) query.set('search', params.search.trim());
  for (const tag of params.tags) query.append('tag', tag);
  query.set('sort', params.sort);
  return `/api/v1/contacts/export.csv?${query.toString()}`;
}

function useInvalidateContacts() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: contactsQueryKey });
}

export function useCreateContact() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: (body: CreateContactRequest) => unwrap(api.POST('/api/v1/contacts', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateContact() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateContactRequest }) =>
      unwrap(api.PATCH('/api/v1/contacts/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useDeleteContact() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/contacts/{id}', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

export function useBulkDeleteContacts() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: (body: BulkDeleteRequest) =>
      unwrap(api.POST('/api/v1/contacts/bulk-delete', { body })),
    onSuccess: invalidate,
  });
}

/** The workspace's default country: how a national phone number typed in a search is read. */
export function useWorkspaceCountry() {
  return useWorkspace().data?.defaultCountry;
}
