package com.whatsdex.sandbox.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.sandbox.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sandbox alone, as load tests run it: no Spring, no database, numbers registered over its admin API. */
class SandboxServerTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void standaloneServerRegistersOverAdminApiAndAnswersSendsWithSignedWebhooks() throws Exception {
        try (SandboxServer server = SandboxServer.start("127.0.0.1", 0);
                WebhookReceiver receiver = new WebhookReceiver()) {
            String admin = "http://127.0.0.1:" + server.port() + "/sandbox/admin";
            HttpResponse<String> registered = HTTP.send(
                    HttpRequest.newBuilder(URI.create(admin + "/numbers"))
                            .POST(HttpRequest.BodyPublishers.ofString("""
                                    {"phoneNumberId":"106540352242922","displayPhoneNumber":"15550783881",
                                     "accessToken":"load-token","appSecret":"app_secret_123","webhookUrl":"%s",
                                     "settings":{"failureRate":0,"maxMessagesPerSecond":0,"enforceServiceWindow":false,
                                       "sentDelay":"PT0.005S","deliveredDelay":"PT0.005S","readDelay":"PT0.005S"}}""".formatted(receiver.url("/hook"))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            String graph = JSON.readTree(registered.body()).path("graphBaseUrl").asString();
            assertThat(graph).isEqualTo("http://127.0.0.1:" + server.port() + "/sandbox/graph/v21.0");

            HttpResponse<String> sent = HTTP.send(
                    HttpRequest.newBuilder(URI.create(graph + "/106540352242922/messages"))
                            .header("Authorization", "Bearer load-token")
                            .header("Content-Type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            "{\"messaging_product\":\"whatsapp\",\"to\":\"2348012345678\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            String wamid = JSON.readTree(sent.body())
                    .path("messages")
                    .path(0)
                    .path("id")
                    .asString();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.statusNamesOf("/hook", wamid).equals(List.of("sent", "delivered", "read")));
            assertThat(receiver.received("/hook"))
                    .allSatisfy(r -> assertThat(r.signedWith("app_secret_123")).isTrue());

            JsonNode deliveries = JSON.readTree(HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create(admin + "/numbers/106540352242922/deliveries?to=2348012345678"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(deliveries.path(0).path("wamid").asString()).isEqualTo(wamid);
            assertThat(deliveries.path(0).path("status").asString()).isEqualTo("read");
            JsonNode stats = JSON.readTree(HTTP.send(
                            HttpRequest.newBuilder(URI.create(admin + "/stats")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(stats.path("accepted").asLong()).isEqualTo(1);
            assertThat(stats.path("statusesPosted").asLong()).isEqualTo(3);
        }
    }

    @Test
    void adminApiRefusesAnInvalidNumber() throws Exception {
        try (SandboxServer server = SandboxServer.start("127.0.0.1", 0)) {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/sandbox/admin/numbers"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"phoneNumberId\":\"x\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void anOutageRefusesGraphCallsWithoutProcessingThemUntilItEnds() throws Exception {
        try (SandboxServer server = SandboxServer.start("127.0.0.1", 0)) {
            String admin = "http://127.0.0.1:" + server.port() + "/sandbox/admin";
            HttpResponse<String> registered = post(admin + "/numbers", """
                    {"phoneNumberId":"106540352242923","displayPhoneNumber":"15550783882",
                     "accessToken":"load-token","appSecret":"app_secret_123","webhookUrl":"http://127.0.0.1:9/none",
                     "settings":{"failureRate":0,"maxMessagesPerSecond":0,"enforceServiceWindow":false,
                       "sentDelay":"PT0.005S","deliveredDelay":"PT0.005S","readDelay":"PT0.005S"}}""");
            String send =
                    JSON.readTree(registered.body()).path("graphBaseUrl").asString() + "/106540352242923/messages";
            String message =
                    "{\"messaging_product\":\"whatsapp\",\"to\":\"2348012345678\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}";

            assertThat(post(admin + "/outage", "{\"mode\":\"error\",\"seconds\":60}")
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> refused = post(send, message);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(refused.body()).path("error").path("code").asInt())
                    .isEqualTo(2);

            post(admin + "/outage", "{\"mode\":\"stall\",\"seconds\":1}");
            long start = System.nanoTime();
            HttpResponse<String> stalled = post(send, message);
            assertThat(stalled.statusCode()).isEqualTo(504);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));

            assertThat(post(send, message).statusCode()).isEqualTo(200);
            JsonNode stats = JSON.readTree(HTTP.send(
                            HttpRequest.newBuilder(URI.create(admin + "/stats")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(stats.path("accepted").asLong()).isEqualTo(1);
            JsonNode outage = JSON.readTree(HTTP.send(
                            HttpRequest.newBuilder(URI.create(admin + "/outage"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(outage.path("refused").asLong()).isEqualTo(2);
            assertThat(post(admin + "/outage", "{\"mode\":\"flood\",\"seconds\":1}")
                            .statusCode())
                    .isEqualTo(400);
        }
    }

    @Test
    void aPhoneSendsAnImageWhenAskedTo() throws Exception {
        try (SandboxServer server = SandboxServer.start("127.0.0.1", 0);
                WebhookReceiver receiver = new WebhookReceiver()) {
            String admin = "http://127.0.0.1:" + server.port() + "/sandbox/admin";
            post(admin + "/numbers", """
                    {"phoneNumberId":"106540352242924","displayPhoneNumber":"15550783883",
                     "accessToken":"load-token","appSecret":"app_secret_123","webhookUrl":"%s",
                     "settings":{"failureRate":0,"maxMessagesPerSecond":0,"enforceServiceWindow":false,
                       "sentDelay":"PT0.005S","deliveredDelay":"PT0.005S","readDelay":"PT0.005S"}}""".formatted(receiver.url("/hook")));

            HttpResponse<String> sent = post(
                    admin + "/numbers/106540352242924/inbound",
                    "{\"from\":\"2348012345679\",\"text\":\"look\",\"image\":true}");

            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !receiver.received("/hook").isEmpty());
            JsonNode message = receiver.received("/hook").getFirst().messages().getFirst();
            assertThat(message.path("type").asString()).isEqualTo("image");
            assertThat(message.path("image").path("caption").asString()).isEqualTo("look");
            assertThat(message.path("image").path("id").asString()).isNotEmpty();
        }
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer load-token")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
