package com.whatsdex.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.RestartableServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A graceful stop lets the jobs running at that moment finish before the database connections close. In the packaged
 * server Spring's lifecycle processor once moved on without waiting for the job registry's asynchronous stop and
 * closed the pool under them (spring-framework#28277: beans that depend on the registry counted down the phase's
 * latch); the order of this test context's beans did not reproduce that, so this test guards the behaviour in
 * general and {@code bench/run.sh multi-instance} (graceful restarts) showed the fix.
 */
class JobsGracefulStopIntegrationTests {

    private final RestartableServer server;

    JobsGracefulStopIntegrationTests() throws IOException {
        server = new RestartableServer();
    }

    @AfterEach
    void stopAndClean() throws IOException {
        server.close();
    }

    @Test
    void aJobStillWritingWhenTheStopBeginsFinishesItsWork() {
        ConfigurableApplicationContext first = server.start();
        Browser owner = new Browser(RestartableServer.port(first)).register("Before the stop");
        Browser.Response key = owner.post("/api/v1/api-keys", Map.of("name", "stop test"));
        assertThat(key.status()).as(key.raw()).isEqualTo(201);
        UUID workspace = Objects.requireNonNull(owner.workspaceId());
        JobScheduler jobs = first.getBean(JobScheduler.class);
        JdbcClient jdbc = first.getBean(JdbcClient.class);
        TenantContext.runAs(
                workspace,
                () -> jobs.scheduleNow(
                        TestJobsConfig.FINISH_ON_STOP,
                        "stop-" + workspace,
                        new TestJobsConfig.ProbeData(workspace, "Finished while stopping", 0)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from scheduled_tasks_campaigns where task_instance = :id"
                                        + " and picked")
                                .param("id", "stop-" + workspace)
                                .query(Long.class)
                                .single()
                        == 1);

        first.close(); // what SIGTERM does

        ConfigurableApplicationContext second = server.start();
        Browser program = new Browser(RestartableServer.port(second))
                .withBearer(key.data().path("key").asString());
        assertThat(program.get("/api/v1/workspace").data().path("name").asString())
                .as("the job's last transaction committed before the pool closed")
                .isEqualTo("Finished while stopping");
        assertThat(second.getBean(JdbcClient.class)
                        .sql("select count(*) from scheduled_tasks_campaigns where task_instance = :id")
                        .param("id", "stop-" + workspace)
                        .query(Long.class)
                        .single())
                .as("the execution completed (not left picked by a dead instance)")
                .isZero();
    }
}
