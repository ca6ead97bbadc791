package com.whatsdex.jobs;

import java.time.Instant;

/**
 * Schedules one-time executions of {@link TenantTask}s. Called inside a transaction, the execution is written in
 * that transaction: it exists (and runs) only if the caller's work commits.
 *
 * <p>Scheduling is idempotent on {@code (task, instanceId)} while an execution with that id is pending or running:
 * a second call changes nothing and returns {@code false}. Once it has completed, the id may be used again. Choose
 * instance ids from the work's identity, unique across workspaces (e.g. a message id, or {@code campaignId}).
 */
public interface JobScheduler {

    /**
     * Schedules {@code task} to run at {@code when} (now or in the past = as soon as a worker is free).
     *
     * @return {@code true} if scheduled, {@code false} if an execution with that instance id already exists
     */
    <D extends TenantJobData> boolean schedule(TenantTask<D> task, String instanceId, D data, Instant when);

    /** Like {@link #schedule(TenantTask, String, TenantJobData, Instant)}, by task name. */
    boolean schedule(String taskName, String instanceId, TenantJobData data, Instant when);

    default <D extends TenantJobData> boolean scheduleNow(TenantTask<D> task, String instanceId, D data) {
        return schedule(task, instanceId, data, Instant.now());
    }

    default boolean scheduleNow(String taskName, String instanceId, TenantJobData data) {
        return schedule(taskName, instanceId, data, Instant.now());
    }

    /**
     * Removes a pending execution.
     *
     * @return {@code false} if there is none
     * @throws IllegalStateException if it is running right now
     */
    boolean cancel(String taskName, String instanceId);

    /**
     * Whether other executions of the worker group that runs {@code taskName} are due and waiting for a worker. A
     * long-running job yields its worker (ends its run and comes back) only then, rather than on a timer.
     */
    boolean othersWaiting(String taskName, String instanceId);

    /**
     * Whether this instance is shutting down: a long-running job ends its run at the next point where it can
     * (before taking new work), so the shutdown does not interrupt it in the middle; the run is taken up again by
     * another instance or after the restart.
     */
    boolean stopping();

    /**
     * Waits up to {@code timeout} for this instance to begin shutting down; answers at once when it already is.
     * Lets work that waits (a send waiting for its rate-limit slot) give up its wait when the instance stops.
     *
     * @return whether the instance is shutting down
     */
    boolean awaitStopping(java.time.Duration timeout) throws InterruptedException;
}
