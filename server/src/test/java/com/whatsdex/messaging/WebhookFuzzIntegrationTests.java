package com.whatsdex.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded fuzzing of {@code POST /webhooks/whatsapp/{channelId}} with correctly signed bodies: Meta's fixture payloads
 * mutated as JSON (values of the wrong type, missing and duplicated parts, huge strings, odd numbers) and as bytes
 * (truncated, invalid UTF-8, deep nesting). Never a 5xx; a body that is not a JSON object is 400 with nothing
 * stored; anything else is 200 and what it stored reads back through the API.
 */
@IntegrationTest
class WebhookFuzzIntegrationTests {

    private static final long SEED = 0xF00DL;
    private static final int PAYLOADS = 400;
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager txManager;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void signedMutatedPayloadsAreStoredIgnoredOrRefusedButNeverAServerError() {
        Browser owner = new Browser(port).register("Webhook Fuzz");
        UUID tenant = owner.workspaceId();
        String secret = "fuzz-secret-" + UUID.randomUUID();
        UUID channel = cloudChannel(owner, secret);
        List<String> fixtures =
                List.of(fixture("inbound-text.json"), fixture("status-batch.json"), fixture("status-failed.json"));
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int[] outcomes = new int[2];

        assertTimeoutPreemptively(Duration.ofSeconds(180), () -> {
            for (int i = 0; i < PAYLOADS; i++) {
                byte[] body = payload(random, fixtures.get(random.nextInt(fixtures.size())));
                boolean object = isJsonObject(body);
                long before = stored(tenant);
                HttpResponse<String> r = post(channel, body, sign(secret, body));
                long after = stored(tenant);
                String what = "payload " + i + " (" + body.length + " bytes) -> " + r.statusCode() + " " + r.body();
                if (r.statusCode() >= 500) {
                    failures.add(what);
                } else if (body.length > 1024 * 1024) {
                    if (r.statusCode() != 413 || after != before) {
                        failures.add("over 1 MB, not 413 with nothing stored: " + what);
                    }
                } else if (!object && r.statusCode() != 400) {
                    failures.add("malformed, not 400: " + what);
                } else if (object && r.statusCode() != 200) {
                    failures.add("a JSON object, not 200: " + what);
                } else if (r.statusCode() == 400 && after != before) {
                    failures.add("stored on a 400: " + what);
                }
                outcomes[r.statusCode() == 200 ? 0 : 1]++;
                if (failures.size() > 20) {
                    break;
                }
            }
        });

        assertThat(failures).as("webhook answers").isEmpty();
        assertThat(outcomes[0]).as("accepted payloads").isPositive();
        assertThat(outcomes[1]).as("refused payloads").isPositive();
        assertThat(stored(tenant))
                .as("some mutated payloads still carried messages")
                .isPositive();
        // whatever was stored reads back through the API the dashboard uses
        Browser.Response conversations = owner.get("/api/v1/inbox/conversations?limit=500");
        assertThat(conversations.status()).as(conversations.raw()).isEqualTo(200);
        for (JsonNode c : conversations.data().path("items")) {
            String contact = c.path("contactId").asString();
            Browser.Response thread = owner.get("/api/v1/inbox/conversations/" + contact + "/messages");
            assertThat(thread.status()).as(thread.raw()).isEqualTo(200);
            assertThat(owner.get("/api/v1/contacts/" + contact).status()).isEqualTo(200);
        }
        Browser.Response messages = owner.get("/api/v1/messages?limit=500");
        assertThat(messages.status()).as(messages.raw()).isEqualTo(200);
    }

    @Test
    void deeplyNestedAndHugeNumbersAreRefusedAsMalformed() {
        Browser owner = new Browser(port).register("Webhook Nesting");
        String secret = "nest-secret-" + UUID.randomUUID();
        UUID channel = cloudChannel(owner, secret);
        List<byte[]> bodies = List.of(
                ("{\"entry\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}").getBytes(StandardCharsets.UTF_8),
                ("{\"entry\":[{\"changes\":" + "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000) + "}]}")
                        .getBytes(StandardCharsets.UTF_8),
                ("{\"entry\":1" + "0".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (byte[] body : bodies) {
                HttpResponse<String> r = post(channel, body, sign(secret, body));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            }
        });
    }

    // ---- payloads

    private static byte[] payload(Random random, String fixture) {
        JsonNode tree = JSON.readTree(fixture);
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            mutate(random, tree, 0);
        }
        byte[] bytes = JSON.writeValueAsBytes(tree);
        return switch (random.nextInt(8)) {
            case 0 -> java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)); // truncated
            case 1 -> flip(random, bytes);
            case 2 -> random.nextBoolean() ? "[]".getBytes() : "\"text\"".getBytes(); // JSON, not an object
            case 3 -> new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}'}; // invalid UTF-8
            default -> bytes;
        };
    }

    /** Changes one node somewhere in the tree: another type, removed, duplicated, huge or odd. */
    private static void mutate(Random random, JsonNode node, int depth) {
        if (node instanceof ObjectNode object && !object.isEmpty()) {
            List<String> names = new ArrayList<>(object.propertyNames());
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(3) > 0 && depth < 12 && object.get(name).isContainer()) {
                mutate(random, object.get(name), depth + 1);
            } else {
                switch (random.nextInt(4)) {
                    case 0 -> object.remove(name);
                    case 1 -> object.set(name, odd(random));
                    case 2 -> object.set("unknown_" + random.nextInt(100), odd(random));
                    default -> object.set(name, odd(random));
                }
            }
        } else if (node instanceof ArrayNode array && !array.isEmpty()) {
            int index = random.nextInt(array.size());
            if (random.nextInt(3) > 0 && depth < 12 && array.get(index).isContainer()) {
                mutate(random, array.get(index), depth + 1);
            } else {
                switch (random.nextInt(3)) {
                    case 0 -> array.remove(index);
                    case 1 -> {
                        for (int i = 0; i < 1 + random.nextInt(50); i++) {
                            array.add(array.get(index).deepCopy()); // the same wamid many times
                        }
                    }
                    default -> array.set(index, odd(random));
                }
            }
        }
    }

    private static JsonNode odd(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.stringNode("");
            case 2 -> NODES.stringNode("x".repeat(random.nextInt(200_000)));
            case 3 -> NODES.numberNode(random.nextLong());
            case 4 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 5 -> NODES.numberNode(-1);
            case 6 -> NODES.booleanNode(random.nextBoolean());
            case 7 -> NODES.arrayNode();
            case 8 -> NODES.objectNode();
            case 9 -> NODES.stringNode("\u0000\uD800 \u202E" + "😀".repeat(random.nextInt(100)));
            case 10 -> NODES.stringNode(String.valueOf(1 + random.nextInt(999_999_999))); // a short "phone"
            case 11 -> NODES.stringNode("99999999999999999999");
            case 12 -> NODES.stringNode("wamid." + UUID.randomUUID());
            default -> NODES.stringNode("2348031" + (100_000 + random.nextInt(900_000)));
        };
    }

    private static byte[] flip(Random random, byte[] bytes) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < 1 + random.nextInt(5) && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static boolean isJsonObject(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    // ---- plumbing

    private UUID cloudChannel(Browser owner, String secret) {
        Map<String, Object> config = new HashMap<>();
        config.put("phoneNumberId", PHONE_NUMBER_ID);
        config.put("wabaId", "102290129340398");
        config.put("accessToken", "token-" + UUID.randomUUID());
        config.put("appSecret", secret);
        config.put("graphBaseUrl", "http://127.0.0.1:9/v21.0");
        Browser.Response r =
                owner.post("/api/v1/channels", Map.of("name", "Cloud", "provider", "whatsapp_cloud", "config", config));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return UUID.fromString(r.data().path("id").asString());
    }

    /** Messages and contacts the workspace holds. */
    private long stored(UUID tenant) {
        return TenantContext.callAs(
                tenant,
                () -> new TransactionTemplate(txManager)
                        .execute(s -> jdbc.sql(
                                        "select (select count(*) from messages) + (select count(*) from contacts)")
                                .query(Long.class)
                                .single()));
    }

    private HttpResponse<String> post(UUID channel, byte[] body, String signature) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/webhooks/whatsapp/" + channel))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fixture(String name) {
        try (InputStream in = WebhookFuzzIntegrationTests.class.getResourceAsStream("/fixtures/whatsapp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
