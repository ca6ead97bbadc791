package com.whatsdex.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated number's phones behave.
 *
 * @param failureRate share of accepted sends, 0 to 1, that fail later with a {@code failed} status (131026)
 * @param maxMessagesPerSecond accepted sends allowed in any sliding second; beyond it a send is refused at once with
 *     error 130429, like Meta's throughput limit; 0 means unlimited
 * @param enforceServiceWindow when on, a free-form (non-template) send to a phone that has not written to this
 *     number within 24 hours fails with a {@code failed} status carrying 131047, like Meta; off by default so a
 *     demo campaign to freshly imported contacts works
 * @param sentDelay from acceptance to the {@code sent} status
 * @param deliveredDelay from {@code sent} to {@code delivered}
 * @param readDelay from {@code delivered} to {@code read}
 */
public record SandboxSettings(
        double failureRate,
        int maxMessagesPerSecond,
        boolean enforceServiceWindow,
        Duration sentDelay,
        Duration deliveredDelay,
        Duration readDelay) {

    public SandboxSettings {
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("failureRate must be between 0 and 1");
        }
        if (maxMessagesPerSecond < 0) {
            throw new IllegalArgumentException("maxMessagesPerSecond must be 0 (unlimited) or more");
        }
        requireNotNegative(sentDelay, "sentDelay");
        requireNotNegative(deliveredDelay, "deliveredDelay");
        requireNotNegative(readDelay, "readDelay");
    }

    /** Every send delivered and read: sent after 0.2 s, delivered at 0.5 s, read at 1.5 s; no limit, no window. */
    public static SandboxSettings defaults() {
        return new SandboxSettings(
                0, 0, false, Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(1000));
    }

    public SandboxSettings withFailureRate(double rate) {
        return new SandboxSettings(
                rate, maxMessagesPerSecond, enforceServiceWindow, sentDelay, deliveredDelay, readDelay);
    }

    public SandboxSettings withMaxMessagesPerSecond(int max) {
        return new SandboxSettings(failureRate, max, enforceServiceWindow, sentDelay, deliveredDelay, readDelay);
    }

    public SandboxSettings withEnforceServiceWindow(boolean enforce) {
        return new SandboxSettings(failureRate, maxMessagesPerSecond, enforce, sentDelay, deliveredDelay, readDelay);
    }

    public SandboxSettings withDelays(Duration sent, Duration delivered, Duration read) {
        return new SandboxSettings(failureRate, maxMessagesPerSecond, enforceServiceWindow, sent, delivered, read);
    }

    private static void requireNotNegative(Duration delay, String name) {
        Objects.requireNonNull(delay, name);
        if (delay.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
