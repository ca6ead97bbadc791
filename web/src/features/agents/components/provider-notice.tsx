import { Alert, Code, List, Text } from '@mantine/core';
import { PROVIDER_SETTINGS } from './agent-labels';

/** Why agents cannot be turned on: the server has no AI provider, and how its operator adds one. */
export function ProviderNotice() {
  return (
    <Alert color="yellow" title="No AI provider is configured" role="alert">
      <Text size="sm">
        Agents answer through an OpenAI-compatible AI provider, and this server has none yet. You
        can write and save agents, but none can be turned on until the server&rsquo;s operator sets:
      </Text>
      <List size="sm" mt="xs" spacing={2}>
        <List.Item>
          <Code>{PROVIDER_SETTINGS.baseUrl}</Code>: the provider&rsquo;s API root, e.g.{' '}
          <Code>https://api.openai.com/v1</Code> or <Code>http://localhost:11434/v1</Code> (Ollama)
        </List.Item>
        <List.Item>
          <Code>{PROVIDER_SETTINGS.model}</Code>: the model agents use, e.g.{' '}
          <Code>gpt-4o-mini</Code>
        </List.Item>
        <List.Item>
          <Code>{PROVIDER_SETTINGS.apiKey}</Code>: the provider&rsquo;s key, if it needs one
        </List.Item>
      </List>
      <Text size="sm" mt="xs">
        and then restarts the server.
      </Text>
    </Alert>
  );
}

/** The short form, next to a disabled switch. */
export const NO_PROVIDER_HINT = `No AI provider is configured: the server's operator sets ${PROVIDER_SETTINGS.baseUrl} and ${PROVIDER_SETTINGS.model} (and ${PROVIDER_SETTINGS.apiKey} if needed), then restarts it.`;
