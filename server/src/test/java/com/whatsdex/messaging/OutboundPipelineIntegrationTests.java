package com.whatsdex.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.billing.UsageApi;
import com.whatsdex.billing.UsageMetric;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.EventStream;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The one outbound path, end to end over real HTTP through the built-in sandbox. */
@IntegrationTest
class OutboundPipelineIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    UsageApi usage;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    record Setup(Browser owner, Browser api, String channelId) {}

    private Setup setup(Map<String, Object> sandboxConfig) {
        Browser owner = new Browser(port).register("Outbound");
        String channelId =
                owner.post("/api/v1/channels/sandbox", null).data().path("id").asString();
        if (!sandboxConfig.isEmpty()) {
            assertThat(owner.patch("/api/v1/channels/" + channelId, Map.of("config", sandboxConfig))
                            .status())
                    .isEqualTo(200);
        }
        String key = owner.post("/api/v1/api-keys", Map.of("name", "integration"))
                .data()
                .path("key")
                .asString();
        return new Setup(owner, new Browser(port).withBearer(key), channelId);
    }

    private JsonNode awaitStatus(Browser browser, String messageId, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> browser.get("/api/v1/messages/" + messageId).data(),
                        m -> m.path("status").asString().equals(status));
    }

    private int deliveriesTo(Setup s, String phone) {
        return s.owner()
                .get("/api/v1/channels/" + s.channelId() + "/sandbox/deliveries?to=" + phone.replace("+", "%2B"))
                .data()
                .path("items")
                .size();
    }

    @Test
    void anApiSendGoesOutAndMovesToReadByWebhooks() throws Exception {
        Setup s = setup(Map.of());
        try (EventStream events = new EventStream(port, s.owner().cookie("WDX_SESSION"))) {
            Browser.Response sent =
                    s.api().post("/api/v1/messages", Map.of("to", "+2348011110001", "text", "Hello Ada"));

            assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
            assertThat(sent.data().path("status").asString()).isEqualTo("accepted");
            assertThat(sent.data().path("wamid").asString()).startsWith("wamid.");
            assertThat(sent.data().path("channelId").asString()).isEqualTo(s.channelId());
            String id = sent.data().path("id").asString();

            JsonNode read = awaitStatus(s.api(), id, "read");
            assertThat(read.path("sentAt").isNull()).isFalse();
            assertThat(read.path("deliveredAt").isNull()).isFalse();
            assertThat(deliveriesTo(s, "+2348011110001")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.named("message.status").stream()
                            .anyMatch(e -> e.data().path("messageId").asString().equals(id)
                                    && e.data().path("status").asString().equals("read")));
        }
        assertThat(TenantContext.callAs(s.owner().workspaceId(), () -> usage.current(UsageMetric.messages_sent)))
                .isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyNeverSendsTwice() {
        Setup s = setup(Map.of());
        var body = Map.of("to", "+2348011110002", "text", "Once only");

        String first = send(s, body, "order-1042").data().path("id").asString();
        String second = send(s, body, "order-1042").data().path("id").asString();

        assertThat(second).isEqualTo(first);
        assertThat(deliveriesTo(s, "+2348011110002")).isEqualTo(1);
    }

    @Test
    void concurrentOneMessageRequestsEachGetTheirOwnAnswerAndEachPhoneOneMessage() throws Exception {
        Setup s = setup(Map.of());
        // 24 phones, one request each; 4 requests sharing an Idempotency-Key; 2 invalid numbers: all at once
        List<Callable<Browser.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String phone = "+23480222" + String.format("%05d", i);
            calls.add(() -> s.api().post("/api/v1/messages", Map.of("to", phone, "text", "Hi " + phone)));
        }
        for (int i = 0; i < 4; i++) {
            calls.add(() -> send(s, Map.of("to", "+2348022299999", "text", "Once"), "together-1"));
        }
        for (int i = 0; i < 2; i++) {
            calls.add(() -> s.api().post("/api/v1/messages", Map.of("to", "12", "text", "Nobody")));
        }
        Collections.shuffle(calls, new Random(3));
        List<Browser.Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (Future<Browser.Response> f : pool.invokeAll(calls)) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
        }

        Map<String, String> idByPhone = new HashMap<>();
        Set<String> idempotent = new HashSet<>();
        int invalid = 0;
        for (Browser.Response r : answers) {
            if (r.status() == 201) {
                String body = r.data().path("body").asString();
                // accepted by the provider, or further already: its status webhooks may come before the answer
                assertThat(r.data().path("status").asString()).isIn("accepted", "sent", "delivered", "read");
                assertThat(r.data().path("wamid").asString()).startsWith("wamid.");
                if (body.equals("Once")) {
                    idempotent.add(r.data().path("id").asString());
                } else {
                    assertThat(idByPhone.put(body, r.data().path("id").asString()))
                            .isNull();
                }
            } else {
                assertThat(r.status()).as(r.raw()).isEqualTo(400);
                assertThat(r.raw()).contains("to");
                invalid++;
            }
        }
        assertThat(idByPhone).hasSize(24);
        assertThat(new HashSet<>(idByPhone.values())).hasSize(24);
        assertThat(idempotent)
                .as("one message for the four requests with one key")
                .hasSize(1);
        assertThat(invalid).isEqualTo(2);
        for (int i = 0; i < 24; i++) {
            assertThat(deliveriesTo(s, "+23480222" + String.format("%05d", i))).isEqualTo(1);
        }
        assertThat(deliveriesTo(s, "+2348022299999")).isEqualTo(1);
        assertThat(TenantContext.callAs(s.owner().workspaceId(), () -> usage.current(UsageMetric.messages_sent)))
                .isEqualTo(25);
    }

    private Browser.Response send(Setup s, Map<String, ?> body, String key) {
        return s.api()
                .raw(
                        "POST",
                        "/api/v1/messages",
                        Browser.JSON.writeValueAsString(body),
                        "application/json",
                        Map.of("Idempotency-Key", key));
    }

    @Test
    void metasThroughputLimitQueuesTheMessageAndARetrySendsItLater() {
        Setup s = setup(Map.of("maxMessagesPerSecond", 1));

        String[] ids = new String[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = s.api()
                    .post("/api/v1/messages", Map.of("to", "+23480111100" + (10 + i), "text", "burst " + i))
                    .data()
                    .path("id")
                    .asString();
        }

        assertThat(ids).allSatisfy(id -> awaitStatus(s.api(), id, "read"));
        for (int i = 0; i < 3; i++) {
            assertThat(deliveriesTo(s, "+23480111100" + (10 + i)))
                    .as("message %d went out once", i)
                    .isEqualTo(1);
        }
    }

    @Test
    void freeTextNeedsTheServiceWindowWhenTheChannelEnforcesIt() {
        Setup s = setup(Map.of("enforceServiceWindow", true));
        String phone = "+2348011110020";

        Browser.Response outside = s.api().post("/api/v1/messages", Map.of("to", phone, "text", "Hi there"));
        assertThat(outside.status()).isEqualTo(409);
        assertThat(outside.errorCode()).isEqualTo("outside_service_window");

        Browser.Response template = s.api()
                .post(
                        "/api/v1/messages",
                        Map.of(
                                "to",
                                phone,
                                "template",
                                Map.of("name", "welcome", "language", "en", "parameters", java.util.List.of("Ada"))));
        assertThat(template.status()).as(template.raw()).isEqualTo(201);

        s.owner()
                .post(
                        "/api/v1/channels/" + s.channelId() + "/sandbox/inbound",
                        Map.of("from", phone, "text", "Hello!"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> s.api()
                                .post("/api/v1/messages", Map.of("to", phone, "text", "Thanks for writing"))
                                .status()
                        == 201);
    }

    @Test
    void thePlanLimitStopsSendingWith429() {
        Setup s = setup(Map.of());
        TenantContext.runAs(
                s.owner().workspaceId(),
                () -> usage.consume(UsageMetric.messages_sent, 10_000 - 1)); // the pro trial allows 10,000 a month

        assertThat(s.api()
                        .post("/api/v1/messages", Map.of("to", "+2348011110030", "text", "last one"))
                        .status())
                .isEqualTo(201);
        Browser.Response over =
                s.api().post("/api/v1/messages", Map.of("to", "+2348011110031", "text", "one too many"));

        assertThat(over.status()).isEqualTo(429);
        assertThat(over.errorCode()).isEqualTo("usage_limit_reached");
        assertThat(over.header("Retry-After")).isNotBlank();
        assertThat(deliveriesTo(s, "+2348011110031")).isZero();
    }

    @Test
    void anUndeliverableNumberEndsFailedWithMetasCode() {
        Setup s = setup(Map.of());
        String id = s.api()
                .post("/api/v1/messages", Map.of("to", "+2348011110000", "text", "to nowhere"))
                .data()
                .path("id")
                .asString();

        JsonNode failed = awaitStatus(s.api(), id, "failed");
        assertThat(failed.path("errorCode").asString()).isEqualTo("131026");
    }

    @Test
    void aDisconnectedChannelIsAClearConflict() {
        Setup s = setup(Map.of());
        String broken = s.owner()
                .post(
                        "/api/v1/channels",
                        Map.of(
                                "name",
                                "Broken",
                                "provider",
                                "whatsapp_cloud",
                                "config",
                                Map.of(
                                        "phoneNumberId", "109876543210999",
                                        "wabaId", "1",
                                        "accessToken", "token",
                                        "appSecret", "secret",
                                        "graphBaseUrl", "http://127.0.0.1:9/v21.0")))
                .data()
                .path("id")
                .asString();

        Browser.Response r =
                s.api().post("/api/v1/messages", Map.of("to", "+2348011110050", "text", "hi", "channelId", broken));

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.errorCode()).isEqualTo("invalid_state");
        assertThat(r.body().path("error").path("message").asString()).contains("Broken");
    }

    @Test
    void repliesGoThroughTheChannelThatLastTalkedWithTheContact() {
        Setup s = setup(Map.of());
        String second = s.owner()
                .post("/api/v1/channels/sandbox", null)
                .data()
                .path("id")
                .asString();
        String phone = "+2348011110060";
        s.owner().post("/api/v1/channels/" + second + "/sandbox/inbound", Map.of("from", phone, "text", "hi from 2"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> s.api()
                                .get("/api/v1/messages?channelId=" + second)
                                .data()
                                .path("items")
                                .size()
                        == 1);

        Browser.Response reply = s.api().post("/api/v1/messages", Map.of("to", phone, "text", "hello back"));

        assertThat(reply.data().path("channelId").asString()).isEqualTo(second);
    }

    @Test
    void anotherWorkspacesChannelOrContactIsNotFound() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        String channelOfA =
                two.a().post("/api/v1/channels/sandbox", null).data().path("id").asString();
        String contactOfA = two.a()
                .post("/api/v1/messages", Map.of("to", "+2348011110070", "text", "A's"))
                .data()
                .path("contactId")
                .asString();
        two.b().post("/api/v1/channels/sandbox", null);

        Browser.Response viaA =
                two.b().post("/api/v1/messages", Map.of("to", "+2348011110071", "text", "x", "channelId", channelOfA));
        Browser.Response toA = two.b().post("/api/v1/messages", Map.of("contactId", contactOfA, "text", "x"));

        assertThat(viaA.status()).isEqualTo(404);
        assertThat(toA.status()).isEqualTo(404);
    }
}
