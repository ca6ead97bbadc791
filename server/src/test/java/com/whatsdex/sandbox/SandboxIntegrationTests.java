package com.whatsdex.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.support.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox in the running application, over real HTTP as the Cloud API client will use it: sends to
 * {@code /sandbox/graph/v21.0/...}, signed webhooks to a local receiver standing in for our webhook endpoint.
 */
@IntegrationTest
class SandboxIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final SandboxSettings FAST =
            SandboxSettings.defaults().withDelays(Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofMillis(5));
    static final Duration WAIT = Duration.ofSeconds(10);

    /** Meta's inbound text webhook, from fixtures/whatsapp/inbound-text.json. */
    static final String INBOUND_FIXTURE = """
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Does it come in another color?"}}]}}]}]}
            """;

    static WebhookReceiver receiver;

    @Autowired
    SandboxApi sandbox;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** A number of its own for each test, so tests sharing the application never see each other's webhooks. */
    record Number(String id, String token, String secret, String hook, String graph) {}

    Number register(SandboxSettings settings) {
        String id = "1065" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String hook = "/hook/" + id;
        String token = "token-" + UUID.randomUUID();
        String secret = "secret-" + UUID.randomUUID();
        String graph =
                sandbox.register(new SandboxNumber(id, "15550783881", token, secret, receiver.url(hook), settings));
        return new Number(id, token, secret, hook, graph);
    }

    static HttpResponse<String> post(Number n, String token, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(n.graph() + "/" + n.id() + "/messages"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode sendText(Number n, String to, String text) throws Exception {
        HttpResponse<String> response = post(n, n.token(), """
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"text","text":{"body":"%s"}}
                """.formatted(to, text));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static String template(String to) {
        return """
                {"messaging_product":"whatsapp","to":"%s","type":"template","template":{"name":"order_update",
                 "language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ada"}]}]}}
                """.formatted(to);
    }

    static String wamid(JsonNode answer) {
        return answer.path("messages").path(0).path("id").asString();
    }

    static HttpResponse<byte[]> get(String url, String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void graphBaseUrlIsLoopbackWithMetasVersion() {
        Number n = register(FAST);

        assertThat(n.graph()).matches("http://127\\.0\\.0\\.1:\\d+/sandbox/graph/v21\\.0");
    }

    @Test
    void textSendIsAnsweredLikeMetaThenSentDeliveredReadArriveSignedAndInOrder() throws Exception {
        Number n = register(FAST);

        JsonNode answer = sendText(n, "+234 801 234 5678", "Hello from the test");

        assertThat(answer.path("messaging_product").asString()).isEqualTo("whatsapp");
        assertThat(answer.path("contacts").path(0).path("input").asString()).isEqualTo("+234 801 234 5678");
        assertThat(answer.path("contacts").path(0).path("wa_id").asString()).isEqualTo("2348012345678");
        String wamid = wamid(answer);
        assertThat(wamid).startsWith("wamid.");
        await().atMost(WAIT).until(() -> receiver.statusNamesOf(n.hook(), wamid).size() == 3);
        assertThat(receiver.statusNamesOf(n.hook(), wamid)).containsExactly("sent", "delivered", "read");
        assertThat(receiver.received(n.hook())).allSatisfy(r -> {
            assertThat(r.signedWith(n.secret())).as("signature").isTrue();
            assertThat(r.contentType()).isEqualTo("application/json");
            JsonNode value =
                    r.json().path("entry").path(0).path("changes").path(0).path("value");
            assertThat(r.json().path("object").asString()).isEqualTo("whatsapp_business_account");
            assertThat(value.path("metadata").path("phone_number_id").asString())
                    .isEqualTo(n.id());
            assertThat(value.path("metadata").path("display_phone_number").asString())
                    .isEqualTo("15550783881");
        });
        JsonNode sent = receiver.statusesOf(n.hook(), wamid).getFirst();
        assertThat(sent.path("recipient_id").asString()).isEqualTo("2348012345678");
        assertThat(sent.path("timestamp").asString()).matches("\\d{10}");
        assertThat(sent.path("conversation").path("id").asString()).hasSize(32);
        assertThat(sent.path("conversation").path("origin").path("type").asString())
                .isEqualTo("service");
        assertThat(sent.path("pricing").path("pricing_model").asString()).isEqualTo("PMP");
    }

    @Test
    void templateAndMediaByLinkAreAcceptedAndDelivered() throws Exception {
        Number n = register(FAST);

        HttpResponse<String> template = post(n, n.token(), template("2348012340002"));
        HttpResponse<String> image = post(n, n.token(), """
                {"messaging_product":"whatsapp","to":"2348012340002","type":"image",
                 "image":{"link":"https://example.com/cat.png","caption":"A cat"}}""");
        HttpResponse<String> document = post(n, n.token(), """
                {"messaging_product":"whatsapp","to":"2348012340002","type":"document",
                 "document":{"link":"https://example.com/invoice.pdf"}}""");

        assertThat(List.of(template, image, document))
                .allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
        JsonNode templateAnswer = JSON.readTree(template.body());
        assertThat(templateAnswer
                        .path("messages")
                        .path(0)
                        .path("message_status")
                        .asString())
                .isEqualTo("accepted");
        String templateWamid = wamid(templateAnswer);
        await().atMost(WAIT)
                .until(() -> receiver.statusNamesOf(n.hook(), templateWamid).contains("read"));
        JsonNode templateSent = receiver.statusesOf(n.hook(), templateWamid).getFirst();
        assertThat(templateSent.path("pricing").path("billable").asBoolean()).isTrue();
        List<SandboxDelivery> deliveries = sandbox.deliveries(n.id(), "2348012340002", 10);
        assertThat(deliveries).extracting(SandboxDelivery::type).containsExactly("document", "image", "template");
        assertThat(deliveries.get(1).mediaLink()).isEqualTo("https://example.com/cat.png");
        assertThat(deliveries.get(1).text()).isEqualTo("A cat");
        assertThat(deliveries.get(2).templateName()).isEqualTo("order_update");
        assertThat(deliveries.get(2).text()).isEqualTo("Ada");
    }

    @Test
    void documentedNumbersFailWithMetasCodes() throws Exception {
        Number n = register(FAST);

        String undeliverable = wamid(sendText(n, "2348010000000", "never arrives"));
        String optedOutTemplate = wamid(
                JSON.readTree(post(n, n.token(), template("2348010000001")).body()));
        String optedOutText = wamid(sendText(n, "2348010000001", "a reply still arrives"));

        await().atMost(WAIT)
                .until(() -> receiver.statusNamesOf(n.hook(), undeliverable).equals(List.of("failed"))
                        && receiver.statusNamesOf(n.hook(), optedOutTemplate).equals(List.of("failed"))
                        && receiver.statusNamesOf(n.hook(), optedOutText).contains("read"));
        JsonNode error = receiver.statusesOf(n.hook(), undeliverable)
                .getFirst()
                .path("errors")
                .path(0);
        assertThat(error.path("code").asInt()).isEqualTo(131026);
        assertThat(error.path("title").asString()).isEqualTo("Message undeliverable");
        assertThat(error.path("error_data").path("details").asString()).isNotBlank();
        assertThat(receiver.statusesOf(n.hook(), optedOutTemplate)
                        .getFirst()
                        .path("errors")
                        .path(0)
                        .path("code")
                        .asInt())
                .isEqualTo(131050);
        assertThat(sandbox.deliveries(n.id(), "2348010000000", 1).getFirst()).satisfies(d -> {
            assertThat(d.status()).isEqualTo("failed");
            assertThat(d.errorCode()).isEqualTo(131026);
            assertThat(d.deliveredAt()).isNull();
        });
    }

    @Test
    void failureRateOfOneFailsEverySend() throws Exception {
        Number n = register(FAST.withFailureRate(1.0));

        List<String> wamids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            wamids.add(wamid(sendText(n, "234801234560" + i, "doomed")));
        }

        await().atMost(WAIT)
                .until(() -> wamids.stream()
                        .allMatch(w -> receiver.statusNamesOf(n.hook(), w).equals(List.of("failed"))));
        assertThat(wamids)
                .allSatisfy(w -> assertThat(receiver.statusesOf(n.hook(), w)
                                .getFirst()
                                .path("errors")
                                .path(0)
                                .path("code")
                                .asInt())
                        .isEqualTo(131026));
    }

    @Test
    void sendsBeyondTheThroughputLimitAreRefusedWith130429() throws Exception {
        Number n = register(FAST.withMaxMessagesPerSecond(3));

        // a concurrent burst; the exact sliding-window rule is unit-tested with a fake clock (SandboxRulesTests),
        // here only what cannot depend on this machine's speed is asserted
        long started = System.nanoTime();
        List<HttpResponse<String>> answers;
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<HttpResponse<String>>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(pool.submit(() -> post(n, n.token(), """
                        {"messaging_product":"whatsapp","to":"2348012345678","type":"text","text":{"body":"burst"}}""")));
            }
            answers = new java.util.ArrayList<>();
            for (var f : futures) {
                answers.add(f.get());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        long accepted = answers.stream().filter(a -> a.statusCode() == 200).count();
        List<HttpResponse<String>> refused =
                answers.stream().filter(a -> a.statusCode() == 400).toList();
        assertThat(accepted + refused.size()).isEqualTo(12);
        assertThat(accepted)
                .as("at most 3 per sliding second")
                .isLessThanOrEqualTo(3L * ((long) Math.ceil(seconds) + 1));
        assertThat(refused).as("a burst of 12 against 3/s is refused in part").isNotEmpty();
        JsonNode error = JSON.readTree(refused.getFirst().body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(130429);
        assertThat(error.path("message").asString()).isEqualTo("(#130429) Rate limit hit");
        assertThat(error.path("type").asString()).isEqualTo("OAuthException");
        assertThat(error.path("error_data").path("messaging_product").asString())
                .isEqualTo("whatsapp");
        assertThat(error.path("fbtrace_id").asString()).isNotBlank();
        assertThat(sandbox.deliveries(n.id(), null, 20)).hasSize((int) accepted);
    }

    @Test
    void serviceWindowRefusesFreeTextUntilThePhoneWritesButAllowsTemplates() throws Exception {
        Number n = register(FAST.withEnforceServiceWindow(true));
        String phone = "2348012349876";

        String outside = wamid(sendText(n, phone, "hello?"));
        String template =
                wamid(JSON.readTree(post(n, n.token(), template(phone)).body()));
        await().atMost(WAIT)
                .until(() -> receiver.statusNamesOf(n.hook(), outside).equals(List.of("failed"))
                        && receiver.statusNamesOf(n.hook(), template).contains("read"));
        JsonNode error =
                receiver.statusesOf(n.hook(), outside).getFirst().path("errors").path(0);
        assertThat(error.path("code").asInt()).isEqualTo(131047);
        assertThat(error.path("title").asString()).isEqualTo("Re-engagement message");

        sandbox.inbound(n.id(), phone, "hi, I am here");
        String inside = wamid(sendText(n, phone, "welcome back"));

        await().atMost(WAIT)
                .until(() -> receiver.statusNamesOf(n.hook(), inside).equals(List.of("sent", "delivered", "read")));
    }

    @Test
    void serviceWindowIsNotEnforcedByDefault() throws Exception {
        Number n = register(FAST);

        String wamid = wamid(sendText(n, "2348012341111", "fresh contact"));

        await().atMost(WAIT)
                .until(() -> receiver.statusNamesOf(n.hook(), wamid).equals(List.of("sent", "delivered", "read")));
    }

    @Test
    void inboundPostsASignedPayloadShapedLikeMetas() throws Exception {
        Number n = register(FAST);

        String wamid = sandbox.inbound(n.id(), "16505551234", "Does it come in another color?");

        await().atMost(WAIT).until(() -> !receiver.received(n.hook()).isEmpty());
        WebhookReceiver.Received webhook = receiver.received(n.hook()).getFirst();
        assertThat(webhook.signedWith(n.secret())).isTrue();
        assertThat(fieldPaths(webhook.json())).isEqualTo(fieldPaths(JSON.readTree(INBOUND_FIXTURE)));
        JsonNode value =
                webhook.json().path("entry").path(0).path("changes").path(0).path("value");
        JsonNode message = value.path("messages").path(0);
        assertThat(message.path("id").asString()).isEqualTo(wamid);
        assertThat(message.path("from").asString()).isEqualTo("16505551234");
        assertThat(message.path("type").asString()).isEqualTo("text");
        assertThat(message.path("text").path("body").asString()).isEqualTo("Does it come in another color?");
        assertThat(message.path("timestamp").asString()).matches("\\d{10}");
        assertThat(value.path("contacts").path(0).path("wa_id").asString()).isEqualTo("16505551234");
        assertThat(value.path("metadata").path("phone_number_id").asString()).isEqualTo(n.id());
    }

    @Test
    void inboundImageIsDownloadableThroughTheMediaEndpoints() throws Exception {
        Number n = register(FAST);

        sandbox.inboundImage(n.id(), "16505551234", "my receipt");

        await().atMost(WAIT).until(() -> !receiver.received(n.hook()).isEmpty());
        JsonNode image =
                receiver.received(n.hook()).getFirst().messages().getFirst().path("image");
        assertThat(image.path("caption").asString()).isEqualTo("my receipt");
        String mediaId = image.path("id").asString();
        HttpResponse<byte[]> info = get(n.graph() + "/" + mediaId, n.token());
        assertThat(info.statusCode()).isEqualTo(200);
        JsonNode media = JSON.readTree(info.body());
        assertThat(media.path("mime_type").asString()).isEqualTo("image/png");
        HttpResponse<byte[]> download = get(media.path("url").asString(), n.token());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(download.body()).hasSize(media.path("file_size").asInt()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(download.body())))
                .isEqualTo(media.path("sha256").asString());
        assertThat(get(media.path("url").asString(), "wrong-token").statusCode())
                .isEqualTo(401);
    }

    @Test
    void badTokenIsRefusedWith401AndCode190() throws Exception {
        Number n = register(FAST);

        HttpResponse<String> send = post(
                n,
                "not-the-token",
                "{\"messaging_product\":\"whatsapp\",\"to\":\"2348012345678\",\"text\":{\"body\":\"x\"}}");
        HttpResponse<byte[]> info = get(n.graph() + "/" + n.id(), "not-the-token");

        assertThat(send.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(send.body()).path("error").path("code").asInt())
                .isEqualTo(190);
        assertThat(JSON.readTree(send.body()).path("error").path("type").asString())
                .isEqualTo("OAuthException");
        assertThat(info.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(info.body()).path("error").path("code").asInt())
                .isEqualTo(190);
        assertThat(sandbox.deliveries(n.id(), null, 10)).isEmpty();
    }

    @Test
    void phoneNumberInfoAnswersTestConnection() throws Exception {
        Number n = register(FAST);

        HttpResponse<byte[]> info = get(n.graph() + "/" + n.id(), n.token());

        assertThat(info.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(info.body());
        assertThat(body.path("id").asString()).isEqualTo(n.id());
        assertThat(body.path("display_phone_number").asString()).isEqualTo("15550783881");
        assertThat(body.path("quality_rating").asString()).isEqualTo("GREEN");
        assertThat(body.path("verified_name").asString()).isNotBlank();
    }

    @Test
    void invalidRequestsAreRefusedWithCode100() throws Exception {
        Number n = register(FAST);

        HttpResponse<String> noTo =
                post(n, n.token(), "{\"messaging_product\":\"whatsapp\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}");
        HttpResponse<String> unknownType = post(
                n, n.token(), "{\"messaging_product\":\"whatsapp\",\"to\":\"2348012345678\",\"type\":\"sticker3d\"}");
        HttpResponse<String> noBody =
                post(n, n.token(), "{\"messaging_product\":\"whatsapp\",\"to\":\"2348012345678\",\"type\":\"text\"}");
        HttpResponse<String> notJson = post(n, n.token(), "{not json");

        assertThat(List.of(noTo, unknownType, noBody, notJson)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("error").path("code").asInt())
                    .isEqualTo(100);
        });
        assertThat(JSON.readTree(noTo.body()).path("error").path("message").asString())
                .isEqualTo("(#100) The parameter to is required.");
        assertThat(sandbox.deliveries(n.id(), null, 10)).isEmpty();
    }

    @Test
    void unknownNumberIsAnUnsupportedRequest() throws Exception {
        Number n = register(FAST);
        Number unknown = new Number("999000111", n.token(), n.secret(), n.hook(), n.graph());

        HttpResponse<String> send = post(unknown, n.token(), template("2348012345678"));

        assertThat(send.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(send.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(100);
        assertThat(error.path("error_subcode").asInt()).isEqualTo(33);
    }

    @Test
    void markAsReadAnswersSuccess() throws Exception {
        Number n = register(FAST);
        String inbound = sandbox.inbound(n.id(), "2348012345678", "hi");

        HttpResponse<String> read = post(
                n,
                n.token(),
                "{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"" + inbound + "\"}");

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("success").asBoolean()).isTrue();
    }

    @Test
    void deliveriesListWhatPhonesReceivedNewestFirstWithTimes() throws Exception {
        Number n = register(FAST);
        Instant before = Instant.now().minusSeconds(1);

        String first = wamid(sendText(n, "2348012345601", "first"));
        String second = wamid(sendText(n, "2348012345602", "second"));

        await().atMost(WAIT)
                .until(() -> sandbox.deliveries(n.id(), null, 10).stream()
                        .allMatch(d -> d.status().equals("read")));
        List<SandboxDelivery> all = sandbox.deliveries(n.id(), null, 10);
        assertThat(all).extracting(SandboxDelivery::wamid).containsExactly(second, first);
        SandboxDelivery delivery =
                sandbox.deliveries(n.id(), "+234 801 234 5601", 10).getFirst();
        assertThat(delivery.wamid()).isEqualTo(first);
        assertThat(delivery.to()).isEqualTo("2348012345601");
        assertThat(delivery.type()).isEqualTo("text");
        assertThat(delivery.text()).isEqualTo("first");
        assertThat(delivery.acceptedAt()).isAfter(before);
        assertThat(delivery.deliveredAt()).isAfterOrEqualTo(delivery.acceptedAt());
        assertThat(delivery.readAt()).isAfterOrEqualTo(delivery.deliveredAt());
        assertThat(delivery.errorCode()).isNull();
        assertThat(sandbox.deliveries(n.id(), null, 1)).hasSize(1);
    }

    @Test
    void webhooksRefusedWithServerErrorsAreRetried() throws Exception {
        Number n = register(FAST);
        receiver.failNext(n.hook(), 2);

        String wamid = wamid(sendText(n, "2348012345678", "retry me"));

        await().atMost(WAIT).until(() -> receiver.statusNamesOf(n.hook(), wamid).contains("read"));
        assertThat(receiver.statusNamesOf(n.hook(), wamid)).containsExactly("sent", "delivered", "read");
    }

    @Test
    void unregisteredNumberIsForgotten() {
        Number n = register(FAST);

        sandbox.unregister(n.id());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sandbox.inbound(n.id(), "2348012345678", "hi"))
                .isInstanceOf(SandboxNumberNotFoundException.class);
    }

    /** Every field path of a JSON document (array positions folded), to compare shapes rather than values. */
    static Set<String> fieldPaths(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, Set<String> paths) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                paths.add(prefix + e.getKey());
                collect(e.getValue(), prefix + e.getKey() + ".", paths);
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, prefix + "[].", paths));
        }
    }
}
