import { CampaignsPanel } from '../features/campaigns/components/campaigns-panel';

export function CampaignsPage() {
  return <CampaignsPanel />;
}
