import { useParams } from 'react-router';
import { useMe } from '../features/auth/api/use-me';
import { Inbox } from '../features/inbox/components/inbox';

export function InboxPage() {
  const { contactId } = useParams();
  const me = useMe();
  return <Inbox contactId={contactId} currentUserId={me.data?.user.id} />;
}
