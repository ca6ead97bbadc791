import { Button, Code, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useAttributeKeys } from '../api/use-templates';
import {
  BUILT_IN_VARIABLES,
  fallbackProblem,
  placeholder,
  variableNameProblem,
} from './placeholders';

/**
 * Buttons that insert `{{first_name}}`-style placeholders, optionally with a default for contacts
 * without a value: the built-in variables, the custom attribute keys the workspace's contacts use,
 * and any other key typed in.
 */
export function VariableHelper({ onInsert }: { onInsert: (placeholder: string) => void }) {
  const [fallback, setFallback] = useState('');
  const [attribute, setAttribute] = useState('');
  const [attributeError, setAttributeError] = useState<string | null>(null);
  const badFallback = fallbackProblem(fallback);
  const attributeKeys = useAttributeKeys();
  const keys = (attributeKeys.data?.keys ?? []).filter(
    (key) => !(BUILT_IN_VARIABLES as readonly string[]).includes(key),
  );

  const insert = (name: string) => {
    if (badFallback) return;
    onInsert(placeholder(name, fallback));
  };

  const insertAttribute = () => {
    const problem = variableNameProblem(attribute);
    setAttributeError(problem);
    if (problem || badFallback) return;
    insert(attribute.trim());
    setAttribute('');
  };

  return (
    <Stack gap={6} role="group" aria-label="Insert a variable">
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={500}>
          Insert
        </Text>
        {BUILT_IN_VARIABLES.map((name) => (
          <Button
            key={name}
            size="compact-xs"
            variant="light"
            aria-label={`Insert ${name}`}
            onClick={() => insert(name)}
          >
            {`{{${name}}}`}
          </Button>
        ))}
      </Group>
      {keys.length > 0 && (
        <Group gap={6} wrap="wrap" role="group" aria-label="Your contacts' fields">
          <Text size="xs" c="dimmed">
            Your contacts’ fields
          </Text>
          {keys.map((key) => (
            <Button
              key={key}
              size="compact-xs"
              variant="default"
              aria-label={`Insert ${key}`}
              onClick={() => insert(key)}
            >
              {`{{${key}}}`}
            </Button>
          ))}
        </Group>
      )}
      <Group gap="xs" align="flex-start" wrap="wrap">
        <TextInput
          size="xs"
          label="Attribute key"
          placeholder="e.g. city"
          value={attribute}
          error={attributeError}
          onChange={(e) => {
            setAttribute(e.currentTarget.value);
            setAttributeError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              insertAttribute();
            }
          }}
          w={160}
        />
        <Button size="xs" variant="default" mt={22} onClick={insertAttribute}>
          Insert attribute
        </Button>
        <TextInput
          size="xs"
          label="Default if empty"
          placeholder="e.g. there"
          value={fallback}
          error={badFallback}
          onChange={(e) => setFallback(e.currentTarget.value)}
          w={160}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {fallback.trim() && !badFallback ? (
          <>
            Inserts e.g. <Code>{placeholder('first_name', fallback)}</Code>: contacts without a
            first name read “{fallback.trim()}”.
          </>
        ) : (
          <>
            A variable a contact has no value for renders its default, or nothing. Custom fields are
            inserted by their key, e.g. <Code>{'{{city}}'}</Code>.
          </>
        )}
      </Text>
    </Stack>
  );
}
