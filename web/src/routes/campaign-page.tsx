import { Alert, Anchor, Loader } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../components/states';
import { useCampaign, useWorkspaceTimeZone } from '../features/campaigns/api/use-campaigns';
import { CampaignDetail } from '../features/campaigns/components/campaign-detail';
import {
  CampaignWizard,
  type CampaignAiSpinSlot,
} from '../features/campaigns/components/campaign-wizard';
import { AiSpin } from '../features/spin/components/ai-spin';

const aiSpin: CampaignAiSpinSlot = ({ value, onChange, onAddVariant }) => (
  <AiSpin body={value} onBodyChange={onChange} onAddVariant={onAddVariant} />
);

/** /campaigns/new and /campaigns/:campaignId; the wizard's message step gets the AI Spin action. */
export function CampaignPage() {
  const { campaignId = 'new' } = useParams();
  return campaignId === 'new' ? (
    <CampaignWizard key="new" aiSpinSlot={aiSpin} />
  ) : (
    <CampaignDetail key={campaignId} id={campaignId} />
  );
}

/** /campaigns/:campaignId/edit: the wizard on a draft or scheduled campaign. */
export function CampaignEditPage() {
  const { campaignId = '' } = useParams();
  const campaign = useCampaign(campaignId);
  const timeZone = useWorkspaceTimeZone();
  if (campaign.isError)
    return <ErrorState error={campaign.error} onRetry={() => void campaign.refetch()} />;
  if (!campaign.data || !timeZone) return <Loader aria-label="Loading the campaign" />;
  if (campaign.data.status !== 'draft' && campaign.data.status !== 'scheduled') {
    return (
      <Alert color="orange" title="This campaign can no longer be edited" role="alert">
        Only drafts and scheduled campaigns can be edited; “{campaign.data.name}” is{' '}
        {campaign.data.status}.{' '}
        <Anchor component={Link} to={`/campaigns/${campaignId}`}>
          Back to it
        </Anchor>
        , or duplicate it to send a changed copy.
      </Alert>
    );
  }
  return <CampaignWizard key={campaignId} aiSpinSlot={aiSpin} campaign={campaign.data} />;
}
