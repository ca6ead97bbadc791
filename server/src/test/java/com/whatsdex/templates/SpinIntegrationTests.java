package com.whatsdex.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.whatsdex.ai.AiProperties;
import com.whatsdex.ai.FakeOpenAiServer;
import com.whatsdex.ai.internal.LangChain4jAiClient;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * AI spinning over real HTTP against a local OpenAI-compatible fake, through LangChain4j's client. The shared test
 * context starts without a provider; each test points the client at the fake and puts the settings back after.
 */
@IntegrationTest
class SpinIntegrationTests {

    private static final String SPIN = "/api/v1/templates/spin";
    private static final String AVAILABILITY = "/api/v1/templates/spin/availability";
    private static final String BODY =
            "{Hi|Hello} {{ first_name | there }}, your order {{order_id}} is ready at {{store}}.";

    private static FakeOpenAiServer fake;

    @LocalServerPort
    int port;

    @Autowired
    LangChain4jAiClient ai;

    private AiProperties original;

    @BeforeAll
    static void startFake() throws IOException {
        fake = new FakeOpenAiServer();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void pointAtFake() {
        fake.reset();
        original = ai.settings();
        ai.use(fake.settings(Duration.ofSeconds(5)));
    }

    @AfterEach
    void restoreSettings() {
        fake.release();
        ai.use(original);
    }

    private Browser enterprise(String name) {
        Browser b = new Browser(port).register(name);
        setPlan(b, "enterprise");
        return b;
    }

    private void setPlan(Browser b, String plan) {
        Browser.Response set = new Browser(port)
                .withBearer("test-operator-token")
                .put("/api/v1/admin/workspaces/" + b.workspaceId() + "/plan", Map.of("plan", plan));
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
    }

    private static Map<String, Object> spin(String body, int count) {
        return Map.of("body", body, "count", count);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    void returnsVariantsThatKeepEveryVariable() {
        Browser b = enterprise("Spin ok");
        String one = "Hello {{first_name|there}}! Order {{ order_id }} is waiting for you at {{store}}.";
        String two = "{Hey|Hi} {{ first_name | there }}, {{order_id}} is ready to collect at {{store}} \\{today\\}.";
        fake.answer("Here you go:\n```json\n" + Browser.JSON.writeValueAsString(List.of(one, two)) + "\n```");

        Browser.Response r = b.post(SPIN, spin(BODY, 2));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(strings(r.data().path("variants"))).containsExactly(one, two);
        assertThat(r.data().path("rejected").size()).isZero();
        // what the provider was asked: the model, the body, the count, a JSON array, placeholders kept
        assertThat(fake.received()).hasSize(1);
        FakeOpenAiServer.Received call = fake.received().get(0);
        assertThat(call.authorization()).isEqualTo("Bearer " + FakeOpenAiServer.API_KEY);
        assertThat(call.body().path("model").asString()).isEqualTo(FakeOpenAiServer.MODEL);
        assertThat(call.message("user")).contains(BODY).contains("2 versions").contains("JSON array");
        assertThat(call.message("system"))
                .contains("placeholder")
                .contains("tone")
                .contains("language");
        assertThat(call.body().path("temperature").asDouble()).isPositive();
    }

    @Test
    void rejectsVariantsThatDropOrAlterAVariable() {
        Browser b = enterprise("Spin rejects");
        String good = "Hello {{first_name | there}}, order {{order_id}} awaits you at {{store}}.";
        String dropped = "Hello {{first_name | there}}, your order is ready at {{store}}.";
        String altered = "Hello {{first_name | friend}}, order {{order_id}} is ready at {{store}}.";
        String added = "Hello {{first_name | there}}, order {{order_id}} is ready at {{store}}, {{city}}.";
        String broken = "Hello {{first_name | there}, order {{order_id}} is ready at {{store}}.";
        fake.answerVariants(good, dropped, altered, added, broken);

        Browser.Response r = b.post(SPIN, spin(BODY, 5));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(strings(r.data().path("variants"))).containsExactly(good);
        JsonNode rejected = r.data().path("rejected");
        assertThat(rejected.size()).isEqualTo(4);
        assertThat(rejected.get(0).path("text").asString()).isEqualTo(dropped);
        assertThat(rejected.get(0).path("reason").asString()).isEqualTo("Drops {{order_id}}");
        assertThat(rejected.get(1).path("reason").asString())
                .isEqualTo("Alters {{first_name | there}} into {{first_name | friend}}");
        assertThat(rejected.get(2).path("reason").asString()).isEqualTo("Adds {{city}}");
        assertThat(rejected.get(3).path("reason").asString()).startsWith("Not a valid template");
    }

    @Test
    void removesDuplicatesAndCopiesOfTheInput() {
        Browser b = enterprise("Spin duplicates");
        String body = "Hi {{name}}, thanks for your order!";
        fake.answerVariants(
                "Hello {{name}}, thank you for ordering!",
                "hello  {{name}},   THANK you for ordering! ",
                "Hi {{name}}, thanks for your order!",
                "hi {{name}}, thanks for your order!",
                "Thanks a lot for your order, {{name}}!");

        Browser.Response r = b.post(SPIN, spin(body, 3));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(strings(r.data().path("variants")))
                .containsExactly("Hello {{name}}, thank you for ordering!", "Thanks a lot for your order, {{name}}!");
        assertThat(r.data().path("rejected").size()).isZero();
    }

    @Test
    void proWorkspaceIsToldToUpgradeToEnterprise() {
        Browser pro = new Browser(port).register("Spin pro"); // the trial plan is pro
        fake.answerVariants("Hello {{name}}");

        Browser.Response r = pro.post(SPIN, spin("Hi {{name}}", 1));

        assertThat(r.status()).as(r.raw()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("upgrade_required");
        assertThat(r.body().path("error").path("message").asString()).contains("Enterprise");
        assertThat(fake.received()).isEmpty();
        Browser.Response availability = pro.get(AVAILABILITY);
        assertThat(availability.data().path("available").asBoolean()).isFalse();
        assertThat(availability.data().path("reason").asString()).isEqualTo("upgrade_required");
        assertThat(availability.data().path("message").asString()).contains("Enterprise");
    }

    @Test
    void withoutAProviderAnswers503NamingTheSettings() {
        Browser b = enterprise("Spin unconfigured");
        ai.use(new AiProperties(null, null, null, Duration.ofSeconds(30), 8));

        Browser.Response r = b.post(SPIN, spin("Hi {{name}}", 2));

        assertThat(r.status()).as(r.raw()).isEqualTo(503);
        assertThat(r.errorCode()).isEqualTo("ai_not_configured");
        assertThat(r.body().path("error").path("message").asString())
                .contains("WHATSDEX_AI_BASE_URL")
                .contains("WHATSDEX_AI_MODEL");
        Browser.Response availability = b.get(AVAILABILITY);
        assertThat(availability.status()).isEqualTo(200);
        assertThat(availability.data().path("available").asBoolean()).isFalse();
        assertThat(availability.data().path("reason").asString()).isEqualTo("ai_not_configured");
        assertThat(availability.data().path("message").asString()).contains("WHATSDEX_AI_BASE_URL");
    }

    @Test
    void availableForEnterpriseWithAProvider() {
        Browser b = enterprise("Spin available");

        Browser.Response availability = b.get(AVAILABILITY);

        assertThat(availability.status()).as(availability.raw()).isEqualTo(200);
        assertThat(availability.data().path("available").asBoolean()).isTrue();
        assertThat(availability.data().path("reason").isNull()).isTrue();
        assertThat(availability.data().path("message").isNull()).isTrue();
    }

    @Test
    void providerErrorAnswers502WithoutDetailsOfTheServer() {
        Browser b = enterprise("Spin 500");
        fake.fail(500, "The server had an error while processing your request");

        Browser.Response r = b.post(SPIN, spin("Hi {{name}}", 2));

        assertThat(r.status()).as(r.raw()).isEqualTo(502);
        assertThat(r.errorCode()).isEqualTo("ai_provider_error");
        String message = r.body().path("error").path("message").asString();
        assertThat(message).contains("HTTP 500").contains("The server had an error");
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(fake.received()).as("no retry behind the user's back").hasSize(1);
    }

    @Test
    void providerTimeoutAnswers502() {
        Browser b = enterprise("Spin timeout");
        ai.use(fake.settings(Duration.ofSeconds(1)));
        fake.answerVariants("Hello {{name}}").delay(Duration.ofSeconds(4));

        long start = System.nanoTime();
        Browser.Response r = b.post(SPIN, spin("Hi {{name}}", 2));

        assertThat(r.status()).as(r.raw()).isEqualTo(502);
        assertThat(r.errorCode()).isEqualTo("ai_provider_error");
        assertThat(r.body().path("error").path("message").asString()).contains("did not answer within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void unparsableAnswerAnswers502() {
        Browser b = enterprise("Spin garbage");
        fake.answer("Sure! Here are some ideas: say hello nicely.");

        Browser.Response r = b.post(SPIN, spin("Hi {{name}}", 2));

        assertThat(r.status()).as(r.raw()).isEqualTo(502);
        assertThat(r.errorCode()).isEqualTo("ai_provider_error");
        assertThat(r.body().path("error").path("message").asString()).contains("not the list of variants");
    }

    @Test
    void validatesBodyAndCountWithFieldMessages() {
        Browser b = enterprise("Spin validation");

        Browser.Response tooMany = b.post(SPIN, spin("Hi {{name}}", 11));
        Browser.Response none = b.post(SPIN, spin("Hi {{name}}", 0));
        Browser.Response tooLong = b.post(SPIN, spin("x".repeat(4097), 2));
        Browser.Response blank = b.post(SPIN, Map.of("body", " ", "count", 2));
        Browser.Response syntax = b.post(SPIN, spin("Hi {{name}", 2));

        for (Browser.Response r : List.of(tooMany, none, tooLong, blank, syntax)) {
            assertThat(r.status()).as(r.raw()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("validation_failed");
        }
        assertThat(tooMany.body()
                        .path("error")
                        .path("details")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("count");
        assertThat(tooMany.body()
                        .path("error")
                        .path("details")
                        .get(0)
                        .path("message")
                        .asString())
                .isEqualTo("must be between 1 and 10");
        assertThat(tooLong.body()
                        .path("error")
                        .path("details")
                        .get(0)
                        .path("message")
                        .asString())
                .isEqualTo("must be at most 4096 characters");
        assertThat(blank.body()
                        .path("error")
                        .path("details")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("body");
        assertThat(syntax.body()
                        .path("error")
                        .path("details")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("body");
        assertThat(fake.received()).isEmpty();
    }

    @Test
    void planIsCheckedPerWorkspace() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        setPlan(two.a(), "enterprise");
        setPlan(two.b(), "starter");
        fake.answerVariants("Hello {{name}}!");

        Browser.Response a = two.a().post(SPIN, spin("Hi {{name}}", 1));
        Browser.Response b = two.b().post(SPIN, spin("Hi {{name}}", 1));

        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        assertThat(strings(a.data().path("variants"))).containsExactly("Hello {{name}}!");
        assertThat(b.status()).as(b.raw()).isEqualTo(403);
        assertThat(b.errorCode()).isEqualTo("upgrade_required");
        assertThat(two.a().get(AVAILABILITY).data().path("available").asBoolean())
                .isTrue();
        assertThat(two.b().get(AVAILABILITY).data().path("reason").asString()).isEqualTo("upgrade_required");
        assertThat(fake.received()).hasSize(1);
    }

    @Test
    void limitsConcurrentSpinsPerWorkspace() throws Exception {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        setPlan(two.a(), "enterprise");
        setPlan(two.b(), "enterprise");
        fake.answerVariants("Hello {{name}}!").holdAnswers();

        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Browser.Response>> held = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                held.add(CompletableFuture.supplyAsync(() -> two.a().post(SPIN, spin("Hi {{name}}", 1)), pool));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> fake.received().size() >= 2);
            assertThat(fake.received()).as("both spins reached the provider").hasSize(2);

            Browser.Response third = two.a().post(SPIN, spin("Hi {{name}}", 1));
            assertThat(third.status()).as(third.raw()).isEqualTo(429);
            assertThat(third.errorCode()).isEqualTo("rate_limited");
            assertThat(third.header("Retry-After")).isNotBlank();

            // another workspace is not held up by A's spins
            CompletableFuture<Browser.Response> other =
                    CompletableFuture.supplyAsync(() -> two.b().post(SPIN, spin("Hi {{name}}", 1)), pool);
            await().atMost(Duration.ofSeconds(10)).until(() -> fake.received().size() >= 3);
            assertThat(fake.received()).as("B's spin reached the provider").hasSize(3);

            fake.release();
            for (CompletableFuture<Browser.Response> f : held) {
                assertThat(f.get().status()).as(f.get().raw()).isEqualTo(200);
            }
            assertThat(other.get().status()).isEqualTo(200);
        }
        Browser.Response after = two.a().post(SPIN, spin("Hi {{name}}", 1));
        assertThat(after.status()).as("slots are given back").isEqualTo(200);
    }

    @Test
    void serverWideCapRefusesSpinsBeyondItsSlots() throws Exception {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        setPlan(two.a(), "enterprise");
        setPlan(two.b(), "enterprise");
        ai.use(new AiProperties(
                fake.baseUrl(), FakeOpenAiServer.API_KEY, FakeOpenAiServer.MODEL, Duration.ofSeconds(5), 1));
        fake.answerVariants("Hello {{name}}!").holdAnswers();

        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Browser.Response> held =
                    CompletableFuture.supplyAsync(() -> two.a().post(SPIN, spin("Hi {{name}}", 1)), pool);
            await().atMost(Duration.ofSeconds(10)).until(() -> !fake.received().isEmpty());

            Browser.Response refused = two.b().post(SPIN, spin("Hi {{name}}", 1));

            assertThat(refused.status()).as(refused.raw()).isEqualTo(429);
            assertThat(refused.errorCode()).isEqualTo("rate_limited");
            assertThat(refused.header("Retry-After")).isNotBlank();
            fake.release();
            assertThat(held.get().status()).isEqualTo(200);
        }
    }
}
