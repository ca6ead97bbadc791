import {
  Alert,
  Button,
  Group,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { SandboxDelivery } from '../../../api/types';
import { showFormErrors } from '../../../components/form-errors';
import { formatDateTime, formatRelative } from '../../../components/format';
import { showSuccess } from '../../../components/notify';
import { ErrorState } from '../../../components/states';
import { useSandboxDeliveries, useSimulateInbound } from '../api/use-messages';

/** Stand-ins for customers' phones, so the product can be tried without a Meta account. */
export function SandboxTools({ channelId }: { channelId: string }) {
  return (
    <Stack gap="lg">
      <Alert variant="light" color="blue" title="Phones that always fail">
        Numbers ending in <b>0000</b> fail every message as undeliverable (131026). Numbers ending
        in <b>0001</b> fail marketing templates (131050); free-form messages to them arrive.
      </Alert>
      <SimulateInboundForm channelId={channelId} />
      <DeliveriesPanel channelId={channelId} />
    </Stack>
  );
}

function SimulateInboundForm({ channelId }: { channelId: string }) {
  const simulate = useSimulateInbound(channelId);
  const form = useForm({
    mode: 'controlled',
    initialValues: { from: '', text: '' },
    validate: {
      from: (v) => (v.trim() ? null : 'Phone number is required'),
      text: (v) => (v.trim() ? null : 'Message is required'),
    },
  });
  const submit = form.onSubmit((v) =>
    simulate.mutate(
      { from: v.from.trim(), text: v.text },
      {
        onSuccess: () => {
          showSuccess(`${v.from.trim()} wrote to this channel`);
          form.setFieldValue('text', '');
        },
        onError: (err) => showFormErrors(form, err, 'Could not simulate the message'),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Simulate an incoming message">
      <Stack gap="sm">
        <Title order={4}>Simulate an incoming message</Title>
        <TextInput
          label="From"
          description="The customer's phone, international format"
          placeholder="+2348012345678"
          type="tel"
          required
          {...form.getInputProps('from')}
        />
        <Textarea
          label="Their message"
          required
          autosize
          minRows={2}
          {...form.getInputProps('text')}
        />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={simulate.isPending}>
            Simulate message
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeliveriesPanel({ channelId }: { channelId: string }) {
  const [phone, setPhone] = useState('');
  const [shown, setShown] = useState('');
  const deliveries = useSandboxDeliveries(channelId, shown);
  return (
    <Stack gap="sm">
      <Title order={4}>What phones received</Title>
      <form
        aria-label="Show deliveries"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(phone.trim());
        }}
      >
        <Group align="flex-end" gap="xs">
          <TextInput
            label="Phone"
            description="Leave empty for every phone"
            placeholder="+2348012345678"
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button type="submit" variant="default">
            Show
          </Button>
        </Group>
      </form>
      {deliveries.isPending ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : deliveries.isError ? (
        <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {shown ? `Nothing sent to ${shown} yet.` : 'Nothing sent from this channel yet.'}
        </Text>
      ) : (
        <DeliveriesTable items={deliveries.data.items} />
      )}
    </Stack>
  );
}

function DeliveriesTable({ items }: { items: SandboxDelivery[] }) {
  return (
    <Table aria-label="Deliveries" fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>To</Table.Th>
          <Table.Th>Message</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Accepted</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((d) => (
          <Table.Tr key={d.wamid}>
            <Table.Td>+{d.to.replace(/^\+/, '')}</Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              {d.type === 'text' ? d.text : `[${d.type}] ${d.templateName ?? d.text ?? ''}`}
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={d.errorCode === null ? undefined : 'red'}>
                {d.status}
              </Text>
              {d.errorCode !== null && (
                <Text size="xs" c="red">
                  {d.errorCode}
                </Text>
              )}
            </Table.Td>
            <Table.Td title={formatDateTime(d.acceptedAt)}>{formatRelative(d.acceptedAt)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
