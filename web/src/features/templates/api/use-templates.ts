import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type {
  RenderTemplateRequest,
  SaveTemplateRequest,
  TemplateCategory,
} from '../../../api/types';

export const templatesQueryKey = ['templates'] as const;

export const PAGE_SIZE = 50;
/** How many contacts the preview's picker offers at a time. */
export interface TemplateListParams {
  search: string;
  category: TemplateCategory | null;
}

/** The templates list, newest first, one keyset page at a time ("Load more" fetches the next). */
export function useTemplates(params: TemplateListParams) {
  return useInfiniteQuery({
    queryKey: [...templatesQueryKey, 'list', params],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/templates', {
          params: {
            query: {
              search: params.search.trim() || undefined,
              category: params.category ?? undefined,
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

export function useTemplate(id: string) {
  return useQuery({
    queryKey: [...templatesQueryKey, { id }],
    queryFn: () => unwrap(api.GET('/api/v1/templates/{id}', { params: { path: { id } } })),
  });
}

/**
 * A body rendered by the server for a contact (or for nobody: defaults only). Syntax errors come
 * back as a 400 whose `body` field error names the position.
 */
export function useTemplatePreview(request: RenderTemplateRequest) {
  return useQuery({
    queryKey: [...templatesQueryKey, 'preview', request],
    queryFn: () => unwrap(api.POST('/api/v1/templates/render', { body: request })),
    enabled: request.body.trim() !== '',
    placeholderData: keepPreviousData,
    // a preview is a pure function of the request: nothing to refetch
    staleTime: Infinity,
  });
}

/**
 * Uploads an image, video or document for a template; answers its public link for media.url. The
 * body is sent as multipart form data (the generated type describes the file part as a string).
 */
export function useUploadTemplateMedia() {
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(
        api.POST('/api/v1/templates/media', {
          body: { file: file.name },
          bodySerializer: () => {
            const form = new FormData();
            form.append('file', file, file.name);
            return form;
          },
        }),
      ),
  });
}

/** The custom attribute keys the workspace's contacts use, for the variable helper. */
export function useAttributeKeys() {
  return useQuery({
    queryKey: ['contacts', 'attribute-keys'],
    queryFn: () => unwrap(api.GET('/api/v1/contacts/attribute-keys')),
    staleTime: 60_000,
  });
}

function useInvalidateTemplates() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: templatesQueryKey });
}

export function useCreateTemplate() {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: (body: SaveTemplateRequest) => unwrap(api.POST('/api/v1/templates', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateTemplate() {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SaveTemplateRequest }) =>
      unwrap(api.PUT('/api/v1/templates/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useDuplicateTemplate() {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/templates/{id}/duplicate', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

export function useDeleteTemplate() {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/templates/{id}', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}
