import { ComingSoon } from '../components/coming-soon';

export function InboxPage() {
  return (
    <ComingSoon
      title="Inbox"
      summary="One inbox for every WhatsApp conversation across your channels."
      features={[
        'Reply within the 24-hour window',
        'Hand conversations to AI agents and back',
        'Live updates as messages arrive',
      ]}
    />
  );
}

export function AgentsPage() {
  return (
    <ComingSoon
      title="Agents"
      summary="AI agents that answer customers with a memory of each one."
    />
  );
}
