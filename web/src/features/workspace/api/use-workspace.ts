import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { UpdateWorkspaceRequest } from '../../../api/types';
import { workspaceQueryKey } from '../../../api/use-workspace';

export { useWorkspace } from '../../../api/use-workspace';

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
