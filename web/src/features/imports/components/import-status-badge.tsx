import { Badge } from '@mantine/core';
import type { ContactImport } from '../../../api/types';

const COLORS: Record<string, string> = {
  uploading: 'gray',
  queued: 'gray',
  running: 'blue',
  completed: 'teal',
  failed: 'red',
  cancelled: 'yellow',
};

export function ImportStatusBadge({ imp }: { imp: Pick<ContactImport, 'status' | 'undoneAt'> }) {
  if (imp.undoneAt) {
    return (
      <Badge color="gray" variant="outline" w="fit-content">
        undone
      </Badge>
    );
  }
  return (
    <Badge color={COLORS[imp.status] ?? 'gray'} variant="light" w="fit-content">
      {imp.status}
    </Badge>
  );
}
