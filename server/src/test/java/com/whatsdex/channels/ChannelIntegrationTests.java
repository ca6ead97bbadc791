package com.whatsdex.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.channels.domain.ChannelService;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.EventStream;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class ChannelIntegrationTests {

    private static final String APP_SECRET = "app_secret_123";
    private static final String VECTOR_BODY = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}";
    private static final String VECTOR_SIGNATURE =
            "sha256=02fe0c96d28c59ddb7cf81eff0ca05809b360ba73b63c28210b5906a0a107d1f";

    @LocalServerPort
    int port;

    @Autowired
    ChannelsApi channelsApi;

    @Autowired
    ChannelService channelService;

    @Autowired
    RecordingSandboxNumbers sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager txManager;

    private FakeGraphServer graph;

    @BeforeEach
    void startGraph() throws Exception {
        graph = new FakeGraphServer();
    }

    @AfterEach
    void stopGraph() {
        graph.close();
    }

    private Map<String, Object> cloud(String name, String token) {
        Map<String, Object> config = new HashMap<>();
        config.put("phoneNumberId", String.valueOf(100_000_000_000L + (long) (Math.random() * 1e10)));
        config.put("wabaId", "200000000000001");
        config.put("accessToken", token);
        config.put("appSecret", APP_SECRET);
        config.put("graphBaseUrl", graph.baseUrl());
        return Map.of("name", name, "provider", "whatsapp_cloud", "config", config);
    }

    private Browser.Response createSandbox(Browser browser) {
        return browser.post("/api/v1/channels/sandbox", Map.of("name", "Demo"));
    }

    private String sealedColumn(UUID tenantId, String channelId, String column) {
        return TenantContext.callAs(
                tenantId,
                () -> new TransactionTemplate(txManager)
                        .execute(tx -> jdbc.sql("select " + column + " from channels where id = :id")
                                .param("id", UUID.fromString(channelId))
                                .query(String.class)
                                .single()));
    }

    private Browser agentOf(Browser owner) {
        String email = "agent-" + UUID.randomUUID() + "@example.com";
        Browser.Response added = owner.post(
                "/api/v1/workspace/members",
                Map.of("email", email, "name", "Agent", "role", "agent", "password", "agent password 1"));
        assertThat(added.status()).isEqualTo(201);
        Browser agent = new Browser(port);
        assertThat(agent.post("/api/v1/auth/login", Map.of("email", email, "password", "agent password 1"))
                        .status())
                .isEqualTo(200);
        return agent;
    }

    @Test
    void connectsACloudChannelTestsItAndNeverReturnsItsSecrets() {
        Browser owner = new Browser(port).register("Cloud");

        Browser.Response created = owner.post("/api/v1/channels", cloud("Support line", FakeGraphServer.GOOD_TOKEN));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode c = created.data();
        String id = c.path("id").asString();
        assertThat(c.path("provider").asString()).isEqualTo("whatsapp_cloud");
        assertThat(c.path("status").asString()).isEqualTo("connected");
        assertThat(c.path("statusReason").isNull()).isTrue();
        assertThat(c.path("displayPhoneNumber").asString()).isEqualTo(FakeGraphServer.DISPLAY);
        assertThat(c.path("graphBaseUrl").asString()).isEqualTo(graph.baseUrl());
        assertThat(c.path("ratePerSecond").asInt()).isEqualTo(80);
        assertThat(c.path("hasAccessToken").asBoolean()).isTrue();
        assertThat(c.path("hasAppSecret").asBoolean()).isTrue();
        assertThat(c.path("webhookUrl").asString()).endsWith("/webhooks/whatsapp/" + id);
        String verifyToken = c.path("verifyToken").asString();
        assertThat(verifyToken).hasSizeGreaterThanOrEqualTo(20); // generated: none was given
        assertThat(graph.requests)
                .anyMatch(p -> p.endsWith("/" + c.path("phoneNumberId").asString()));

        for (Browser.Response r :
                List.of(created, owner.get("/api/v1/channels/" + id), owner.get("/api/v1/channels"))) {
            assertThat(r.raw()).doesNotContain(FakeGraphServer.GOOD_TOKEN).doesNotContain(APP_SECRET);
        }
        for (String column : List.of("access_token", "app_secret", "verify_token")) {
            String stored = sealedColumn(owner.workspaceId(), id, column);
            assertThat(stored).startsWith("v1:").doesNotContain(FakeGraphServer.GOOD_TOKEN, APP_SECRET, verifyToken);
        }

        Browser.Response renamed =
                owner.patch("/api/v1/channels/" + id, Map.of("name", "Sales line", "ratePerSecond", 20));
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        assertThat(renamed.data().path("name").asString()).isEqualTo("Sales line");
        assertThat(renamed.data().path("ratePerSecond").asInt()).isEqualTo(20);
        assertThat(renamed.data().path("status").asString()).isEqualTo("connected");

        // a new token is tested at once: Meta rejects this one
        Browser.Response rotated =
                owner.patch("/api/v1/channels/" + id, Map.of("config", Map.of("accessToken", "EAAG-revoked-token")));
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.data().path("status").asString()).isEqualTo("error");
        assertThat(rotated.data().path("statusReason").asString()).isEqualTo("access token rejected");
        assertThat(rotated.raw()).doesNotContain("EAAG-revoked-token");

        assertThat(owner.get("/api/v1/channels").data().path("items"))
                .extracting(n -> n.path("id").asString())
                .containsExactly(id);

        assertThat(owner.delete("/api/v1/channels/" + id).status()).isEqualTo(200);
        assertThat(owner.get("/api/v1/channels/" + id).status()).isEqualTo(404);
        assertThat(channelsApi.workspaceOf(UUID.fromString(id))).isEmpty();
    }

    @Test
    void testConnectionReportsARejectedTokenAndAnUnreachableGraphApi() throws Exception {
        Browser owner = new Browser(port).register("Errors");

        Browser.Response rejected = owner.post("/api/v1/channels", cloud("Bad token", "EAAG-wrong"));
        assertThat(rejected.status()).isEqualTo(201);
        assertThat(rejected.data().path("status").asString()).isEqualTo("error");
        assertThat(rejected.data().path("statusReason").asString()).isEqualTo("access token rejected");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> body = new HashMap<>(cloud("Offline", FakeGraphServer.GOOD_TOKEN));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = new HashMap<>((Map<String, Object>) body.get("config"));
        config.put("graphBaseUrl", "http://127.0.0.1:" + closedPort + "/v21.0");
        body.put("config", config);
        Browser.Response offline = owner.post("/api/v1/channels", body);
        assertThat(offline.status()).isEqualTo(201);
        assertThat(offline.data().path("status").asString()).isEqualTo("error");
        assertThat(offline.data().path("statusReason").asString())
                .startsWith("cannot reach the Graph API at 127.0.0.1");

        // the owner fixes the URL: the test connects and the stored status follows
        String id = offline.data().path("id").asString();
        Browser.Response fixed =
                owner.patch("/api/v1/channels/" + id, Map.of("config", Map.of("graphBaseUrl", graph.baseUrl())));
        assertThat(fixed.data().path("status").asString()).isEqualTo("connected");
        Browser.Response retested = owner.post("/api/v1/channels/" + id + "/test", null);
        assertThat(retested.status()).isEqualTo(200);
        assertThat(retested.data().path("status").asString()).isEqualTo("connected");
        assertThat(owner.get("/api/v1/channels/" + id)
                        .data()
                        .path("statusReason")
                        .isNull())
                .isTrue();
    }

    @Test
    void rejectsIncompleteCloudChannelsWithFieldErrors() {
        Browser owner = new Browser(port).register("Validation");

        Browser.Response missing = owner.post(
                "/api/v1/channels",
                Map.of("name", "Half", "provider", "whatsapp_cloud", "config", Map.of("phoneNumberId", "123")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorCode()).isEqualTo("validation_failed");
        assertThat(missing.body().path("error").path("details"))
                .extracting(d -> d.path("field").asString())
                .containsExactlyInAnyOrder("config.wabaId", "config.accessToken", "config.appSecret");

        Browser.Response shape = owner.post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        " ",
                        "provider",
                        "whatsapp_cloud",
                        "config",
                        Map.of("phoneNumberId", "12ab", "graphBaseUrl", "ftp://x", "ratePerSecond", 0)));
        assertThat(shape.status()).isEqualTo(400);
        assertThat(shape.body().path("error").path("details"))
                .extracting(d -> d.path("field").asString())
                .contains("name", "config.phoneNumberId", "config.graphBaseUrl", "config.ratePerSecond");

        assertThat(owner.post("/api/v1/channels", Map.of("name", "No provider")).errorCode())
                .isEqualTo("validation_failed");
        assertThat(owner.get("/api/v1/channels").data().path("items")).isEmpty();
    }

    @Test
    void enforcesThePlansChannelLimit() {
        Browser owner = new Browser(port).register("Limits");
        Browser operator = new Browser(port).withBearer("test-operator-token");

        // a new workspace is on the pro trial: 3 channels
        for (int i = 0; i < 3; i++) {
            assertThat(createSandbox(owner).status()).isEqualTo(201);
        }
        Browser.Response fourth = createSandbox(owner);
        assertThat(fourth.status()).isEqualTo(403);
        assertThat(fourth.errorCode()).isEqualTo("upgrade_required");
        assertThat(fourth.body()
                        .path("error")
                        .path("details")
                        .path(0)
                        .path("message")
                        .asString())
                .isEqualTo("enterprise");

        Browser starter = new Browser(port).register("Starter");
        assertThat(operator.put(
                                "/api/v1/admin/workspaces/" + starter.workspaceId() + "/plan",
                                Map.of("plan", "starter"))
                        .status())
                .isEqualTo(200);
        assertThat(createSandbox(starter).status()).isEqualTo(201);
        Browser.Response second = starter.post("/api/v1/channels", cloud("Second", FakeGraphServer.GOOD_TOKEN));
        assertThat(second.status()).isEqualTo(403);
        assertThat(second.errorCode()).isEqualTo("upgrade_required");
        assertThat(second.body().path("error").path("message").asString()).contains("pro");
        assertThat(second.body()
                        .path("error")
                        .path("details")
                        .path(0)
                        .path("message")
                        .asString())
                .isEqualTo("pro");
        assertThat(starter.get("/api/v1/channels").data().path("items")).hasSize(1);
    }

    @Test
    void concurrentCreatesCannotOvershootThePlan() throws Exception {
        Browser owner = new Browser(port).register("Race");
        List<Thread> threads = new java.util.ArrayList<>();
        List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 6; i++) {
            threads.add(Thread.ofVirtual()
                    .start(() -> statuses.add(createSandbox(owner).status())));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 403).hasSize(3);
        assertThat(owner.get("/api/v1/channels").data().path("items")).hasSize(3);
    }

    @Test
    void agentsListChannelsButCannotManageThemNorSeeTheVerifyToken() {
        Browser owner = new Browser(port).register("Roles");
        String id = createSandbox(owner).data().path("id").asString();
        Browser agent = agentOf(owner);

        Browser.Response list = agent.get("/api/v1/channels");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.data().path("items").path(0).path("id").asString()).isEqualTo(id);
        assertThat(list.data().path("items").path(0).path("verifyToken").isNull())
                .isTrue();
        assertThat(agent.get("/api/v1/channels/" + id)
                        .data()
                        .path("verifyToken")
                        .isNull())
                .isTrue();
        assertThat(owner.get("/api/v1/channels/" + id)
                        .data()
                        .path("verifyToken")
                        .isNull())
                .isFalse();

        assertThat(createSandbox(agent).status()).isEqualTo(403);
        assertThat(agent.post("/api/v1/channels", cloud("Nope", FakeGraphServer.GOOD_TOKEN))
                        .status())
                .isEqualTo(403);
        assertThat(agent.patch("/api/v1/channels/" + id, Map.of("name", "Mine")).status())
                .isEqualTo(403);
        assertThat(agent.post("/api/v1/channels/" + id + "/test", null).status())
                .isEqualTo(403);
        assertThat(agent.delete("/api/v1/channels/" + id).status()).isEqualTo(403);
        assertThat(owner.get("/api/v1/channels/" + id).data().path("name").asString())
                .isEqualTo("Demo");
    }

    @Test
    void oneClickSandboxChannelIsRegisteredConnectedAndUnregisteredOnDelete() {
        Browser owner = new Browser(port).register("Sandbox");

        Browser.Response created = owner.post("/api/v1/channels/sandbox", null);

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode c = created.data();
        String phoneNumberId = c.path("phoneNumberId").asString();
        assertThat(c.path("name").asString()).isEqualTo("Sandbox");
        assertThat(c.path("provider").asString()).isEqualTo("sandbox");
        assertThat(c.path("status").asString()).isEqualTo("connected");
        assertThat(c.path("displayPhoneNumber").asString()).matches("\\+1 555 01\\d\\d \\d{4}");
        assertThat(c.path("graphBaseUrl").asString()).matches("http://127\\.0\\.0\\.1:\\d+/sandbox/graph/v21\\.0");
        assertThat(c.path("sandbox").path("failureRate").asDouble()).isZero();
        assertThat(c.path("sandbox").path("enforceServiceWindow").asBoolean()).isFalse();

        SandboxNumbers.Number registered = sandbox.numbers.get(phoneNumberId);
        assertThat(registered).isNotNull();
        assertThat(registered.webhookUrl()).isEqualTo(c.path("webhookUrl").asString());
        assertThat(created.raw()).doesNotContain(registered.accessToken(), registered.appSecret());
        assertThat(channelsApi.verifySignature(
                        UUID.fromString(c.path("id").asString()),
                        "{}".getBytes(StandardCharsets.UTF_8),
                        signature(registered.appSecret(), "{}")))
                .as("the sandbox signs with the app secret it was given")
                .isTrue();

        Browser.Response inbound = owner.post(
                "/api/v1/channels/" + c.path("id").asString() + "/sandbox/inbound",
                Map.of("from", "+2348012345678", "text", "Hello"));
        assertThat(inbound.status()).isEqualTo(201);
        assertThat(inbound.data().path("wamid").asString()).startsWith("wamid.");
        assertThat(sandbox.inbound.get(phoneNumberId)).containsExactly("2348012345678:Hello");

        // settings changes reach the sandbox
        Browser.Response tuned = owner.patch(
                "/api/v1/channels/" + c.path("id").asString(),
                Map.of("config", Map.of("failureRate", 0.25, "enforceServiceWindow", true)));
        assertThat(tuned.status()).as(tuned.raw()).isEqualTo(200);
        assertThat(tuned.data().path("sandbox").path("failureRate").asDouble()).isEqualTo(0.25);
        assertThat(sandbox.numbers.get(phoneNumberId).settings().failureRate()).isEqualTo(0.25);
        assertThat(sandbox.numbers.get(phoneNumberId).settings().enforceServiceWindow())
                .isTrue();

        assertThat(owner.delete("/api/v1/channels/" + c.path("id").asString()).status())
                .isEqualTo(200);
        assertThat(sandbox.numbers).doesNotContainKey(phoneNumberId);
    }

    @Test
    void sandboxChannelsAreRegisteredAgainAfterARestart() {
        Browser owner = new Browser(port).register("Restart");
        String phoneNumberId = createSandbox(owner).data().path("phoneNumberId").asString();
        sandbox.numbers.clear(); // what a restart does to the sandbox's memory

        assertThat(channelService.registerAllSandboxChannels()).isPositive();

        assertThat(sandbox.numbers).containsKey(phoneNumberId);
    }

    @Test
    void webhookHandshakeEchoesTheChallengeOnlyForTheRightToken() {
        Browser owner = new Browser(port).register("Handshake");
        JsonNode c = createSandbox(owner).data();
        String path = "/webhooks/whatsapp/" + c.path("id").asString();
        String token = c.path("verifyToken").asString();
        Browser anonymous = new Browser(port);

        Browser.Response ok = anonymous.raw(
                "GET",
                path + "?hub.mode=subscribe&hub.verify_token=" + token + "&hub.challenge=1158201444",
                null,
                "*/*");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.raw()).isEqualTo("1158201444");
        assertThat(ok.header("Content-Type")).startsWith("text/plain");

        assertThat(anonymous
                        .raw("GET", path + "?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1", null, "*/*")
                        .status())
                .isEqualTo(403);
        assertThat(anonymous
                        .raw(
                                "GET",
                                path + "?hub.mode=unsubscribe&hub.verify_token=" + token + "&hub.challenge=1",
                                null,
                                "*/*")
                        .status())
                .isEqualTo(403);
        assertThat(anonymous.raw("GET", path, null, "*/*").status()).isEqualTo(403);
        assertThat(anonymous
                        .raw(
                                "GET",
                                "/webhooks/whatsapp/" + UUID.randomUUID()
                                        + "?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1",
                                null,
                                "*/*")
                        .status())
                .isEqualTo(404);
        assertThat(anonymous
                        .raw("GET", "/webhooks/whatsapp/not-a-uuid", null, "*/*")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void verifiesMetaSignaturesOverTheRawBody() {
        Browser owner = new Browser(port).register("Signatures");
        UUID id = UUID.fromString(owner.post("/api/v1/channels", cloud("Signed", FakeGraphServer.GOOD_TOKEN))
                .data()
                .path("id")
                .asString());
        byte[] body = VECTOR_BODY.getBytes(StandardCharsets.UTF_8);

        assertThat(channelsApi.workspaceOf(id)).contains(owner.workspaceId());
        assertThat(channelsApi.verifySignature(id, body, VECTOR_SIGNATURE)).isTrue();

        byte[] tampered = (VECTOR_BODY + " ").getBytes(StandardCharsets.UTF_8);
        assertThat(channelsApi.verifySignature(id, tampered, VECTOR_SIGNATURE)).isFalse();
        assertThat(channelsApi.verifySignature(id, body, signature("another_secret", VECTOR_BODY)))
                .isFalse();
        assertThat(channelsApi.verifySignature(id, body, VECTOR_SIGNATURE.replace("sha256=", "sha1=")))
                .isFalse();
        assertThat(channelsApi.verifySignature(id, body, "sha256=zz")).isFalse();
        assertThat(channelsApi.verifySignature(id, body, null)).isFalse();
        assertThat(channelsApi.verifySignature(UUID.randomUUID(), body, VECTOR_SIGNATURE))
                .isFalse();
    }

    @Test
    void otherModulesReadChannelsAndCredentialsOnlyInTheirWorkspace() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        UUID id = UUID.fromString(two.a()
                .post("/api/v1/channels", cloud("Creds", FakeGraphServer.GOOD_TOKEN))
                .data()
                .path("id")
                .asString());

        ChannelCredentials credentials = TenantContext.callAs(two.a().workspaceId(), () -> channelsApi.credentials(id));
        assertThat(credentials.accessToken()).isEqualTo(FakeGraphServer.GOOD_TOKEN);
        assertThat(credentials.graphBaseUrl()).isEqualTo(graph.baseUrl());
        assertThat(credentials.ratePerSecond()).isEqualTo(80);
        assertThat(credentials.toString()).doesNotContain(FakeGraphServer.GOOD_TOKEN);
        assertThat(TenantContext.callAs(two.a().workspaceId(), () -> channelsApi.list()))
                .extracting(ChannelView::id)
                .containsExactly(id);

        assertThat(TenantContext.callAs(two.b().workspaceId(), () -> channelsApi.list()))
                .isEmpty();
        assertThat(catchStatus(() -> TenantContext.callAs(two.b().workspaceId(), () -> channelsApi.credentials(id))))
                .isEqualTo(404);
        assertThat(catchStatus(() -> TenantContext.callAs(two.b().workspaceId(), () -> channelsApi.get(id))))
                .isEqualTo(404);
    }

    @Test
    void anotherWorkspaceCannotSeeOrTouchAChannel() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        String idOfA = createSandbox(two.a()).data().path("id").asString();
        createSandbox(two.b());

        two.assertInvisibleToB("/api/v1/channels/" + idOfA, Map.of("name", "Stolen"));
        assertThat(two.b().post("/api/v1/channels/" + idOfA + "/test", null).status())
                .isEqualTo(404);
        assertThat(two.b()
                        .post(
                                "/api/v1/channels/" + idOfA + "/sandbox/inbound",
                                Map.of("from", "15550001111", "text", "hi"))
                        .status())
                .isEqualTo(404);
        assertThat(two.b()
                        .get("/api/v1/channels/" + idOfA + "/sandbox/deliveries")
                        .status())
                .isEqualTo(404);
        two.assertListsDisjoint("/api/v1/channels", "id");
    }

    @Test
    void statusChangesReachTheWorkspacesEventStreamOnly() throws Exception {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        try (EventStream a = new EventStream(port, two.a().cookie("WDX_SESSION"));
                EventStream b = new EventStream(port, two.b().cookie("WDX_SESSION"))) {
            assertThat(a.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            !a.named("ready").isEmpty() && !b.named("ready").isEmpty());

            Browser.Response created = two.a().post("/api/v1/channels", cloud("Evented", "EAAG-wrong"));
            String id = created.data().path("id").asString();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> a.named("channel.status").stream()
                            .anyMatch(e -> e.data().path("channelId").asString().equals(id)));
            JsonNode event = a.named("channel.status").getLast().data();
            assertThat(event.path("status").asString()).isEqualTo("error");
            assertThat(event.path("reason").asString()).isEqualTo("access token rejected");

            // the same status again is no change: no second event
            two.a().post("/api/v1/channels/" + id + "/test", null);
            two.a()
                    .patch(
                            "/api/v1/channels/" + id,
                            Map.of("config", Map.of("accessToken", FakeGraphServer.GOOD_TOKEN)));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> a.named("channel.status").stream()
                            .anyMatch(e -> e.data().path("status").asString().equals("connected")));
            assertThat(a.named("channel.status")).hasSize(2);
            assertThat(b.named("channel.status")).isEmpty();
        }
    }

    private static int catchStatus(Runnable action) {
        try {
            action.run();
            return 200;
        } catch (com.whatsdex.shared.ApiException e) {
            return e.status().value();
        }
    }

    private static String signature(String secret, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
