import { Anchor, Stack, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ImportHistory } from '../features/imports/components/import-history';
import { ImportWizard } from '../features/imports/components/import-wizard';

export function ContactsImportPage() {
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Anchor component={Link} to="/contacts" size="sm">
          ← Contacts
        </Anchor>
        <Title order={2}>Import contacts</Title>
      </Stack>
      <ImportWizard />
      <Stack gap="sm">
        <Title order={3}>Import history</Title>
        <ImportHistory />
      </Stack>
    </Stack>
  );
}
