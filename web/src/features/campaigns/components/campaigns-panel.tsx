import { Anchor, Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Campaign } from '../../../api/types';
import { formatDateTime, formatRelative } from '../../../components/format';
import { EmptyState, ErrorState } from '../../../components/states';
import { useCampaigns } from '../api/use-campaigns';
import { CampaignActions } from './campaign-actions';
import { CampaignProgress } from './campaign-progress';
import { CampaignStatusBadge } from './campaign-status-badge';
import { DeleteCampaignModal } from './delete-campaign-modal';
import { isUpgradeRequired, UpgradeNotice } from './upgrade-notice';

function When({ campaign }: { campaign: Campaign }) {
  if (campaign.status === 'scheduled' && campaign.scheduledAt) {
    return <Text size="sm">Starts {formatDateTime(campaign.scheduledAt)}</Text>;
  }
  return (
    <Stack gap={0}>
      <Text size="sm">Created {formatRelative(campaign.createdAt)}</Text>
      {campaign.scheduledAt && (
        <Text size="xs" c="dimmed">
          Scheduled {formatDateTime(campaign.scheduledAt)}
        </Text>
      )}
    </Stack>
  );
}

export function CampaignsPanel() {
  const campaigns = useCampaigns();
  const [deleting, setDeleting] = useState<Campaign | null>(null);
  const items = campaigns.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>Campaigns</Title>
          <Text c="dimmed" size="sm">
            Broadcasts to your contacts, paced to respect WhatsApp’s limits, tracked to the read
            receipt.
          </Text>
        </Stack>
        <Button component={Link} to="/campaigns/new">
          New campaign
        </Button>
      </Group>

      {campaigns.isPending ? (
        <Stack gap="xs" data-testid="campaigns-loading">
          <Skeleton h={36} />
          <Skeleton h={36} />
          <Skeleton h={36} />
        </Stack>
      ) : campaigns.isError ? (
        isUpgradeRequired(campaigns.error) ? (
          <UpgradeNotice error={campaigns.error} />
        ) : (
          <ErrorState error={campaigns.error} onRetry={() => void campaigns.refetch()} />
        )
      ) : items.length === 0 ? (
        <EmptyState
          title="No campaigns yet"
          action={
            <Button component={Link} to="/campaigns/new">
              New campaign
            </Button>
          }
        >
          Pick who gets it, write the message once with variables and spintax, choose the channels
          and the pace, and watch it go out.
        </EmptyState>
      ) : (
        <>
          <Table striped highlightOnHover aria-label="Campaigns">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th miw={200}>Progress</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/campaigns/${c.id}`}>
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <CampaignStatusBadge status={c.status} />
                  </Table.Td>
                  <Table.Td>
                    <CampaignProgress campaign={c} />
                  </Table.Td>
                  <Table.Td>
                    <When campaign={c} />
                  </Table.Td>
                  <Table.Td>
                    <CampaignActions campaign={c} onDelete={setDeleting} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {campaigns.hasNextPage && (
            <Group justify="center">
              <Button
                variant="light"
                loading={campaigns.isFetchingNextPage}
                onClick={() => void campaigns.fetchNextPage()}
              >
                Load more
              </Button>
            </Group>
          )}
        </>
      )}

      <DeleteCampaignModal campaign={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
