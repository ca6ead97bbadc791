import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';

/** How many contacts a picker offers per search. */
export const CONTACT_OPTIONS_LIMIT = 20;

/**
 * Contacts matching a search, for pickers (template preview, agent test chat, a campaign's explicit
 * list): the first page of the contacts list, the previous answer kept while the next one loads.
 */
export function useContactOptions(search: string) {
  return useQuery({
    queryKey: ['contacts', 'options', { search }],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/contacts', {
          params: {
            query: { search: search.trim() || undefined, limit: CONTACT_OPTIONS_LIMIT },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
