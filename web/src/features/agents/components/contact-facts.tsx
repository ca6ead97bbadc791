import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../../api/errors';
import type { ContactFact } from '../../../api/types';
import { formatDateTime, formatRelative } from '../../../components/format';
import { showApiError, showSuccess } from '../../../components/notify';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import {
  useAddFact,
  useAgentAvailability,
  useDeleteFact,
  useFacts,
  useUpdateFact,
} from '../api/use-agents';

export const MAX_FACT = 500;

/** The server's sentence for a refused fact: the field's message, or the whole error's. */
function factError(err: unknown): string {
  const field = fieldErrors(err).fact;
  if (field) return field;
  return err instanceof Error ? err.message : 'Could not save the fact';
}

/**
 * What the workspace remembers about a contact: facts agents learnt from the customer's messages
 * and facts people wrote. Every agent of the workspace reads them when it answers this contact.
 */
export function ContactFacts({ contactId }: { contactId: string }) {
  const facts = useFacts(contactId);
  const availability = useAgentAvailability();
  const add = useAddFact(contactId);
  const [draft, setDraft] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ContactFact | null>(null);
  const remove = useDeleteFact(contactId);

  const max = availability.data?.maxFactsPerContact;
  const list = facts.data ?? [];
  const full = max !== undefined && list.length >= max;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fact = draft.trim();
    if (!fact) {
      setAddError('Write the fact');
      return;
    }
    add.mutate(fact, {
      onSuccess: () => {
        setDraft('');
        setAddError(null);
      },
      onError: (err) => setAddError(factError(err)),
    });
  };

  return (
    <Stack gap="xs" component="section" aria-label="Facts">
      <Group justify="space-between" align="baseline">
        <Title order={4}>What agents remember</Title>
        {facts.isSuccess && max !== undefined && (
          <Text size="sm" c={full ? 'orange' : 'dimmed'} data-testid="facts-count">
            {list.length} of {max} facts
          </Text>
        )}
      </Group>
      <Text size="sm" c="dimmed" mt={-6}>
        Every agent of this workspace reads these when it answers this contact.
      </Text>

      {facts.isPending ? (
        <LoadingState label="Loading facts" />
      ) : facts.isError ? (
        <ErrorState error={facts.error} onRetry={() => void facts.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState title="No facts yet: agents remember what customers tell them">
          You can add what you know too, e.g. “Prefers deliveries after 6 pm”.
        </EmptyState>
      ) : (
        <Stack gap={6} component="ul" aria-label="Facts about this contact" p={0} m={0}>
          {list.map((f) => (
            <FactRow
              key={f.id}
              contactId={contactId}
              fact={f}
              onDelete={() => {
                remove.reset();
                setDeleting(f);
              }}
            />
          ))}
        </Stack>
      )}

      <form onSubmit={submit} aria-label="Add a fact" noValidate>
        <Group align="flex-start" gap="xs" wrap="nowrap">
          <TextInput
            aria-label="New fact"
            placeholder={full ? 'Memory full' : 'e.g. Prefers deliveries after 6 pm'}
            style={{ flex: 1 }}
            maxLength={MAX_FACT}
            value={draft}
            disabled={full}
            error={addError}
            onChange={(e) => {
              setDraft(e.currentTarget.value);
              setAddError(null);
            }}
          />
          <Button type="submit" variant="light" loading={add.isPending} disabled={full}>
            Add fact
          </Button>
        </Group>
        {full && (
          <Text size="xs" c="dimmed" mt={4}>
            A contact keeps at most {max} facts: edit or delete one to add another.
          </Text>
        )}
      </form>

      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete this fact?">
        <Stack>
          <Text>
            “{deleting?.fact}” will be forgotten: agents will no longer know it. This cannot be
            undone.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                deleting &&
                remove.mutate(deleting.id, {
                  onSuccess: () => {
                    showSuccess('Fact deleted');
                    setDeleting(null);
                  },
                  onError: (err) => showApiError(err, 'Could not delete the fact'),
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

function FactRow({
  contactId,
  fact: f,
  onDelete,
}: {
  contactId: string;
  fact: ContactFact;
  onDelete: () => void;
}) {
  const update = useUpdateFact(contactId);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const byAgent = f.source === 'agent';

  const save = (e: FormEvent) => {
    e.preventDefault();
    const text = editing?.trim() ?? '';
    if (!text) {
      setError('Write the fact');
      return;
    }
    if (text === f.fact) {
      setEditing(null);
      return;
    }
    update.mutate(
      { factId: f.id, fact: text },
      {
        onSuccess: () => {
          setEditing(null);
          setError(null);
        },
        onError: (err) => setError(factError(err)),
      },
    );
  };

  return (
    <Paper component="li" withBorder p="xs" radius="sm" style={{ listStyle: 'none' }}>
      {editing !== null ? (
        <form onSubmit={save} aria-label={`Edit fact: ${f.fact}`} noValidate>
          <Group align="flex-start" gap="xs" wrap="nowrap">
            <TextInput
              aria-label="Fact"
              style={{ flex: 1 }}
              maxLength={MAX_FACT}
              value={editing}
              error={error}
              data-autofocus
              onChange={(e) => {
                setEditing(e.currentTarget.value);
                setError(null);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setEditing(null);
              }}
            />
            <Button type="submit" size="sm" loading={update.isPending}>
              Save
            </Button>
            <Button
              size="sm"
              variant="default"
              onClick={() => {
                setEditing(null);
                setError(null);
              }}
            >
              Cancel
            </Button>
          </Group>
        </form>
      ) : (
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {f.fact}
          </Text>
          <Group gap={6} wrap="nowrap">
            <Badge
              size="sm"
              variant="light"
              color={byAgent ? 'teal' : 'gray'}
              tt="none"
              title={byAgent ? 'An agent remembered it from a message' : 'Written by a person'}
            >
              {byAgent ? 'Agent' : 'Person'}
            </Badge>
            <Text
              size="xs"
              c="dimmed"
              title={formatDateTime(f.updatedAt)}
              style={{ whiteSpace: 'nowrap' }}
            >
              {formatRelative(f.updatedAt)}
            </Text>
            <ActionIcon
              variant="subtle"
              aria-label={`Edit fact: ${f.fact}`}
              onClick={() => setEditing(f.fact)}
            >
              ✎
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Delete fact: ${f.fact}`}
              onClick={onDelete}
            >
              ×
            </ActionIcon>
          </Group>
        </Group>
      )}
    </Paper>
  );
}
