import { Switch, Tooltip } from '@mantine/core';
import type { Agent } from '../../../api/types';
import { showApiError, showSuccess } from '../../../components/notify';
import { useSetAgentEnabled } from '../api/use-agents';
import { NO_PROVIDER_HINT } from './provider-notice';

/**
 * Turns an agent on or off at once. Without an AI provider it cannot be turned on (an agent that
 * is on can still be turned off).
 */
export function AgentEnabledSwitch({
  agent,
  configured,
  canManage,
}: {
  agent: Agent;
  /** whether the server has an AI provider; undefined while that is being asked */
  configured: boolean | undefined;
  canManage: boolean;
}) {
  const setEnabled = useSetAgentEnabled();
  const locked = configured === false && !agent.enabled;
  const reason = !canManage
    ? 'Only owners and admins can turn agents on or off'
    : locked
      ? NO_PROVIDER_HINT
      : undefined;

  return (
    <Tooltip label={reason} disabled={!reason} multiline maw={320} withArrow>
      {/* a disabled switch gets no pointer events: the wrapper shows the tooltip */}
      <span style={{ display: 'inline-block' }}>
        <Switch
          aria-label={`Enabled: ${agent.name}`}
          checked={agent.enabled}
          disabled={!canManage || locked || setEnabled.isPending}
          onChange={(e) => {
            const enabled = e.currentTarget.checked;
            setEnabled.mutate(
              { id: agent.id, enabled },
              {
                onSuccess: (a) => showSuccess(`“${a.name}” is ${a.enabled ? 'on' : 'off'}`),
                onError: (err) =>
                  showApiError(err, `Could not turn “${agent.name}” ${enabled ? 'on' : 'off'}`),
              },
            );
          }}
        />
      </span>
    </Tooltip>
  );
}
