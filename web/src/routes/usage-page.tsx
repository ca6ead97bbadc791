import { UsagePanel } from '../features/analytics/components/usage-panel';
import { useChannels } from '../features/channels/api/use-channels';

export function UsagePage() {
  const channels = useChannels();
  const names = new Map((channels.data?.items ?? []).map((c) => [c.id, c.name]));
  return <UsagePanel channelNames={names} />;
}
