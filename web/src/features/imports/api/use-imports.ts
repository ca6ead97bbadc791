import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { ContactImport, MappingCmd } from '../../../api/types';
import { uploadImportFile, type UploadProgress } from './upload';

// `import.progress` events invalidate this key (see api/use-events.ts)
export const importsQueryKey = ['imports'] as const;

/** The preview reads at most this much of the file's start. */
export const PREVIEW_BYTES = 1024 * 1024;
export const HISTORY_PAGE_SIZE = 20;

export type OnExisting = 'update' | 'skip';

export interface ImportOptions {
  /** ISO 3166 alpha-2; undefined: the workspace's default */
  defaultCountry?: string;
  onExisting: OnExisting;
  tags: string[];
  /** undefined: the mapping the server proposes from the headers */
  mapping?: MappingCmd[];
}

const ENDED = new Set(['completed', 'failed', 'cancelled']);

export function isEnded(imp: Pick<ContactImport, 'status'>): boolean {
  return ENDED.has(imp.status);
}

function optionsQuery(options: ImportOptions) {
  return {
    defaultCountry: options.defaultCountry,
    onExisting: options.onExisting,
    tags: options.tags.length > 0 ? [options.tags.join(',')] : undefined,
    mapping: options.mapping ? JSON.stringify(options.mapping) : undefined,
  };
}

/** What the file's first megabyte looks like when imported with these options. */
export function useImportPreview(file: File, options: Omit<ImportOptions, 'onExisting'>) {
  const fileKey = `${file.name}:${file.size}:${file.lastModified}`;
  return useQuery({
    queryKey: [...importsQueryKey, 'preview', fileKey, options],
    queryFn: async () => {
      const head = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
      return unwrap(
        api.POST('/api/v1/contacts/imports/preview', {
          params: { query: optionsQuery({ ...options, onExisting: 'update' }) },
          // The schema documents the multipart form; the endpoint takes the raw bytes as well.
          body: head as unknown as { file: string },
          bodySerializer: (body) => body as unknown as BodyInit,
          headers: { 'Content-Type': 'text/csv' },
        }),
      );
    },
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
  });
}

/** Uploads the file and starts the import; `progress` follows the bytes sent. */
export function useStartImport() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const mutation = useMutation({
    mutationFn: ({ file, options }: { file: File; options: ImportOptions }) => {
      setProgress({ loaded: 0, total: file.size });
      const query = new URLSearchParams({ filename: file.name, onExisting: options.onExisting });
      const { defaultCountry, tags, mapping } = optionsQuery(options);
      if (defaultCountry) query.set('defaultCountry', defaultCountry);
      if (tags) query.set('tags', tags.join(','));
      if (mapping) query.set('mapping', mapping);
      return uploadImportFile(file, query, setProgress);
    },
    onSuccess: (imp) => {
      queryClient.setQueryData([...importsQueryKey, imp.id], imp);
      void queryClient.invalidateQueries({ queryKey: [...importsQueryKey, 'list'] });
    },
  });
  return { ...mutation, progress };
}

/** One import; follows `import.progress` events, with slow polling in case one is missed. */
export function useImport(id: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: [...importsQueryKey, id],
    queryFn: () => unwrap(api.GET('/api/v1/contacts/imports/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && isEnded(q.state.data) ? false : 5000),
  });
  // when polling, not an event, saw the end, the history and the contacts are stale too
  const ended = query.data ? isEnded(query.data) : false;
  useEffect(() => {
    if (!ended) return;
    void queryClient.invalidateQueries({ queryKey: [...importsQueryKey, 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['contacts'] });
  }, [ended, queryClient]);
  return query;
}

export function useImportHistory() {
  return useInfiniteQuery({
    queryKey: [...importsQueryKey, 'list'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/contacts/imports', {
          params: { query: { limit: HISTORY_PAGE_SIZE, cursor: pageParam ?? undefined } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Where the browser downloads the rejected rows (the file's columns plus an error column). */
export function errorsUrl(id: string): string {
  return `/api/v1/contacts/imports/${encodeURIComponent(id)}/errors.csv`;
}

function useAfterChange() {
  const queryClient = useQueryClient();
  return (imp: ContactImport) => {
    queryClient.setQueryData([...importsQueryKey, imp.id], imp);
    void queryClient.invalidateQueries({ queryKey: [...importsQueryKey, 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['contacts'] });
  };
}

export function useCancelImport() {
  const onSuccess = useAfterChange();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/contacts/imports/{id}/cancel', { params: { path: { id } } })),
    onSuccess,
  });
}

export function useUndoImport() {
  const onSuccess = useAfterChange();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/contacts/imports/{id}/undo', { params: { path: { id } } })),
    onSuccess,
  });
}
