import type { ContactImport } from '../../../api/types';

/** A finished import as the API answers it; override what a test cares about. */
export function contactImport(overrides: Partial<ContactImport> = {}): ContactImport {
  return {
    id: 'i1',
    filename: 'contacts.csv',
    status: 'completed',
    cancelRequested: false,
    sizeBytes: 64,
    encoding: 'UTF-8',
    delimiter: ',',
    defaultCountry: 'NG',
    onExisting: 'update',
    tags: [],
    rows: 2,
    created: 1,
    updated: 0,
    skipped: 0,
    rejected: 1,
    percent: 100,
    error: null,
    createdAt: '2026-01-02T03:04:05Z',
    startedAt: '2026-01-02T03:04:06Z',
    finishedAt: '2026-01-02T03:04:07Z',
    undoneAt: null,
    undoneCount: null,
    ...overrides,
  };
}
