package com.whatsdex.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A Cloud API channel's access token and app secret, and a person's password, appear in no API response and in no
 * log line, even with request logging at DEBUG/TRACE (Spring logs the request bodies it reads then); the verify
 * token, which owners and admins must copy into Meta's console, only in their channel responses.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverShownIntegrationTests {

    private static final List<String> VERBOSE_LOGGERS = List.of("com.whatsdex", "org.springframework.web");

    @LocalServerPort
    int port;

    private final List<Browser.Response> responses = new ArrayList<>();
    private final List<String> loggedSecrets = new ArrayList<>();

    private Browser.Response seen(Browser.Response r) {
        responses.add(r);
        return r;
    }

    @Test
    void channelSecretsAndPasswordsAppearInNoResponseAndNoLogLine(CapturedOutput output) throws Exception {
        String unique = UUID.randomUUID().toString().replace("-", "");
        String accessToken = "EAAGtoken" + unique;
        String appSecret = "appsecret" + unique;
        String verifyToken = "verify" + unique;
        String password = "pass-word-" + unique;
        String email = "secrets-" + unique + "@example.com";
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        VERBOSE_LOGGERS.forEach(name -> logging.setLogLevel(name, LogLevel.TRACE));
        try (FakeGraphServer graph = new FakeGraphServer()) {
            Browser owner = new Browser(port);
            seen(owner.post(
                    "/api/v1/auth/register",
                    Map.of("email", email, "password", password, "name", "Owner", "workspaceName", "Secrets Co")));
            seen(new Browser(port).post("/api/v1/auth/login", Map.of("email", email, "password", password + "x")));
            seen(owner.post("/api/v1/auth/login", Map.of("email", email, "password", password)));

            Map<String, Object> config = new HashMap<>();
            config.put("phoneNumberId", "106540352242922");
            config.put("wabaId", "102290129340398");
            config.put("accessToken", accessToken);
            config.put("appSecret", appSecret);
            config.put("verifyToken", verifyToken);
            config.put("graphBaseUrl", graph.baseUrl());
            Browser.Response created = seen(owner.post(
                    "/api/v1/channels", Map.of("name", "Cloud", "provider", "whatsapp_cloud", "config", config)));
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            String id = created.data().path("id").asString();
            assertThat(created.data().path("hasAccessToken").asBoolean()).isTrue();
            assertThat(created.data().path("verifyToken").asString())
                    .as("owners copy the verify token into Meta's console")
                    .isEqualTo(verifyToken);

            seen(owner.get("/api/v1/channels"));
            seen(owner.get("/api/v1/channels/" + id));
            seen(owner.patch("/api/v1/channels/" + id, Map.of("name", "Renamed")));
            seen(owner.post("/api/v1/channels/" + id + "/test", null));
            seen(owner.patch(
                    "/api/v1/channels/" + id,
                    Map.of("config", Map.of("accessToken", accessToken + "2", "appSecret", appSecret + "2"))));
            Browser.Response send = seen(
                    owner.post("/api/v1/messages", Map.of("to", "+2348031234567", "text", "Hello", "channelId", id)));
            assertThat(send.status())
                    .as("the channel's token was rejected: %s", send.raw())
                    .isEqualTo(409);
            assertThat(graph.requests)
                    .as("the connection tests reached the Graph API")
                    .isNotEmpty();
            seen(owner.get("/api/v1/messages"));

            int badSignature = webhook(id, "{\"object\":\"whatsapp_business_account\"}", "sha256=" + "00".repeat(32));
            int missingSignature = webhook(id, "{}", null);
            assertThat(List.of(badSignature, missingSignature)).containsOnly(401);
            seen(new Browser(port)
                    .raw(
                            "GET",
                            "/webhooks/whatsapp/" + id + "?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=42",
                            null,
                            "text/plain"));

            Browser.Response key = seen(owner.post("/api/v1/api-keys", Map.of("name", "CI")));
            String apiKey = key.data().path("key").asString();
            assertThat(apiKey).as("the key is shown once, to its creator").isNotBlank();
            responses.remove(key);
            seen(owner.get("/api/v1/api-keys"));
            seen(new Browser(port).withBearer(apiKey).get("/api/v1/channels/" + id));
            loggedSecrets.add(apiKey);

            Browser agent = member(owner, "agent");
            Browser.Response asAgent = seen(agent.get("/api/v1/channels/" + id));
            assertThat(asAgent.status()).isEqualTo(200);
            assertThat(asAgent.data().path("verifyToken").isNull()).isTrue();
            seen(agent.get("/api/v1/channels"));

            for (Browser.Response r : responses) {
                String all = r.raw() + r.headers();
                for (String secret : List.of(accessToken, appSecret, password, unique + "2")) {
                    assertThat(all).as("a response").doesNotContain(secret);
                }
                loggedSecrets.forEach(secret -> assertThat(all).as("a response").doesNotContain(secret));
                if (r != created && !r.raw().contains("\"provider\":\"whatsapp_cloud\"")) {
                    assertThat(all).doesNotContain(verifyToken);
                }
            }
            assertThat(asAgent.raw()).doesNotContain(verifyToken);
        } finally {
            VERBOSE_LOGGERS.forEach(name -> logging.setLogLevel(name, null));
        }
        String log = output.getAll();
        assertThat(log).as("the verbose logging was on").contains("Read \"application/json");
        assertThat(log).contains("Refused a webhook");
        loggedSecrets.addAll(List.of(accessToken, appSecret, verifyToken, password, unique + "2"));
        for (String secret : loggedSecrets) {
            assertThat(log).as("the log").doesNotContain(secret);
        }
    }

    private Browser member(Browser owner, String role) {
        String email = role + "-" + UUID.randomUUID() + "@example.com";
        String password = "member password " + UUID.randomUUID();
        Browser.Response added = owner.post(
                "/api/v1/workspace/members",
                Map.of("email", email, "name", "Member", "role", role, "password", password));
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        Browser browser = new Browser(port);
        assertThat(browser.post("/api/v1/auth/login", Map.of("email", email, "password", password))
                        .status())
                .isEqualTo(200);
        return browser;
    }

    private int webhook(String channelId, String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/webhooks/whatsapp/" + channelId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        HttpResponse<String> r;
        try (HttpClient http = HttpClient.newHttpClient()) {
            r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(r.body()).doesNotContain("sha256=");
        return r.statusCode();
    }
}
