import { Anchor, Card, Group, Progress, Stack, Text } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatCount, LEVEL_COLOR, share } from './numbers';

export interface StatCardProps {
  title: string;
  /** The headline number, already formatted. */
  value: string;
  /** What follows the number, e.g. "of 10,000". */
  suffix?: string;
  hint?: ReactNode;
  /** A usage bar: `used` of `limit`, yellow from 80 %, red at the limit. */
  meter?: { used: number; limit: number; level: string };
  link?: { to: string; label: string };
}

/** One number on the dashboard, named for assistive technology by its title. */
export function StatCard({ title, value, suffix, hint, meter, link }: StatCardProps) {
  const titleId = useId();
  const percent = meter ? share(meter.used, meter.limit) : 0;
  return (
    <Card withBorder padding="md" role="group" aria-labelledby={titleId}>
      <Stack gap={6} h="100%">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text id={titleId} size="sm" c="dimmed">
            {title}
          </Text>
          {link && (
            <Anchor component={Link} to={link.to} size="xs">
              {link.label}
            </Anchor>
          )}
        </Group>
        <Group gap={6} align="baseline" wrap="nowrap">
          <Text fz={26} fw={700} lh={1.1} data-testid="stat-value">
            {value}
          </Text>
          {suffix && (
            <Text size="sm" c="dimmed" data-testid="stat-suffix">
              {suffix}
            </Text>
          )}
        </Group>
        {meter && (
          <Progress
            value={percent}
            color={LEVEL_COLOR[meter.level] ?? 'teal'}
            size="sm"
            aria-label={`${title}: ${formatCount(meter.used)} of ${formatCount(meter.limit)}`}
            data-level={meter.level}
          />
        )}
        {hint && (
          <Text size="xs" c="dimmed" mt="auto">
            {hint}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
