import { UsagePanel } from '../features/analytics/components/usage-panel';
import { useChannels } from '../features/channels/api/use-channels';

export function UsagePage() {
  const channels = useChannels();
  const items = channels.data?.items;
  const names = items && new Map(items.map((c) => [c.id, c.name]));
  return <UsagePanel channelNames={names} />;
}
