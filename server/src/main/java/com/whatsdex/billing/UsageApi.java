package com.whatsdex.billing;

/**
 * Real-time usage counters of the workspace in the current {@code TenantContext}. Call inside the transaction that
 * does the counted work: the increment commits or rolls back with it.
 */
public interface UsageApi {

    /**
     * Counts {@code amount} against the plan's limit, all or nothing, atomically across transactions and server
     * instances.
     *
     * @throws UsageLimitReachedException when the amount does not fit in what is left this period
     */
    void consume(UsageMetric metric, long amount);

    /** Counts without a limit (e.g. received messages). */
    void record(UsageMetric metric, long amount);

    /** Gives back what was consumed for work that did not happen (e.g. a send the provider refused outright). */
    void refund(UsageMetric metric, long amount);

    /** The count for the current period. */
    long current(UsageMetric metric);
}
