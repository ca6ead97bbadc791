import type { Conversation, ServiceWindow, ThreadMessage } from '../../../api/types';

/** The name a conversation goes by: the contact's name, or its phone when it has none. */
export function conversationTitle(c: Pick<Conversation, 'name' | 'phone'>): string {
  return c.name?.trim() || c.phone;
}

/** "5 h 12 m", "12 m", "less than a minute": how long is left, to the minute. */
export function formatTimeLeft(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${m} m` : `${m} m`;
}

export interface WindowState {
  open: boolean;
  /** "Window closes in 5 h 12 m" or "Window closed — send a template" */
  label: string;
  /** why the window is closed, for the composer's explanation */
  reason?: string;
}

/**
 * WhatsApp's 24-hour customer service window as of `now`. The server decides at send time; this
 * mirrors it so the composer closes free text the moment the window runs out.
 */
export function serviceWindow(window: ServiceWindow, contact: string, now: number): WindowState {
  const closesAt = window.closesAt ? Date.parse(window.closesAt) : NaN;
  if (window.open && closesAt > now) {
    return { open: true, label: `Window closes in ${formatTimeLeft(closesAt - now)}` };
  }
  return {
    open: false,
    label: 'Window closed — send a template',
    reason: window.lastInboundAt
      ? `More than 24 hours have passed since ${contact} last wrote. WhatsApp allows only approved templates until they write again.`
      : `${contact} has not written to you yet. WhatsApp allows only approved templates until they do.`,
  };
}

interface DeliveryLook {
  ticks: string;
  label: string;
  color: string;
  hint?: string;
}

// Ticks like WhatsApp's own: one for sent, two for delivered, two in blue for read.
const DELIVERY: Record<string, DeliveryLook> = {
  queued: { ticks: '◷', label: 'Queued', color: 'dimmed', hint: 'Waiting for the channel’s rate' },
  sending: { ticks: '◷', label: 'Sending', color: 'dimmed' },
  accepted: { ticks: '✓', label: 'Accepted', color: 'dimmed', hint: 'WhatsApp accepted it' },
  sent: { ticks: '✓', label: 'Sent', color: 'dimmed', hint: 'Sent to the phone' },
  delivered: { ticks: '✓✓', label: 'Delivered', color: 'dimmed', hint: 'Arrived on the phone' },
  read: { ticks: '✓✓', label: 'Read', color: 'blue.6', hint: 'The customer opened it' },
  failed: { ticks: '!', label: 'Failed', color: 'red.7' },
  unknown: {
    ticks: '?',
    label: 'Unknown',
    color: 'orange.7',
    hint: 'The send was interrupted: it may or may not have been delivered',
  },
};

export function deliveryLook(status: string | null | undefined): DeliveryLook | undefined {
  if (!status || status === 'received') return undefined;
  return DELIVERY[status] ?? { ticks: '', label: status, color: 'dimmed' };
}

/** Why a message failed, as WhatsApp put it: "131026 · Message undeliverable". */
export function failureReason(
  m: Pick<ThreadMessage, 'errorCode' | 'errorTitle' | 'errorDetail'>,
): string {
  const head = [m.errorCode, m.errorTitle].filter(Boolean).join(' · ') || 'No reason given';
  return m.errorDetail ? `${head}: ${m.errorDetail}` : head;
}

export function formatBytes(bytes: number | null | undefined): string | undefined {
  if (bytes === null || bytes === undefined) return undefined;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "Today", "Yesterday" or the date: the separator above a day's messages. */
export function dayLabel(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  const startOf = (t: Date) => new Date(t.getFullYear(), t.getMonth(), t.getDate()).getTime();
  const days = Math.round((startOf(new Date(now)) - startOf(d)) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(d);
}

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : time.format(d);
}
