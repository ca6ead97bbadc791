package com.whatsdex.jobs;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A platform sweep that runs on a schedule in a worker group, without a workspace (rollups over all tenants,
 * stale-work recovery, scheduled-backup wake-ups). Declare it as a bean; the {@code JobRegistry} registers it at
 * startup and the cluster runs it once per due time, not once per node. A sweep that works per workspace should
 * schedule one {@link TenantTask} execution per workspace through {@link JobScheduler}, or use
 * {@code TenantContext.runAs} itself. A failed run is logged and the next one is scheduled as usual.
 *
 * <pre>{@code
 * @Bean
 * RecurringJob usageRollup(UsageRollups rollups) {
 *     return RecurringJob.fixedDelay("analytics.usage-rollup", WorkerGroup.analytics, Duration.ofMinutes(5),
 *             ctx -> rollups.rollUpAll());
 * }
 * }</pre>
 */
public record RecurringJob(String name, WorkerGroup group, Schedule schedule, Handler handler) {

    public RecurringJob {
        JobNames.requireValid(name);
    }

    /** When a recurring job runs. */
    public sealed interface Schedule {}

    /** Again {@code delay} after each run ends (the first run right after the first startup). */
    public record FixedDelay(Duration delay) implements Schedule {
        public FixedDelay {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("Fixed delay must be positive, was " + delay);
            }
        }
    }

    /** A Spring-style six-field cron expression ({@code second minute hour day month weekday}) in {@code zone}. */
    public record Cron(String expression, ZoneId zone) implements Schedule {}

    @FunctionalInterface
    public interface Handler {
        void run(JobContext context) throws Exception;
    }

    public static RecurringJob fixedDelay(String name, WorkerGroup group, Duration delay, Handler handler) {
        return new RecurringJob(name, group, new FixedDelay(delay), handler);
    }

    /** A cron schedule in UTC, so every node agrees on the due time. */
    public static RecurringJob cron(String name, WorkerGroup group, String expression, Handler handler) {
        return new RecurringJob(name, group, new Cron(expression, ZoneOffset.UTC), handler);
    }
}
