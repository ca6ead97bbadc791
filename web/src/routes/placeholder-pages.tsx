import { ComingSoon } from '../components/coming-soon';

export function AgentsPage() {
  return (
    <ComingSoon
      title="Agents"
      summary="AI agents that answer customers with a memory of each one."
    />
  );
}

export function UsagePage() {
  return (
    <ComingSoon
      title="Usage"
      summary="Messages, contacts and AI replies used this period against your plan's limits."
    />
  );
}
