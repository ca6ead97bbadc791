import {
  Anchor,
  Button,
  Collapse,
  Group,
  NumberInput,
  PasswordInput,
  Stack,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import type { Channel } from '../../../api/types';
import { showApiError } from '../../../components/notify';
import { useCreateChannel } from '../api/use-channels';
import { flatFieldErrors, upgradePlan } from './errors';

interface Values {
  name: string;
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
  graphBaseUrl: string;
  ratePerSecond: number | string;
}

const required = (label: string) => (v: string) => (v.trim() ? null : `${label} is required`);
const blankToNull = (v: string) => (v.trim() ? v.trim() : null);

/** Links a number of a WhatsApp Business Account; the server tests the credentials at once. */
export function CloudChannelForm({
  onCancel,
  onCreated,
  onUpgradeRequired,
}: {
  onCancel: () => void;
  onCreated: (channel: Channel) => void;
  onUpgradeRequired: (plan: string) => void;
}) {
  const create = useCreateChannel();
  const [advanced, { toggle }] = useDisclosure(false);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: '',
      phoneNumberId: '',
      wabaId: '',
      accessToken: '',
      appSecret: '',
      verifyToken: '',
      graphBaseUrl: '',
      ratePerSecond: 80,
    },
    validate: {
      name: required('Name'),
      phoneNumberId: required('Phone number ID'),
      wabaId: required('WhatsApp Business Account ID'),
      accessToken: required('Access token'),
      appSecret: required('App secret'),
    },
  });

  const submit = form.onSubmit((v) =>
    create.mutate(
      {
        name: v.name.trim(),
        provider: 'whatsapp_cloud',
        config: {
          phoneNumberId: v.phoneNumberId.trim(),
          wabaId: v.wabaId.trim(),
          accessToken: v.accessToken.trim(),
          appSecret: v.appSecret.trim(),
          verifyToken: blankToNull(v.verifyToken),
          graphBaseUrl: blankToNull(v.graphBaseUrl),
          ratePerSecond: typeof v.ratePerSecond === 'number' ? v.ratePerSecond : null,
          failureRate: null,
          maxMessagesPerSecond: null,
          enforceServiceWindow: null,
        },
      },
      {
        onSuccess: onCreated,
        onError: (err) => {
          const plan = upgradePlan(err);
          if (plan) return onUpgradeRequired(plan);
          const fields = flatFieldErrors(err);
          const known = Object.fromEntries(
            Object.entries(fields).filter(([f]) => f in form.values),
          );
          form.setErrors(known);
          if (['graphBaseUrl', 'ratePerSecond', 'verifyToken'].some((f) => f in known)) {
            if (!advanced) toggle();
          }
          if (Object.keys(known).length === 0) showApiError(err, 'Could not connect the channel');
        },
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Connect WhatsApp Cloud API">
      <Stack>
        <TextInput
          label="Channel name"
          description="What your team calls this number, e.g. “Support”"
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <TextInput
          label="Phone number ID"
          description="Meta App → WhatsApp → API Setup"
          required
          {...form.getInputProps('phoneNumberId')}
        />
        <TextInput
          label="WhatsApp Business Account ID"
          required
          {...form.getInputProps('wabaId')}
        />
        <PasswordInput
          label="Access token"
          description="A permanent system-user token with whatsapp_business_messaging"
          required
          autoComplete="off"
          {...form.getInputProps('accessToken')}
        />
        <PasswordInput
          label="App secret"
          description="Meta App → Settings → Basic; used to check webhook signatures"
          required
          autoComplete="off"
          {...form.getInputProps('appSecret')}
        />
        <TextInput
          label="Verify token"
          description="Optional: leave empty and WhatsDeX generates one"
          autoComplete="off"
          {...form.getInputProps('verifyToken')}
        />
        <Anchor component="button" type="button" size="sm" onClick={toggle} w="fit-content">
          {advanced ? 'Hide advanced settings' : 'Advanced settings'}
        </Anchor>
        <Collapse expanded={advanced}>
          <Stack>
            <TextInput
              label="Graph API base URL"
              placeholder="https://graph.facebook.com/v21.0"
              {...form.getInputProps('graphBaseUrl')}
            />
            <NumberInput
              label="Send rate (messages per second)"
              min={1}
              max={1000}
              {...form.getInputProps('ratePerSecond')}
            />
          </Stack>
        </Collapse>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Connect
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
