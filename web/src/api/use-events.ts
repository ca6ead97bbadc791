import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';

/**
 * Which cached queries an event makes stale. Event types are `area.change`; anything not listed
 * invalidates the queries whose key starts with the area (e.g. `contacts.imported` → ['contacts']).
 */
const INVALIDATIONS: Record<string, QueryKey[]> = {
  'workspace.updated': [['workspace'], ['me']],
  'members.changed': [['members'], ['me']],
  'api-keys.changed': [['api-keys']],
  // the area is singular in the event name, plural in the query keys
  'channel.status': [['channels']],
  // an inbound message may create the contact or change its opt-out and last-inbound time; it
  // moves its conversation to the top of the inbox and adds to the unread badge. An agent on its
  // channel starts a pending reply, and the channel it came on decides which agent answers.
  'message.received': [
    ['messages'],
    ['contacts'],
    ['inbox'],
    ['agents', 'activity'],
    ['agents', 'conversation'],
  ],
  'message.status': [['messages'], ['sandbox-deliveries'], ['inbox']],
  // read, closed, reopened or assigned (the area is `inbox` in the query keys)
  'conversation.updated': [['inbox']],
  // an import's progress; the contacts it merged so far show up in the list
  'import.progress': [['imports'], ['contacts']],
  // at least every second while a campaign runs, and on each of its state changes
  'campaign.progress': [['campaigns']],
  // an agent replied (its message joins the thread), skipped a message, or handed the
  // conversation to a person; its memory tools may have changed the contact's facts
  // a backup or restore was queued, started, finished or failed (the area is plural in the keys)
  'backup.status': [['backups']],
  'agent.activity': [
    ['agents', 'activity'],
    ['agents', 'facts'],
    ['agents', 'conversation'],
    ['inbox'],
  ],
};

/** How often invalidations from events are applied, at most. */
export const FLUSH_MS = 250;

export const KNOWN_EVENT_TYPES = Object.keys(INVALIDATIONS);

export function keysForEvent(type: string): QueryKey[] {
  const known = INVALIDATIONS[type];
  if (known) return known;
  const area = type.split('.')[0];
  return area ? [[area]] : [];
}

/**
 * Subscribes to the workspace's server-sent events while `enabled`. Each event invalidates the
 * queries it concerns; after a dropped connection comes back, everything is refetched because
 * events may have been missed meanwhile.
 */
export function useEvents(enabled: boolean, extraTypes: readonly string[] = []): void {
  const queryClient = useQueryClient();
  const typesKey = extraTypes.join(',');

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events', { withCredentials: true });
    let hadError = false;

    // a running campaign sends many message.status events a second: the keys they make stale are
    // collected and invalidated once per FLUSH_MS, and a refetch in flight is left to finish
    // rather than cancelled by the next event (which could otherwise starve it)
    const stale = new Map<string, QueryKey>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const keys = [...stale.values()];
      stale.clear();
      for (const queryKey of keys) {
        void queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false });
      }
    };
    const onEvent = (event: MessageEvent<string>) => {
      const type = event.type === 'message' ? parseType(event.data) : event.type;
      if (!type) return;
      for (const queryKey of keysForEvent(type)) stale.set(JSON.stringify(queryKey), queryKey);
      timer ??= setTimeout(flush, FLUSH_MS);
    };
    const onOpen = () => {
      if (hadError) void queryClient.invalidateQueries();
      hadError = false;
    };
    const onError = () => {
      hadError = true;
    };

    const types = new Set([...KNOWN_EVENT_TYPES, ...typesKey.split(',').filter(Boolean)]);
    source.addEventListener('message', onEvent);
    for (const type of types) source.addEventListener(type, onEvent);
    source.addEventListener('open', onOpen);
    source.addEventListener('error', onError);
    return () => {
      source.close();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [enabled, queryClient, typesKey]);
}

function parseType(data: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed === 'object' && parsed !== null && 'type' in parsed) {
      const type = (parsed as { type: unknown }).type;
      return typeof type === 'string' ? type : undefined;
    }
  } catch {
    // not JSON: ignore
  }
  return undefined;
}
