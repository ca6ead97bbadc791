package com.whatsdex.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.sandbox.SandboxApi;
import com.whatsdex.sandbox.SandboxDelivery;
import com.whatsdex.support.Browser;
import com.whatsdex.support.RestartableServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A rolling deploy's graceful stop in the middle of a campaign: the server is stopped (the Spring context closed, as
 * SIGTERM does) while the dispatcher's lanes hold a paced channel's next slots, then started again on the same
 * database. Sends that had not left when the stop began are queued and go out after the restart; none is cut off
 * halfway, so no recipient ends {@code unknown} and every phone receives the message exactly once.
 *
 * <p>Its own two application contexts on one persistent data directory (not the suite's shared context). The job
 * groups' stop wait is short here, so a send still waiting for its slot when the wait ends would be interrupted.
 */
class GracefulRestartIntegrationTests {

    private static final String CAMPAIGNS = "/api/v1/campaigns";
    private static final int RECIPIENTS = 120;

    private final RestartableServer server;

    GracefulRestartIntegrationTests() throws IOException {
        server = new RestartableServer("whatsdex.jobs.shutdown-max-wait=400ms");
    }

    @AfterEach
    void stopAndClean() throws IOException {
        server.close();
    }

    @Test
    void aGracefulStopMidCampaignQueuesTheSendsNotMadeAndTheRestartSendsThemOnce() throws IOException {
        ConfigurableApplicationContext first = server.start();
        SandboxApi firstSandbox = first.getBean(SandboxApi.class);
        Browser owner = new Browser(RestartableServer.port(first)).register("Rolling deploy");
        Browser.Response key = owner.post("/api/v1/api-keys", Map.of("name", "restart test"));
        assertThat(key.status()).as(key.raw()).isEqualTo(201);
        Browser.Response channel = owner.post("/api/v1/channels/sandbox", null);
        assertThat(channel.status()).as(channel.raw()).isEqualTo(201);
        String channelId = channel.data().path("id").asString();
        String number = channel.data().path("phoneNumberId").asString();
        // 20/s: a batch is half a second of slots (10 recipients) and the three lanes hold up to 1.5 s of them
        Browser.Response paced = owner.patch("/api/v1/channels/" + channelId, Map.of("ratePerSecond", 20));
        assertThat(paced.status()).as(paced.raw()).isEqualTo(200);
        List<String> phones = new ArrayList<>();
        StringBuilder csv = new StringBuilder("phone,name\n");
        for (int i = 0; i < RECIPIENTS; i++) {
            phones.add(String.format("+234807%06d1", i));
            csv.append(phones.getLast()).append(",Person ").append(i).append('\n');
        }
        Browser.Response imported =
                owner.raw("POST", "/api/v1/contacts/imports?filename=c.csv", csv.toString(), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(202);
        String importId = imported.data().path("id").asString();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "completed"
                        .equals(owner.get("/api/v1/contacts/imports/" + importId)
                                .data()
                                .path("status")
                                .asString()));
        Browser.Response created = owner.post(
                CAMPAIGNS,
                Map.of(
                        "name",
                        "Across a restart",
                        "body",
                        "Hello {{first_name | there}}",
                        "audience",
                        Map.of("kind", "all"),
                        "channelIds",
                        List.of(channelId)));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.data().path("id").asString();
        Browser.Response startedCampaign = owner.post(CAMPAIGNS + "/" + id + "/start", null);
        assertThat(startedCampaign.status()).as(startedCampaign.raw()).isBetween(200, 201);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> firstSandbox.deliveries(number, null, 10_000).size() >= 30);
        first.close(); // what SIGTERM does: the lifecycle stops, jobs first, then the web server and the database
        Map<String, Integer> received = perPhone(firstSandbox.deliveries(number, null, 10_000));
        assertThat(received.size()).as("stopped in the middle of the campaign").isBetween(30, RECIPIENTS - 20);

        ConfigurableApplicationContext second = server.start();
        SandboxApi secondSandbox = second.getBean(SandboxApi.class);
        Browser program = new Browser(RestartableServer.port(second))
                .withBearer(key.data().path("key").asString());
        JsonNode[] campaign = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            campaign[0] = program.get(CAMPAIGNS + "/" + id).data();
            return "completed".equals(campaign[0].path("status").asString());
        });
        JsonNode counts = campaign[0].path("counts");
        assertThat(counts.path("unknown").asLong())
                .as("no send cut off by the stop: %s", counts)
                .isZero();
        assertThat(counts.path("failed").asLong()).as("%s", counts).isZero();
        assertThat(counts.path("total").asLong()).isEqualTo(RECIPIENTS);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> merged(received, perPhone(secondSandbox.deliveries(number, null, 10_000)))
                        .keySet()
                        .containsAll(phones));
        Map<String, Integer> all = merged(received, perPhone(secondSandbox.deliveries(number, null, 10_000)));
        assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(phones);
        assertThat(all).allSatisfy((phone, n) -> assertThat(n).as(phone).isEqualTo(1));
    }

    private static Map<String, Integer> perPhone(List<SandboxDelivery> deliveries) {
        Map<String, Integer> perPhone = new HashMap<>();
        for (SandboxDelivery d : deliveries) {
            perPhone.merge("+" + d.to().replace("+", ""), 1, Integer::sum);
        }
        return perPhone;
    }

    private static Map<String, Integer> merged(Map<String, Integer> a, Map<String, Integer> b) {
        Map<String, Integer> all = new HashMap<>(a);
        b.forEach((k, v) -> all.merge(k, v, Integer::sum));
        return all;
    }
}
