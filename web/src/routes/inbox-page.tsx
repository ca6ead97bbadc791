import { useParams } from 'react-router';
import { ConversationAgentStatus } from '../features/agents/components/conversation-agent-status';
import { useMe } from '../features/auth/api/use-me';
import { Inbox } from '../features/inbox/components/inbox';
import type { AgentStatusSlot } from '../features/inbox/components/conversation-thread';

const agentStatus: AgentStatusSlot = (contactId) => (
  <ConversationAgentStatus contactId={contactId} />
);

/** The inbox, with whether an AI agent answers the open conversation in its header. */
export function InboxPage() {
  const { contactId } = useParams();
  const me = useMe();
  return (
    <Inbox contactId={contactId} currentUserId={me.data?.user.id} agentStatusSlot={agentStatus} />
  );
}
