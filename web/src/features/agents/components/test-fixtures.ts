import type {
  Agent,
  AgentAvailability,
  AgentReply,
  Channel,
  ContactFact,
  ContactListItem,
  ConversationAgentState,
} from '../../../api/types';
export { failure, ok } from '../../../test/render';

export const LONG = { timeout: 20_000 };

export const AGENT_ID = '0190b000-0000-7000-8000-0000000000a1';
export const OTHER_AGENT_ID = '0190b000-0000-7000-8000-0000000000a2';
export const CHANNEL_ID = '0190b000-0000-7000-8000-0000000000c1';
export const OTHER_CHANNEL_ID = '0190b000-0000-7000-8000-0000000000c2';
export const CONTACT_ID = '0190b000-0000-7000-8000-0000000000d1';

export function availability(fields: Partial<AgentAvailability> = {}): AgentAvailability {
  return {
    configured: true,
    defaultModel: 'gpt-4o-mini',
    limit: 5,
    used: 1,
    upgradePlan: null,
    maxFactsPerContact: 50,
    ...fields,
  };
}

export function agent(fields: Partial<Agent> = {}): Agent {
  return {
    id: AGENT_ID,
    name: 'Kemi',
    instructions: 'You are Kemi, the assistant of Mama Ngozi’s Kitchen.',
    model: null,
    temperature: 0.7,
    maxReplyChars: 1000,
    replyDelaySeconds: 0,
    handoverMinutes: 60,
    enabled: true,
    channelIds: [CHANNEL_ID],
    createdAt: '2026-01-02T03:04:05Z',
    updatedAt: '2026-01-02T03:04:05Z',
    ...fields,
  };
}

export function channel(fields: Partial<Channel> = {}): Channel {
  return {
    id: CHANNEL_ID,
    name: 'Lagos support',
    provider: 'sandbox',
    status: 'connected',
    statusReason: null,
    phoneNumberId: '100000000000001',
    displayPhoneNumber: '+234 800 000 0001',
    wabaId: null,
    graphBaseUrl: 'http://localhost',
    hasAccessToken: false,
    hasAppSecret: false,
    ratePerSecond: 80,
    sandbox: null,
    verifyToken: null,
    webhookUrl: 'http://localhost/webhooks/whatsapp/x',
    createdAt: '2026-01-02T03:04:05Z',
    updatedAt: '2026-01-02T03:04:05Z',
    ...fields,
  };
}

export function contact(fields: Partial<ContactListItem> = {}): ContactListItem {
  return {
    id: CONTACT_ID,
    name: 'Ada Okafor',
    phone: '+2348031234567',
    rawPhone: '+2348031234567',
    email: null,
    tags: [],
    attributes: {},
    optedOut: false,
    optedOutAt: null,
    lastChannelId: CHANNEL_ID,
    lastInteractionAt: null,
    lastInboundAt: null,
    createdAt: '2026-01-02T03:04:05Z',
    updatedAt: '2026-01-02T03:04:05Z',
    ...fields,
  };
}

export function fact(fields: Partial<ContactFact> = {}): ContactFact {
  return {
    id: '0190b000-0000-7000-8000-0000000000f1',
    contactId: CONTACT_ID,
    fact: 'Is allergic to peanuts',
    source: 'agent',
    agentId: AGENT_ID,
    sourceMessageId: '0190b000-0000-7000-8000-0000000000e1',
    createdAt: new Date(Date.now() - 3_600_000).toISOString(),
    updatedAt: new Date(Date.now() - 3_600_000).toISOString(),
    ...fields,
  };
}

export function reply(fields: Partial<AgentReply> = {}): AgentReply {
  return {
    id: '0190b000-0000-7000-8000-0000000000b1',
    agentId: AGENT_ID,
    agentName: 'Kemi',
    contactId: CONTACT_ID,
    contactName: 'Ada Okafor',
    contactPhone: '+2348031234567',
    channelId: CHANNEL_ID,
    inboundMessageId: '0190b000-0000-7000-8000-0000000000e1',
    inboundText: 'Hi, I’m allergic to peanuts',
    status: 'replied',
    reason: null,
    replyMessageId: '0190b000-0000-7000-8000-0000000000e2',
    replyText: 'Noted: no peanuts for you.',
    toolCalls: [
      {
        name: 'remember_fact',
        arguments: '{"fact":"Is allergic to peanuts"}',
        result: 'Remembered',
      },
    ],
    attempts: 1,
    inputTokens: 120,
    outputTokens: 20,
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    pickupMillis: 40,
    completedAt: new Date(Date.now() - 58_000).toISOString(),
    ...fields,
  };
}

export function agentState(fields: Partial<ConversationAgentState> = {}): ConversationAgentState {
  return {
    agentId: AGENT_ID,
    agentName: 'Kemi',
    state: 'active',
    pausedUntil: null,
    reason: null,
    flaggedAt: null,
    ...fields,
  };
}
