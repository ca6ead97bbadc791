import {
  Alert,
  Badge,
  Card,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { AnalyticsCounter, AnalyticsUsage } from '../../../api/types';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { useUsage } from '../api/use-analytics';
import { ChartFigure } from './chart-figure';
import { countSeries } from './chart-series';
import { formatCount, LEVEL_COLOR, share } from './numbers';
import { formatDay, formatMonth } from './period';

const NEXT_PLAN: Record<string, string | undefined> = { starter: 'Pro', pro: 'Enterprise' };

export interface UsagePanelProps {
  /** Channel names by id (a channel missing here was deleted); undefined while they load. */
  channelNames: Map<string, string> | undefined;
}

/** This period's counters against the plan, daily and monthly history, usage per channel. */
export function UsagePanel({ channelNames }: UsagePanelProps) {
  const usage = useUsage();

  let body;
  if (usage.isPending) body = <LoadingState label="Loading usage" />;
  else if (usage.isError)
    body = <ErrorState error={usage.error} onRetry={() => void usage.refetch()} />;
  else body = <UsageBody usage={usage.data} channelNames={channelNames} />;

  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Title order={2}>Usage</Title>
        <Text c="dimmed" size="sm">
          What this workspace used this month against its plan. Limits reset on the first day of
          each month (workspace time zone).
        </Text>
      </Stack>
      {body}
    </Stack>
  );
}

function UsageBody({
  usage,
  channelNames,
}: {
  usage: AnalyticsUsage;
  channelNames: Map<string, string> | undefined;
}) {
  const pressed = usage.counters.filter((c) => c.level !== 'ok');
  const next = NEXT_PLAN[usage.plan];
  return (
    <>
      <Group gap="xs">
        <Text size="sm">Plan</Text>
        <Badge variant="light" tt="capitalize" aria-label={`Plan: ${usage.plan}`}>
          {usage.plan}
        </Badge>
        <Text size="sm" c="dimmed" ml="sm">
          Period {formatMonth(usage.period, true)}
        </Text>
      </Group>
      {pressed.length > 0 && (
        <Alert
          color={pressed.some((c) => c.level === 'reached') ? 'red' : 'yellow'}
          title={
            pressed.some((c) => c.level === 'reached')
              ? 'A plan limit is reached'
              : 'Close to a plan limit'
          }
          role="alert"
        >
          <Stack gap={4}>
            <Text size="sm">
              {pressed
                .map((c) => `${c.label}: ${formatCount(c.used)} of ${formatCount(c.limit)}`)
                .join('; ')}
              .
            </Text>
            {pressed.some((c) => c.metric === 'messages_sent') && (
              <Text size="sm">
                Messages over the monthly limit are not sent (campaigns pause) until the next month
                begins or the plan changes.
              </Text>
            )}
            <Text size="sm">
              {next
                ? `Upgrade to ${next} for higher limits: plans are changed by WhatsDeX on the workspace owner's request.`
                : 'This is the largest plan; higher limits are arranged with WhatsDeX support.'}
            </Text>
          </Stack>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {usage.counters.map((c) => (
          <CounterCard key={c.metric} counter={c} />
        ))}
      </SimpleGrid>
      <Card withBorder padding="md">
        <Text fw={600} mb="md">
          Daily usage this month
        </Text>
        <ChartFigure
          kind="bar"
          title="Messages per day this month"
          rowHeader="Day"
          rows={usage.daily.map((d) => ({ key: d.day, label: formatDay(d.day) }))}
          series={countSeries(
            usage.daily.map((d) => d.counts),
            ['sent', 'received'],
          )}
        />
      </Card>
      <Card withBorder padding="md">
        <Text fw={600} mb="md">
          Last 12 months
        </Text>
        <ChartFigure
          kind="bar"
          title="Messages per month, last 12 months"
          rowHeader="Month"
          rows={usage.months.map((m) => ({ key: m.month, label: formatMonth(m.month) }))}
          series={countSeries(
            usage.months.map((m) => m.counts),
            ['sent', 'received'],
          )}
        />
      </Card>
      <Card withBorder padding="md">
        <Text fw={600} mb="md">
          By channel this month
        </Text>
        {usage.byChannelThisMonth.length === 0 ? (
          <EmptyState title="No messages this month">
            Each channel&apos;s sent, delivered, read, failed and received counts show up here.
          </EmptyState>
        ) : (
          <ChannelTable rows={usage.byChannelThisMonth} channelNames={channelNames} />
        )}
      </Card>
    </>
  );
}

function CounterCard({ counter }: { counter: AnalyticsCounter }) {
  const color = LEVEL_COLOR[counter.level] ?? 'teal';
  return (
    <Card
      withBorder
      padding="md"
      role="group"
      aria-label={counter.label}
      data-level={counter.level}
    >
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Text fw={600} size="sm">
          {counter.label}
        </Text>
        {counter.level === 'reached' ? (
          <Badge color="red">Limit reached</Badge>
        ) : counter.level === 'warning' ? (
          <Badge color="yellow">Almost at the limit</Badge>
        ) : null}
      </Group>
      <Progress
        value={share(counter.used, counter.limit)}
        color={color}
        size="lg"
        aria-label={`${counter.label} used`}
        aria-valuetext={`${formatCount(counter.used)} of ${formatCount(counter.limit)}`}
        data-level={counter.level}
      />
      <Group justify="space-between" mt={6}>
        <Text size="sm" data-testid="counter-used">
          {formatCount(counter.used)} of {formatCount(counter.limit)}
        </Text>
        <Text size="sm" c={counter.level === 'ok' ? 'dimmed' : color} fw={600}>
          {counter.percent.toLocaleString(undefined, { maximumFractionDigits: 1 })} %
        </Text>
      </Group>
    </Card>
  );
}

function ChannelTable({
  rows,
  channelNames,
}: {
  rows: AnalyticsUsage['byChannelThisMonth'];
  channelNames: Map<string, string> | undefined;
}) {
  const keys = ['sent', 'delivered', 'read', 'failed', 'received'] as const;
  return (
    <Table.ScrollContainer minWidth={560} type="native">
      <Table aria-label="Usage by channel" striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Channel</Table.Th>
            {keys.map((k) => (
              <Table.Th key={k} ta="right" tt="capitalize">
                {k}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.channelId}>
              <Table.Th scope="row" fw={500}>
                {channelNames &&
                  (channelNames.get(row.channelId) ?? (
                    <Text span c="dimmed" size="sm">
                      Deleted channel
                    </Text>
                  ))}
              </Table.Th>
              {keys.map((k) => (
                <Table.Td key={k} ta="right" data-series={k}>
                  {formatCount(row.counts[k])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
