import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Kbd,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../../api/errors';
import type { Channel, ConversationDetail, ReplyRequest, Template } from '../../../api/types';
import {
  conversationKey,
  useRenderedTemplate,
  useReply,
  useTemplateOptions,
} from '../api/use-inbox';
import { conversationTitle, serviceWindow } from './inbox-format';

const MAX_TEXT = 4096;
const WARN_BEFORE_CLOSE_MS = 60 * 60_000;

type Mode = 'text' | 'template';

const REFUSALS: Record<string, string> = {
  invalid_state: 'The channel cannot send',
  outside_service_window: 'Outside the 24-hour window',
  usage_limit_reached: 'Usage limit reached',
  opted_out: 'This contact opted out',
  validation_failed: 'Check the message',
};

function newClientKey(): string {
  // randomUUID exists only in secure contexts; a dashboard served over plain http still sends
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useInterval(() => setNow(Date.now()), everyMs, { autoInvoke: true });
  return now;
}

/**
 * Writes to the contact: free text inside WhatsApp's 24-hour window, a template at any time (only
 * approved ones outside it), through the channel that last talked to them or another one picked
 * here. A refused send keeps the draft and says why.
 */
export function Composer({
  detail,
  channels,
}: {
  detail: ConversationDetail;
  channels: Channel[];
}) {
  const contactId = detail.conversation.contactId;
  const contact = conversationTitle(detail.conversation);
  const queryClient = useQueryClient();
  const reply = useReply(contactId);
  const now = useNow(30_000);
  const windowState = serviceWindow(detail.window, contact, now);

  const [mode, setMode] = useState<Mode>('text');
  const [text, setText] = useState('');
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [channelOverride, setChannelOverride] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // one idempotency key per draft: a double click or a retry after a lost answer sends it once
  const draftKey = useRef<{ draft: string; key: string } | null>(null);
  const sending = useRef(false);

  const effectiveMode: Mode = windowState.open ? mode : 'template';
  const templates = useTemplateOptions(effectiveMode === 'template');
  const templateList: Template[] = templates.data?.items ?? [];
  const template = templateList.find((t) => t.id === templateId);
  const usable = (t: Template) => windowState.open || t.meta !== null;

  const connected = channels.filter((c) => c.status === 'connected');
  const rc = detail.replyChannel;
  const defaultChannel = rc && rc.problem === null ? rc.channelId : null;
  const channelId = channelOverride ?? defaultChannel;
  const chosen = channels.find((c) => c.id === channelId);
  const chosenProblem =
    channelOverride && chosen && chosen.status !== 'connected'
      ? `Channel ${chosen.name} is ${chosen.status}; choose another channel`
      : null;
  const channelOptions = connected.map((c) => ({ value: c.id, label: c.name }));
  if (channelId && !connected.some((c) => c.id === channelId)) {
    channelOptions.unshift({ value: channelId, label: chosen?.name ?? rc?.name ?? 'Channel' });
  }

  const textTooLong = text.length > MAX_TEXT;
  const ready =
    channelId !== null &&
    chosenProblem === null &&
    (effectiveMode === 'text'
      ? text.trim() !== '' && !textTooLong
      : template !== undefined && usable(template));

  const send = () => {
    if (sending.current || !ready || !channelId) return;
    const body: ReplyRequest =
      effectiveMode === 'text' ? { text, channelId } : { templateId, channelId };
    const draft = JSON.stringify(body);
    if (draftKey.current?.draft !== draft) draftKey.current = { draft, key: newClientKey() };
    sending.current = true;
    setError(null);
    reply.mutate(
      { ...body, clientKey: draftKey.current.key },
      {
        onSuccess: () => {
          draftKey.current = null;
          if (effectiveMode === 'text') setText('');
          else setTemplateId(null);
        },
        onError: (err) => {
          setError(err);
          if (err instanceof ApiError && err.status === 409) {
            // the window or the channel changed under us: show what the server knows now
            void queryClient.invalidateQueries({ queryKey: conversationKey(contactId) });
            void queryClient.invalidateQueries({ queryKey: ['channels'] });
            if (err.code === 'outside_service_window') setMode('template');
          }
        },
        onSettled: () => {
          sending.current = false;
        },
      },
    );
  };

  const closingSoon =
    windowState.open &&
    detail.window.closesAt !== null &&
    Date.parse(detail.window.closesAt) - now < WARN_BEFORE_CLOSE_MS;

  return (
    <Stack
      gap="xs"
      p="sm"
      component="section"
      aria-label="Reply"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group justify="space-between" gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
            Replying via
          </Text>
          <Select
            aria-label="Reply channel"
            size="xs"
            w={200}
            placeholder="Choose a channel"
            data={channelOptions}
            value={channelId}
            onChange={(v) => setChannelOverride(v)}
            allowDeselect={false}
            nothingFoundMessage="No connected channel"
          />
        </Group>
        <Badge
          variant="light"
          color={windowState.open ? (closingSoon ? 'orange' : 'teal') : 'orange'}
          tt="none"
          size="lg"
          data-testid="service-window"
        >
          {windowState.label}
        </Badge>
      </Group>

      {!channelOverride && rc?.problem && (
        <Alert color="orange" py="xs" title={`Cannot reply through ${rc.name ?? 'that channel'}`}>
          {rc.problem}
        </Alert>
      )}
      {chosenProblem && (
        <Alert color="orange" py="xs">
          {chosenProblem}
        </Alert>
      )}
      {!channelId && !rc && (
        <Text size="sm" c="dimmed">
          No channel has talked to {contact} yet: choose the one to write from.
        </Text>
      )}
      {connected.length === 0 && (
        <Text size="sm" c="dimmed">
          No channel is connected.{' '}
          <Anchor component={Link} to="/channels" size="sm">
            Connect one
          </Anchor>{' '}
          to reply.
        </Text>
      )}
      {detail.conversation.optedOut && (
        <Text size="sm" c="orange.8">
          {contact} opted out of messages; WhatsDeX will not send to them until they opt back in.
        </Text>
      )}
      {!windowState.open && (
        <Text size="sm" c="dimmed">
          {windowState.reason}
        </Text>
      )}
      {error !== null && (
        <Alert
          color="red"
          py="xs"
          role="alert"
          title={error instanceof ApiError ? (REFUSALS[error.code] ?? 'Not sent') : 'Not sent'}
          withCloseButton
          onClose={() => setError(null)}
        >
          {errorMessage(error)}
          {error instanceof ApiError &&
            error.details.map((d) => (
              <Text key={d.field} size="sm">
                {d.field}: {d.message}
              </Text>
            ))}
        </Alert>
      )}

      <SegmentedControl
        aria-label="Reply with"
        size="xs"
        w="fit-content"
        value={effectiveMode}
        onChange={(v) => setMode(v === 'template' ? 'template' : 'text')}
        data={[
          { value: 'text', label: 'Message', disabled: !windowState.open },
          { value: 'template', label: 'Template' },
        ]}
      />

      {effectiveMode === 'text' ? (
        <Textarea
          aria-label="Message"
          placeholder={`Write to ${contact}…`}
          autosize
          minRows={2}
          maxRows={8}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              send();
            }
          }}
          error={textTooLong ? `At most ${MAX_TEXT} characters (${text.length} now)` : undefined}
        />
      ) : (
        <TemplatePicker
          contactId={contactId}
          templates={templateList}
          loading={templates.isPending}
          loadError={templates.isError ? templates.error : null}
          windowOpen={windowState.open}
          template={template}
          onChange={setTemplateId}
        />
      )}

      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {effectiveMode === 'text' && (
            <>
              <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> to send
            </>
          )}
        </Text>
        <Button onClick={send} loading={reply.isPending} disabled={!ready}>
          {effectiveMode === 'text' ? 'Send' : 'Send template'}
        </Button>
      </Group>
    </Stack>
  );
}

function TemplatePicker({
  contactId,
  templates,
  loading,
  loadError,
  windowOpen,
  template,
  onChange,
}: {
  contactId: string;
  templates: Template[];
  loading: boolean;
  loadError: unknown;
  windowOpen: boolean;
  template: Template | undefined;
  onChange: (id: string | null) => void;
}) {
  const approved = templates.filter((t) => t.meta !== null);
  const others = templates.filter((t) => t.meta === null);
  const preview = useRenderedTemplate(template?.body, contactId);

  if (loadError) {
    return (
      <Alert color="red" py="xs" title="Could not load templates">
        {errorMessage(loadError)}
      </Alert>
    );
  }
  if (!loading && !windowOpen && approved.length === 0) {
    return (
      <Alert color="orange" py="xs" title="No approved templates">
        Outside the window only templates approved by WhatsApp can be sent. Add the approved
        template&apos;s name to one of your{' '}
        <Anchor component={Link} to="/templates" size="sm">
          templates
        </Anchor>
        .
      </Alert>
    );
  }
  const option = (t: Template) => ({
    value: t.id,
    label: t.name,
    disabled: !windowOpen && !t.meta,
  });
  const data = [
    ...(approved.length > 0
      ? [{ group: 'Approved by WhatsApp', items: approved.map(option) }]
      : []),
    ...(others.length > 0
      ? [
          {
            group: windowOpen ? 'Other templates' : 'Only within the 24-hour window',
            items: others.map(option),
          },
        ]
      : []),
  ];

  return (
    <Stack gap="xs">
      <Select
        label="Template"
        placeholder={loading ? 'Loading templates…' : 'Choose a template'}
        searchable
        data={data}
        value={template?.id ?? null}
        onChange={onChange}
        nothingFoundMessage="No template matches"
      />
      {template && (
        <Paper withBorder radius="md" p="sm" bg="teal.0" aria-label="Template preview">
          <Stack gap={4}>
            {preview.isError ? (
              <Text size="sm" c="red">
                {errorMessage(preview.error)}
              </Text>
            ) : (
              <Text
                size="sm"
                data-testid="template-preview"
                style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
              >
                {preview.data?.text ?? 'Rendering…'}
              </Text>
            )}
            {template.media && (
              <Text size="xs" c="dimmed">
                With a {template.media.kind}
              </Text>
            )}
            {template.meta && !windowOpen && (
              <Text size="xs" c="dimmed">
                Sent as the approved WhatsApp template “{template.meta.name}” (
                {template.meta.language})
              </Text>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
