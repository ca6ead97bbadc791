import { Badge, Stack, Text } from '@mantine/core';
import type { Channel } from '../../../api/types';

const COLORS: Record<Channel['status'], string> = {
  connected: 'teal',
  disconnected: 'gray',
  error: 'red',
};

export function ChannelStatusBadge({ channel }: { channel: Channel }) {
  return (
    <Stack gap={2}>
      <Badge color={COLORS[channel.status]} variant="light" w="fit-content">
        {channel.status}
      </Badge>
      {channel.status === 'error' && channel.statusReason && (
        <Text size="xs" c="red">
          {channel.statusReason}
        </Text>
      )}
    </Stack>
  );
}

export function providerLabel(provider: Channel['provider']): string {
  return provider === 'sandbox' ? 'Sandbox' : 'WhatsApp Cloud API';
}
