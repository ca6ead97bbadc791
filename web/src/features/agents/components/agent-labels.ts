import type { AgentToolCall } from '../../../api/types';

export const REPLY_STATUSES = ['pending', 'replied', 'skipped', 'failed'] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

export const REPLY_STATUS_LABELS: Record<ReplyStatus, string> = {
  pending: 'Pending',
  replied: 'Replied',
  skipped: 'Skipped',
  failed: 'Handed to a person',
};

export const REPLY_STATUS_COLORS: Record<ReplyStatus, string> = {
  pending: 'blue',
  replied: 'teal',
  skipped: 'gray',
  failed: 'red',
};

export function isReplyStatus(status: string): status is ReplyStatus {
  return (REPLY_STATUSES as readonly string[]).includes(status);
}

/** The environment variables an operator sets to give the server an AI provider. */
export const PROVIDER_SETTINGS = {
  baseUrl: 'WHATSDEX_AI_BASE_URL',
  model: 'WHATSDEX_AI_MODEL',
  apiKey: 'WHATSDEX_AI_API_KEY',
} as const;

/**
 * A tool call in a sentence: `remember_fact: Is allergic to peanuts → Remembered`. The arguments
 * are the model's JSON; the fact (or else every value) is shown, and the raw text when it is not
 * an object.
 */
export function describeToolCall(call: AgentToolCall): string {
  return `${call.name}: ${describeArguments(call.arguments)} → ${call.result}`;
}

function describeArguments(json: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return json;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return json;
  const args = parsed as Record<string, unknown>;
  if (typeof args.fact === 'string') return args.fact;
  return Object.entries(args)
    .map(([key, value]) => `${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** HH:MM in the browser's time zone. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : time.format(d);
}
