import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { CreateChannelRequest, UpdateChannelRequest } from '../../../api/types';

// `channel.status` events invalidate this key (see api/use-events.ts)
export const channelsQueryKey = ['channels'] as const;

export function useChannels() {
  return useQuery({
    queryKey: channelsQueryKey,
    queryFn: () => unwrap(api.GET('/api/v1/channels')),
  });
}

export function useChannel(id: string) {
  return useQuery({
    queryKey: [...channelsQueryKey, { id }],
    queryFn: () => unwrap(api.GET('/api/v1/channels/{id}', { params: { path: { id } } })),
  });
}

function useInvalidateChannels() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: channelsQueryKey });
}

export function useCreateSandboxChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/channels/sandbox', { body: {} })),
    onSuccess: invalidate,
  });
}

export function useCreateChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({
    mutationFn: (body: CreateChannelRequest) => unwrap(api.POST('/api/v1/channels', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateChannelRequest }) =>
      unwrap(api.PATCH('/api/v1/channels/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useTestChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/channels/{id}/test', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

export function useDeleteChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/channels/{id}', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}
