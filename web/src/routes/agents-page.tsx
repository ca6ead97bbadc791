import { useParams } from 'react-router';
import { useMe } from '../features/auth/api/use-me';
import { AgentEditor } from '../features/agents/components/agent-editor';
import { AgentsPanel } from '../features/agents/components/agents-panel';

function useCanManageAgents(): boolean {
  const role = useMe().data?.user.role;
  return role === 'owner' || role === 'admin';
}

export function AgentsPage() {
  return <AgentsPanel canManage={useCanManageAgents()} />;
}

/** /agents/new and /agents/:agentId. */
export function AgentPage() {
  const { agentId = 'new' } = useParams();
  const canManage = useCanManageAgents();
  return agentId === 'new' ? (
    <AgentEditor key="new" canManage={canManage} />
  ) : (
    <AgentEditor key={agentId} id={agentId} canManage={canManage} />
  );
}
