import { Alert, Text } from '@mantine/core';
import { ApiError, errorMessage } from '../../../api/errors';

export function isUpgradeRequired(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'upgrade_required';
}

/** Campaigns need Pro or Enterprise: the server's 403 says so; here is why and what to do. */
export function UpgradeNotice({ error }: { error: unknown }) {
  return (
    <Alert color="violet" title="Campaigns need the Pro plan" role="alert">
      <Text size="sm">{errorMessage(error)}</Text>
      <Text size="sm" mt="xs">
        Broadcasts with pacing, channel pools and live delivery tracking are part of Pro and
        Enterprise. The workspace owner can change the plan; your contacts, templates and channels
        stay as they are.
      </Text>
    </Alert>
  );
}
