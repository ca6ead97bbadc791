import {
  Anchor,
  Badge,
  Button,
  Group,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { Link } from 'react-router';
import type { AgentAvailability } from '../../../api/types';
import { formatRelative } from '../../../components/format';
import { EmptyState, ErrorState } from '../../../components/states';
import { useAgentAvailability, useAgents, useChannelOptions } from '../api/use-agents';
import { AgentActivity } from './agent-activity';
import { AgentEnabledSwitch } from './agent-enabled-switch';
import { ProviderNotice } from './provider-notice';

/** Why no agent can be created now, if none can. */
export function createBlockedReason(
  availability: AgentAvailability | undefined,
  canManage: boolean,
): string | undefined {
  if (!canManage) return 'Only owners and admins can create agents.';
  if (availability && availability.used >= availability.limit) {
    const n = availability.limit;
    const upgrade = availability.upgradePlan ? `; upgrade to ${availability.upgradePlan}` : '';
    return `Your plan allows ${n} ${n === 1 ? 'agent' : 'agents'}${upgrade}.`;
  }
  return undefined;
}

function CreateAgentButton({
  blocked,
  label = 'New agent',
}: {
  blocked: string | undefined;
  label?: string;
}) {
  return blocked ? (
    <Button disabled>{label}</Button>
  ) : (
    <Button component={Link} to="/agents/new">
      {label}
    </Button>
  );
}

/** The agents of the workspace, and on a second tab what all of them did. */
export function AgentsPanel({ canManage }: { canManage: boolean }) {
  const availability = useAgentAvailability();
  const agents = useAgents();
  const channels = useChannelOptions();
  const channelNames = new Map((channels.data?.items ?? []).map((c) => [c.id, c.name]));
  const configured = availability.data?.configured;
  const blocked = createBlockedReason(availability.data, canManage);
  const list = agents.data ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>Agents</Title>
          <Text c="dimmed" size="sm">
            AI agents answer customers on your channels, and remember what each one tells them.
          </Text>
        </Stack>
        <Stack gap={4} align="flex-end">
          <CreateAgentButton blocked={availability.isPending ? 'Loading' : blocked} />
          {blocked && (
            <Text size="xs" c="dimmed" data-testid="create-blocked">
              {blocked}
            </Text>
          )}
        </Stack>
      </Group>

      {configured === false && <ProviderNotice />}
      {availability.isError && (
        <ErrorState error={availability.error} onRetry={() => void availability.refetch()} />
      )}

      <Tabs defaultValue="agents" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="agents">Agents</Tabs.Tab>
          <Tabs.Tab value="activity">Activity</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="agents" pt="md">
          {agents.isPending ? (
            <Stack gap="xs" data-testid="agents-loading">
              <Skeleton h={36} />
              <Skeleton h={36} />
            </Stack>
          ) : agents.isError ? (
            <ErrorState error={agents.error} onRetry={() => void agents.refetch()} />
          ) : list.length === 0 ? (
            <EmptyState
              title="No agents yet"
              action={<CreateAgentButton blocked={blocked} label="Create an agent" />}
            >
              Give an agent instructions about your business and a channel to answer on: it replies
              to customers day and night, remembers what they tell it, and steps back when someone
              from your team replies.
            </EmptyState>
          ) : (
            <Table striped highlightOnHover aria-label="Agents">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Enabled</Table.Th>
                  <Table.Th>Channels</Table.Th>
                  <Table.Th>Model</Table.Th>
                  <Table.Th>Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/agents/${a.id}`}>
                        {a.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <AgentEnabledSwitch agent={a} configured={configured} canManage={canManage} />
                    </Table.Td>
                    <Table.Td>
                      {a.channelIds.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          No channel
                        </Text>
                      ) : (
                        <Group gap={4}>
                          {a.channelIds.map((id) => (
                            <Badge key={id} variant="light" tt="none">
                              {channelNames.get(id) ?? 'Channel'}
                            </Badge>
                          ))}
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {a.model ?? (
                        <Text span size="sm" c="dimmed">
                          {availability.data?.defaultModel
                            ? `${availability.data.defaultModel} (default)`
                            : 'Default'}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{formatRelative(a.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Tabs.Panel>

        <Tabs.Panel value="activity" pt="md">
          <AgentActivity />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
