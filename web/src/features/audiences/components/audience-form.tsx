import {
  Button,
  Group,
  SegmentedControl,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import type { Audience, AudienceFilter } from '../../../api/types';
import { showFormErrors } from '../../../components/form-errors';
import {
  useAudiencePreviewCount,
  useCreateAudience,
  useUpdateAudience,
} from '../api/use-audiences';

interface Values {
  name: string;
  tags: string[];
  match: AudienceFilter['match'];
  optedInOnly: boolean;
  search: string;
}

export const PREVIEW_DEBOUNCE_MS = 300;

function toFilter(v: Values): AudienceFilter {
  return {
    tags: v.tags,
    match: v.match,
    optedInOnly: v.optedInOnly,
    search: v.search.trim() || null,
  };
}

/** The filter builder: tags (any or all), opted-in only, a search; with a live count. */
export function AudienceForm({
  audience,
  onCancel,
  onSaved,
}: {
  audience?: Audience;
  onCancel: () => void;
  onSaved: (audience: Audience) => void;
}) {
  const create = useCreateAudience();
  const update = useUpdateAudience();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: audience?.name ?? '',
      tags: audience?.filter.tags ?? [],
      match: audience?.filter.match ?? 'any',
      optedInOnly: audience?.filter.optedInOnly ?? true,
      search: audience?.filter.search ?? '',
    },
    validate: { name: (v) => (v.trim() ? null : 'Name the audience') },
  });
  const [filter] = useDebouncedValue(toFilter(form.values), PREVIEW_DEBOUNCE_MS);
  const preview = useAudiencePreviewCount(filter, true);

  const submit = form.onSubmit((v) => {
    const body = { name: v.name.trim(), filter: toFilter(v) };
    const onError = (err: unknown) => showFormErrors(form, err, 'Could not save the audience');
    if (audience) update.mutate({ id: audience.id, body }, { onSuccess: onSaved, onError });
    else create.mutate(body, { onSuccess: onSaved, onError });
  });

  return (
    <form onSubmit={submit} aria-label={audience ? 'Edit audience' : 'New audience'} noValidate>
      <Stack gap="sm">
        <TextInput label="Name" withAsterisk data-autofocus {...form.getInputProps('name')} />
        <TagsInput
          label="Tags"
          description="Leave empty for every contact"
          placeholder="Type a tag and press Enter"
          clearable
          {...form.getInputProps('tags')}
        />
        <Group gap="xs">
          <Text size="sm">Contacts with</Text>
          <SegmentedControl
            size="xs"
            data={[
              { value: 'any', label: 'any of the tags' },
              { value: 'all', label: 'all of the tags' },
            ]}
            {...form.getInputProps('match')}
          />
        </Group>
        <TextInput
          label="Search (optional)"
          placeholder="Name, email or phone starts with…"
          {...form.getInputProps('search')}
        />
        <Switch
          label="Only contacts who have not opted out"
          {...form.getInputProps('optedInOnly', { type: 'checkbox' })}
        />
        <Text size="sm" data-testid="audience-preview-count" aria-live="polite">
          {preview.data === undefined
            ? 'Counting…'
            : `${preview.data.count.toLocaleString()} ${preview.data.count === 1 ? 'contact' : 'contacts'} right now`}
        </Text>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {audience ? 'Save' : 'Create audience'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
