package com.whatsdex.messaging.domain;

import com.whatsdex.channels.SendPacer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps this instance's calls to a paced channel at least one slot ({@link SendPacer#intervalNanos}) apart. The pacer's reserved slots already
 * are; but a send that wakes up late for its slot (a busy machine, a wait for an in-flight permit) would go out
 * right beside the next on-time one, and a provider that counts every sliding second (Meta's 130429) refuses the
 * bunch. Late calls are spread out instead: the channel falls a little behind its rate, never above it.
 */
final class CallSpacing {

    private static final long NEVER = Long.MIN_VALUE;

    /** Per paced channel, the earliest moment of the next call. */
    private final Map<UUID, AtomicLong> nextCall = new ConcurrentHashMap<>();

    /** Waits until a call to the channel keeps the spacing, and takes that moment. A rate of 0 or less: unpaced. */
    void await(UUID channelId, int ratePerSecond) throws InterruptedException {
        long wait = reserve(channelId, ratePerSecond) - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait)); // the spacing is the rate limit
        }
    }

    /** Takes the channel's next moment ({@link System#nanoTime()} scale) that keeps the spacing; now if unpaced. */
    long reserve(UUID channelId, int ratePerSecond) {
        long now = System.nanoTime();
        if (ratePerSecond <= 0) {
            return now;
        }
        long interval = SendPacer.intervalNanos(ratePerSecond);
        AtomicLong next = nextCall.computeIfAbsent(channelId, k -> new AtomicLong(NEVER));
        while (true) {
            long earliest = next.get();
            long at = earliest == NEVER ? now : Math.max(now, earliest);
            if (next.compareAndSet(earliest, at + interval)) {
                return at;
            }
            now = System.nanoTime();
        }
    }
}
