import { Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { DriveLink } from '../../../api/types';
import { formatDateTime } from '../../../components/format';
import { showApiError, showSuccess } from '../../../components/notify';
import { useLinkDrive, useUnlinkDrive } from '../api/use-backups';

/** Which Google account keeps the backups; link, or unlink after confirming. */
export function DriveCard({ drive, canManage }: { drive: DriveLink; canManage: boolean }) {
  const link = useLinkDrive();
  const [confirming, confirm] = useDisclosure(false);

  return (
    <Paper withBorder p="lg" aria-label="Google Drive" component="section">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>Google Drive</Title>
          <Badge color={drive.linked ? 'teal' : 'gray'} variant="light">
            {drive.linked ? 'Linked' : 'Not linked'}
          </Badge>
        </Group>
        {drive.linked ? (
          <>
            <Text size="sm">
              Backups go to the Google Drive of{' '}
              <Text span fw={600} data-testid="drive-email">
                {drive.email ?? 'an unnamed Google account'}
              </Text>
              , linked {formatDateTime(drive.linkedAt)}.
            </Text>
            {canManage && (
              <Group>
                <Button variant="default" color="red" onClick={confirm.open}>
                  Unlink
                </Button>
              </Group>
            )}
          </>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              Link the Google account whose Drive keeps the backups. WhatsDeX sees only the files it
              creates there, in a folder named &ldquo;WhatsDeX Backups&rdquo;.
            </Text>
            {canManage && (
              <Group>
                <Button
                  loading={link.isPending || link.isSuccess}
                  onClick={() =>
                    link.mutate(undefined, {
                      onError: (err) => showApiError(err, 'Could not link Google Drive'),
                    })
                  }
                >
                  Link Google Drive
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
      <UnlinkModal opened={confirming} email={drive.email} onClose={confirm.close} />
    </Paper>
  );
}

function UnlinkModal({
  opened,
  email,
  onClose,
}: {
  opened: boolean;
  email: string | null;
  onClose: () => void;
}) {
  const unlink = useUnlinkDrive();
  return (
    <Modal opened={opened} onClose={onClose} title="Unlink Google Drive?">
      <Stack>
        <Text size="sm">
          WhatsDeX gives up its access to the Google Drive of {email ?? 'this account'}. Backups
          already there stay; scheduled backups stop until you link Google Drive again.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={unlink.isPending}
            onClick={() =>
              unlink.mutate(undefined, {
                onSuccess: () => {
                  showSuccess('Google Drive was unlinked');
                  onClose();
                },
                onError: (err) => showApiError(err, 'Could not unlink Google Drive'),
              })
            }
          >
            Unlink Google Drive
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
