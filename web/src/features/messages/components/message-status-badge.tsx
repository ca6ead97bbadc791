import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import type { Message } from '../../../api/types';

interface StatusLook {
  label: string;
  color: string;
  hint?: string;
}

// Ticks like WhatsApp's own: one for accepted/sent, two for delivered, two in blue for read.
const STATUSES: Record<string, StatusLook> = {
  received: { label: 'received', color: 'gray' },
  queued: { label: 'queued', color: 'gray', hint: 'Waiting for the channel’s send rate' },
  sending: { label: 'sending', color: 'gray' },
  accepted: { label: '✓ accepted', color: 'gray', hint: 'WhatsApp accepted the message' },
  sent: { label: '✓ sent', color: 'gray', hint: 'Sent to the phone' },
  delivered: { label: '✓✓ delivered', color: 'teal', hint: 'Arrived on the phone' },
  read: { label: '✓✓ read', color: 'blue', hint: 'The customer opened it' },
  failed: { label: 'failed', color: 'red' },
  unknown: {
    label: 'unknown',
    color: 'orange',
    hint: 'The send was interrupted: the message may or may not have been delivered.',
  },
};

export function failureText(message: Pick<Message, 'errorCode' | 'errorTitle'>): string {
  return [message.errorCode, message.errorTitle].filter(Boolean).join(' · ') || 'No reason given';
}

export function MessageStatusBadge({ message }: { message: Message }) {
  const look = STATUSES[message.status] ?? { label: message.status, color: 'gray' };
  const failed = message.status === 'failed';
  const hint = failed
    ? [failureText(message), message.errorDetail].filter(Boolean).join(': ')
    : look.hint;
  const badge = (
    <Badge color={look.color} variant="light" tt="none" w="fit-content">
      {look.label}
    </Badge>
  );
  return (
    <Stack gap={2} align="flex-end">
      {hint ? (
        <Tooltip label={hint} multiline maw={280} withArrow>
          {badge}
        </Tooltip>
      ) : (
        badge
      )}
      {failed && (
        <Text size="xs" c="red">
          {failureText(message)}
        </Text>
      )}
      {message.status === 'unknown' && (
        <Text size="xs" c="orange">
          may or may not have been delivered
        </Text>
      )}
    </Stack>
  );
}
