import type {
  Channel,
  Conversation,
  ConversationDetail,
  Member,
  Template,
  ThreadMessage,
} from '../../../api/types';
import { jsonResponse } from '../../../test/render';

export const ok = (data: unknown, status = 200) => jsonResponse(status, { success: true, data });
export const page = (items: unknown[], nextCursor: string | null = null) =>
  ok({ items, nextCursor });
export const refusal = (status: number, code: string, message: string) =>
  jsonResponse(status, { success: false, error: { code, message, details: [] } });

export const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const CONTACT_ID = '0190a000-0000-7000-8000-000000000001';
export const CHANNEL_ID = '0190a000-0000-7000-8000-0000000000c1';
export const OTHER_CHANNEL_ID = '0190a000-0000-7000-8000-0000000000c2';
export const ME = '0190a000-0000-7000-8000-0000000000a1';

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
    createdAt: ago(HOUR),
    updatedAt: ago(HOUR),
    ...fields,
  };
}

export function conversation(fields: Partial<Conversation> = {}): Conversation {
  return {
    contactId: CONTACT_ID,
    name: 'Ada Obi',
    phone: '+2348012345678',
    optedOut: false,
    lastMessage: {
      id: 'm-last',
      direction: 'in',
      type: 'text',
      preview: 'Is my order on its way?',
      channelId: CHANNEL_ID,
      status: 'received',
      at: ago(5 * MINUTE),
      campaign: false,
    },
    unreadCount: 0,
    status: 'open',
    assigneeId: null,
    ...fields,
  };
}

export function detail(fields: Partial<ConversationDetail> = {}): ConversationDetail {
  return {
    conversation: conversation(),
    window: {
      lastInboundAt: ago(5 * MINUTE),
      closesAt: new Date(Date.now() + 24 * HOUR - 5 * MINUTE).toISOString(),
      open: true,
    },
    replyChannel: {
      channelId: CHANNEL_ID,
      name: 'Lagos support',
      status: 'connected',
      problem: null,
    },
    ...fields,
  };
}

/** The contact last wrote two days ago: free text is no longer allowed. */
export const CLOSED_WINDOW: ConversationDetail['window'] = {
  lastInboundAt: ago(48 * HOUR),
  closesAt: ago(24 * HOUR),
  open: false,
};

export function message(fields: Partial<ThreadMessage> = {}): ThreadMessage {
  return {
    id: 'm1',
    channelId: CHANNEL_ID,
    contactId: CONTACT_ID,
    direction: 'in',
    type: 'text',
    status: 'received',
    wamid: null,
    body: null,
    media: null,
    template: null,
    location: null,
    replyId: null,
    replyTitle: null,
    errorCode: null,
    errorTitle: null,
    errorDetail: null,
    campaignId: null,
    origin: null,
    providerTimestamp: null,
    createdAt: ago(10 * MINUTE),
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
    ...fields,
  };
}

export function template(fields: Partial<Template> = {}): Template {
  return {
    id: 't1',
    name: 'Order update',
    category: 'utility',
    body: 'Hi {{first_name}}, your order is on its way.',
    variables: ['first_name'],
    media: null,
    meta: null,
    createdAt: ago(HOUR),
    updatedAt: ago(HOUR),
    ...fields,
  };
}

export const MEMBERS: Member[] = [
  {
    userId: ME,
    name: 'Ngozi Okonjo',
    email: 'ngozi@example.com',
    role: 'owner',
    createdAt: ago(HOUR),
  },
  {
    userId: '0190a000-0000-7000-8000-0000000000a2',
    name: 'Tunde Bello',
    email: 'tunde@example.com',
    role: 'agent',
    createdAt: ago(HOUR),
  },
];
