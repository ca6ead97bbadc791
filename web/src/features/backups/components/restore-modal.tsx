import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { errorMessage } from '../../../api/errors';
import { EMPTY_WORKSPACE_HINT, isNotEmptyConflict } from './backup-labels';

/** Why a restore was refused; a workspace with data gets the way out. */
export function RestoreError({ error }: { error: unknown }) {
  if (isNotEmptyConflict(error)) {
    return (
      <Alert color="red" title="This workspace is not empty" role="alert">
        <Stack gap={4}>
          <Text size="sm">{errorMessage(error)}</Text>
          <Text size="sm" fw={600}>
            {EMPTY_WORKSPACE_HINT}
          </Text>
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert color="red" title="Could not restore" role="alert">
      <Text size="sm">{errorMessage(error)}</Text>
    </Alert>
  );
}

/** Asks before a restore starts; shows a refusal in place, so the person can read why. */
export function RestoreModal({
  opened,
  what,
  onConfirm,
  onClose,
  loading,
  error,
  children,
}: {
  opened: boolean;
  what: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
  loading: boolean;
  error: unknown;
  children?: ReactNode;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Restore this backup?">
      <Stack>
        <Text size="sm">
          {what} is restored into this workspace. {EMPTY_WORKSPACE_HINT} The archive is checked
          before anything is written; channels come back disconnected, because backups hold no
          secrets.
        </Text>
        {children}
        {error !== null && error !== undefined && <RestoreError error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={loading} onClick={onConfirm}>
            Restore
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
