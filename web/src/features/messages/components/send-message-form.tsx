import {
  Alert,
  Button,
  Fieldset,
  Group,
  Stack,
  Switch,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ApiError, fieldErrors } from '../../../api/errors';
import type { Channel, SendMessageRequest } from '../../../api/types';
import { showApiError, showSuccess } from '../../../components/notify';
import { useSendMessage } from '../api/use-messages';

interface SendValues {
  to: string;
  text: string;
  useTemplate: boolean;
  templateName: string;
  templateLanguage: string;
  parameters: string[];
}

// the server names the template's fields `template.name`; the form keeps them flat
const FIELD_NAMES: Record<string, keyof SendValues> = {
  to: 'to',
  text: 'text',
  'template.name': 'templateName',
  'template.language': 'templateLanguage',
  'template.parameters': 'parameters',
};

const REFUSALS: Record<string, string> = {
  outside_service_window: 'Outside the 24-hour window',
  opted_out: 'This contact opted out',
  invalid_state: 'The channel cannot send',
  usage_limit_reached: 'Usage limit reached',
};

function explanation(err: ApiError): string {
  switch (err.code) {
    case 'outside_service_window':
      return 'WhatsApp allows free-form messages only within 24 hours of the customer’s last message. Send an approved template instead: the form now asks for one.';
    case 'opted_out':
      return `${err.message}. They can opt back in by sending START.`;
    case 'usage_limit_reached':
      return `${err.message}. Upgrade your plan or wait for the next billing period.`;
    default:
      return err.message;
  }
}

function requestOf(v: SendValues, channelId: string): SendMessageRequest {
  return v.useTemplate
    ? {
        channelId,
        to: v.to.trim(),
        template: {
          name: v.templateName.trim(),
          language: v.templateLanguage.trim(),
          parameters: v.parameters,
        },
      }
    : { channelId, to: v.to.trim(), text: v.text };
}

/** Sends a text or a template from this channel to a phone number. */
export function SendMessageForm({ channel }: { channel: Channel }) {
  const send = useSendMessage();
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const form = useForm<SendValues>({
    mode: 'controlled',
    initialValues: {
      to: '',
      text: '',
      useTemplate: false,
      templateName: '',
      templateLanguage: 'en_US',
      parameters: [],
    },
    validate: {
      to: (v) => (v.trim() ? null : 'Phone number is required'),
      text: (v, all) => (all.useTemplate || v.trim() ? null : 'Message is required'),
      templateName: (v, all) => (!all.useTemplate || v.trim() ? null : 'Template name is required'),
      templateLanguage: (v, all) => (!all.useTemplate || v.trim() ? null : 'Language is required'),
    },
  });
  const connected = channel.status === 'connected';

  const submit = form.onSubmit((v) => {
    setRefusal(null);
    send.mutate(requestOf(v, channel.id), {
      onSuccess: () => {
        showSuccess(`Message to ${v.to.trim()} is on its way`);
        form.setValues({ text: '', parameters: [] });
      },
      onError: (err) => {
        if (err instanceof ApiError && err.code in REFUSALS) {
          setRefusal(err);
          if (err.code === 'outside_service_window') form.setFieldValue('useTemplate', true);
          return;
        }
        const known: Record<string, string> = {};
        for (const [field, message] of Object.entries(fieldErrors(err))) {
          const name = FIELD_NAMES[field];
          if (name) known[name] = message;
        }
        if (Object.keys(known).length > 0) form.setErrors(known);
        else showApiError(err, 'Could not send the message');
      },
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Send a message">
      <Stack>
        {!connected && (
          <Alert color="gray" title="Sending is paused">
            This channel is {channel.status}
            {channel.statusReason ? `: ${channel.statusReason}` : ''}. Messages can be sent once it
            is connected again.
          </Alert>
        )}
        {refusal && (
          <Alert
            color={refusal.code === 'outside_service_window' ? 'orange' : 'red'}
            title={REFUSALS[refusal.code]}
            role="alert"
            withCloseButton
            onClose={() => setRefusal(null)}
          >
            {explanation(refusal)}
          </Alert>
        )}
        <Fieldset variant="unstyled" disabled={!connected || send.isPending}>
          <Stack>
            <TextInput
              label="To"
              description="International format, with the country code"
              placeholder="+2348012345678"
              type="tel"
              required
              {...form.getInputProps('to')}
            />
            <Switch
              label="Send a template"
              description="Needed outside the 24-hour window"
              {...form.getInputProps('useTemplate', { type: 'checkbox' })}
            />
            {form.values.useTemplate ? (
              <>
                <TextInput
                  label="Template name"
                  description="As approved by Meta"
                  required
                  {...form.getInputProps('templateName')}
                />
                <TextInput label="Language" required {...form.getInputProps('templateLanguage')} />
                <TagsInput
                  label="Parameters"
                  description="In order: {{1}}, {{2}}, … Press Enter after each"
                  {...form.getInputProps('parameters')}
                />
              </>
            ) : (
              <Textarea
                label="Message"
                required
                autosize
                minRows={2}
                maxRows={8}
                {...form.getInputProps('text')}
              />
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={send.isPending} disabled={!connected}>
                Send
              </Button>
            </Group>
          </Stack>
        </Fieldset>
      </Stack>
    </form>
  );
}
