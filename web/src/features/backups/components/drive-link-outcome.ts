import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { LINK_ERRORS } from './backup-labels';

/**
 * Google sends the browser back to /settings/backups?drive=linked, or ?drive=error&reason=…:
 * says how linking went, once, and takes the outcome out of the address.
 */
export function useDriveLinkOutcome() {
  const [params, setParams] = useSearchParams();
  const outcome = params.get('drive');
  const reason = params.get('reason') ?? '';

  useEffect(() => {
    if (!outcome) return;
    // a fixed id, so a second run of this effect (strict mode) does not show it twice
    if (outcome === 'linked') {
      notifications.show({
        id: 'drive-link',
        color: 'teal',
        title: 'Google Drive is linked',
        message: 'Backups go to the “WhatsDeX Backups” folder of this Google Drive.',
      });
    } else {
      notifications.show({
        id: 'drive-link',
        color: 'red',
        title: 'Google Drive was not linked',
        message: LINK_ERRORS[reason] ?? LINK_ERRORS.google,
      });
    }
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('drive');
        next.delete('reason');
        return next;
      },
      { replace: true },
    );
  }, [outcome, reason, setParams]);
}
