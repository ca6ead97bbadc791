import { Button, Group } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { Campaign } from '../../../api/types';
import { showApiError, showSuccess } from '../../../components/notify';
import { useCampaignAction, type CampaignAction } from '../api/use-campaigns';
import { ACTION_LABELS, allowedActions } from './campaign-state';

const DONE: Record<CampaignAction, string> = {
  start: 'Started',
  pause: 'Paused',
  resume: 'Resumed',
  cancel: 'Cancelled',
  duplicate: 'Duplicated',
  'retry-failed': 'Retrying failed recipients of',
};

/**
 * The buttons the campaign's state allows, plus Edit (drafts and scheduled ones) and Delete; a 409
 * shows the server's message.
 */
export function CampaignActions({
  campaign,
  onDelete,
  size = 'xs',
}: {
  campaign: Campaign;
  onDelete: (campaign: Campaign) => void;
  size?: 'xs' | 'sm';
}) {
  const action = useCampaignAction();
  const navigate = useNavigate();
  const run = (kind: CampaignAction) =>
    action.mutate(
      { id: campaign.id, action: kind },
      {
        onSuccess: (result) => {
          if (kind === 'duplicate') {
            showSuccess(`Created “${result.name}” as a draft`);
            void navigate(`/campaigns/${result.id}`);
          } else {
            showSuccess(`${DONE[kind]} “${campaign.name}”`);
          }
        },
        onError: (err) =>
          showApiError(err, `Could not ${ACTION_LABELS[kind].toLowerCase()} the campaign`),
      },
    );

  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {(campaign.status === 'draft' || campaign.status === 'scheduled') && (
        <Button
          component={Link}
          to={`/campaigns/${campaign.id}/edit`}
          size={size}
          variant="subtle"
          aria-label={`Edit ${campaign.name}`}
        >
          Edit
        </Button>
      )}
      {allowedActions(campaign).map((kind) => (
        <Button
          key={kind}
          size={size}
          variant={kind === 'start' || kind === 'resume' ? 'light' : 'subtle'}
          color={kind === 'cancel' ? 'orange' : undefined}
          aria-label={`${ACTION_LABELS[kind]} ${campaign.name}`}
          loading={action.isPending && action.variables.action === kind}
          onClick={() => run(kind)}
        >
          {ACTION_LABELS[kind]}
        </Button>
      ))}
      <Button
        size={size}
        variant="subtle"
        color="red"
        aria-label={`Delete ${campaign.name}`}
        onClick={() => onDelete(campaign)}
      >
        Delete
      </Button>
    </Group>
  );
}
