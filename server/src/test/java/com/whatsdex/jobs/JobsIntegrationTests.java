package com.whatsdex.jobs;

import static com.whatsdex.jobs.TestJobsConfig.DOOMED;
import static com.whatsdex.jobs.TestJobsConfig.FLAKY;
import static com.whatsdex.jobs.TestJobsConfig.ONCE;
import static com.whatsdex.jobs.TestJobsConfig.SWEEP;
import static com.whatsdex.jobs.TestJobsConfig.TENANT_PROBE;
import static com.whatsdex.jobs.TestJobsConfig.groupProbe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.whatsdex.jobs.TestJobsConfig.Probe;
import com.whatsdex.jobs.TestJobsConfig.ProbeData;
import com.whatsdex.jobs.TestJobsConfig.Run;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class JobsIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    JobScheduler jobs;

    @Autowired
    Probe probe;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void runsJobAsItsWorkspaceUnderRowLevelSecurity() {
        UUID tenant = UUID.randomUUID();
        String id = "tenant-" + UUID.randomUUID();

        assertThat(jobs.scheduleNow(TENANT_PROBE, id, ProbeData.of(tenant))).isTrue();

        await().atMost(TIMEOUT).until(() -> probe.runs(id).size() == 1);
        Run run = probe.runs(id).getFirst();
        assertThat(run.contextTenant()).isEqualTo(tenant);
        assertThat(run.dbTenant()).isEqualTo(tenant.toString());
        // other test classes created workspaces in the same database: RLS shows the job only its own
        assertThat(run.visibleWorkspaces()).isEqualTo(1);
    }

    @Test
    void retriesFailingJobWithBackoffUntilItSucceeds() {
        String id = "flaky-" + UUID.randomUUID();

        jobs.scheduleNow(FLAKY, id, new ProbeData(UUID.randomUUID(), "flaky", 2));

        await().atMost(TIMEOUT).until(() -> probe.runs(id).size() == 3);
        // and no fourth run once it succeeded
        await().during(Duration.ofSeconds(2))
                .atMost(TIMEOUT)
                .until(() -> probe.runs(id).size() == 3);
        List<Run> runs = probe.runs(id);
        assertThat(runs).extracting(Run::attempt).containsExactly(1, 2, 3);
        assertThat(Duration.between(runs.get(0).at(), runs.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(Duration.between(runs.get(1).at(), runs.get(2).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1950));
        assertThat(failedJobs(id)).isEmpty();
    }

    @Test
    void parksJobThatKeepsFailingInFailedJobs() {
        UUID tenant = UUID.randomUUID();
        String id = "doomed-" + UUID.randomUUID();

        jobs.scheduleNow(DOOMED, id, new ProbeData(tenant, "volume 7", 0));

        await().atMost(TIMEOUT).until(() -> failedJobs(id).size() == 1);
        Map<String, Object> failed = failedJobs(id).getFirst();
        assertThat(failed)
                .containsEntry("worker_group", "media")
                .containsEntry("task_name", DOOMED)
                .containsEntry("tenant_id", tenant)
                .containsEntry("attempts", 3);
        assertThat((String) failed.get("last_error")).contains("java.io.IOException: disk on fire: volume 7");
        assertThat(failed.get("data").toString()).contains("volume 7").contains(tenant.toString());
        assertThat(probe.runs(id)).extracting(Run::attempt).containsExactly(1, 2, 3);
        assertThat(rowsIn(WorkerGroup.media, DOOMED, id)).isZero();
    }

    @Test
    void runsEachGroupsJobsOnItsOwnTableAndThreads() {
        UUID tenant = UUID.randomUUID();
        String batch = UUID.randomUUID().toString();
        for (WorkerGroup group : WorkerGroup.values()) {
            for (int i = 0; i < 5; i++) {
                jobs.scheduleNow(groupProbe(group), group + "-" + i + "-" + batch, ProbeData.of(tenant));
            }
        }

        for (WorkerGroup group : WorkerGroup.values()) {
            for (int i = 0; i < 5; i++) {
                String id = group + "-" + i + "-" + batch;
                await().atMost(TIMEOUT).until(() -> probe.runs(id).size() == 1);
                assertThat(probe.runs(id).getFirst().thread()).startsWith("jobs-" + group + "-");
                assertThat(probe.runs(id).getFirst().contextTenant()).isEqualTo(tenant);
            }
        }

        // a pending execution sits in its own group's table and nowhere else
        String later = "later-" + batch;
        for (WorkerGroup group : WorkerGroup.values()) {
            jobs.schedule(
                    groupProbe(group),
                    later,
                    ProbeData.of(tenant),
                    Instant.now().plus(1, ChronoUnit.HOURS));
        }
        for (WorkerGroup group : WorkerGroup.values()) {
            for (WorkerGroup table : WorkerGroup.values()) {
                assertThat(rowsIn(table, groupProbe(group), later))
                        .as("%s execution in %s", group, table.tableName())
                        .isEqualTo(table == group ? 1 : 0);
            }
            assertThat(jobs.cancel(groupProbe(group), later)).isTrue();
            assertThat(rowsIn(group, groupProbe(group), later)).isZero();
        }
        assertThat(jobs.cancel(groupProbe(WorkerGroup.ai), later)).isFalse();
    }

    @Test
    void schedulesAnInstanceIdOnlyOnce() {
        String id = "once-" + UUID.randomUUID();
        Instant soon = Instant.now().plusSeconds(1);

        assertThat(jobs.schedule(ONCE, id, ProbeData.of(UUID.randomUUID()), soon))
                .isTrue();
        assertThat(jobs.schedule(ONCE, id, ProbeData.of(UUID.randomUUID()), soon))
                .isFalse();

        await().atMost(TIMEOUT).until(() -> probe.runs(id).size() == 1);
        await().during(Duration.ofSeconds(2))
                .atMost(TIMEOUT)
                .until(() -> probe.runs(id).size() == 1);
    }

    @Test
    void runsRecurringJobRepeatedlyWithoutWorkspace() {
        int before = probe.runs(SWEEP).size();

        await().atMost(TIMEOUT).until(() -> probe.runs(SWEEP).size() >= before + 3);
        assertThat(probe.runs(SWEEP)).allSatisfy(run -> {
            assertThat(run.contextTenant()).isNull();
            assertThat(run.thread()).startsWith("jobs-ai-");
        });
    }

    @Test
    void takesOverTheExecutionOfADeadNodeButNotOfALiveOne() {
        UUID tenant = UUID.randomUUID();
        String orphan = "orphan-" + UUID.randomUUID();
        String alive = "alive-" + UUID.randomUUID();
        String task = groupProbe(WorkerGroup.media);
        // what a node killed with -9 leaves behind: picked, heartbeat stopped a minute ago
        insertPicked(task, orphan, tenant, "1 minute");
        // what a live node is running: picked, heartbeat just now
        insertPicked(task, alive, tenant, "0 seconds");

        await().atMost(TIMEOUT).until(() -> probe.runs(orphan).size() == 1);
        assertThat(probe.runs(orphan).getFirst().contextTenant()).isEqualTo(tenant);
        await().atMost(TIMEOUT).until(() -> rowsIn(WorkerGroup.media, task, orphan) == 0);
        // dead means 4 missed 2 s heartbeats; the live node's execution is left alone
        assertThat(probe.runs(alive)).isEmpty();
        assertThat(rowsIn(WorkerGroup.media, task, alive)).isEqualTo(1);
        jdbc.sql("delete from scheduled_tasks_media where task_instance = :id")
                .param("id", alive)
                .update();
    }

    private void insertPicked(String task, String instance, UUID tenant, String heartbeatAge) {
        byte[] data = ("{\"tenantId\":\"" + tenant + "\",\"note\":\"orphan\",\"failTimes\":0}")
                .getBytes(StandardCharsets.UTF_8);
        jdbc.sql("""
                        insert into scheduled_tasks_media (task_name, task_instance, task_data, execution_time, picked,
                            picked_by, last_heartbeat, consecutive_failures, version, priority)
                        values (:task, :id, :data, now() - cast(:age as interval), true,
                            'other-node', now() - cast(:age as interval), 0, 1, 0)
                        """)
                .param("task", task)
                .param("id", instance)
                .param("data", data)
                .param("age", heartbeatAge)
                .update();
    }

    @Test
    void refusesDataOfAnotherTaskAndUnknownTasks() {
        record OtherData(UUID tenantId) implements TenantJobData {}

        assertThatThrownBy(() -> jobs.scheduleNow(ONCE, "x", new OtherData(UUID.randomUUID())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes");
        assertThatThrownBy(() -> jobs.scheduleNow("test.no-such-task", "x", ProbeData.of(UUID.randomUUID())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No job task named test.no-such-task");
    }

    @Test
    void reportsEveryWorkerGroupInHealth() {
        Browser browser = new Browser(port);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonNode jobRegistry =
                    browser.get("/actuator/health").body().path("components").path("jobRegistry");
            assertThat(jobRegistry.path("status").asString()).isEqualTo("UP");
            for (WorkerGroup group : WorkerGroup.values()) {
                JsonNode details = jobRegistry.path("details").path(group.name());
                assertThat(details.path("running").asBoolean()).as(group.name()).isTrue();
                assertThat(details.path("threads").asInt()).as(group.name()).isPositive();
            }
            assertThat(jobRegistry.path("details").path("ai").path("threads").asInt())
                    .isEqualTo(32);
        });
    }

    private List<Map<String, Object>> failedJobs(String instance) {
        return jdbc.sql("select * from failed_jobs where task_instance = :id")
                .param("id", instance)
                .query()
                .listOfRows();
    }

    private long rowsIn(WorkerGroup table, String task, String instance) {
        return jdbc.sql("select count(*) from " + table.tableName()
                        + " where task_name = :task and task_instance = :id")
                .param("task", task)
                .param("id", instance)
                .query(Long.class)
                .single();
    }
}
