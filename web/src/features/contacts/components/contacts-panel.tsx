import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Skeleton,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Contact, ContactSort } from '../../../api/types';
import { formatDateTime, formatRelative } from '../../../components/format';
import { showApiError, showSuccess } from '../../../components/notify';
import { EmptyState, ErrorState } from '../../../components/states';
import {
  exportUrl,
  useBulkDeleteContacts,
  useContactCount,
  useContacts,
  useWorkspaceCountry,
} from '../api/use-contacts';
import { ContactForm } from './contact-form';

export const SEARCH_DEBOUNCE_MS = 300;

const SORTS: { value: ContactSort; label: string }[] = [
  { value: 'created_at', label: 'Newest first' },
  { value: 'name', label: 'Name A–Z' },
  { value: 'last_interaction_at', label: 'Recent conversation' },
];

/** Whether a search is a phone number typed without its country code (digits, spaces, dashes; no +). */
export function nationalNumber(search: string): boolean {
  const s = search.trim();
  return /^[\d\s().-]+$/.test(s) && (s.match(/\d/g) ?? []).length >= 3;
}

/** What the dashboard shows for a contact without a name. */
export function displayName(c: Pick<Contact, 'name' | 'email' | 'phone'>): string {
  return c.name ?? c.email ?? c.phone;
}

type PendingDelete = { kind: 'selection'; ids: string[] } | { kind: 'filter'; count: number };

export function ContactsPanel() {
  const [searchInput, setSearchInput] = useState('');
  const [search] = useDebouncedValue(searchInput, SEARCH_DEBOUNCE_MS);
  const [tags, setTags] = useState<string[]>([]);
  const [sort, setSort] = useState<ContactSort>('created_at');
  const params = { search, tags, sort };
  const contacts = useContacts(params);
  const count = useContactCount({ search, tags });
  const bulkDelete = useBulkDeleteContacts();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState<PendingDelete | null>(null);
  const [addOpened, addModal] = useDisclosure(false);

  const items = contacts.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = search.trim() !== '' || tags.length > 0;
  const country = useWorkspaceCountry();
  const total = count.data?.count;
  const allLoadedSelected = items.length > 0 && items.every((c) => selected.has(c.id));

  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const confirmDelete = () => {
    if (!pending) return;
    const body =
      pending.kind === 'selection'
        ? { ids: pending.ids, filter: null }
        : { ids: null, filter: { search: search.trim() || null, tags } };
    bulkDelete.mutate(body, {
      onSuccess: (r) => {
        showSuccess(`Deleted ${r.deleted} ${r.deleted === 1 ? 'contact' : 'contacts'}`);
        setSelected(new Set());
        setPending(null);
      },
      onError: (err) => showApiError(err, 'Could not delete the contacts'),
    });
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>Contacts</Title>
          <Text c="dimmed" size="sm" data-testid="contacts-count">
            {total === undefined
              ? ' '
              : filtered
                ? `${total.toLocaleString()} matching`
                : `${total.toLocaleString()} ${total === 1 ? 'contact' : 'contacts'}`}
          </Text>
        </Stack>
        <Group>
          <Button component={Link} to="/contacts/import" variant="default">
            Import
          </Button>
          <Button component="a" href={exportUrl(params)} download variant="default">
            Export CSV
          </Button>
          <Button onClick={addModal.open}>Add contact</Button>
        </Group>
      </Group>

      <Group align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name, email or phone"
          value={searchInput}
          onChange={(e) => setSearchInput(e.currentTarget.value)}
          style={{ flex: 2, minWidth: 220 }}
        />
        <TagsInput
          label="Tags"
          placeholder="Any of these tags"
          value={tags}
          onChange={setTags}
          clearable
          style={{ flex: 2, minWidth: 220 }}
        />
        <Select
          label="Sort"
          data={SORTS}
          value={sort}
          onChange={(v) => v && setSort(v as ContactSort)}
          allowDeselect={false}
          w={200}
        />
      </Group>

      {(selected.size > 0 || (filtered && (total ?? 0) > 0)) && (
        <Group gap="sm" data-testid="bulk-actions">
          {selected.size > 0 && (
            <Button
              color="red"
              variant="light"
              onClick={() => setPending({ kind: 'selection', ids: [...selected] })}
            >
              Delete selected ({selected.size})
            </Button>
          )}
          {filtered && total !== undefined && total > 0 && (
            <Button
              color="red"
              variant="subtle"
              onClick={() => setPending({ kind: 'filter', count: total })}
            >
              Delete all {total.toLocaleString()} matching
            </Button>
          )}
        </Group>
      )}

      {contacts.isPending ? (
        <Stack gap="xs" data-testid="contacts-loading">
          <Skeleton h={36} />
          <Skeleton h={36} />
          <Skeleton h={36} />
        </Stack>
      ) : contacts.isError ? (
        <ErrorState error={contacts.error} onRetry={() => void contacts.refetch()} />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState title="No contacts match">
            Search looks at the start of names, last names, emails and phone numbers.
            {nationalNumber(search) && country
              ? ` A number without + is read as a ${country} number (the workspace's country in Settings); for another country, start with + and its code.`
              : null}
          </EmptyState>
        ) : (
          <EmptyState
            title="No contacts yet"
            action={
              <Group>
                <Button onClick={addModal.open}>Add contact</Button>
                <Button component={Link} to="/contacts/import" variant="default">
                  Import a CSV
                </Button>
              </Group>
            }
          >
            Add people one by one or import a CSV export from Google Contacts, Outlook or a
            spreadsheet.
          </EmptyState>
        )
      ) : (
        <>
          <Table striped highlightOnHover aria-label="Contacts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <Checkbox
                    aria-label="Select all shown"
                    checked={allLoadedSelected}
                    indeterminate={!allLoadedSelected && items.some((c) => selected.has(c.id))}
                    onChange={() =>
                      setSelected(allLoadedSelected ? new Set() : new Set(items.map((c) => c.id)))
                    }
                  />
                </Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Phone</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Tags</Table.Th>
                <Table.Th>Last conversation</Table.Th>
                <Table.Th>Added</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select ${displayName(c)}`}
                      checked={selected.has(c.id)}
                      onChange={() => toggle(c.id)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/contacts/${c.id}`}>
                      {displayName(c)}
                    </Anchor>
                    {c.optedOut && (
                      <Badge ml="xs" size="xs" color="gray" variant="light">
                        opted out
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{c.phone}</Table.Td>
                  <Table.Td>{c.email ?? ''}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {c.tags.map((t) => (
                        <Badge key={t} size="sm" variant="light">
                          {t}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatRelative(c.lastInteractionAt)}</Table.Td>
                  <Table.Td>{formatDateTime(c.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {contacts.hasNextPage && (
            <Group justify="center">
              <Button
                variant="light"
                loading={contacts.isFetchingNextPage}
                onClick={() => void contacts.fetchNextPage()}
              >
                Load more
              </Button>
            </Group>
          )}
        </>
      )}

      <Modal opened={addOpened} onClose={addModal.close} title="Add contact" size="lg">
        <ContactForm
          onCancel={addModal.close}
          onSaved={(c) => {
            addModal.close();
            showSuccess(`${displayName(c)} was added`);
          }}
        />
      </Modal>

      <Modal opened={pending !== null} onClose={() => setPending(null)} title="Delete contacts?">
        <Stack>
          <Text>
            {pending?.kind === 'selection'
              ? `Delete the ${pending.ids.length} selected ${pending.ids.length === 1 ? 'contact' : 'contacts'}?`
              : `Delete all ${pending?.count.toLocaleString() ?? ''} contacts matching the current search and tags?`}{' '}
            This cannot be undone; their message history stays.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPending(null)}>
              Cancel
            </Button>
            <Button color="red" loading={bulkDelete.isPending} onClick={confirmDelete}>
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
