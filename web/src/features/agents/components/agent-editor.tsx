import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../../../api/errors';
import type { Agent } from '../../../api/types';
import { showSuccess } from '../../../components/notify';
import { EmptyState, ErrorState, LoadingState } from '../../../components/states';
import { useAgent, useAgentAvailability, useDeleteAgent } from '../api/use-agents';
import { AgentActivity } from './agent-activity';
import { AgentForm } from './agent-form';
import { createBlockedReason } from './agents-panel';
import { ProviderNotice } from './provider-notice';
import { TestChat } from './test-chat';

function Back() {
  return (
    <Anchor component={Link} to="/agents" size="sm">
      ← Agents
    </Anchor>
  );
}

/**
 * /agents/new, or an existing agent: its settings, the test chat and its activity. A new agent
 * opens on its own page once created, where the test chat is.
 */
export function AgentEditor({ id, canManage }: { id?: string; canManage: boolean }) {
  return id === undefined ? (
    <NewAgent canManage={canManage} />
  ) : (
    <ExistingAgent id={id} canManage={canManage} />
  );
}

function NewAgent({ canManage }: { canManage: boolean }) {
  const navigate = useNavigate();
  const availability = useAgentAvailability();
  const blocked = createBlockedReason(availability.data, canManage);
  return (
    <Stack gap="lg">
      <Back />
      <Title order={2}>New agent</Title>
      {availability.data?.configured === false && <ProviderNotice />}
      {blocked ? (
        <Alert color="violet" title="You cannot create another agent" role="alert">
          {blocked}
        </Alert>
      ) : availability.isPending ? (
        <LoadingState label="Loading" />
      ) : (
        <AgentForm
          availability={availability.data}
          canManage={canManage}
          onCancel={() => void navigate('/agents')}
          onSaved={(a: Agent) => {
            showSuccess(`Created “${a.name}”`);
            void navigate(`/agents/${a.id}`, { replace: true });
          }}
        />
      )}
    </Stack>
  );
}

function ExistingAgent({ id, canManage }: { id: string; canManage: boolean }) {
  const navigate = useNavigate();
  const agent = useAgent(id);
  const availability = useAgentAvailability();
  const remove = useDeleteAgent();
  const [deleteOpened, deleteModal] = useDisclosure(false);

  if (agent.isPending) return <LoadingState label="Loading the agent" />;
  if (agent.isError) {
    const missing =
      agent.error instanceof ApiError && (agent.error.status === 404 || agent.error.status === 400);
    return (
      <Stack>
        <Back />
        {missing ? (
          <EmptyState title="Agent not found">
            It may have been deleted, or belong to another workspace.
          </EmptyState>
        ) : (
          <ErrorState error={agent.error} onRetry={() => void agent.refetch()} />
        )}
      </Stack>
    );
  }
  const a = agent.data;
  const configured = availability.data?.configured;

  return (
    <Stack gap="lg">
      <Back />
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2}>{a.name}</Title>
          <Badge variant="light" color={a.enabled ? 'teal' : 'gray'} tt="none">
            {a.enabled ? 'On' : 'Off'}
          </Badge>
        </Group>
        {canManage && (
          <Button
            color="red"
            variant="light"
            onClick={() => {
              remove.reset();
              deleteModal.open();
            }}
          >
            Delete
          </Button>
        )}
      </Group>
      {configured === false && <ProviderNotice />}

      <Tabs defaultValue="settings" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="settings">Settings</Tabs.Tab>
          <Tabs.Tab value="chat">Test chat</Tabs.Tab>
          <Tabs.Tab value="activity">Activity</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="settings" pt="md">
          <AgentForm
            // a refetch after saving must not reset what is being typed: the form starts from the
            // agent as first loaded
            agent={a}
            availability={availability.data}
            canManage={canManage}
            onCancel={() => void navigate('/agents')}
            onSaved={(saved) => showSuccess(`Saved “${saved.name}”`)}
          />
        </Tabs.Panel>
        <Tabs.Panel value="chat" pt="md">
          <TestChat agent={a} configured={configured !== false} />
        </Tabs.Panel>
        <Tabs.Panel value="activity" pt="md">
          <AgentActivity agentId={a.id} />
        </Tabs.Panel>
      </Tabs>

      <Modal opened={deleteOpened} onClose={deleteModal.close} title="Delete this agent?">
        <Stack>
          <Text>
            Delete “{a.name}”? Its channels stop being answered; what it remembered about customers
            stays. This cannot be undone.
          </Text>
          {remove.isError && (
            <Alert color="red" title="Could not delete the agent" role="alert">
              {errorMessage(remove.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={deleteModal.close}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(a.id, {
                  onSuccess: () => {
                    showSuccess(`Deleted “${a.name}”`);
                    void navigate('/agents');
                  },
                })
              }
            >
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
