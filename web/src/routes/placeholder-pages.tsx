import { ComingSoon } from '../components/coming-soon';

export function AgentsPage() {
  return (
    <ComingSoon
      title="Agents"
      summary="AI agents that answer customers with a memory of each one."
    />
  );
}
