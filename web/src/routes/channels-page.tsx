import { ChannelsPanel } from '../features/channels/components/channels-panel';
import { useMe } from '../features/auth/api/use-me';

export function ChannelsPage() {
  const role = useMe().data?.user.role;
  return <ChannelsPanel canManage={role === 'owner' || role === 'admin'} />;
}
