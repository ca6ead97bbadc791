package com.whatsdex.sandbox.internal;

import com.whatsdex.sandbox.SandboxDelivery;
import com.whatsdex.sandbox.SandboxNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** One registered number: its settings, what its phones received, who wrote when, and its webhook outbox. */
final class NumberState {

    static final int HISTORY = 10_000;

    private volatile SandboxNumber number;
    private volatile ThroughputLimiter limiter;
    private final DeliveryEntry[] ring = new DeliveryEntry[HISTORY];
    private long added;
    /** Phone digits → when it last wrote: the 24-hour service window. */
    final Map<String, Instant> lastInbound = new ConcurrentHashMap<>();

    final Queue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    final AtomicInteger outboxSize = new AtomicInteger();
    final AtomicBoolean draining = new AtomicBoolean();

    NumberState(SandboxNumber number) {
        this.number = number;
        this.limiter = new ThroughputLimiter(number.settings().maxMessagesPerSecond());
    }

    SandboxNumber number() {
        return number;
    }

    ThroughputLimiter limiter() {
        return limiter;
    }

    void update(SandboxNumber updated) {
        if (updated.settings().maxMessagesPerSecond() != limiter.max()) {
            limiter = new ThroughputLimiter(updated.settings().maxMessagesPerSecond());
        }
        number = updated;
    }

    synchronized void add(DeliveryEntry entry) {
        ring[(int) (added % HISTORY)] = entry;
        added++;
    }

    /** Newest first. */
    synchronized List<SandboxDelivery> deliveries(@Nullable String to, int limit) {
        List<SandboxDelivery> result = new ArrayList<>(Math.min(limit, 100));
        long oldest = Math.max(0, added - HISTORY);
        for (long i = added - 1; i >= oldest && result.size() < limit; i--) {
            DeliveryEntry entry = ring[(int) (i % HISTORY)];
            if (to == null || entry.to.equals(to)) {
                result.add(entry.view());
            }
        }
        return result;
    }

    /** What waits to be posted to the webhook. Statuses due together are batched into one payload. */
    sealed interface Outgoing {}

    record Status(tools.jackson.databind.node.ObjectNode status) implements Outgoing {}

    record Inbound(tools.jackson.databind.node.ObjectNode contact, tools.jackson.databind.node.ObjectNode message)
            implements Outgoing {}
}
