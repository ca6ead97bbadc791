import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FLUSH_MS, useEvents } from './use-events';

type Listener = (event: MessageEvent<string>) => void;

class FakeEventSource {
  static last: FakeEventSource | undefined;
  listeners = new Map<string, Listener[]>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {}
  emit(type: string, data: unknown) {
    const event = new MessageEvent(type, { data: JSON.stringify(data) });
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
}

function Subscriber() {
  useEvents(true);
  return null;
}

describe('useEvents', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('coalesces a burst of events into one invalidation per query key, without cancelling refetches', () => {
    vi.useFakeTimers();
    vi.stubGlobal('EventSource', FakeEventSource);
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
    render(
      <QueryClientProvider client={client}>
        <Subscriber />
      </QueryClientProvider>,
    );
    const source = FakeEventSource.last!;
    for (let i = 0; i < 200; i++) {
      source.emit('message.status', { type: 'message.status', messageId: `m${i}`, status: 'read' });
    }
    source.emit('campaign.progress', { type: 'campaign.progress' });
    expect(invalidate).not.toHaveBeenCalled();

    vi.advanceTimersByTime(FLUSH_MS);
    const keys = invalidate.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey));
    expect(keys.sort()).toEqual(
      ['["campaigns"]', '["inbox"]', '["messages"]', '["sandbox-deliveries"]'].sort(),
    );
    expect(invalidate.mock.calls.every(([, options]) => options?.cancelRefetch === false)).toBe(
      true,
    );

    // the next burst is flushed again
    source.emit('conversation.updated', { type: 'conversation.updated' });
    vi.advanceTimersByTime(FLUSH_MS);
    expect(invalidate).toHaveBeenCalledTimes(5);
  });

  it('listens for agents’ activity: their replies, hand-overs and the facts they changed', () => {
    vi.useFakeTimers();
    vi.stubGlobal('EventSource', FakeEventSource);
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
    render(
      <QueryClientProvider client={client}>
        <Subscriber />
      </QueryClientProvider>,
    );
    FakeEventSource.last!.emit('agent.activity', {
      type: 'agent.activity',
      replyId: 'r1',
      agentId: 'a1',
      contactId: 'c1',
      status: 'failed',
      needsHuman: true,
    });
    vi.advanceTimersByTime(FLUSH_MS);
    const keys = invalidate.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey));
    expect(keys.sort()).toEqual(
      [
        '["agents","activity"]',
        '["agents","conversation"]',
        '["agents","facts"]',
        '["inbox"]',
      ].sort(),
    );
  });
});
