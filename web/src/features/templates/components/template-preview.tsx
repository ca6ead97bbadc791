import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { errorMessage } from '../../../api/errors';
import type { ContactListItem, TemplatePreview as Preview } from '../../../api/types';
import { ContactPicker } from '../../../components/contact-picker';

/**
 * The body as one contact would receive it, rendered by the server: which variables it uses,
 * which ones the contact lacks, and whether spintax makes it vary (shuffle to see another pick).
 */
export function TemplatePreview({
  hasBody,
  tooLong,
  preview,
  syntaxError,
  contact,
  onContactChange,
  onShuffle,
}: {
  hasBody: boolean;
  tooLong: boolean;
  preview: UseQueryResult<Preview>;
  syntaxError: string | undefined;
  contact: ContactListItem | null;
  onContactChange: (contact: ContactListItem | null) => void;
  onShuffle: () => void;
}) {
  const data = preview.data;
  const who = contact ? (contact.name ?? contact.email ?? contact.phone) : undefined;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Preview">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>Preview</Title>
          {preview.isFetching && <Loader size="xs" aria-label="Rendering the preview" />}
        </Group>
        <ContactPicker
          contact={contact}
          onChange={onContactChange}
          label="Preview for"
          placeholder="Search contacts by name, phone or email"
          description="Without a contact, every variable shows its default"
        />

        {!hasBody ? (
          <Text size="sm" c="dimmed">
            Write a message to see it as a contact would.
          </Text>
        ) : tooLong ? (
          <Alert color="yellow" title="Nothing to preview yet">
            The message is longer than WhatsApp allows; shorten it to see the preview.
          </Alert>
        ) : syntaxError ? (
          <Alert color="yellow" title="Nothing to preview yet">
            The message has a syntax error; fix it (see under the message) to see the preview.
          </Alert>
        ) : preview.isError ? (
          <Alert color="red" title="Could not render the preview">
            {errorMessage(preview.error)}
          </Alert>
        ) : data ? (
          <>
            <Paper
              p="sm"
              radius="md"
              bg="teal.0"
              data-testid="preview-text"
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            >
              {data.text || (
                <Text span c="dimmed" fs="italic">
                  (empty for this contact)
                </Text>
              )}
            </Paper>
            {data.spins && (
              <Group justify="space-between" wrap="nowrap" align="center">
                <Group gap={6} wrap="nowrap" align="center">
                  <Badge variant="light" style={{ flexShrink: 0 }}>
                    Spins
                  </Badge>
                  <Text size="sm">Each recipient gets one of the alternatives.</Text>
                </Group>
                <Button size="xs" variant="light" onClick={onShuffle} style={{ flexShrink: 0 }}>
                  Shuffle
                </Button>
              </Group>
            )}
            {data.variables.length > 0 && (
              <Text size="sm" component="div">
                Uses{' '}
                {data.variables.map((v) => (
                  <Code key={v} mr={4}>
                    {v}
                  </Code>
                ))}
              </Text>
            )}
            {data.missing.length > 0 && (
              <Text size="sm" c="orange.8" component="div" data-testid="preview-missing">
                {who ? `${who} has no value for ` : 'Pick a contact to fill in '}
                {data.missing.map((v) => (
                  <Code key={v} mr={4}>
                    {v}
                  </Code>
                ))}
                {who && '— the default (or nothing) is used.'}
              </Text>
            )}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            Rendering…
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
