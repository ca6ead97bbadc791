package com.whatsdex.jobs;

import com.whatsdex.shared.TenantContext;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Job beans for {@link JobsIntegrationTests}. A plain configuration found by component scanning, so every test
 * class shares one application context with these beans in it (a per-class configuration would start another).
 */
@Configuration(proxyBeanMethods = false)
class TestJobsConfig {

    static final String TENANT_PROBE = "test.tenant-probe";
    static final String FLAKY = "test.flaky";
    static final String DOOMED = "test.doomed";
    static final String ONCE = "test.once";
    static final String SWEEP = "test.sweep";
    static final String FINISH_ON_STOP = "test.finish-on-stop";

    static String groupProbe(WorkerGroup group) {
        return "test.group-probe-" + group.name();
    }

    /** Test job data; {@code failTimes} makes a job fail its first attempts. */
    record ProbeData(UUID tenantId, String note, int failTimes) implements TenantJobData {

        static ProbeData of(UUID tenantId) {
            return new ProbeData(tenantId, "probe", 0);
        }
    }

    /** What a handler saw. */
    record Run(
            String key,
            int attempt,
            String thread,
            @Nullable UUID contextTenant,
            @Nullable String dbTenant,
            long visibleWorkspaces,
            Instant at) {}

    /** Records every run, by instance id (recurring runs under their job name). */
    static final class Probe {

        private final Map<String, List<Run>> runs = new ConcurrentHashMap<>();

        void record(String key, int attempt, @Nullable String dbTenant, long visibleWorkspaces) {
            runs.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>())
                    .add(new Run(
                            key,
                            attempt,
                            Thread.currentThread().getName(),
                            TenantContext.tenantId(),
                            dbTenant,
                            visibleWorkspaces,
                            Instant.now()));
        }

        List<Run> runs(String key) {
            return List.copyOf(runs.getOrDefault(key, List.of()));
        }
    }

    @Bean
    Probe jobProbe() {
        return new Probe();
    }

    /**
     * Runs until its instance begins to stop, then still needs the database for a moment: renames its workspace to
     * its note in a transaction that takes half a second. {@link JobsGracefulStopIntegrationTests} checks the stop
     * lets it finish.
     */
    @Bean
    TenantTask<ProbeData> finishOnStopTask(
            JobScheduler jobs, JdbcClient jdbc, PlatformTransactionManager transactions) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        return TenantTask.of(FINISH_ON_STOP, WorkerGroup.campaigns, ProbeData.class, (data, ctx) -> {
            if (!jobs.awaitStopping(Duration.ofSeconds(60))) {
                throw new IllegalStateException("The instance did not stop");
            }
            tx.executeWithoutResult(status -> {
                jdbc.sql("select pg_sleep(0.5)").query().singleValue(); // work that still takes a while
                jdbc.sql("update workspaces set name = :note where id = current_tenant_id()")
                        .param("note", data.note())
                        .update();
            });
        });
    }

    /** Creates its own workspace and counts the workspaces it can see: RLS must show exactly that one. */
    @Bean
    TenantTask<ProbeData> tenantProbeTask(Probe probe, JdbcClient jdbc, PlatformTransactionManager transactions) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        return TenantTask.of(
                TENANT_PROBE,
                WorkerGroup.ai,
                ProbeData.class,
                (data, ctx) -> tx.executeWithoutResult(status -> {
                    jdbc.sql("insert into workspaces (id, name) values (:id, 'Job probe')")
                            .param("id", data.tenantId())
                            .update();
                    String dbTenant = jdbc.sql("select current_setting('app.tenant_id', true)")
                            .query(String.class)
                            .single();
                    long visible = jdbc.sql("select count(*) from workspaces")
                            .query(Long.class)
                            .single();
                    probe.record(ctx.instanceId(), ctx.attempt(), dbTenant, visible);
                }));
    }

    @Bean
    TenantTask<ProbeData> flakyTask(Probe probe) {
        return TenantTask.of(
                FLAKY,
                WorkerGroup.ai,
                ProbeData.class,
                new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(10)),
                (data, ctx) -> {
                    probe.record(ctx.instanceId(), ctx.attempt(), null, 0);
                    if (ctx.attempt() <= data.failTimes()) {
                        throw new IllegalStateException("flaky failure " + ctx.attempt());
                    }
                });
    }

    @Bean
    TenantTask<ProbeData> doomedTask(Probe probe) {
        return TenantTask.of(
                DOOMED,
                WorkerGroup.media,
                ProbeData.class,
                new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(1)),
                (data, ctx) -> {
                    probe.record(ctx.instanceId(), ctx.attempt(), null, 0);
                    throw new IOException("disk on fire: " + data.note());
                });
    }

    @Bean
    TenantTask<ProbeData> onceTask(Probe probe) {
        return TenantTask.of(
                ONCE,
                WorkerGroup.campaigns,
                ProbeData.class,
                (data, ctx) -> probe.record(ctx.instanceId(), ctx.attempt(), null, 0));
    }

    @Bean
    TenantTask<ProbeData> aiGroupProbe(Probe probe) {
        return groupProbeTask(WorkerGroup.ai, probe);
    }

    @Bean
    TenantTask<ProbeData> mediaGroupProbe(Probe probe) {
        return groupProbeTask(WorkerGroup.media, probe);
    }

    @Bean
    TenantTask<ProbeData> analyticsGroupProbe(Probe probe) {
        return groupProbeTask(WorkerGroup.analytics, probe);
    }

    @Bean
    TenantTask<ProbeData> campaignsGroupProbe(Probe probe) {
        return groupProbeTask(WorkerGroup.campaigns, probe);
    }

    private static TenantTask<ProbeData> groupProbeTask(WorkerGroup group, Probe probe) {
        return TenantTask.of(
                groupProbe(group),
                group,
                ProbeData.class,
                (data, ctx) -> probe.record(ctx.instanceId(), ctx.attempt(), null, 0));
    }

    @Bean
    RecurringJob testSweep(Probe probe) {
        return RecurringJob.fixedDelay(
                SWEEP, WorkerGroup.ai, Duration.ofMillis(500), ctx -> probe.record(SWEEP, ctx.attempt(), null, 0));
    }
}
