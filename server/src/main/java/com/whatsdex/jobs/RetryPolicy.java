package com.whatsdex.jobs;

import java.time.Duration;

/**
 * How a failing one-time job is retried: exponential backoff ({@code initialBackoff}, doubled per failure, capped
 * at {@code maxBackoff}) until {@code maxAttempts} runs have failed; then the execution is removed and parked in
 * {@code failed_jobs} with its last error, so nothing retries forever and every failure stays visible.
 *
 * @param maxAttempts total runs including the first, at least 1
 * @param initialBackoff wait after the first failure
 * @param maxBackoff the longest wait between two attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "Need 0 <= initialBackoff <= maxBackoff, was " + initialBackoff + " and " + maxBackoff);
        }
    }

    /** The wait after {@code failedAttempts} consecutive failures (1 = after the first failure). */
    public Duration backoffAfter(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        Duration backoff = initialBackoff.multipliedBy(1L << doublings);
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    /** Whether a run that was attempt number {@code attempt} may be followed by another. */
    public boolean allowsRetryAfter(int attempt) {
        return attempt < maxAttempts;
    }
}
