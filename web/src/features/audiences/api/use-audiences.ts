import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { AudienceFilter, SaveAudienceRequest } from '../../../api/types';

// counts depend on contacts too: contact changes invalidate ['contacts'], this list refetches on focus
export const audiencesQueryKey = ['audiences'] as const;

export function useAudiences() {
  return useQuery({
    queryKey: audiencesQueryKey,
    queryFn: () => unwrap(api.GET('/api/v1/audiences')),
  });
}

/** The builder's live count of a filter that is not saved yet. */
export function useAudiencePreviewCount(filter: AudienceFilter, enabled: boolean) {
  return useQuery({
    queryKey: [...audiencesQueryKey, 'preview', filter],
    queryFn: () => unwrap(api.POST('/api/v1/audiences/count', { body: filter })),
    enabled,
    placeholderData: keepPreviousData,
  });
}

function useInvalidateAudiences() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: audiencesQueryKey });
}

export function useCreateAudience() {
  const invalidate = useInvalidateAudiences();
  return useMutation({
    mutationFn: (body: SaveAudienceRequest) => unwrap(api.POST('/api/v1/audiences', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateAudience() {
  const invalidate = useInvalidateAudiences();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: SaveAudienceRequest }) =>
      unwrap(api.PATCH('/api/v1/audiences/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useDeleteAudience() {
  const invalidate = useInvalidateAudiences();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/audiences/{id}', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}
