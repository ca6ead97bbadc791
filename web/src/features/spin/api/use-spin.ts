import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { SpinRequest } from '../../../api/types';

export const spinAvailabilityQueryKey = ['templates', 'spin', 'availability'] as const;

/** Whether this workspace can spin now, and if not the server's reason and sentence to show. */
export function useSpinAvailability() {
  return useQuery({
    queryKey: spinAvailabilityQueryKey,
    queryFn: () => unwrap(api.GET('/api/v1/templates/spin/availability')),
    // the plan or the server's configuration rarely change while the editor is open
    staleTime: 60_000,
  });
}

/** Asks the AI for variants of a body; nothing is stored. */
export function useSpin() {
  return useMutation({
    mutationFn: (request: SpinRequest) =>
      unwrap(api.POST('/api/v1/templates/spin', { body: request })),
  });
}
