import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../api/errors';
import type { Template, TemplateCategory } from '../../../api/types';
import { formatRelative } from '../../../components/format';
import { showApiError, showSuccess } from '../../../components/notify';
import { EmptyState, ErrorState } from '../../../components/states';
import { useDeleteTemplate, useDuplicateTemplate, useTemplates } from '../api/use-templates';
import { CATEGORIES, CATEGORY_LABELS } from './template-labels';

export const SEARCH_DEBOUNCE_MS = 300;

export function TemplatesPanel() {
  const [searchInput, setSearchInput] = useState('');
  const [search] = useDebouncedValue(searchInput, SEARCH_DEBOUNCE_MS);
  const [category, setCategory] = useState<TemplateCategory | null>(null);
  const templates = useTemplates({ search, category });
  const duplicate = useDuplicateTemplate();
  const remove = useDeleteTemplate();
  const [deleting, setDeleting] = useState<Template | null>(null);

  const items = templates.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = search.trim() !== '' || category !== null;

  const openDelete = (t: Template) => {
    remove.reset();
    setDeleting(t);
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>Templates</Title>
          <Text c="dimmed" size="sm">
            Reusable messages with variables and spintax, for campaigns and replies.
          </Text>
        </Stack>
        <Button component={Link} to="/templates/new">
          New template
        </Button>
      </Group>

      <Group align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name or message text"
          value={searchInput}
          onChange={(e) => setSearchInput(e.currentTarget.value)}
          style={{ flex: 2, minWidth: 220 }}
        />
        <Select
          label="Category"
          placeholder="All categories"
          data={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
          value={category}
          onChange={(v) => setCategory(v as TemplateCategory | null)}
          clearable
          w={200}
        />
      </Group>

      {templates.isPending ? (
        <Stack gap="xs" data-testid="templates-loading">
          <Skeleton h={36} />
          <Skeleton h={36} />
          <Skeleton h={36} />
        </Stack>
      ) : templates.isError ? (
        <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState title="No templates match">
            Search looks at template names and message text.
          </EmptyState>
        ) : (
          <EmptyState
            title="No templates yet"
            action={
              <Button component={Link} to="/templates/new">
                Write a template
              </Button>
            }
          >
            Write a message once, with the contact’s name and a few ways of saying hello, and reuse
            it in every campaign.
          </EmptyState>
        )
      ) : (
        <>
          <Table striped highlightOnHover aria-label="Templates">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Category</Table.Th>
                <Table.Th>Message</Table.Th>
                <Table.Th>Variables</Table.Th>
                <Table.Th>Updated</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/templates/${t.id}`}>
                      {t.name}
                    </Anchor>
                    {t.meta && (
                      <Badge ml="xs" size="xs" color="gray" variant="light">
                        Meta
                      </Badge>
                    )}
                    {t.media && (
                      <Badge ml="xs" size="xs" color="gray" variant="light">
                        {t.media.kind}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{CATEGORY_LABELS[t.category]}</Badge>
                  </Table.Td>
                  <Table.Td maw={360}>
                    <Text size="sm" lineClamp={2} style={{ whiteSpace: 'pre-wrap' }}>
                      {t.body}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {t.variables.map((v) => (
                      <Code key={v} mr={4}>
                        {v}
                      </Code>
                    ))}
                  </Table.Td>
                  <Table.Td>{formatRelative(t.updatedAt)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-label={`Duplicate ${t.name}`}
                        loading={duplicate.isPending && duplicate.variables === t.id}
                        onClick={() =>
                          duplicate.mutate(t.id, {
                            onSuccess: (copy) => showSuccess(`Created “${copy.name}”`),
                            onError: (err) => showApiError(err, 'Could not duplicate the template'),
                          })
                        }
                      >
                        Duplicate
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Delete ${t.name}`}
                        onClick={() => openDelete(t)}
                      >
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {templates.hasNextPage && (
            <Group justify="center">
              <Button
                variant="light"
                loading={templates.isFetchingNextPage}
                onClick={() => void templates.fetchNextPage()}
              >
                Load more
              </Button>
            </Group>
          )}
        </>
      )}

      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete template?">
        <Stack>
          <Text>
            Delete “{deleting?.name}”? Messages already sent with it stay in the history. This
            cannot be undone.
          </Text>
          {remove.isError && (
            // e.g. 409 while a running campaign uses the template: the server says which
            <Alert color="red" title="Could not delete the template" role="alert">
              {errorMessage(remove.error)}
            </Alert>
          )}
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
                    showSuccess(`Deleted “${deleting.name}”`);
                    setDeleting(null);
                  },
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
