import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { CreatedApiKey } from '../../../api/types';

/** Shows a freshly created key. The server never returns it again, so this is the only chance. */
export function CreatedKeyModal({
  created,
  onClose,
}: {
  created: CreatedApiKey | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={created !== null}
      onClose={onClose}
      title="API key created"
      closeOnClickOutside={false}
      size="lg"
    >
      {created && (
        <Stack>
          <Alert color="orange" title="Copy this key now">
            This is the only time the full key is shown. Store it somewhere safe; if you lose it,
            revoke it and create a new one.
          </Alert>
          <Text size="sm">
            Key <b>{created.name}</b>:
          </Text>
          <Code block data-testid="created-api-key" style={{ wordBreak: 'break-all' }}>
            {created.key}
          </Code>
          <Text size="xs" c="dimmed">
            Send it as <Code>Authorization: Bearer &lt;key&gt;</Code>.
          </Text>
          <Group justify="flex-end">
            <CopyButton value={created.key}>
              {({ copied, copy }) => (
                <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy}>
                  {copied ? 'Copied' : 'Copy key'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>I have saved it</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
