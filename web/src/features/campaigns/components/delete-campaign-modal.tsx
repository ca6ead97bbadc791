import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { errorMessage } from '../../../api/errors';
import type { Campaign } from '../../../api/types';
import { showSuccess } from '../../../components/notify';
import { useDeleteCampaign } from '../api/use-campaigns';

export function DeleteCampaignModal({
  campaign,
  onClose,
  onDeleted,
}: {
  campaign: Campaign | null;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const remove = useDeleteCampaign();
  const sending = campaign?.status === 'running' || campaign?.status === 'scheduled';
  return (
    <Modal
      opened={campaign !== null}
      onClose={() => {
        remove.reset();
        onClose();
      }}
      title="Delete campaign?"
    >
      <Stack>
        <Text>
          Delete “{campaign?.name}” and its recipient list?{' '}
          {sending
            ? 'It is still sending: sending stops first, messages already sent stay sent.'
            : 'Messages already sent stay in the history.'}{' '}
          This cannot be undone.
        </Text>
        {remove.isError && (
          <Alert color="red" title="Could not delete the campaign" role="alert">
            {errorMessage(remove.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              campaign &&
              remove.mutate(campaign.id, {
                onSuccess: () => {
                  showSuccess(`Deleted “${campaign.name}”`);
                  onClose();
                  onDeleted?.();
                },
              })
            }
          >
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
