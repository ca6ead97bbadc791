import { Anchor, Badge, Box, Group, Image, Paper, Stack, Text, Tooltip } from '@mantine/core';
import type { ThreadMessage } from '../../../api/types';
import { formatDateTime } from '../../../components/format';
import { deliveryLook, failureReason, formatBytes, formatTime } from './inbox-format';

export function mediaUrl(messageId: string): string {
  return `/api/v1/messages/${messageId}/media`;
}

/** One message of the thread: inbound on the left, outbound on the right, like the phone shows it. */
export function MessageBubble({
  message: m,
  channelName,
}: {
  message: ThreadMessage;
  channelName: string | null;
}) {
  const inbound = m.direction === 'in';
  return (
    <Box
      component="li"
      data-direction={inbound ? 'in' : 'out'}
      data-testid="thread-message"
      style={{ display: 'flex', justifyContent: inbound ? 'flex-start' : 'flex-end' }}
    >
      <Paper
        withBorder
        radius="md"
        px="sm"
        py={6}
        maw="min(75%, 560px)"
        bg={inbound ? 'var(--mantine-color-body)' : 'teal.0'}
        style={{ minWidth: 160 }}
      >
        <Stack gap={4}>
          <Group gap={4}>
            <Badge size="xs" variant="light" color="gray" tt="none">
              {channelName ?? 'Deleted channel'}
            </Badge>
            {m.campaignId && (
              <Badge size="xs" variant="light" color="grape" tt="none">
                Campaign
              </Badge>
            )}
            {m.origin === 'agent' && (
              <Badge size="xs" variant="light" color="indigo" tt="none">
                AI agent
              </Badge>
            )}
          </Group>
          <MessageContent message={m} />
          <Group gap={6} justify="flex-end" wrap="nowrap">
            <Text size="xs" c="dimmed" title={formatDateTime(m.createdAt)}>
              {formatTime(m.createdAt)}
            </Text>
            {!inbound && <DeliveryStatus message={m} />}
          </Group>
          {m.status === 'failed' && (
            <Text size="xs" c="red.7" data-testid="failure-reason">
              {failureReason(m)}
            </Text>
          )}
        </Stack>
      </Paper>
    </Box>
  );
}

function DeliveryStatus({ message: m }: { message: ThreadMessage }) {
  const look = deliveryLook(m.status);
  if (!look) return null;
  const hint = m.status === 'failed' ? failureReason(m) : look.hint;
  const label = (
    <Text size="xs" c={look.color} fw={500} data-testid="delivery-status">
      {look.ticks} {look.label}
    </Text>
  );
  return hint ? (
    <Tooltip label={hint} multiline maw={280} withArrow>
      {label}
    </Tooltip>
  ) : (
    label
  );
}

function Body({ text, dimmed }: { text: string | null | undefined; dimmed?: boolean }) {
  if (!text) return null;
  return (
    <Text
      size="sm"
      c={dimmed ? 'dimmed' : undefined}
      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
    >
      {text}
    </Text>
  );
}

function MessageContent({ message: m }: { message: ThreadMessage }) {
  const media = m.media;
  // bytes kept by the server first (inbound media), else the public link an outbound one used
  const src = media?.stored ? mediaUrl(m.id) : (media?.link ?? undefined);
  const caption = media?.caption ?? (m.body && m.body !== media?.caption ? m.body : null);

  switch (m.type) {
    case 'text':
      return <Body text={m.body} />;
    case 'image':
    case 'sticker':
      return (
        <Stack gap={4}>
          {src ? (
            <Anchor href={src} target="_blank" rel="noreferrer">
              <Image
                src={src}
                alt={caption ?? (m.type === 'sticker' ? 'Sticker' : 'Image')}
                maw={m.type === 'sticker' ? 120 : 280}
                mah={320}
                fit="contain"
                radius="sm"
              />
            </Anchor>
          ) : (
            <MediaMissing message={m} />
          )}
          <Body text={caption} />
        </Stack>
      );
    case 'video':
    case 'audio':
      return (
        <Stack gap={4}>
          {!src ? (
            <MediaMissing message={m} />
          ) : m.type === 'video' ? (
            <video src={src} controls style={{ maxWidth: 280, maxHeight: 320 }}>
              <track kind="captions" />
            </video>
          ) : (
            <audio src={src} controls>
              <track kind="captions" />
            </audio>
          )}
          <Body text={caption} />
        </Stack>
      );
    case 'document': {
      const name = media?.filename ?? 'Document';
      const size = formatBytes(media?.sizeBytes);
      return (
        <Stack gap={4}>
          {src ? (
            <Anchor href={src} download={media?.filename ?? true} size="sm" target="_blank">
              📄 {name}
              {size ? ` (${size})` : ''}
            </Anchor>
          ) : (
            <MediaMissing message={m} />
          )}
          <Body text={media?.caption ?? null} />
        </Stack>
      );
    }
    case 'template': {
      const t = m.template;
      return (
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            Template {t ? `“${t.name}”${t.language ? ` (${t.language})` : ''}` : ''}
          </Text>
          {m.body ? (
            <Body text={m.body} />
          ) : (
            t &&
            t.parameters.length > 0 && (
              <Body text={`Filled in with: ${t.parameters.join(' · ')}`} dimmed />
            )
          )}
        </Stack>
      );
    }
    case 'location': {
      const l = m.location;
      const where = [l?.name, l?.address].filter(Boolean).join(', ') || 'Shared a location';
      const map =
        l?.latitude !== null && l?.latitude !== undefined && l.longitude !== null
          ? `https://www.openstreetmap.org/?mlat=${l.latitude}&mlon=${l.longitude}#map=16/${l.latitude}/${l.longitude}`
          : undefined;
      return (
        <Text size="sm">
          📍{' '}
          {map ? (
            <Anchor href={map} target="_blank" rel="noreferrer" size="sm">
              {where}
            </Anchor>
          ) : (
            where
          )}
        </Text>
      );
    }
    case 'button':
    case 'interactive':
      return <Body text={`↩ ${m.replyTitle ?? m.body ?? 'Tapped a button'}`} />;
    case 'unsupported':
      return <Body text="This message type is not supported yet" dimmed />;
    default:
      return <Body text={m.body ?? `[${m.type}]`} />;
  }
}

function MediaMissing({ message: m }: { message: ThreadMessage }) {
  return (
    <Text size="sm" c="dimmed" fs="italic">
      [{m.type}]
      {/* the server words the reason for a person: "Not stored: the server's disk was full" */}
      {m.media?.error ? ` — ${m.media.error}` : ' — not available'}
    </Text>
  );
}
