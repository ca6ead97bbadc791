package com.whatsdex.sandbox.internal;

/**
 * At most {@code max} permits in any sliding second: the times of the last {@code max} accepted permits sit in a
 * ring, and a new one is allowed only when the oldest of them is a second old. Exact, unlike a fixed window, so a
 * sender that paces itself at the limit is never refused and one that bursts past it always is.
 */
final class ThroughputLimiter {

    private static final long SECOND = 1_000_000_000L;

    private final int max;
    private final long[] times;
    private int oldest;
    private int count;

    ThroughputLimiter(int max) {
        this.max = max;
        this.times = new long[Math.max(max, 1)];
    }

    int max() {
        return max;
    }

    synchronized boolean tryAcquire(long nowNanos) {
        if (max == 0) {
            return true;
        }
        if (count < max) {
            times[(oldest + count) % max] = nowNanos;
            count++;
            return true;
        }
        if (nowNanos - times[oldest] < SECOND) {
            return false;
        }
        times[oldest] = nowNanos;
        oldest = (oldest + 1) % max;
        return true;
    }
}
