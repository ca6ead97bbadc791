package com.whatsdex.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * An inbound image whose download fails: a failure that retrying cannot help (gone at the provider, an expired link,
 * over the size limit) is recorded on the message at once and parked, one that retrying may fix is retried without
 * a recorded error, and one that lasts through every attempt ends with the reason on the message. A local fake
 * Graph API serves the media (the test profile allows loopback and retries media downloads within 100 – 200 ms).
 */
@IntegrationTest
class MediaDownloadFailureIntegrationTests {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager txManager;

    private FakeMediaGraph graph;
    private Browser owner;

    @BeforeEach
    void start() throws IOException {
        graph = new FakeMediaGraph();
        owner = new Browser(port).register("Media failures");
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    @Test
    void aFileTheProviderNoLongerHasIsExplainedAtOnceAndNotRetried() {
        JsonNode message = receiveImage("gone", info -> info.status(404, """
                {"error":{"message":"Unsupported get request.","type":"GraphMethodException","code":100}}"""));

        assertThat(message.path("media").path("error").asString())
                .isEqualTo("Not stored: WhatsApp no longer has the file (it answered 404)");
        assertThat(message.path("media").path("stored").asBoolean()).isFalse();
        awaitParked(message, 1);
        assertThat(graph.infoRequests("gone")).isEqualTo(1);
    }

    @Test
    void anExpiredDownloadLinkIsExplainedAtOnce() {
        graph.downloadStatus.put("expired", 404);
        JsonNode message = receiveImage("expired", info -> info.ok(PNG.length));

        assertThat(message.path("media").path("error").asString())
                .isEqualTo("Not stored: the download link had expired (WhatsApp answered 404)");
        awaitParked(message, 1);
    }

    @Test
    void aFileOverTheLimitIsExplainedWithoutDownloadingIt() {
        JsonNode message = receiveImage("huge", info -> info.ok(200_000_000));

        assertThat(message.path("media").path("error").asString())
                .isEqualTo("Not stored: the file is larger than the server's limit of 104.9 MB (200.0 MB)");
        awaitParked(message, 1);
        assertThat(graph.downloads("huge")).isZero();
    }

    @Test
    void aFailureThatARetryFixesIsNeverRecorded() {
        JsonNode message =
                receiveImage("flaky", info -> info.attempt() <= 2 ? info.status(503, "{}") : info.ok(PNG.length));

        assertThat(message.path("media").path("stored").asBoolean()).isTrue();
        assertThat(message.path("media").path("error").isNull()).isTrue();
        assertThat(graph.errorsSeenAtRequest("flaky"))
                .as("media.error while attempts 2 and 3 ran, after a failed attempt")
                .containsExactly("none", "none", "none");
        String path = "/api/v1/messages/" + message.path("id").asString() + "/media";
        assertThat(new WebhookClient(port)
                        .getBytes(path, owner.cookie("WDX_SESSION"))
                        .body())
                .isEqualTo(PNG);
    }

    @Test
    void aFailureThatLastsThroughEveryAttemptEndsWithTheReasonOnTheMessage() {
        JsonNode message = receiveImage("down", info -> info.status(503, "{}"));

        assertThat(message.path("media").path("error").asString())
                .isEqualTo("Not stored: the download failed 4 times (WhatsApp could not be reached)");
        assertThat(graph.errorsSeenAtRequest("down"))
                .as("nothing recorded while retries were left")
                .containsExactly("none", "none", "none", "none");
        awaitParked(message, 4);
    }

    /** Creates a Cloud API channel on the fake, posts a signed inbound image and waits until its download ended. */
    private JsonNode receiveImage(String mediaId, InfoAnswer answer) {
        graph.answers.put(mediaId, answer);
        String phoneNumberId = "1065403522" + (10000 + (int) (Math.random() * 89999));
        String secret = "secret-" + UUID.randomUUID();
        Map<String, Object> config = new HashMap<>();
        config.put("phoneNumberId", phoneNumberId);
        config.put("wabaId", "102290129340398");
        config.put("accessToken", "token-" + UUID.randomUUID());
        config.put("appSecret", secret);
        config.put("graphBaseUrl", graph.baseUrl());
        Browser.Response channel =
                owner.post("/api/v1/channels", Map.of("name", "Cloud", "provider", "whatsapp_cloud", "config", config));
        assertThat(channel.status()).as(channel.raw()).isEqualTo(201);
        String channelId = channel.data().path("id").asString();
        String from = "23480" + (10_000_000 + (int) (Math.random() * 89_999_999));
        String body =
                """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{\
                "messaging_product":"whatsapp","metadata":{"phone_number_id":"%s"},\
                "contacts":[{"profile":{"name":"Tester"},"wa_id":"%s"}],\
                "messages":[{"from":"%s","id":"wamid.%s","timestamp":"%d","type":"image",\
                "image":{"id":"%s","mime_type":"image/png","sha256":"x","caption":"photo"}}]}}]}]}""".formatted(phoneNumberId, from, from, UUID.randomUUID(), System.currentTimeMillis() / 1000, mediaId);
        assertThat(new WebhookClient(port)
                        .postSigned(UUID.fromString(channelId), secret, body)
                        .status())
                .isEqualTo(200);
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> owner.get("/api/v1/messages?channelId=" + channelId)
                                .data()
                                .path("items")
                                .path(0),
                        m -> m.path("media").path("stored").asBoolean()
                                || !m.path("media").path("error").isNull());
    }

    private void awaitParked(JsonNode message, int attempts) {
        String id = message.path("id").asString();
        List<Map<String, Object>> parked = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> jdbc.sql("select attempts from failed_jobs where task_instance = :id")
                                .param("id", id)
                                .query()
                                .listOfRows(),
                        rows -> !rows.isEmpty());
        assertThat(parked)
                .singleElement()
                .satisfies(row -> assertThat(row.get("attempts")).isEqualTo(attempts));
    }

    private @Nullable String mediaError(String mediaId) {
        UUID workspace = java.util.Objects.requireNonNull(owner.workspaceId());
        return TenantContext.callAs(
                workspace,
                () -> new TransactionTemplate(txManager)
                        .execute(s -> jdbc.sql("select coalesce(media_error, 'none') from messages where media_id = :m")
                                .param("m", mediaId)
                                .query(String.class)
                                .optional()
                                .orElse(null)));
    }

    /** What the fake's media info endpoint answers to the n-th request for a media id. */
    @FunctionalInterface
    interface InfoAnswer {
        Answer answer(InfoRequest request);
    }

    record InfoRequest(int attempt, String downloadUrl) {
        Answer status(int status, String body) {
            return new Answer(status, body);
        }

        Answer ok(long fileSize) {
            return new Answer(200, """
                    {"url":"%s","mime_type":"image/png","sha256":"x","file_size":%d,"id":"m"}""".formatted(downloadUrl, fileSize));
        }
    }

    record Answer(int status, String body) {}

    /** Meta's two media steps: {@code GET /v21.0/{media id}} gives a URL, {@code GET /files/{media id}} the bytes. */
    final class FakeMediaGraph implements AutoCloseable {

        final Map<String, InfoAnswer> answers = new ConcurrentHashMap<>();
        final Map<String, Integer> downloadStatus = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> infoCounts = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> downloadCounts = new ConcurrentHashMap<>();
        private final Map<String, List<String>> errorsSeen = new ConcurrentHashMap<>();
        private final HttpServer server;

        FakeMediaGraph() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v21.0/", exchange -> {
                String id = exchange.getRequestURI().getPath().substring("/v21.0/".length());
                int attempt =
                        infoCounts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                errorsSeen
                        .computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(String.valueOf(mediaError(id)));
                InfoAnswer answer = answers.get(id);
                Answer a = answer == null
                        ? new Answer(404, "{}")
                        : answer.answer(new InfoRequest(attempt, baseRoot() + "/files/" + id));
                respond(exchange, a.status(), a.body().getBytes(StandardCharsets.UTF_8), "application/json");
            });
            server.createContext("/files/", exchange -> {
                String id = exchange.getRequestURI().getPath().substring("/files/".length());
                downloadCounts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                int status = downloadStatus.getOrDefault(id, 200);
                respond(exchange, status, status == 200 ? PNG : new byte[0], "image/png");
            });
            server.start();
        }

        private static void respond(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        String baseRoot() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        String baseUrl() {
            return baseRoot() + "/v21.0";
        }

        int infoRequests(String id) {
            return infoCounts.getOrDefault(id, new AtomicInteger()).get();
        }

        int downloads(String id) {
            return downloadCounts.getOrDefault(id, new AtomicInteger()).get();
        }

        /** media_error of the message as each media info request arrived ("none" when null). */
        List<String> errorsSeenAtRequest(String id) {
            return List.copyOf(errorsSeen.getOrDefault(id, List.of()));
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
