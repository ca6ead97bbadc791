package com.whatsdex.jobs;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A kind of one-time job that works for a workspace. Declare one as a bean in the module owning the work; the
 * {@code JobRegistry} registers every such bean on its group's scheduler at startup. Schedule executions with
 * {@link JobScheduler}. The handler runs as {@code data.tenantId()} and is retried on failure per
 * {@link #retryPolicy()}.
 *
 * <pre>{@code
 * record AgentReply(UUID tenantId, UUID conversationId) implements TenantJobData {}
 *
 * @Bean
 * TenantTask<AgentReply> agentReplyTask(AgentService agents) {
 *     return TenantTask.of("agents.reply", WorkerGroup.ai, AgentReply.class,
 *             (data, ctx) -> agents.reply(data.conversationId()));
 * }
 * }</pre>
 *
 * <p>Handlers must tolerate running more than once for the same instance (a node can die after the work but before
 * the completion is recorded): check state in the database before acting.
 *
 * @param <D> the task's data, stored as JSON
 */
public interface TenantTask<D extends TenantJobData> {

    /** Unique across all groups, stable across releases (it is stored with every execution), e.g. {@code agents.reply}. */
    String name();

    WorkerGroup group();

    Class<D> dataType();

    /** Does the work; runs with {@code TenantContext} set to {@code data.tenantId()}. Throw to fail the attempt. */
    void run(D data, JobContext context) throws Exception;

    /**
     * Runs the work and answers when the same execution should run again: {@code null} when it is done. A later run
     * keeps the instance id, so it never exists twice (a campaign dispatcher waiting for a pause or a send window
     * ends its run and comes back, rather than holding a thread). Tasks built with {@link #of} are done after one
     * successful run.
     */
    default @Nullable Instant runAgainAt(D data, JobContext context) throws Exception {
        run(data, context);
        return null;
    }

    /** How failures are retried; {@code null} uses the defaults under {@code whatsdex.jobs.retry}. */
    default @Nullable RetryPolicy retryPolicy() {
        return null;
    }

    /** Runs a job's work. */
    @FunctionalInterface
    interface Handler<D> {
        void run(D data, JobContext context) throws Exception;
    }

    /** Runs a job's work and answers when to run it again, or {@code null} when it is done. */
    @FunctionalInterface
    interface RepeatingHandler<D> {
        @Nullable
        Instant run(D data, JobContext context) throws Exception;
    }

    static <D extends TenantJobData> TenantTask<D> of(
            String name, WorkerGroup group, Class<D> dataType, Handler<D> handler) {
        return new DefinedTenantTask<>(name, group, dataType, null, once(handler));
    }

    static <D extends TenantJobData> TenantTask<D> of(
            String name, WorkerGroup group, Class<D> dataType, RetryPolicy retryPolicy, Handler<D> handler) {
        return new DefinedTenantTask<>(name, group, dataType, retryPolicy, once(handler));
    }

    /** A task whose execution may come back at a time it chooses (see {@link #runAgainAt}). */
    static <D extends TenantJobData> TenantTask<D> repeating(
            String name, WorkerGroup group, Class<D> dataType, RetryPolicy retryPolicy, RepeatingHandler<D> handler) {
        return new DefinedTenantTask<>(name, group, dataType, retryPolicy, handler);
    }

    private static <D> RepeatingHandler<D> once(Handler<D> handler) {
        return (data, context) -> {
            handler.run(data, context);
            return null;
        };
    }
}
