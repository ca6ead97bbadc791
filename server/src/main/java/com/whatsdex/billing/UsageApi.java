package com.whatsdex.billing;

/**
 * Real-time usage counters of the workspace in the current {@code TenantContext}.
 *
 * <p>Consuming commits at once, in a transaction of its own shared with concurrent consumers (every send of a
 * workspace passes one counter row), so call it <em>before</em> opening the transaction that does the counted work,
 * and {@link #refund} what that work did not use. A crash in between can only over-count, never let a workspace pass
 * its limit. Recording and refunding join the caller's transaction.
 */
public interface UsageApi {

    /**
     * Counts {@code amount} against the plan's limit, all or nothing, atomically across server instances.
     *
     * @throws UsageLimitReachedException when the amount does not fit in what is left this period
     * @throws IllegalStateException when called inside a transaction
     */
    void consume(UsageMetric metric, long amount);

    /**
     * Counts as much of {@code amount} as is left this period (a batch sends that many and refuses the rest).
     *
     * @return what was counted, from 0 to {@code amount}
     * @throws IllegalStateException when called inside a transaction
     */
    long consumeUpTo(UsageMetric metric, long amount);

    /** Counts without a limit (e.g. received messages). */
    void record(UsageMetric metric, long amount);

    /** Gives back what was consumed for work that did not happen (e.g. a send the provider refused outright). */
    void refund(UsageMetric metric, long amount);

    /** The count for the current period. */
    long current(UsageMetric metric);

    /** What this period allows (e.g. the plan's messages a month). */
    long limit(UsageMetric metric);

    /** The error for work refused because this period's limit is used up (what {@link #consume} throws). */
    UsageLimitReachedException limitReached(UsageMetric metric);
}
