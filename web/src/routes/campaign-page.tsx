import { useParams } from 'react-router';
import { CampaignDetail } from '../features/campaigns/components/campaign-detail';
import { CampaignWizard } from '../features/campaigns/components/campaign-wizard';

/**
 * /campaigns/new and /campaigns/:campaignId. The AI Spin action (enterprise) will be composed into
 * the wizard's message step through its `aiSpinSlot` once its feature exists.
 */
export function CampaignPage() {
  const { campaignId = 'new' } = useParams();
  return campaignId === 'new' ? (
    <CampaignWizard key="new" />
  ) : (
    <CampaignDetail key={campaignId} id={campaignId} />
  );
}
