package com.whatsdex.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.billing.UsageApi;
import com.whatsdex.billing.UsageMetric;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/messages/batch: the same pipeline for many messages, one answer per message. */
@IntegrationTest
class BatchSendIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    UsageApi usage;

    record Setup(Browser owner, Browser api, String channelId) {}

    private Setup setup(String name) {
        Browser owner = new Browser(port).register(name);
        String channelId =
                owner.post("/api/v1/channels/sandbox", null).data().path("id").asString();
        String key = owner.post("/api/v1/api-keys", Map.of("name", "bulk"))
                .data()
                .path("key")
                .asString();
        return new Setup(owner, new Browser(port).withBearer(key), channelId);
    }

    private static Map<String, Object> template(String to) {
        return Map.of(
                "to", to, "template", Map.of("name", "order_update", "language", "en", "parameters", List.of("A")));
    }

    private int deliveriesTo(Setup s, String phone) {
        return s.owner()
                .get("/api/v1/channels/" + s.channelId() + "/sandbox/deliveries?to=" + phone.replace("+", "%2B"))
                .data()
                .path("items")
                .size();
    }

    private long sent(Setup s) {
        return TenantContext.callAs(s.owner().workspaceId(), () -> usage.current(UsageMetric.messages_sent));
    }

    @Test
    void eachMessageIsAnsweredInOrderAndOneBadMessageDoesNotStopTheOthers() {
        Setup s = setup("Bulk");

        Browser.Response r = s.api()
                .post(
                        "/api/v1/messages/batch",
                        Map.of(
                                "messages",
                                List.of(
                                        template("+2348022220001"),
                                        Map.of("to", "not a phone", "text", "x"),
                                        template("+2348022220002"),
                                        Map.of(
                                                "to",
                                                "+2348022220003",
                                                "text",
                                                "Hi",
                                                "channelId",
                                                UUID.randomUUID().toString()))));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode items = r.data();
        assertThat(items.size()).isEqualTo(4);
        assertThat(items.get(0).path("message").path("status").asString()).isEqualTo("accepted");
        assertThat(items.get(0).path("message").path("wamid").asString()).startsWith("wamid.");
        assertThat(items.get(0).path("message").path("template").path("name").asString())
                .isEqualTo("order_update");
        assertThat(items.get(0)
                        .path("message")
                        .path("template")
                        .path("parameters")
                        .get(0)
                        .asString())
                .isEqualTo("A");
        assertThat(items.get(1).path("error").path("code").asString()).isEqualTo("validation_failed");
        assertThat(items.get(2).path("message").path("status").asString()).isEqualTo("accepted");
        assertThat(items.get(3).path("error").path("code").asString()).isEqualTo("not_found");
        assertThat(deliveriesTo(s, "+2348022220001")).isEqualTo(1);
        assertThat(deliveriesTo(s, "+2348022220002")).isEqualTo(1);
        assertThat(sent(s)).isEqualTo(2);
        String id = items.get(2).path("message").path("id").asString();
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> s.api()
                                .get("/api/v1/messages/" + id)
                                .data()
                                .path("status")
                                .asString(),
                        "read"::equals);
    }

    @Test
    void idempotencyKeysHoldWithinABatchAndAcrossRepeats() {
        Setup s = setup("Bulk keys");
        Map<String, Object> first = new java.util.HashMap<>(template("+2348022220011"));
        first.put("idempotencyKey", "k-1");
        Map<String, Object> again = new java.util.HashMap<>(template("+2348022220011"));
        again.put("idempotencyKey", "k-1");
        Map<String, Object> other = new java.util.HashMap<>(template("+2348022220012"));
        other.put("idempotencyKey", "k-2");
        Map<String, Object> batch = Map.of("messages", List.of(first, again, other));

        JsonNode once = s.api().post("/api/v1/messages/batch", batch).data();
        JsonNode twice = s.api().post("/api/v1/messages/batch", batch).data();

        String id = once.get(0).path("message").path("id").asString();
        assertThat(once.get(1).path("message").path("id").asString()).isEqualTo(id);
        assertThat(twice.get(0).path("message").path("id").asString()).isEqualTo(id);
        assertThat(twice.get(2).path("message").path("id").asString())
                .isEqualTo(once.get(2).path("message").path("id").asString());
        assertThat(deliveriesTo(s, "+2348022220011")).isEqualTo(1);
        assertThat(deliveriesTo(s, "+2348022220012")).isEqualTo(1);
        assertThat(sent(s)).isEqualTo(2);
    }

    @Test
    void whenThePlanRunsOutMidBatchTheMessagesThatFitGoAndTheRestAre429() {
        Setup s = setup("Bulk limit");
        TenantContext.runAs(
                s.owner().workspaceId(),
                () -> usage.consume(UsageMetric.messages_sent, 10_000 - 2)); // the pro trial allows 10,000 a month
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            messages.add(template("+234802222003" + i));
        }

        JsonNode items = s.api()
                .post("/api/v1/messages/batch", Map.of("messages", messages))
                .data();

        assertThat(items.get(0).path("message").path("status").asString()).isEqualTo("accepted");
        assertThat(items.get(1).path("message").path("status").asString()).isEqualTo("accepted");
        assertThat(items.get(2).path("error").path("code").asString()).isEqualTo("usage_limit_reached");
        assertThat(items.get(3).path("error").path("code").asString()).isEqualTo("usage_limit_reached");
        assertThat(deliveriesTo(s, "+2348022220032")).isZero();
        assertThat(sent(s)).isEqualTo(10_000);
    }

    @Test
    void anotherWorkspacesChannelIsNotFoundForThatMessageOnly() {
        Setup a = setup("Bulk A");
        Setup b = setup("Bulk B");
        Map<String, Object> intoB = new java.util.HashMap<>(template("+2348022220041"));
        intoB.put("channelId", b.channelId());

        JsonNode items = a.api()
                .post("/api/v1/messages/batch", Map.of("messages", List.of(intoB, template("+2348022220042"))))
                .data();

        assertThat(items.get(0).path("error").path("code").asString()).isEqualTo("not_found");
        assertThat(items.get(1).path("message").path("channelId").asString()).isEqualTo(a.channelId());
        assertThat(deliveriesTo(b, "+2348022220041")).isZero();
        assertThat(sent(b)).isZero();
    }

    @Test
    void emptyAndOversizedBatchesAreRefused() {
        Setup s = setup("Bulk size");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("to", "+2348022221000", "text", "x"));
        }

        Browser.Response empty = s.api().post("/api/v1/messages/batch", Map.of("messages", List.of()));
        Browser.Response over = s.api().post("/api/v1/messages/batch", Map.of("messages", tooMany));

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.errorCode()).isEqualTo("validation_failed");
        assertThat(over.status()).isEqualTo(400);
        assertThat(sent(s)).isZero();
    }
}
