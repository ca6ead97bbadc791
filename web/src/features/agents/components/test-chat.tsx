import {
  Alert,
  Box,
  Button,
  Group,
  List,
  Loader,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useRef, useState } from 'react';
import { errorMessage } from '../../../api/errors';
import type {
  Agent,
  AgentChatReply,
  AgentToolCall,
  ContactFact,
  ContactListItem,
} from '../../../api/types';
import { ContactPicker } from '../../../components/contact-picker';
import { useAgentChat } from '../api/use-agents';
import { describeToolCall } from './agent-labels';

interface Turn {
  role: 'customer' | 'agent';
  text: string;
  toolCalls?: AgentToolCall[];
  tokens?: Pick<AgentChatReply, 'inputTokens' | 'outputTokens'>;
}

/**
 * Talks to the agent without WhatsApp: you write as the customer, the agent answers (nothing is
 * sent to anyone) and the memory tools it called show under its answer. The conversation lives
 * here only; Reset starts another.
 */
export function TestChat({ agent, configured }: { agent: Agent; configured: boolean }) {
  const chat = useAgentChat(agent.id);
  const [turns, setTurns] = useState<Turn[]>([]);
  const [draft, setDraft] = useState('');
  const [contact, setContact] = useState<ContactListItem | null>(null);
  const [facts, setFacts] = useState<ContactFact[] | null>(null);
  // an answer to a conversation that was reset meanwhile is dropped
  const generation = useRef(0);

  const reset = () => {
    generation.current++;
    setTurns([]);
    setDraft('');
    setFacts(null);
    chat.reset();
  };

  const send = () => {
    const text = draft.trim();
    if (!text || chat.isPending || !configured) return;
    const before = turns;
    const next: Turn[] = [...turns, { role: 'customer', text }];
    const mine = generation.current;
    setTurns(next);
    setDraft('');
    chat.mutate(
      {
        messages: next.map(({ role, text: t }) => ({ role, text: t })),
        contactId: contact?.id ?? null,
      },
      {
        onSuccess: (reply) => {
          if (generation.current !== mine) return;
          setTurns([
            ...next,
            {
              role: 'agent',
              text: reply.reply,
              toolCalls: reply.toolCalls,
              tokens: { inputTokens: reply.inputTokens, outputTokens: reply.outputTokens },
            },
          ]);
          setFacts(contact ? reply.facts : null);
        },
        onError: () => {
          if (generation.current !== mine) return;
          // the message goes back to the box, to send again
          setTurns(before);
          setDraft(text);
        },
      },
    );
  };

  const who = contact ? (contact.name ?? contact.phone) : null;
  return (
    <Stack gap="sm" maw={760} component="section" aria-label="Test chat">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={3}>Test chat</Title>
          <Text size="sm" c="dimmed">
            Write as a customer would. The agent answers here only; nothing is sent on WhatsApp.
          </Text>
        </Stack>
        <Button variant="default" onClick={reset} disabled={turns.length === 0 && !chat.isError}>
          Reset
        </Button>
      </Group>

      <ContactPicker
        contact={contact}
        onChange={(c) => {
          setContact(c);
          setFacts(null);
        }}
        label="Talk as a contact (optional)"
        placeholder="Search contacts by name or phone"
        description="The agent then knows what the workspace remembers about them"
      />
      {who && (
        <Alert color="orange" variant="light" title={`Using ${who}’s facts`}>
          The agent reads what the workspace remembers about {who}, and what it remembers, corrects
          or forgets in this chat changes {who}&rsquo;s facts for real.
        </Alert>
      )}

      <Paper withBorder p="sm" radius="md" mih={160}>
        {turns.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="lg">
            No messages yet. Say hello as a customer.
          </Text>
        ) : (
          <Stack gap="xs" component="ol" aria-label="Test conversation" p={0} m={0}>
            {turns.map((t, i) => (
              <ChatBubble key={i} turn={t} />
            ))}
            {chat.isPending && (
              <Group gap="xs" role="status" aria-label="The agent is answering">
                <Loader size="xs" />
                <Text size="sm" c="dimmed">
                  {agent.name} is answering…
                </Text>
              </Group>
            )}
          </Stack>
        )}
      </Paper>

      {chat.isError && (
        <Alert color="red" title="The agent could not answer" role="alert">
          {errorMessage(chat.error)}
        </Alert>
      )}

      <Textarea
        label="Message as the customer"
        placeholder={configured ? 'Hi, do you deliver on Sundays?' : 'No AI provider configured'}
        description="Ctrl+Enter sends"
        autosize
        minRows={2}
        maxRows={6}
        maxLength={4096}
        value={draft}
        disabled={!configured}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send();
          }
        }}
      />
      <Group justify="flex-end">
        <Button
          onClick={send}
          loading={chat.isPending}
          disabled={!configured || draft.trim() === ''}
        >
          Send
        </Button>
      </Group>

      {who && facts && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            What the workspace remembers about {who} now
          </Text>
          {facts.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing yet.
            </Text>
          ) : (
            <List size="sm" aria-label={`Facts about ${who}`}>
              {facts.map((f) => (
                <List.Item key={f.id}>{f.fact}</List.Item>
              ))}
            </List>
          )}
        </Stack>
      )}
    </Stack>
  );
}

function ChatBubble({ turn }: { turn: Turn }) {
  const agent = turn.role === 'agent';
  const tokens = turn.tokens;
  return (
    <Box
      component="li"
      aria-label={agent ? 'Agent' : 'Customer'}
      data-role={turn.role}
      style={{ listStyle: 'none', alignSelf: agent ? 'flex-end' : 'flex-start', maxWidth: '80%' }}
    >
      <Paper
        p="xs"
        radius="md"
        bg={agent ? 'teal.0' : 'gray.0'}
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        <Text size="xs" c="dimmed" fw={600}>
          {agent ? 'Agent' : 'Customer'}
        </Text>
        <Text size="sm">{turn.text}</Text>
      </Paper>
      {turn.toolCalls && turn.toolCalls.length > 0 && (
        <List size="xs" mt={4} c="dimmed" aria-label="Tools the agent used">
          {turn.toolCalls.map((call, i) => (
            <List.Item key={i}>{describeToolCall(call)}</List.Item>
          ))}
        </List>
      )}
      {tokens && (tokens.inputTokens !== null || tokens.outputTokens !== null) && (
        <Text size="xs" c="dimmed" ta="right">
          {tokens.inputTokens ?? '?'} tokens in · {tokens.outputTokens ?? '?'} out
        </Text>
      )}
    </Box>
  );
}
