import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { AnalyticsDashboard as Dashboard } from '../../../api/types';
import { formatDateTime, formatRelative } from '../../../components/format';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { useAnalyticsDashboard } from '../api/use-analytics';
import { MessageVolume, type ChannelOption } from './message-volume';
import { formatCount, formatRate, levelOf } from './numbers';
import { RecentActivity } from './recent-activity';
import { StatCard } from './stat-card';

/** The current time, ticking every `ms` so relative times ("2 minutes ago") stay true. */
function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

export interface AnalyticsDashboardProps {
  /** The workspace's channels; undefined while they load. */
  channels: ChannelOption[] | undefined;
  /** The workspace's IANA time zone: analytics days are its local days. */
  timeZone: string | undefined;
}

/** The dashboard's analytics: numbers against the plan, volume over time, recent messages. */
export function AnalyticsDashboard({ channels, timeZone }: AnalyticsDashboardProps) {
  const dashboard = useAnalyticsDashboard();
  const now = useNow();

  if (dashboard.isPending) return <LoadingState label="Loading analytics" />;
  if (dashboard.isError)
    return <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  const d = dashboard.data;
  const channelNames = channels && new Map(channels.map((c) => [c.id, c.name]));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="baseline">
        <Title order={3}>Overview</Title>
        <Text
          size="xs"
          c="dimmed"
          title={formatDateTime(d.statsUpdatedAt)}
          data-testid="stats-updated"
        >
          {d.statsUpdatedAt
            ? `Updated ${formatRelative(d.statsUpdatedAt, now)}`
            : 'Charts fill in within a minute of the first message'}
        </Text>
      </Group>
      <StatCards d={d} />
      {d.recentActivity.length === 0 ? (
        <Card withBorder>
          <EmptyState
            title="No messages yet"
            action={
              <Group gap="sm" mt="xs">
                <Button component={Link} to="/channels" variant="light">
                  Go to Channels
                </Button>
                <Button component={Link} to="/campaigns">
                  Go to Campaigns
                </Button>
              </Group>
            }
          >
            Send your first message: connect a channel (a sandbox channel works without a Meta
            account), then start a campaign or message a contact. Volume, delivery and read rates
            show up here.
          </EmptyState>
        </Card>
      ) : (
        <>
          <MessageVolume channels={channels ?? []} timeZone={timeZone} />
          <RecentActivity items={d.recentActivity} channelNames={channelNames} now={now} />
        </>
      )}
    </Stack>
  );
}

function StatCards({ d }: { d: Dashboard }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
      <StatCard
        title="Messages this month"
        value={formatCount(d.messagesThisMonth)}
        suffix={`of ${formatCount(d.messagesLimit)}`}
        meter={{
          used: d.messagesThisMonth,
          limit: d.messagesLimit,
          level: levelOf(d.messagesThisMonth, d.messagesLimit),
        }}
        hint={`${formatCount(d.messagesReceivedThisMonth)} received this month`}
        link={{ to: '/usage', label: 'Usage' }}
      />
      <StatCard
        title="Channels connected"
        value={formatCount(d.channelsConnected)}
        suffix={`of ${formatCount(d.channelsTotal)}`}
        hint={
          d.channelsTotal === 0
            ? 'No channel yet'
            : d.channelsConnected < d.channelsTotal
              ? `${formatCount(d.channelsTotal - d.channelsConnected)} not connected`
              : 'All connected'
        }
        link={{ to: '/channels', label: 'Channels' }}
      />
      <StatCard
        title="Contacts"
        value={formatCount(d.contacts)}
        suffix={`of ${formatCount(d.contactsLimit)}`}
        meter={{
          used: d.contacts,
          limit: d.contactsLimit,
          level: levelOf(d.contacts, d.contactsLimit),
        }}
        link={{ to: '/contacts', label: 'Contacts' }}
      />
      <StatCard
        title="Running campaigns"
        value={formatCount(d.runningCampaigns)}
        hint={d.runningCampaigns === 0 ? 'None sending now' : 'Sending now'}
        link={{ to: '/campaigns', label: 'Campaigns' }}
      />
      <StatCard
        title="Delivery rate (7 days)"
        value={formatRate(d.deliveryRate7d)}
        hint={
          d.last7Days.sent > 0
            ? `${formatCount(d.last7Days.delivered)} of ${formatCount(d.last7Days.sent)} sent`
            : 'Nothing sent in the last 7 days'
        }
      />
      <StatCard
        title="Read rate (7 days)"
        value={formatRate(d.readRate7d)}
        hint={
          d.last7Days.sent > 0
            ? `${formatCount(d.last7Days.read)} of ${formatCount(d.last7Days.sent)} sent`
            : 'Nothing sent in the last 7 days'
        }
      />
    </SimpleGrid>
  );
}
