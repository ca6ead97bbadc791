import { Alert, Code, Text } from '@mantine/core';
import { GOOGLE_SETTINGS, planName } from './backup-labels';

/** The workspace's plan has no Drive backups. */
export function PlanNotice({ upgradePlan }: { upgradePlan: string | null }) {
  const plan = planName(upgradePlan);
  return (
    <Alert color="yellow" title={`Backups need the ${plan} plan`} role="alert">
      <Text size="sm">
        Backing up to Google Drive is not part of this workspace&rsquo;s plan. Upgrade to {plan} to
        back up contacts, conversations, templates, campaigns and agents to your Google Drive, by
        hand or on a schedule, and to restore them into a new workspace.
      </Text>
    </Alert>
  );
}

/** The server has no Google OAuth client, so no workspace can link Google Drive. */
export function NotConfiguredNotice() {
  return (
    <Alert color="yellow" title="Google Drive is not set up on this server" role="alert">
      <Text size="sm">
        Backups go to Google Drive through a Google OAuth client, and this server has none yet. The
        server&rsquo;s operator sets <Code>{GOOGLE_SETTINGS.clientId}</Code> and{' '}
        <Code>{GOOGLE_SETTINGS.clientSecret}</Code> (from a Google Cloud OAuth client of type
        &ldquo;Web application&rdquo;) and restarts the server; then you can link Google Drive here.
      </Text>
    </Alert>
  );
}
