package com.whatsdex.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.billing.UsageApi;
import com.whatsdex.billing.UsageMetric;
import com.whatsdex.sandbox.SandboxApi;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.EventStream;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class WebhookIngestIntegrationTests {

    /** The fixtures' business number: the Cloud API channels below use it, so the payloads need no editing. */
    private static final String FIXTURE_PHONE_NUMBER_ID = "106540352242922";

    private static final String FIXTURE_INBOUND_WAMID =
            "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";
    private static final String FIXTURE_BATCH_WAMID = "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI4QjJDRjU3QkE3N0U2MjFBNkYA";
    private static final String FIXTURE_FAILED_WAMID = "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBJDRTc1MkMxRjQxQjdCRDE4OTkA";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager txManager;

    @Autowired
    MessagingApi messagingApi;

    @Autowired
    com.whatsdex.messaging.domain.MessageService messageService;

    @Autowired
    SandboxApi sandboxApi;

    @Autowired
    UsageApi usage;

    private final JsonMapper json = JsonMapper.builder().build();

    private record Channel(UUID id, String appSecret, String phoneNumberId) {}

    /**
     * A Cloud API channel with an app secret the test chose. Its Graph base URL points nowhere, so its connection
     * test fails, which the webhook endpoint does not care about.
     */
    private Channel cloudChannel(Browser owner) {
        return cloudChannel(owner, FIXTURE_PHONE_NUMBER_ID);
    }

    private Channel cloudChannel(Browser owner, String phoneNumberId) {
        String secret = "secret-" + UUID.randomUUID();
        Map<String, Object> config = new HashMap<>();
        config.put("phoneNumberId", phoneNumberId);
        config.put("wabaId", "102290129340398");
        config.put("accessToken", "token-" + UUID.randomUUID());
        config.put("appSecret", secret);
        config.put("graphBaseUrl", "http://127.0.0.1:9/v21.0");
        Browser.Response r =
                owner.post("/api/v1/channels", Map.of("name", "Cloud", "provider", "whatsapp_cloud", "config", config));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return new Channel(UUID.fromString(r.data().path("id").asString()), secret, phoneNumberId);
    }

    /** One webhook post over plain HTTP, with the answer's headers. */
    private HttpResponse<String> post(String path, String body, @Nullable String signature)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void assertApiAnswer(HttpResponse<String> r, int status, String what) {
        assertThat(r.statusCode()).as("%s: %s", what, r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .as(what)
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
        assertThat(r.headers().firstValue("Content-Security-Policy"))
                .as(what)
                .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
        assertThat(r.headers().firstValue("X-Request-Id")).as(what).isPresent();
    }

    @Test
    void webhookAnswersAreTheApiEnvelopeWithTheSecurityHeadersWhateverTheOutcome() throws Exception {
        Browser owner = new Browser(port).register("Envelope Co");
        Channel c = cloudChannel(owner);
        String path = "/webhooks/whatsapp/" + c.id();
        String empty = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}";

        var ok = post(path, empty, WebhookClient.sign(c.appSecret(), empty));
        assertApiAnswer(ok, 200, "signed");
        assertThat(json.readTree(ok.body()).path("success").asBoolean()).isTrue();

        var unsigned = post(path, empty, null);
        assertApiAnswer(unsigned, 401, "unsigned");
        assertThat(json.readTree(unsigned.body()).path("error").path("code").asString())
                .isEqualTo("unauthenticated");

        var malformed = post(path, "{not json", WebhookClient.sign(c.appSecret(), "{not json"));
        assertApiAnswer(malformed, 400, "malformed");

        assertApiAnswer(post("/webhooks/whatsapp/" + UUID.randomUUID(), empty, null), 404, "unknown channel");
        assertApiAnswer(post("/webhooks/whatsapp/not-a-channel", empty, null), 404, "malformed id");
    }

    private static String fixture(String name) {
        try (InputStream in = WebhookIngestIntegrationTests.class.getResourceAsStream("/fixtures/whatsapp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String inboundText(String from, String wamid, String text) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{\
                "messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},\
                "contacts":[{"profile":{"name":"Tester"},"wa_id":"%s"}],\
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":%s}}]}}]}]}""".formatted(
                        FIXTURE_PHONE_NUMBER_ID,
                        from,
                        from,
                        wamid,
                        System.currentTimeMillis() / 1000,
                        Browser.JSON.writeValueAsString(text));
    }

    private static String status(String wamid, String status, long timestamp) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{\
                "messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},"unknown_field":{"x":1},\
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"16505550100"}]}}]}]}""".formatted(FIXTURE_PHONE_NUMBER_ID, wamid, status, timestamp);
    }

    private <T> T as(UUID tenantId, Supplier<T> work) {
        return TenantContext.callAs(tenantId, () -> new TransactionTemplate(txManager).execute(s -> work.get()));
    }

    private long count(UUID tenantId, String table) {
        return as(
                tenantId,
                () -> jdbc.sql("select count(*) from " + table)
                        .query(Long.class)
                        .single());
    }

    /** What the outbound pipeline (built later) records after Meta accepted a send. */
    private UUID outbound(UUID tenantId, UUID channelId, String wamid) {
        UUID id = com.whatsdex.shared.Ids.newId();
        as(
                tenantId,
                () -> jdbc.sql("""
                        insert into messages (tenant_id, id, channel_id, contact_id, direction, wamid, type, body, status)
                        values (:tenant, :id, :channel, :contact, 'out', :wamid, 'text', 'Hi', 'sending')
                        """)
                        .param("tenant", tenantId)
                        .param("id", id)
                        .param("channel", channelId)
                        .param("contact", UUID.randomUUID())
                        .param("wamid", wamid)
                        .update());
        return id;
    }

    private Map<String, Object> row(UUID tenantId, UUID messageId) {
        return as(tenantId, () -> jdbc.sql("""
                                select status, sent_at, delivered_at, read_at, failed_at, error_code, error_title,
                                       error_detail from messages where id = :id
                                """).param("id", messageId).query().singleRow());
    }

    @Test
    void inboundThroughTheSandboxIsStoredAnnouncedAndCreatesTheContact() throws Exception {
        Browser owner = new Browser(port).register("Inbound");
        JsonNode channel =
                owner.post("/api/v1/channels/sandbox", Map.of("name", "Demo")).data();
        String channelId = channel.path("id").asString();

        try (EventStream events = new EventStream(port, owner.cookie("WDX_SESSION"))) {
            assertThat(events.status()).isEqualTo(200);
            Browser.Response sent = owner.post(
                    "/api/v1/channels/" + channelId + "/sandbox/inbound",
                    Map.of("from", "+2348012345678", "text", "Hello there"));
            assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
            String wamid = sent.data().path("wamid").asString();

            JsonNode message = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> owner.get("/api/v1/messages?channelId=" + channelId)
                                    .data()
                                    .path("items")
                                    .path(0),
                            m -> !m.isMissingNode());
            assertThat(message.path("wamid").asString()).isEqualTo(wamid);
            assertThat(message.path("direction").asString()).isEqualTo("in");
            assertThat(message.path("type").asString()).isEqualTo("text");
            assertThat(message.path("status").asString()).isEqualTo("received");
            assertThat(message.path("body").asString()).isEqualTo("Hello there");

            String messageId = message.path("id").asString();
            String contactId = message.path("contactId").asString();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !events.named("message.received").isEmpty());
            JsonNode event = events.named("message.received").getFirst().data();
            assertThat(event.path("messageId").asString()).isEqualTo(messageId);
            assertThat(event.path("contactId").asString()).isEqualTo(contactId);
            assertThat(event.path("channelId").asString()).isEqualTo(channelId);

            JsonNode contact = owner.get("/api/v1/contacts/" + contactId).data();
            assertThat(contact.path("phone").asString()).isEqualTo("+2348012345678");
            assertThat(contact.path("name").asString()).startsWith("Sandbox phone");
            assertThat(contact.path("lastChannelId").asString()).isEqualTo(channelId);
            assertThat(contact.path("lastInboundAt").isNull()).isFalse();
            assertThat(contact.path("optedOut").asBoolean()).isFalse();
        }
    }

    @Test
    void concurrentWebhooksOfTwoWorkspacesAreEachStoredOnceCountedOnceAndKeptApart() throws Exception {
        Browser a = new Browser(port).register("Concurrent A");
        Browser b = new Browser(port).register("Concurrent B");
        Channel ca = cloudChannel(a);
        Channel cb = cloudChannel(b);
        WebhookClient webhooks = new WebhookClient(port);
        List<String> wamidsA = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String wamid = "wamid.concurrent-out-" + UUID.randomUUID();
            outbound(a.workspaceId(), ca.id(), wamid);
            wamidsA.add(wamid);
        }
        // per workspace: 30 inbound messages from 10 phones, each posted twice (Meta redelivers), and for A the
        // delivered and read statuses of its 5 sent messages; all from 16 threads at once, shuffled
        List<Runnable> posts = new ArrayList<>();
        for (Channel c : List.of(ca, cb)) {
            for (int i = 0; i < 30; i++) {
                String body =
                        inboundText("1650555" + String.format("%04d", i % 10), "wamid.in-" + c.id() + "-" + i, "m" + i);
                for (int copy = 0; copy < 2; copy++) {
                    posts.add(() -> assertThat(webhooks.postSigned(c.id(), c.appSecret(), body)
                                    .status())
                            .isEqualTo(200));
                }
            }
        }
        long ts = System.currentTimeMillis() / 1000;
        for (String wamid : wamidsA) {
            posts.add(() -> assertThat(webhooks.postSigned(ca.id(), ca.appSecret(), status(wamid, "delivered", ts))
                            .status())
                    .isEqualTo(200));
            posts.add(() -> assertThat(webhooks.postSigned(ca.id(), ca.appSecret(), status(wamid, "read", ts + 1))
                            .status())
                    .isEqualTo(200));
        }
        Collections.shuffle(posts, new Random(7));
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> done = new ArrayList<>();
            posts.forEach(p -> done.add(pool.submit(p)));
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        }

        for (Browser w : List.of(a, b)) {
            UUID tenant = w.workspaceId();
            assertThat(as(
                            tenant,
                            () -> jdbc.sql("select count(*) from messages where direction = 'in'")
                                    .query(Long.class)
                                    .single()))
                    .isEqualTo(30);
            assertThat(count(tenant, "contacts")).isEqualTo(10);
            assertThat(TenantContext.callAs(tenant, () -> usage.current(UsageMetric.messages_received)))
                    .isEqualTo(30);
        }
        assertThat(as(
                        a.workspaceId(),
                        () -> jdbc.sql("select count(*) from messages where status = 'read'")
                                .query(Long.class)
                                .single()))
                .isEqualTo(5);
    }

    @Test
    void storesTheFixtureInboundTextOnceHoweverOftenItIsDelivered() {
        Browser owner = new Browser(port).register("Fixture inbound");
        Channel c = cloudChannel(owner);
        WebhookClient webhooks = new WebhookClient(port);
        String body = fixture("inbound-text.json");

        WebhookClient.Response first = webhooks.postSigned(c.id(), c.appSecret(), body);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("{\"success\":true,\"data\":null}");
        assertThat(webhooks.postSigned(c.id(), c.appSecret(), body).status()).isEqualTo(200);

        JsonNode items = owner.get("/api/v1/messages").data().path("items");
        assertThat(items).hasSize(1);
        JsonNode m = items.path(0);
        assertThat(m.path("wamid").asString()).isEqualTo(FIXTURE_INBOUND_WAMID);
        assertThat(m.path("body").asString()).isEqualTo("Does it come in another color?");
        assertThat(m.path("providerTimestamp").asString()).isEqualTo("2025-06-08T20:59:43Z");
        JsonNode contact =
                owner.get("/api/v1/contacts/" + m.path("contactId").asString()).data();
        assertThat(contact.path("phone").asString()).isEqualTo("+16505551234");
        assertThat(contact.path("name").asString()).isEqualTo("Sheena Nelson");
        assertThat(contact.path("lastChannelId").asString()).isEqualTo(c.id().toString());
        assertThat(count(owner.workspaceId(), "contacts")).isEqualTo(1);
        assertThat(TenantContext.callAs(owner.workspaceId(), () -> usage.current(UsageMetric.messages_received)))
                .as("a redelivery is not counted again")
                .isEqualTo(1);
    }

    @Test
    void fixtureStatusesMoveOutboundMessagesForwardOnly() throws Exception {
        Browser owner = new Browser(port).register("Fixture statuses");
        UUID tenant = owner.workspaceId();
        Channel c = cloudChannel(owner);
        WebhookClient webhooks = new WebhookClient(port);
        UUID batch = outbound(tenant, c.id(), FIXTURE_BATCH_WAMID);
        UUID failed = outbound(tenant, c.id(), FIXTURE_FAILED_WAMID);

        try (EventStream events = new EventStream(port, owner.cookie("WDX_SESSION"))) {
            assertThat(webhooks.postSigned(c.id(), c.appSecret(), fixture("status-batch.json"))
                            .status())
                    .isEqualTo(200);
            assertThat(webhooks.postSigned(c.id(), c.appSecret(), fixture("status-failed.json"))
                            .status())
                    .isEqualTo(200);

            Map<String, Object> read = row(tenant, batch);
            assertThat(read.get("status")).isEqualTo("read");
            assertThat(read.get("sent_at")).isNotNull();
            assertThat(read.get("delivered_at")).as("read implies delivered").isNotNull();
            assertThat(read.get("read_at")).isNotNull();

            Map<String, Object> f = row(tenant, failed);
            assertThat(f.get("status")).isEqualTo("failed");
            assertThat(f.get("error_code")).isEqualTo("131047");
            assertThat(f.get("error_title")).isEqualTo("Re-engagement message");
            assertThat((String) f.get("error_detail")).startsWith("Message failed to send because more than 24 hours");
            assertThat(f.get("failed_at")).isNotNull();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.named("message.status").size() >= 2);
            assertThat(events.named("message.status"))
                    .anyMatch(e -> e.data().path("messageId").asString().equals(batch.toString())
                            && e.data().path("status").asString().equals("read"))
                    .anyMatch(e -> e.data().path("messageId").asString().equals(failed.toString())
                            && e.data().path("status").asString().equals("failed"));
        }

        // late and out-of-order reports change nothing
        long later = 1_750_264_999L;
        webhooks.postSigned(c.id(), c.appSecret(), status(FIXTURE_BATCH_WAMID, "delivered", later));
        webhooks.postSigned(c.id(), c.appSecret(), status(FIXTURE_BATCH_WAMID, "failed", later));
        webhooks.postSigned(c.id(), c.appSecret(), status(FIXTURE_FAILED_WAMID, "delivered", later));
        webhooks.postSigned(c.id(), c.appSecret(), status(FIXTURE_FAILED_WAMID, "read", later));
        assertThat(row(tenant, batch).get("status")).isEqualTo("read");
        assertThat(row(tenant, failed).get("status")).isEqualTo("failed");
        assertThat(count(tenant, "message_status_backlog")).isZero();
    }

    @Test
    void readBeforeDeliveredNeverMovesBack() {
        Browser owner = new Browser(port).register("Out of order");
        UUID tenant = owner.workspaceId();
        Channel c = cloudChannel(owner);
        WebhookClient webhooks = new WebhookClient(port);
        UUID id = outbound(tenant, c.id(), "wamid.out-of-order");

        webhooks.postSigned(c.id(), c.appSecret(), status("wamid.out-of-order", "read", 1_750_000_300L));
        Map<String, Object> afterRead = row(tenant, id);
        webhooks.postSigned(c.id(), c.appSecret(), status("wamid.out-of-order", "delivered", 1_750_000_200L));
        webhooks.postSigned(c.id(), c.appSecret(), status("wamid.out-of-order", "sent", 1_750_000_100L));

        assertThat(row(tenant, id)).isEqualTo(afterRead);
        assertThat(afterRead.get("status")).isEqualTo("read");
        assertThat(afterRead.get("delivered_at")).isEqualTo(afterRead.get("read_at"));
    }

    @Test
    void statusesThatNeverFindTheirMessageAreForgottenAfterADay() {
        Browser owner = new Browser(port).register("Stale backlog");
        UUID tenant = owner.workspaceId();
        Channel c = cloudChannel(owner);
        WebhookClient webhooks = new WebhookClient(port);
        webhooks.postSigned(c.id(), c.appSecret(), status("wamid.stale", "delivered", 1_750_000_000L));
        webhooks.postSigned(c.id(), c.appSecret(), status("wamid.fresh", "delivered", 1_750_000_000L));
        as(
                tenant,
                () -> jdbc.sql("update message_status_backlog set received_at = now() - interval '25 hours'"
                                + " where wamid = 'wamid.stale'")
                        .update());

        int forgotten = messageService.forgetStaleBacklog(tenant);

        assertThat(forgotten).isEqualTo(1);
        assertThat(as(
                        tenant,
                        () -> jdbc.sql("select wamid from message_status_backlog")
                                .query(String.class)
                                .list()))
                .containsExactly("wamid.fresh");
    }

    @Test
    void statusesOfUnknownWamidsWaitInTheBacklogUntilApplied() {
        Browser owner = new Browser(port).register("Backlog");
        UUID tenant = owner.workspaceId();
        Channel c = cloudChannel(owner);
        WebhookClient webhooks = new WebhookClient(port);

        assertThat(webhooks.postSigned(c.id(), c.appSecret(), status("wamid.early", "delivered", 1_750_000_000L))
                        .status())
                .isEqualTo(200);
        assertThat(count(tenant, "message_status_backlog")).isEqualTo(1);

        UUID id = outbound(tenant, c.id(), "wamid.early");
        int applied = TenantContext.callAs(tenant, () -> messagingApi.applyBacklog(c.id(), List.of("wamid.early")));

        assertThat(applied).isEqualTo(1);
        assertThat(row(tenant, id).get("status")).isEqualTo("delivered");
        assertThat(count(tenant, "message_status_backlog")).isZero();
        assertThat(TenantContext.callAs(tenant, () -> messagingApi.applyBacklog(c.id(), List.of("wamid.early"))))
                .isZero();
    }

    /**
     * Found by bench/run.sh load: a status webhook that looked its wamid up while the send's transaction was recording
     * it (not yet committed) parked the status in the backlog after that transaction had taken the backlog, so the
     * status waited there for good. Here the send's transaction stays open after taking the backlog while the status
     * arrives; the status must still be applied once it commits.
     */
    @Test
    void aStatusArrivingWhileItsWamidIsBeingRecordedIsApplied() throws Exception {
        Browser owner = new Browser(port).register("Backlog race");
        UUID tenant = owner.workspaceId();
        Channel c = cloudChannel(owner);
        WebhookClient webhooks = new WebhookClient(port);
        UUID id = outbound(tenant, c.id(), null);
        java.util.concurrent.CountDownLatch recorded = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);

        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var send = threads.submit(() -> as(tenant, () -> {
                // what OutboundPipeline.record does once Meta answered: record the wamid, take the waiting statuses
                jdbc.sql("update messages set wamid = 'wamid.race', status = 'accepted' where id = :id")
                        .param("id", id)
                        .update();
                messagingApi.applyBacklog(c.id(), List.of("wamid.race"));
                recorded.countDown();
                try {
                    return commit.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(recorded.await(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            var status = threads.submit(() ->
                    webhooks.postSigned(c.id(), c.appSecret(), status("wamid.race", "delivered", 1_750_000_000L)));
            // the webhook either finishes (parking its status) or waits for the send's transaction: give it the time
            // to do one or the other before that transaction commits
            await().atMost(Duration.ofSeconds(10)).until(() -> status.isDone() || waitingOnAdvisoryLock());
            commit.countDown();
            assertThat(send.get()).isTrue();
            assertThat(status.get().status()).isEqualTo(200);
        }

        assertThat(row(tenant, id).get("status")).isEqualTo("delivered");
        assertThat(count(tenant, "message_status_backlog")).isZero();
    }

    private boolean waitingOnAdvisoryLock() {
        return jdbc.sql(
                                "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory'")
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Test
    void aRotatedAppSecretAppliesAtOnceToWebhooks() {
        Browser owner = new Browser(port).register("Rotated");
        Channel c = cloudChannel(owner);
        WebhookClient webhooks = new WebhookClient(port);
        assertThat(webhooks.postSigned(c.id(), c.appSecret(), inboundText("2348011112222", "wamid.rot1", "one"))
                        .status())
                .isEqualTo(200); // the secret is now remembered for this channel

        String rotated = "rotated-" + UUID.randomUUID();
        assertThat(owner.patch("/api/v1/channels/" + c.id(), Map.of("config", Map.of("appSecret", rotated)))
                        .status())
                .isEqualTo(200);

        assertThat(webhooks.postSigned(c.id(), c.appSecret(), inboundText("2348011112222", "wamid.rot2", "old"))
                        .status())
                .isEqualTo(401);
        assertThat(webhooks.postSigned(c.id(), rotated, inboundText("2348011112222", "wamid.rot3", "new"))
                        .status())
                .isEqualTo(200);
        assertThat(count(owner.workspaceId(), "messages")).isEqualTo(2);
    }

    @Test
    void oneWebhookWithSeveralMessagesStoresEachOnceAndKeepsTheNewestInteraction() {
        Browser owner = new Browser(port).register("Several messages");
        Channel c = cloudChannel(owner);
        long now = System.currentTimeMillis() / 1000;
        String message = """
                {"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}""";
        // a new sender's two messages out of order, one of them twice, and a second sender without a profile name
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{\
                "messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},\
                "contacts":[{"profile":{"name":"Chioma"},"wa_id":"2348015550001"}],\
                "messages":[%s,%s,%s,%s]}}]}]}""".formatted(
                        FIXTURE_PHONE_NUMBER_ID,
                        message.formatted("2348015550001", "wamid.many2", now, "second"),
                        message.formatted("2348015550001", "wamid.many1", now - 60, "first"),
                        message.formatted("2348015550001", "wamid.many2", now, "second"),
                        message.formatted("2348015550002", "wamid.many3", now - 30, "other"));
        WebhookClient webhooks = new WebhookClient(port);
        assertThat(webhooks.postSigned(c.id(), c.appSecret(), body).status()).isEqualTo(200);
        assertThat(webhooks.postSigned(c.id(), c.appSecret(), body).status()).isEqualTo(200); // redelivered whole

        UUID tenant = owner.workspaceId();
        assertThat(count(tenant, "messages")).isEqualTo(3);
        assertThat(count(tenant, "contacts")).isEqualTo(2);
        Map<String, Object> chioma = as(
                tenant,
                () -> jdbc.sql("select name, last_inbound_at, last_channel_id from contacts where phone = :p")
                        .param("p", "+2348015550001")
                        .query()
                        .singleRow());
        assertThat(chioma.get("name")).isEqualTo("Chioma");
        assertThat(((java.sql.Timestamp) chioma.get("last_inbound_at")).toInstant())
                .isEqualTo(java.time.Instant.ofEpochSecond(now));
        assertThat(chioma.get("last_channel_id")).isEqualTo(c.id());
        assertThat(as(
                        tenant,
                        () -> jdbc.sql("select max(value) from usage_counters where metric = 'messages_received'")
                                .query(Long.class)
                                .single()))
                .isEqualTo(3); // counted once, redelivery or not
    }

    @Test
    void aLateMessageThroughAnotherChannelNeverPointsTheContactBackAtIt() {
        Browser owner = new Browser(port).register("Two numbers");
        Channel first = cloudChannel(owner, "100000000000801");
        Channel second = cloudChannel(owner, "100000000000802");
        long now = System.currentTimeMillis() / 1000;
        WebhookClient webhooks = new WebhookClient(port);
        java.util.function.BiConsumer<Channel, Long> write = (channel, at) -> {
            String body = """
                    {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{\
                    "messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},\
                    "contacts":[{"profile":{"name":"Ngozi"},"wa_id":"2348015550009"}],\
                    "messages":[{"from":"2348015550009","id":"wamid.%s","timestamp":"%d","type":"text",\
                    "text":{"body":"hello"}}]}}]}]}""".formatted(channel.phoneNumberId(), UUID.randomUUID(), at);
            assertThat(webhooks.postSigned(channel.id(), channel.appSecret(), body)
                            .status())
                    .isEqualTo(200);
        };
        UUID tenant = owner.workspaceId();
        java.util.function.Supplier<Map<String, Object>> contact = () -> as(
                tenant,
                () -> jdbc.sql("select last_channel_id, last_interaction_at, last_inbound_at from contacts"
                                + " where phone = '+2348015550009'")
                        .query()
                        .singleRow());

        write.accept(second, now);
        write.accept(first, now - 600); // delivered late: Meta retried it
        assertThat(contact.get().get("last_channel_id")).isEqualTo(second.id());
        assertThat(((java.sql.Timestamp) contact.get().get("last_interaction_at")).toInstant())
                .isEqualTo(java.time.Instant.ofEpochSecond(now));
        assertThat(((java.sql.Timestamp) contact.get().get("last_inbound_at")).toInstant())
                .isEqualTo(java.time.Instant.ofEpochSecond(now));

        write.accept(first, now + 60);
        assertThat(contact.get().get("last_channel_id")).isEqualTo(first.id());
        assertThat(((java.sql.Timestamp) contact.get().get("last_inbound_at")).toInstant())
                .isEqualTo(java.time.Instant.ofEpochSecond(now + 60));
        assertThat(count(tenant, "messages")).isEqualTo(3);
    }

    @Test
    void aDeletedChannelTakesNoMoreWebhooksThoughItsRouteWasRemembered() {
        Browser owner = new Browser(port).register("Deleted channel");
        Channel c = cloudChannel(owner);
        WebhookClient webhooks = new WebhookClient(port);
        assertThat(webhooks.postSigned(c.id(), c.appSecret(), inboundText("2348011113333", "wamid.del1", "one"))
                        .status())
                .isEqualTo(200); // its workspace and secret are now remembered

        assertThat(owner.delete("/api/v1/channels/" + c.id()).status()).isEqualTo(200);

        assertThat(webhooks.postSigned(c.id(), c.appSecret(), inboundText("2348011113333", "wamid.del2", "two"))
                        .status())
                .isEqualTo(404);
        assertThat(count(owner.workspaceId(), "messages")).isEqualTo(1);
    }

    @Test
    void refusesForgedOrMissingSignaturesAndStoresNothing() {
        Browser owner = new Browser(port).register("Forged");
        UUID tenant = owner.workspaceId();
        Channel c = cloudChannel(owner);
        WebhookClient webhooks = new WebhookClient(port);
        String body = fixture("inbound-text.json");

        WebhookClient.Response forged = webhooks.postSigned(c.id(), "not-the-secret", body);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(Browser.JSON
                        .readTree(forged.body())
                        .path("error")
                        .path("code")
                        .asString())
                .isEqualTo("unauthenticated");
        assertThat(webhooks.post(c.id(), body, null).status()).isEqualTo(401);
        // signed, then changed: the signature covers the raw bytes
        assertThat(webhooks.post(
                                c.id(),
                                body.replace("another color", "other colour"),
                                WebhookClient.sign(c.appSecret(), body))
                        .status())
                .isEqualTo(401);
        assertThat(webhooks.postSigned(UUID.randomUUID(), c.appSecret(), body).status())
                .isEqualTo(404);

        assertThat(count(tenant, "messages")).isZero();
        assertThat(count(tenant, "contacts")).isZero();
    }

    @Test
    void malformedJsonIsABadRequestAndStoresNothing() {
        Browser owner = new Browser(port).register("Malformed");
        UUID tenant = owner.workspaceId();
        Channel c = cloudChannel(owner);
        WebhookClient webhooks = new WebhookClient(port);
        String truncated = fixture("inbound-text.json").substring(0, 200);

        WebhookClient.Response r = webhooks.postSigned(c.id(), c.appSecret(), truncated);

        assertThat(r.status()).isEqualTo(400);
        assertThat(Browser.JSON.readTree(r.body()).path("error").path("code").asString())
                .isEqualTo("bad_request");
        assertThat(count(tenant, "messages")).isZero();
        assertThat(count(tenant, "contacts")).isZero();
    }

    @Test
    void stopOptsOutStartOptsBackInAndASentenceDoesNothing() {
        Browser owner = new Browser(port).register("Opt-out");
        Channel c = cloudChannel(owner);
        WebhookClient webhooks = new WebhookClient(port);
        String from = "2348030000001";

        Supplier<JsonNode> contact = () -> {
            String contactId = owner.get("/api/v1/messages?limit=1")
                    .data()
                    .path("items")
                    .path(0)
                    .path("contactId")
                    .asString();
            return owner.get("/api/v1/contacts/" + contactId).data();
        };
        webhooks.postSigned(c.id(), c.appSecret(), inboundText(from, "wamid.o1", "please stop sending"));
        assertThat(contact.get().path("optedOut").asBoolean()).isFalse();

        webhooks.postSigned(c.id(), c.appSecret(), inboundText(from, "wamid.o2", "  Stop! "));
        assertThat(contact.get().path("optedOut").asBoolean()).isTrue();

        webhooks.postSigned(c.id(), c.appSecret(), inboundText(from, "wamid.o3", "Don't stop, I was joking"));
        assertThat(contact.get().path("optedOut").asBoolean()).isTrue();

        webhooks.postSigned(c.id(), c.appSecret(), inboundText(from, "wamid.o4", "start"));
        assertThat(contact.get().path("optedOut").asBoolean()).isFalse();
    }

    @Test
    void downloadsInboundMediaThroughTheSandboxAndServesItOnlyToItsWorkspace() throws Exception {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        Browser owner = two.a();
        JsonNode channel =
                owner.post("/api/v1/channels/sandbox", Map.of("name", "Media")).data();
        String channelId = channel.path("id").asString();

        String wamid = sandboxApi.inboundImage(channel.path("phoneNumberId").asString(), "2348011112222", "A photo");

        JsonNode message = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> owner.get("/api/v1/messages?channelId=" + channelId)
                                .data()
                                .path("items")
                                .path(0),
                        m -> m.path("media").path("stored").asBoolean());
        assertThat(message.path("wamid").asString()).isEqualTo(wamid);
        assertThat(message.path("type").asString()).isEqualTo("image");
        assertThat(message.path("media").path("caption").asString()).isEqualTo("A photo");
        assertThat(message.path("media").path("mimeType").asString()).isEqualTo("image/png");

        String mediaPath = "/api/v1/messages/" + message.path("id").asString() + "/media";
        WebhookClient http = new WebhookClient(port);
        WebhookClient.Bytes file = http.getBytes(mediaPath, owner.cookie("WDX_SESSION"));
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.contentType()).isEqualTo("image/png");
        assertThat(file.body()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(message.path("media").path("sizeBytes").asLong()).isEqualTo(file.body().length);
        String sha256 = as(
                owner.workspaceId(),
                () -> jdbc.sql("select media_sha256 from messages where id = :id")
                        .param("id", UUID.fromString(message.path("id").asString()))
                        .query(String.class)
                        .single());
        assertThat(Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(file.body())))
                .as("the bytes the sandbox's phone sent")
                .isEqualTo(sha256);

        assertThat(http.getBytes(mediaPath, two.b().cookie("WDX_SESSION")).status())
                .isEqualTo(404);
        assertThat(two.b()
                        .get("/api/v1/messages/" + message.path("id").asString())
                        .status())
                .isEqualTo(404);
        assertThat(two.b().get("/api/v1/messages").data().path("items")).isEmpty();
    }

    @Test
    void aPayloadSignedForOneWorkspacesChannelNeverWritesIntoAnother() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        Channel a = cloudChannel(two.a());
        Channel b = cloudChannel(two.b());
        WebhookClient webhooks = new WebhookClient(port);
        String body = fixture("inbound-text.json");

        assertThat(webhooks.post(b.id(), body, WebhookClient.sign(a.appSecret(), body))
                        .status())
                .isEqualTo(401);
        assertThat(count(two.b().workspaceId(), "messages")).isZero();

        assertThat(webhooks.postSigned(a.id(), a.appSecret(), body).status()).isEqualTo(200);
        JsonNode message = two.a().get("/api/v1/messages").data().path("items").path(0);
        assertThat(message.path("channelId").asString()).isEqualTo(a.id().toString());

        assertThat(two.b().get("/api/v1/messages").data().path("items")).isEmpty();
        assertThat(two.b()
                        .get("/api/v1/messages/" + message.path("id").asString())
                        .status())
                .isEqualTo(404);
        assertThat(two.b()
                        .get("/api/v1/contacts/" + message.path("contactId").asString())
                        .status())
                .isEqualTo(404);
        assertThat(two.b()
                        .get("/api/v1/messages?contactId="
                                + message.path("contactId").asString())
                        .data()
                        .path("items"))
                .isEmpty();
        assertThat(count(two.b().workspaceId(), "contacts")).isZero();
    }
}
