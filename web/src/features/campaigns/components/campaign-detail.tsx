import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Campaign, CampaignCounts } from '../../../api/types';
import { formatDateTime, formatRelative } from '../../../components/format';
import { EmptyState, ErrorState } from '../../../components/states';
import { useCampaign, useCampaignRecipients } from '../api/use-campaigns';
import { CampaignActions } from './campaign-actions';
import { CampaignProgress } from './campaign-progress';
import { formatDuration, formatRate } from './campaign-state';
import { CampaignStatusBadge } from './campaign-status-badge';
import { DeleteCampaignModal } from './delete-campaign-modal';
import { isUpgradeRequired, UpgradeNotice } from './upgrade-notice';

const COUNTS: { key: keyof CampaignCounts; label: string }[] = [
  { key: 'total', label: 'Total' },
  { key: 'pending', label: 'Pending' },
  { key: 'sent', label: 'Sent' },
  { key: 'delivered', label: 'Delivered' },
  { key: 'read', label: 'Read' },
  { key: 'failed', label: 'Failed' },
  { key: 'skipped', label: 'Skipped' },
  { key: 'unknown', label: 'Unknown' },
];

export const RECIPIENT_STATUSES = [
  'pending',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  'skipped',
  'unknown',
] as const;

function Counts({ counts }: { counts: CampaignCounts }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} aria-label="Counts" role="list">
      {COUNTS.map(({ key, label }) => (
        <Paper key={key} withBorder p="sm" role="listitem" aria-label={label}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text fw={700} size="lg">
            {counts[key]}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/**
 * How far recipients got. The server's counts nest: `sent` includes delivered ones, `delivered`
 * includes read ones (CampaignService.counts).
 */
function Funnel({ counts }: { counts: CampaignCounts }) {
  const steps = [
    { label: 'Sent', value: counts.sent, color: 'blue' },
    { label: 'Delivered', value: counts.delivered, color: 'teal' },
    { label: 'Read', value: counts.read, color: 'green' },
  ];
  return (
    <Stack gap="xs" aria-label="Delivery funnel" role="group">
      {steps.map((s) => {
        const pct = counts.total > 0 ? Math.round((s.value * 100) / counts.total) : 0;
        return (
          <div key={s.label}>
            <Group justify="space-between">
              <Text size="sm">{s.label}</Text>
              <Text size="sm" c="dimmed">
                {s.value} ({pct} %)
              </Text>
            </Group>
            <Progress value={pct} color={s.color} aria-label={`${s.label} ${pct} %`} />
          </div>
        );
      })}
    </Stack>
  );
}

function Recipients({ campaign }: { campaign: Campaign }) {
  const [status, setStatus] = useState<string | null>(null);
  const recipients = useCampaignRecipients(campaign.id, status);
  const items = recipients.data?.pages.flatMap((p) => p.items) ?? [];
  // receipts arrive after the last send, with no progress event; the campaign's counts are polled
  // then, and a change in them means some recipients' statuses changed too
  const receipts = `${campaign.counts.delivered}/${campaign.counts.read}/${campaign.counts.failed}`;
  const seen = useRef(receipts);
  const { refetch } = recipients;
  useEffect(() => {
    if (seen.current === receipts) return;
    seen.current = receipts;
    void refetch();
  }, [receipts, refetch]);
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>Recipients</Title>
        <Select
          label="Status"
          placeholder="Every status"
          data={[...RECIPIENT_STATUSES]}
          value={status}
          onChange={setStatus}
          clearable
          w={200}
        />
      </Group>
      {recipients.isPending ? (
        <Skeleton h={36} />
      ) : recipients.isError ? (
        <ErrorState error={recipients.error} onRetry={() => void recipients.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={status ? `No ${status} recipients` : 'No recipients yet'}>
          {campaign.status === 'draft' || campaign.status === 'scheduled'
            ? 'Recipients are taken from the audience when the campaign starts.'
            : undefined}
        </EmptyState>
      ) : (
        <>
          <Table striped aria-label="Recipients">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Phone</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Attempt</Table.Th>
                <Table.Th>Updated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/contacts/${r.contactId}`}>
                      {r.phone}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.status}</Table.Td>
                  <Table.Td>{r.reason ?? '—'}</Table.Td>
                  <Table.Td>{r.attempt}</Table.Td>
                  <Table.Td>{formatRelative(r.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {recipients.hasNextPage && (
            <Group justify="center">
              <Button
                variant="light"
                loading={recipients.isFetchingNextPage}
                onClick={() => void recipients.fetchNextPage()}
              >
                Load more
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

export function CampaignDetail({ id }: { id: string }) {
  const campaign = useCampaign(id);
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState<Campaign | null>(null);

  if (campaign.isPending) return <Skeleton h={200} data-testid="campaign-loading" />;
  if (campaign.isError) {
    return isUpgradeRequired(campaign.error) ? (
      <UpgradeNotice error={campaign.error} />
    ) : (
      <ErrorState error={campaign.error} onRetry={() => void campaign.refetch()} />
    );
  }
  const c = campaign.data;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/campaigns" size="sm">
        ← Campaigns
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{c.name}</Title>
            <CampaignStatusBadge status={c.status} />
          </Group>
          <Text size="sm" c="dimmed">
            Created {formatDateTime(c.createdAt)}
            {c.scheduledAt && ` · scheduled for ${formatDateTime(c.scheduledAt)}`}
            {c.startedAt && ` · started ${formatDateTime(c.startedAt)}`}
            {c.finishedAt && ` · finished ${formatDateTime(c.finishedAt)}`}
          </Text>
        </Stack>
        <CampaignActions campaign={c} onDelete={setDeleting} size="sm" />
      </Group>

      {c.statusReason && (c.status === 'paused' || c.status === 'failed') && (
        <Alert color={c.status === 'failed' ? 'red' : 'yellow'} title={`Why it is ${c.status}`}>
          {c.statusReason}
        </Alert>
      )}

      <Paper withBorder p="md">
        <Stack gap="sm">
          <CampaignProgress campaign={c} />
          <Group gap="xl">
            <Text size="sm">
              Send rate: <b>{formatRate(c.ratePerSecond)}</b>
            </Text>
            <Text size="sm">
              Time left: <b>{c.status === 'running' ? formatDuration(c.etaSeconds) : '—'}</b>
            </Text>
            {c.nextSendAt && (
              <Text size="sm">
                Next send: <b>{formatDateTime(c.nextSendAt)}</b>
              </Text>
            )}
          </Group>
        </Stack>
      </Paper>

      <Counts counts={c.counts} />

      <Paper withBorder p="md">
        <Title order={3} mb="sm">
          Delivery
        </Title>
        <Funnel counts={c.counts} />
      </Paper>

      <Recipients campaign={c} />

      <DeleteCampaignModal
        campaign={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => void navigate('/campaigns')}
      />
    </Stack>
  );
}
