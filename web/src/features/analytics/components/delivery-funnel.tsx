import { Group, Progress, Stack, Text } from '@mantine/core';
import type { MessageCounts } from '../../../api/types';
import { COUNT_LOOKS } from './chart-series';
import { formatCount, formatRate, ratio } from './numbers';

const STEPS = ['sent', 'delivered', 'read'] as const;

/**
 * Sent → delivered → read over the chosen period, each as a share of sent. Delivered includes read
 * (a read message was delivered), so each step is a subset of the one before.
 */
export function DeliveryFunnel({ counts, period }: { counts: MessageCounts; period: string }) {
  return (
    <Stack gap="sm">
      <Text fw={600} size="sm">
        Delivery funnel
        <Text span c="dimmed" size="xs" ml={6}>
          {period}
        </Text>
      </Text>
      <Stack
        component="ol"
        gap="sm"
        m={0}
        p={0}
        aria-label="Delivery funnel"
        style={{ listStyle: 'none' }}
      >
        {STEPS.map((step) => {
          const rate = ratio(counts[step], counts.sent);
          return (
            <li key={step} aria-label={COUNT_LOOKS[step].label}>
              <Group justify="space-between" gap="xs" mb={4}>
                <Text size="sm">{COUNT_LOOKS[step].label}</Text>
                <Text size="sm">
                  <Text span fw={600} data-testid={`funnel-${step}`}>
                    {formatCount(counts[step])}
                  </Text>
                  <Text span c="dimmed" ml={6} data-testid={`funnel-${step}-rate`}>
                    {formatRate(rate)}
                  </Text>
                </Text>
              </Group>
              <Progress
                value={rate === null ? 0 : Math.min(100, rate * 100)}
                color={COUNT_LOOKS[step].color}
                size="md"
                aria-hidden
              />
            </li>
          );
        })}
      </Stack>
      <Group gap="lg">
        <Text size="xs" c="dimmed">
          Failed{' '}
          <Text span fw={600} c={counts.failed > 0 ? 'red' : undefined}>
            {formatCount(counts.failed)}
          </Text>
        </Text>
        <Text size="xs" c="dimmed">
          Received{' '}
          <Text span fw={600}>
            {formatCount(counts.received)}
          </Text>
        </Text>
      </Group>
    </Stack>
  );
}
