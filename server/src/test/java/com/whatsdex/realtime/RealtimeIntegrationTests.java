package com.whatsdex.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.whatsdex.realtime.RealtimeEvent.BackupStatus;
import com.whatsdex.realtime.RealtimeEvent.CampaignProgress;
import com.whatsdex.realtime.RealtimeEvent.ImportProgress;
import com.whatsdex.realtime.RealtimeEvent.MessageReceived;
import com.whatsdex.realtime.internal.EventStreams;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class RealtimeIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    RealtimeEvents realtime;

    @Autowired
    PlatformTransactionManager txManager;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EventStreams streams;

    private record Workspace(UUID id, Browser browser) {}

    private Workspace register(String name) {
        Browser browser = new Browser(port).register(name);
        return new Workspace(browser.workspaceId(), browser);
    }

    private EventStreamClient connect(Workspace workspace) {
        EventStreamClient stream =
                EventStreamClient.open(port, workspace.browser().cookie("WDX_SESSION"));
        assertThat(stream.status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !stream.events("ready").isEmpty());
        return stream;
    }

    private void publishCommitted(Workspace workspace, RealtimeEvent event) {
        TenantContext.runAs(
                workspace.id(),
                () -> new TransactionTemplate(txManager).executeWithoutResult(tx -> realtime.publish(event)));
    }

    private static MessageReceived marker() {
        return new MessageReceived(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    }

    private static boolean received(EventStreamClient stream, MessageReceived marker) {
        return stream.events(MessageReceived.TYPE).stream()
                .anyMatch(e -> e.data()
                        .path("messageId")
                        .asString()
                        .equals(marker.messageId().toString()));
    }

    @Test
    void committedEventReachesTheWorkspacesStream() {
        Workspace a = register("A");
        try (EventStreamClient stream = connect(a)) {
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.events().getFirst().name()).isEqualTo("ready");
            UUID campaignId = UUID.randomUUID();

            publishCommitted(a, new CampaignProgress(campaignId, "running", 1000, 400, 600, 550, 200, 3, 1, 19.5));

            await().atMost(WAIT)
                    .until(() -> !stream.events(CampaignProgress.TYPE).isEmpty());
            JsonNode data = stream.events(CampaignProgress.TYPE).getFirst().data();
            assertThat(data.path("type").asString()).isEqualTo("campaign.progress");
            assertThat(data.path("campaignId").asString()).isEqualTo(campaignId.toString());
            assertThat(data.path("status").asString()).isEqualTo("running");
            assertThat(data.path("total").asLong()).isEqualTo(1000);
            assertThat(data.path("pending").asLong()).isEqualTo(400);
            assertThat(data.path("sent").asLong()).isEqualTo(600);
            assertThat(data.path("delivered").asLong()).isEqualTo(550);
            assertThat(data.path("read").asLong()).isEqualTo(200);
            assertThat(data.path("failed").asLong()).isEqualTo(3);
            assertThat(data.path("skipped").asLong()).isEqualTo(1);
            assertThat(data.path("ratePerSecond").asDouble()).isEqualTo(19.5);
            assertThat(data.has("tenantId")).isFalse();
            assertThat(data.has("workspaceId")).isFalse();
        }
    }

    @Test
    void aBurstOfEventsArrivesWholeAndInOrder() {
        Workspace a = register("A");
        try (EventStreamClient stream = connect(a)) {
            // more than one write takes (EventStream.MAX_PER_WRITE), published together as a status batch is
            List<MessageReceived> burst = java.util.stream.Stream.generate(RealtimeIntegrationTests::marker)
                    .limit(1000)
                    .toList();
            TenantContext.runAs(
                    a.id(),
                    () -> new TransactionTemplate(txManager).executeWithoutResult(tx -> realtime.publishAll(burst)));

            await().atMost(WAIT).until(() -> stream.events(MessageReceived.TYPE).size() >= burst.size());
            assertThat(stream.events(MessageReceived.TYPE))
                    .extracting(e -> e.data().path("messageId").asString())
                    .containsExactlyElementsOf(
                            burst.stream().map(m -> m.messageId().toString()).toList());
        }
    }

    @Test
    void optionalFieldsArriveAsNull() {
        Workspace a = register("A");
        try (EventStreamClient stream = connect(a)) {
            UUID backupId = UUID.randomUUID();

            publishCommitted(a, new BackupStatus(backupId, "running", null, null));

            await().atMost(WAIT).until(() -> !stream.events(BackupStatus.TYPE).isEmpty());
            JsonNode data = stream.events(BackupStatus.TYPE).getFirst().data();
            assertThat(data.path("backupId").asString()).isEqualTo(backupId.toString());
            assertThat(data.get("sizeBytes").isNull()).isTrue();
            assertThat(data.get("error").isNull()).isTrue();
        }
    }

    @Test
    void anotherWorkspaceNeverReceivesTheEvent() {
        Workspace a = register("A");
        Workspace b = register("B");
        try (EventStreamClient streamA = connect(a);
                EventStreamClient streamB = connect(b)) {
            MessageReceived forA = marker();
            MessageReceived forB = marker();

            publishCommitted(a, forA);
            publishCommitted(b, forB);

            // one listener delivers in commit order: once B has its later event, A's earlier one had its chance
            await().atMost(WAIT).until(() -> received(streamA, forA) && received(streamB, forB));
            assertThat(received(streamB, forA)).isFalse();
            assertThat(received(streamA, forB)).isFalse();
            assertThat(streamB.names()).containsExactly("ready", MessageReceived.TYPE);
        }
    }

    @Test
    void everyTabOfTheWorkspaceReceivesTheEvent() {
        Workspace a = register("A");
        try (EventStreamClient tab1 = connect(a);
                EventStreamClient tab2 = connect(a)) {
            MessageReceived event = marker();

            publishCommitted(a, event);

            await().atMost(WAIT).until(() -> received(tab1, event) && received(tab2, event));
            assertThat(meters.get("whatsdex.realtime.streams").gauge().value()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void eventOfARolledBackTransactionIsNeverDelivered() {
        Workspace a = register("A");
        try (EventStreamClient stream = connect(a)) {
            MessageReceived rolledBack = marker();
            MessageReceived committed = marker();

            TenantContext.runAs(
                    a.id(),
                    () -> new TransactionTemplate(txManager).executeWithoutResult(tx -> {
                        realtime.publish(rolledBack);
                        tx.setRollbackOnly();
                    }));
            publishCommitted(a, committed);

            await().atMost(WAIT).until(() -> received(stream, committed));
            assertThat(received(stream, rolledBack)).isFalse();
        }
    }

    @Test
    void eventWaitsForTheCommitOfTheCallersTransaction() {
        Workspace a = register("A");
        try (EventStreamClient stream = connect(a)) {
            MessageReceived inFlight = marker();
            MessageReceived sentMeanwhile = marker();

            TenantContext.runAs(
                    a.id(),
                    () -> new TransactionTemplate(txManager).executeWithoutResult(tx -> {
                        realtime.publish(inFlight);
                        // published and committed from another thread while this transaction is still open
                        Thread other = Thread.ofVirtual().start(() -> publishCommitted(a, sentMeanwhile));
                        try {
                            other.join();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        await().atMost(WAIT).until(() -> received(stream, sentMeanwhile));
                        assertThat(received(stream, inFlight)).isFalse();
                    }));

            await().atMost(WAIT).until(() -> received(stream, inFlight));
        }
    }

    @Test
    void eventPublishedOutsideATransactionIsSentAtOnce() {
        Workspace a = register("A");
        try (EventStreamClient stream = connect(a)) {
            MessageReceived event = marker();

            TenantContext.runAs(a.id(), () -> realtime.publish(event));

            await().atMost(WAIT).until(() -> received(stream, event));
        }
    }

    @Test
    void publishingNeedsAWorkspace() {
        assertThatThrownBy(() -> realtime.publish(marker()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No workspace");
    }

    @Test
    void streamNeedsASignedInCaller() {
        Browser.Response plain = new Browser(port).get("/api/v1/events");
        assertThat(plain.status()).isEqualTo(401);
        assertThat(plain.body().path("success").asBoolean(true)).isFalse();
        assertThat(plain.errorCode()).isEqualTo("unauthenticated");

        EventStreamClient asEventSource = EventStreamClient.open(port, null);
        assertThat(asEventSource.status()).isEqualTo(401);
        assertThat(asEventSource.header("Content-Type")).startsWith("application/json");
        assertThat(asEventSource.errorBody().path("error").path("code").asString())
                .isEqualTo("unauthenticated");

        EventStreamClient forgedCookie = EventStreamClient.open(port, "not-a-session");
        assertThat(forgedCookie.status()).isEqualTo(401);
    }

    @Test
    void eventTooLargeForANotificationIsRejected() {
        Workspace a = register("A");
        var huge = new ImportProgress(UUID.randomUUID(), "x".repeat(8000), 1, null, 1, 0, 0, 0, 0);

        assertThatThrownBy(() -> TenantContext.runAs(a.id(), () -> realtime.publish(huge)))
                .isInstanceOf(EventTooLargeException.class)
                .hasMessageContaining("import.progress")
                .hasMessageContaining("limit is 7999");

        // multi-byte characters count as bytes, as PostgreSQL counts them
        var wide = new ImportProgress(UUID.randomUUID(), "é".repeat(3900), 1, null, 1, 0, 0, 0, 0);
        assertThatThrownBy(() -> TenantContext.runAs(a.id(), () -> realtime.publish(wide)))
                .isInstanceOf(EventTooLargeException.class);
    }

    @Test
    void listenerReconnectsWhenItsDatabaseSessionDies() {
        Workspace a = register("A");
        try (EventStreamClient stream = connect(a)) {
            List<Integer> before = listenerPids();
            assertThat(before).hasSize(1);

            Boolean terminated = jdbc.sql("select pg_terminate_backend(?)")
                    .param(before.getFirst())
                    .query(Boolean.class)
                    .single();
            assertThat(terminated).isTrue();

            await().atMost(WAIT).until(() -> {
                List<Integer> now = listenerPids();
                return now.size() == 1 && !now.equals(before);
            });
            // events published before the new LISTEN took effect may be lost; keep publishing until one arrives
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                MessageReceived event = marker();
                publishCommitted(a, event);
                return stream.events(MessageReceived.TYPE).size() > 0;
            });
            // the browser's stream never broke, and was told to refetch what it may have missed
            assertThat(stream.ended()).isFalse();
            await().atMost(WAIT).until(() -> stream.events("ready").size() == 2);
        }
    }

    @Test
    void stoppingForShutdownEndsOpenStreamsAtOnce() {
        Workspace a = register("A");
        try (EventStreamClient stream = connect(a)) {
            try {
                // what the context does first on shutdown, before the web server waits for open requests
                streams.stop();

                await().atMost(Duration.ofSeconds(2)).until(stream::ended);
                try (EventStreamClient late =
                        EventStreamClient.open(port, a.browser().cookie("WDX_SESSION"))) {
                    await().atMost(Duration.ofSeconds(2)).until(late::ended);
                    assertThat(late.events()).isEmpty();
                }
            } finally {
                streams.start();
            }
        }
        try (EventStreamClient again = connect(a)) {
            MessageReceived event = marker();
            publishCommitted(a, event);
            await().atMost(WAIT).until(() -> received(again, event));
        }
    }

    private List<Integer> listenerPids() {
        return jdbc.sql("select pid from pg_stat_activity where application_name = 'whatsdex-listen'")
                .query(Integer.class)
                .list();
    }

    @Test
    void openApiDescribesTheStreamAndItsEvents() {
        JsonNode doc = new Browser(port).get("/v3/api-docs").body();

        JsonNode ok = doc.path("paths")
                .path("/api/v1/events")
                .path("get")
                .path("responses")
                .path("200");
        assertThat(ok.path("content").propertyNames()).containsExactly("text/event-stream");
        List<String> refs = ok.path("content")
                .path("text/event-stream")
                .path("schema")
                .path("oneOf")
                .valueStream()
                .map(n -> n.path("$ref").asString())
                .toList();
        assertThat(refs)
                .containsExactlyInAnyOrder(
                        "#/components/schemas/CampaignProgressEvent",
                        "#/components/schemas/ImportProgressEvent",
                        "#/components/schemas/MessageReceivedEvent",
                        "#/components/schemas/MessageStatusEvent",
                        "#/components/schemas/ConversationUpdatedEvent",
                        "#/components/schemas/ChannelStatusEvent",
                        "#/components/schemas/BackupStatusEvent",
                        "#/components/schemas/AgentActivityEvent",
                        "#/components/schemas/StreamReadyEvent");

        JsonNode schemas = doc.path("components").path("schemas");
        assertThat(schemas.has("SseEmitter")).isFalse();
        JsonNode campaign = schemas.path("CampaignProgressEvent");
        assertThat(campaign.path("properties").path("type").path("enum").get(0).asString())
                .isEqualTo("campaign.progress");
        assertThat(campaign.path("required")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .contains("type", "campaignId", "status", "total", "ratePerSecond");
        assertThat(campaign.path("properties").path("campaignId").path("format").asString())
                .isEqualTo("uuid");
        JsonNode importTotal =
                schemas.path("ImportProgressEvent").path("properties").path("total");
        assertThat(importTotal
                        .path("type")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .contains("integer", "null");
        assertThat(schemas.path("ChannelStatusEvent").path("properties").has("reason"))
                .isTrue();
    }
}
