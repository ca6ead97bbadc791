import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { UpdateWorkspaceRequest } from '../../../api/types';

export const workspaceQueryKey = ['workspace'] as const;

export function useWorkspace() {
  return useQuery({
    queryKey: workspaceQueryKey,
    queryFn: () => unwrap(api.GET('/api/v1/workspace')),
  });
}

export function useUpdateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateWorkspaceRequest) => unwrap(api.PATCH('/api/v1/workspace', { body })),
    onSuccess: (workspace) => {
      queryClient.setQueryData(workspaceQueryKey, workspace);
      // The header shows the workspace from /auth/me.
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}
