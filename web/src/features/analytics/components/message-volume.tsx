import { Card, Grid, Group, SegmentedControl, Select, Skeleton, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorState } from '../../../components/states';
import { useMessageSeries } from '../api/use-analytics';
import { ChartFigure } from './chart-figure';
import { countSeries } from './chart-series';
import { DeliveryFunnel } from './delivery-funnel';
import { formatDay, lastDays, PERIODS, todayIn, type PeriodDays } from './period';

const ALL = 'all';
const LINES = ['sent', 'delivered', 'read', 'received', 'failed'] as const;

export interface ChannelOption {
  id: string;
  name: string;
}

/** Messages per day over 7, 30 or 90 days, for all channels or one, with the delivery funnel. */
export function MessageVolume({
  channels,
  timeZone,
}: {
  channels: ChannelOption[];
  timeZone: string | undefined;
}) {
  const [days, setDays] = useState<PeriodDays>(30);
  const [picked, setPicked] = useState<string>(ALL);
  // a channel deleted meanwhile falls back to all of them (the server would answer 404)
  const channelId = picked !== ALL && channels.some((c) => c.id === picked) ? picked : null;
  const range = lastDays(days, timeZone);
  const series = useMessageSeries({ ...range, channelId });
  const today = todayIn(timeZone);

  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="md" gap="sm">
        <Text fw={600}>Message volume</Text>
        <Group gap="sm">
          <Select
            aria-label="Channel"
            size="xs"
            w={200}
            allowDeselect={false}
            value={channelId ?? ALL}
            onChange={(v) => setPicked(v ?? ALL)}
            data={[
              { value: ALL, label: 'All channels' },
              ...channels.map((c) => ({ value: c.id, label: c.name })),
            ]}
          />
          <SegmentedControl
            aria-label="Period"
            size="xs"
            value={String(days)}
            onChange={(v) => setDays(Number(v) as PeriodDays)}
            data={PERIODS.map((d) => ({ value: String(d), label: `${d} days` }))}
          />
        </Group>
      </Group>
      {series.isPending ? (
        <Skeleton h={300} aria-label="Loading message volume" />
      ) : series.isError ? (
        <ErrorState error={series.error} onRetry={() => void series.refetch()} />
      ) : (
        // while another period or channel loads, the previous one stays, dimmed; its labels come
        // from its own data so the table never names a period it does not hold
        <Grid gap="xl" style={{ opacity: series.isPlaceholderData ? 0.6 : 1 }}>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <ChartFigure
              kind="line"
              title={`Messages per day, last ${series.data.days.length} days`}
              rowHeader="Day"
              rows={series.data.days.map((d) => ({
                key: d.day,
                label: formatDay(d.day),
                tableLabel: d.day === today ? `${formatDay(d.day)} (today)` : undefined,
              }))}
              series={countSeries(
                series.data.days.map((d) => d.counts),
                LINES,
              )}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <DeliveryFunnel
              counts={series.data.total}
              period={`last ${series.data.days.length} days`}
            />
          </Grid.Col>
        </Grid>
      )}
    </Card>
  );
}
