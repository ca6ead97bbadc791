import { useParams } from 'react-router';
import { CampaignDetail } from '../features/campaigns/components/campaign-detail';
import {
  CampaignWizard,
  type CampaignAiSpinSlot,
} from '../features/campaigns/components/campaign-wizard';
import { AiSpin } from '../features/spin/components/ai-spin';

const aiSpin: CampaignAiSpinSlot = ({ value, onChange }) => (
  <AiSpin body={value} onBodyChange={onChange} />
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
