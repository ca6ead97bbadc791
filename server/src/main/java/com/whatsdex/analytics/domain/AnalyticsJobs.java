package com.whatsdex.analytics.domain;

import com.whatsdex.jobs.JobScheduler;
import com.whatsdex.jobs.RecurringJob;
import com.whatsdex.jobs.TenantJobData;
import com.whatsdex.jobs.TenantTask;
import com.whatsdex.jobs.WorkerGroup;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rollup's jobs on the {@code analytics} worker group: a sweep every {@code rollup-interval} schedules one
 * rollup per workspace with changed days, its instance id the workspace's, so however many server instances sweep,
 * one rollup at most runs for a workspace at a time; different workspaces roll up in parallel.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsJobs {

    static final String ROLLUP = "analytics.rollup";

    /** Job data of one workspace's rollup. */
    record Rollup(UUID tenantId) implements TenantJobData {}

    @Bean
    TenantTask<Rollup> statsRollupTask(ObjectProvider<StatsAggregator> aggregator) {
        return TenantTask.of(
                ROLLUP,
                WorkerGroup.analytics,
                Rollup.class,
                (data, ctx) -> aggregator.getObject().run(data.tenantId()));
    }

    @Bean
    RecurringJob statsRollupSweep(
            AnalyticsProperties properties, ObjectProvider<StatsAggregator> aggregator, JobScheduler jobs) {
        return RecurringJob.fixedDelay(
                "analytics.rollup-sweep", WorkerGroup.analytics, properties.rollupInterval(), ctx -> {
                    for (UUID workspace : aggregator.getObject().workspacesWithWork()) {
                        jobs.schedule(ROLLUP, "stats-" + workspace, new Rollup(workspace), Instant.now());
                    }
                });
    }
}
