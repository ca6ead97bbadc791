import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';

export const workspaceQueryKey = ['workspace'] as const;

/** The signed-in workspace's settings (name, time zone, default country), shared by every feature that reads them. */
export function useWorkspace() {
  return useQuery({
    queryKey: workspaceQueryKey,
    queryFn: () => unwrap(api.GET('/api/v1/workspace')),
  });
}
