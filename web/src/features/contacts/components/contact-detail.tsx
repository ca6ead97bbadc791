import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatDateTime, formatRelative } from '../../../components/format';
import { showApiError, showSuccess } from '../../../components/notify';
import { ErrorState, LoadingState } from '../../../components/states';
import { useContactDetail, useDeleteContact } from '../api/use-contacts';
import { ContactForm } from './contact-form';
import { displayName } from './contacts-panel';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

export function ContactDetail({
  id,
  extraSections,
}: {
  id: string;
  /**
   * More about the contact from other features (what agents remember about them), composed by the
   * route so this feature does not import those; shown below the custom fields.
   */
  extraSections?: ReactNode;
}) {
  const contact = useContactDetail(id);
  const remove = useDeleteContact();
  const navigate = useNavigate();
  const [editOpened, editModal] = useDisclosure(false);
  const [deleteOpened, deleteModal] = useDisclosure(false);

  if (contact.isPending) return <LoadingState label="Loading contact" />;
  if (contact.isError) {
    return (
      <Stack>
        <Anchor component={Link} to="/contacts">
          ← Contacts
        </Anchor>
        <ErrorState error={contact.error} onRetry={() => void contact.refetch()} />
      </Stack>
    );
  }
  const c = contact.data;
  const attributes = Object.entries(c.attributes);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/contacts" size="sm">
        ← Contacts
      </Anchor>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2}>{displayName(c)}</Title>
          {c.optedOut && (
            <Badge color="gray" variant="light">
              opted out
            </Badge>
          )}
        </Group>
        <Group>
          <Button component={Link} to={`/inbox/${c.id}`} variant="light">
            Message
          </Button>
          <Button variant="default" onClick={editModal.open}>
            Edit
          </Button>
          <Button color="red" variant="light" onClick={deleteModal.open}>
            Delete
          </Button>
        </Group>
      </Group>

      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
          <Field label="Phone">
            <Text>{c.phone}</Text>
            {c.rawPhone && c.rawPhone !== c.phone && (
              <Text size="xs" c="dimmed">
                entered as {c.rawPhone}
              </Text>
            )}
          </Field>
          <Field label="Email">
            <Text>{c.email ?? '—'}</Text>
          </Field>
          <Field label="Tags">
            {c.tags.length === 0 ? (
              <Text>—</Text>
            ) : (
              <Group gap={4}>
                {c.tags.map((t) => (
                  <Badge key={t} variant="light">
                    {t}
                  </Badge>
                ))}
              </Group>
            )}
          </Field>
          <Field label="Last conversation">
            <Text>{formatRelative(c.lastInteractionAt)}</Text>
            {c.lastChannelId && (
              <Anchor component={Link} to={`/channels/${c.lastChannelId}`} size="xs">
                on this channel
              </Anchor>
            )}
          </Field>
          <Field label="Last message from them">
            <Text>{formatDateTime(c.lastInboundAt)}</Text>
          </Field>
          <Field label="Campaigns">
            <Text>
              {c.optedOut ? `Opted out ${formatDateTime(c.optedOutAt, '')}` : 'Receives campaigns'}
            </Text>
          </Field>
          <Field label="Added">
            <Text>{formatDateTime(c.createdAt)}</Text>
          </Field>
          <Field label="Updated">
            <Text>{formatDateTime(c.updatedAt)}</Text>
          </Field>
        </SimpleGrid>
      </Card>

      <Stack gap="xs">
        <Title order={4}>Custom fields</Title>
        {attributes.length === 0 ? (
          <Text c="dimmed" size="sm">
            None yet. Imports keep the columns they do not map as custom fields.
          </Text>
        ) : (
          <Table aria-label="Custom fields" withTableBorder>
            <Table.Tbody>
              {attributes.map(([key, value]) => (
                <Table.Tr key={key}>
                  <Table.Th w="30%">{key}</Table.Th>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>

      {extraSections}

      <Modal opened={editOpened} onClose={editModal.close} title="Edit contact" size="lg">
        <ContactForm
          contact={c}
          onCancel={editModal.close}
          onSaved={() => {
            editModal.close();
            showSuccess('Contact saved');
          }}
        />
      </Modal>
      <Modal opened={deleteOpened} onClose={deleteModal.close} title="Delete this contact?">
        <Stack>
          <Text>
            {displayName(c)} will be removed from your contacts and audiences. This cannot be
            undone.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={deleteModal.close}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(c.id, {
                  onSuccess: () => {
                    showSuccess('Contact deleted');
                    void navigate('/contacts');
                  },
                  onError: (err) => showApiError(err, 'Could not delete the contact'),
                })
              }
            >
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
