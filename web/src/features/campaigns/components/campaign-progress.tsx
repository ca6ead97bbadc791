import { Group, Progress, Text } from '@mantine/core';
import type { Campaign } from '../../../api/types';
import { percentDone, processed } from './campaign-state';

/** Sent (delivered and read included), failed and skipped as parts of one bar, with "done of total". */
export function CampaignProgress({ campaign }: { campaign: Campaign }) {
  const { counts } = campaign;
  const percent = percentDone(counts);
  const share = (n: number) => (counts.total > 0 ? (n * 100) / counts.total : 0);
  return (
    <div>
      <Progress.Root
        size="lg"
        role="progressbar"
        aria-label={`${campaign.name} progress`}
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <Progress.Section value={share(counts.sent)} color="teal" aria-hidden />
        <Progress.Section value={share(counts.failed + counts.unknown)} color="red" aria-hidden />
        <Progress.Section value={share(counts.skipped)} color="gray" aria-hidden />
      </Progress.Root>
      <Group justify="space-between" gap="xs" mt={4}>
        <Text size="xs" c="dimmed">
          {processed(counts)} of {counts.total}
        </Text>
        <Text size="xs" fw={600}>
          {percent} %
        </Text>
      </Group>
    </div>
  );
}
