import {
  ActionIcon,
  Button,
  FileButton,
  Grid,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState, type ReactNode } from 'react';
import { ApiError, fieldErrors } from '../../../api/errors';
import type {
  ContactListItem,
  SaveTemplateRequest,
  Template,
  TemplateCategory,
} from '../../../api/types';
import { showFormErrors } from '../../../components/form-errors';
import {
  useCreateTemplate,
  useTemplatePreview,
  useUpdateTemplate,
  useUploadTemplateMedia,
} from '../api/use-templates';
import { insertAt, MAX_BODY_LENGTH } from './placeholders';
import { CATEGORIES, CATEGORY_LABELS, MEDIA_KINDS, type MediaKind } from './template-labels';
import { TemplatePreview } from './template-preview';
import { VariableHelper } from './variable-helper';

export const PREVIEW_DEBOUNCE_MS = 400;

/** Renders the AI Spin action for the body in the editor; `onChange` puts a new body there. */
export type AiSpinSlot = (body: { value: string; onChange: (body: string) => void }) => ReactNode;

interface Values {
  name: string;
  category: TemplateCategory;
  body: string;
  media: { kind: MediaKind | 'none'; url: string };
  meta: { enabled: boolean; name: string; language: string; parameters: string[] };
}

function isMediaKind(kind: string | undefined): kind is MediaKind {
  return (MEDIA_KINDS as readonly (string | undefined)[]).includes(kind);
}

function initialValues(t?: Template): Values {
  const kind = t?.media?.kind;
  return {
    name: t?.name ?? '',
    category: t?.category ?? 'marketing',
    body: t?.body ?? '',
    media: {
      kind: isMediaKind(kind) ? kind : 'none',
      url: t?.media?.url ?? '',
    },
    meta: {
      enabled: t?.meta != null,
      name: t?.meta?.name ?? '',
      language: t?.meta?.language ?? '',
      parameters: t?.meta?.parameters ?? [],
    },
  };
}

function toRequest(v: Values): SaveTemplateRequest {
  return {
    name: v.name.trim(),
    category: v.category,
    body: v.body,
    media: v.media.kind === 'none' ? null : { kind: v.media.kind, url: v.media.url.trim() },
    meta: v.meta.enabled
      ? {
          name: v.meta.name.trim(),
          language: v.meta.language.trim(),
          parameters: v.meta.parameters,
        }
      : null,
  };
}

/** The server's message for a body that does not parse (400 naming the position), if that is it. */
function syntaxErrorOf(err: unknown): string | undefined {
  if (!(err instanceof ApiError) || err.status !== 400) return undefined;
  return fieldErrors(err).body ?? err.message;
}

function randomSeed(previous: number | null): number {
  let seed: number;
  do seed = Math.floor(Math.random() * 2 ** 31);
  while (seed === previous);
  return seed;
}

/**
 * Creates a template, or edits one when `template` is given: name, category, body (with variables
 * and spintax), optional media and Meta template; a live preview beside it.
 */
export function TemplateForm({
  template,
  onCancel,
  onSaved,
  aiSpinSlot,
}: {
  template?: Template;
  onCancel: () => void;
  onSaved: (template: Template) => void;
  /**
   * Where the AI Spin action goes (enterprise: variants of the body that keep every variable).
   * Routes compose it here, so this feature does not import that one; it gets the body and a way
   * to replace it. Nothing is rendered without it.
   */
  aiSpinSlot?: AiSpinSlot;
}) {
  const create = useCreateTemplate();
  const upload = useUploadTemplateMedia();
  const update = useUpdateTemplate();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initialValues(template),
    validate: {
      name: (v) => (v.trim() ? null : 'Name the template'),
      body: (v) =>
        !v.trim()
          ? 'Write the message'
          : v.length > MAX_BODY_LENGTH
            ? `At most ${MAX_BODY_LENGTH} characters`
            : null,
      media: {
        url: (v, values) =>
          values.media.kind !== 'none' && !v.trim() ? 'Give the media’s URL' : null,
      },
      meta: {
        name: (v, values) => (values.meta.enabled && !v.trim() ? 'Name the Meta template' : null),
        language: (v, values) =>
          values.meta.enabled && !v.trim() ? 'Give its language, e.g. en or pt_BR' : null,
      },
    },
  });

  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const insertPlaceholder = (text: string) => {
    const el = bodyRef.current;
    const body = form.getValues().body;
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    const next = insertAt(body, start, end, text);
    form.setFieldValue('body', next.text);
    // after React has put the new value in the textarea
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.cursor, next.cursor);
    });
  };

  const [body] = useDebouncedValue(form.values.body, PREVIEW_DEBOUNCE_MS);
  const [contact, setContact] = useState<ContactListItem | null>(null);
  const [seed, setSeed] = useState<number | null>(null);
  const tooLong = body.length > MAX_BODY_LENGTH;
  const renderable = body.trim() !== '' && !tooLong;
  const preview = useTemplatePreview({
    body: renderable ? body : '',
    contactId: contact?.id ?? null,
    seed,
  });
  const syntaxError = renderable && preview.isError ? syntaxErrorOf(preview.error) : undefined;

  const submit = form.onSubmit((v) => {
    const title = template ? 'Could not save the template' : 'Could not create the template';
    const onError = (err: unknown) => {
      if (err instanceof ApiError && err.code === 'duplicate_name') {
        form.setFieldError('name', err.message);
      } else {
        showFormErrors(form, err, title);
      }
    };
    if (template) {
      update.mutate({ id: template.id, body: toRequest(v) }, { onSuccess: onSaved, onError });
    } else {
      create.mutate(toRequest(v), { onSuccess: onSaved, onError });
    }
  });

  const length = form.values.body.length;
  const bodyInput = form.getInputProps('body');

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <form onSubmit={submit} aria-label={template ? 'Edit template' : 'New template'} noValidate>
          <Stack gap="sm">
            <Group grow align="flex-start">
              <TextInput
                label="Name"
                withAsterisk
                data-autofocus
                maxLength={100}
                {...form.getInputProps('name')}
              />
              <Select
                label="Category"
                data={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
                allowDeselect={false}
                withAsterisk
                {...form.getInputProps('category')}
              />
            </Group>

            <Textarea
              label="Message"
              withAsterisk
              description="Variables such as {{first_name}}, or {{ first_name | there }} with a default. Spintax {Hi|Hello|Hey} picks one per recipient (\{ for a literal brace)."
              autosize
              minRows={6}
              maxRows={16}
              ref={bodyRef}
              {...bodyInput}
              error={bodyInput.error ?? syntaxError}
            />
            <Group justify="space-between" align="flex-start" wrap="nowrap" mt={-6}>
              <VariableHelper onInsert={insertPlaceholder} />
              <Text
                size="xs"
                c={length > MAX_BODY_LENGTH ? 'red' : 'dimmed'}
                data-testid="body-length"
                style={{ whiteSpace: 'nowrap' }}
              >
                {length.toLocaleString()} / {MAX_BODY_LENGTH.toLocaleString()}
              </Text>
            </Group>
            {aiSpinSlot?.({
              value: form.values.body,
              onChange: (next) => form.setFieldValue('body', next),
            })}

            <Stack gap={4}>
              <Text size="sm" fw={500} id="media-kind-label">
                Media
              </Text>
              <SegmentedControl
                aria-labelledby="media-kind-label"
                data={[
                  { value: 'none', label: 'None' },
                  { value: 'image', label: 'Image' },
                  { value: 'video', label: 'Video' },
                  { value: 'document', label: 'Document' },
                ]}
                w="fit-content"
                {...form.getInputProps('media.kind')}
              />
              {form.errors['media.kind'] && (
                <Text size="xs" c="red">
                  {form.errors['media.kind']}
                </Text>
              )}
              {form.values.media.kind !== 'none' && (
                <Group align="flex-end" wrap="nowrap">
                  <TextInput
                    label="Media URL"
                    description="A public http(s) link the channel fetches when sending, or upload a file"
                    placeholder="https://example.com/offer.jpg"
                    withAsterisk
                    style={{ flex: 1 }}
                    {...form.getInputProps('media.url')}
                  />
                  <FileButton
                    onChange={(file) => {
                      if (!file) return;
                      upload.mutate(file, {
                        onSuccess: (uploaded) => {
                          form.setFieldValue('media.kind', uploaded.kind as MediaKind);
                          form.setFieldValue('media.url', uploaded.url);
                        },
                        onError: (err) =>
                          form.setFieldError(
                            'media.url',
                            err instanceof ApiError ? err.message : 'The upload failed',
                          ),
                      });
                    }}
                    accept=".jpg,.jpeg,.png,.mp4,.3gp,.pdf,.txt,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
                  >
                    {(props) => (
                      <Button {...props} variant="default" loading={upload.isPending}>
                        Upload file
                      </Button>
                    )}
                  </FileButton>
                </Group>
              )}
            </Stack>

            <Switch
              label="Also send as a Meta template (Cloud API)"
              description="Used where WhatsApp requires an approved template: outside the 24-hour window"
              {...form.getInputProps('meta.enabled', { type: 'checkbox' })}
            />
            {form.values.meta.enabled && (
              <Stack gap="xs" pl="md">
                <Group grow align="flex-start">
                  <TextInput
                    label="Meta template name"
                    placeholder="spring_offer"
                    withAsterisk
                    {...form.getInputProps('meta.name')}
                  />
                  <TextInput
                    label="Language"
                    placeholder="en or pt_BR"
                    withAsterisk
                    {...form.getInputProps('meta.language')}
                  />
                </Group>
                <Text size="sm" fw={500}>
                  Parameters
                </Text>
                <Text size="xs" c="dimmed" mt={-6}>
                  Fill the template’s {'{{1}}'}, {'{{2}}'}… in order; each may use variables, e.g.{' '}
                  {'{{ first_name | there }}'}.
                </Text>
                {form.values.meta.parameters.map((_, i) => (
                  <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                    <TextInput
                      aria-label={`Parameter ${i + 1}`}
                      placeholder={`{{${i + 1}}}`}
                      style={{ flex: 1 }}
                      {...form.getInputProps(`meta.parameters.${i}`)}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      mt={6}
                      aria-label={`Remove parameter ${i + 1}`}
                      onClick={() => form.removeListItem('meta.parameters', i)}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                {form.errors['meta.parameters'] && (
                  <Text size="xs" c="red">
                    {form.errors['meta.parameters']}
                  </Text>
                )}
                <Button
                  variant="subtle"
                  size="xs"
                  w="fit-content"
                  onClick={() => form.insertListItem('meta.parameters', '')}
                >
                  Add parameter
                </Button>
              </Stack>
            )}

            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending || update.isPending}>
                {template ? 'Save' : 'Create template'}
              </Button>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <TemplatePreview
          hasBody={body.trim() !== ''}
          tooLong={tooLong}
          preview={preview}
          syntaxError={syntaxError}
          contact={contact}
          onContactChange={setContact}
          onShuffle={() => setSeed((s) => randomSeed(s))}
        />
      </Grid.Col>
    </Grid>
  );
}
