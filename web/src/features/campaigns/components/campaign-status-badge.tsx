import { Badge } from '@mantine/core';
import type { CampaignStatus } from '../../../api/types';
import { STATUS_COLORS } from './campaign-state';

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" w="fit-content">
      {status}
    </Badge>
  );
}
