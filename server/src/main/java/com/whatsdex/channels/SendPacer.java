package com.whatsdex.channels;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Paces sends per channel across every server instance: each send takes a slot {@code 1/rate} seconds after the
 * previous one, so a channel never exceeds its rate over time however many instances or campaigns send through it
 * (slots left unused are not made up later: no bursts). Runs as the workspace in the current {@code TenantContext}.
 */
public interface SendPacer {

    /**
     * The share of a channel's rate the slots use: 2 % below it. A provider that counts every sliding second (Meta's
     * 130429) refuses the 81st send of a second; at exactly 80/s, a millisecond of network or scheduling jitter
     * between two sends 80 apart puts 81 in some second. The headroom absorbs 20 ms of such jitter per second.
     */
    double HEADROOM = 0.98;

    /** Nanoseconds between two slots of a channel paced at {@code ratePerSecond} (0 or less: unpaced, 0). */
    static long intervalNanos(int ratePerSecond) {
        return ratePerSecond <= 0 ? 0 : Math.round(1_000_000_000.0 / (ratePerSecond * HEADROOM));
    }

    /**
     * Reserves {@code count} consecutive slots and returns how long to wait before the first (zero or negative: at
     * once). The slots are {@link #intervalNanos} apart; the caller sends one message per slot. A rate of 0 or less
     * means unpaced.
     */
    Duration reserve(UUID channelId, int ratePerSecond, int count);

    /** One channel's part of {@link #reserveAll}: {@code count} consecutive slots at {@code ratePerSecond}. */
    record Reservation(UUID channelId, int ratePerSecond, int count) {}

    /**
     * {@link #reserve} for several channels at once, in one transaction: the wait before each channel's first slot,
     * by channel id. Channels are reserved in id order, so two callers never wait on each other's row locks in a
     * cycle.
     */
    Map<UUID, Duration> reserveAll(List<Reservation> reservations);

    /** Reserves one slot and waits for it (virtual-thread friendly). */
    default void acquire(UUID channelId, int ratePerSecond) throws InterruptedException {
        Duration wait = reserve(channelId, ratePerSecond, 1);
        if (!wait.isZero() && !wait.isNegative()) {
            Thread.sleep(wait); // waiting for the reserved slot is the point: this is the rate limit
        }
    }
}
