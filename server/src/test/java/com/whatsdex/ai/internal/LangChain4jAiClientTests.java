package com.whatsdex.ai.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.whatsdex.ai.AiException;
import com.whatsdex.ai.AiProperties;
import com.whatsdex.ai.ChatCall;
import com.whatsdex.ai.ChatReply;
import com.whatsdex.ai.ChatTurn;
import com.whatsdex.ai.FakeOpenAiServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The chat client over real HTTP against a local OpenAI-compatible fake, no Spring. */
class LangChain4jAiClientTests {

    private static FakeOpenAiServer fake;

    @BeforeAll
    static void start() throws IOException {
        fake = new FakeOpenAiServer();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void sendsTheConversationAndSettingsAndReturnsTheAnswer() {
        LangChain4jAiClient client = new LangChain4jAiClient(fake.settings(Duration.ofSeconds(5)));
        fake.answer("Bonjour !");

        ChatReply reply = client.chat(new ChatCall(
                List.of(
                        ChatTurn.system("Answer in French."),
                        ChatTurn.user("Hello"),
                        ChatTurn.assistant("Bonjour"),
                        ChatTurn.user("Again")),
                0.3,
                50));

        assertThat(reply.text()).isEqualTo("Bonjour !");
        assertThat(reply.model()).isEqualTo(FakeOpenAiServer.MODEL);
        assertThat(reply.inputTokens()).isEqualTo(42);
        assertThat(reply.outputTokens()).isEqualTo(17);
        JsonNode sent = fake.received().get(0).body();
        assertThat(sent.path("model").asString()).isEqualTo(FakeOpenAiServer.MODEL);
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(sent.path("max_tokens")
                        .asInt(sent.path("max_completion_tokens").asInt()))
                .isEqualTo(50);
        assertThat(sent.path("messages").size()).isEqualTo(4);
        assertThat(sent.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(sent.path("messages").get(2).path("role").asString()).isEqualTo("assistant");
        assertThat(sent.path("messages").get(3).path("content").asString()).isEqualTo("Again");
        assertThat(fake.received().get(0).authorization()).isEqualTo("Bearer " + FakeOpenAiServer.API_KEY);
    }

    @Test
    void worksWithoutAnApiKeyForLocalProviders() {
        LangChain4jAiClient client = new LangChain4jAiClient(
                new AiProperties(fake.baseUrl(), "", FakeOpenAiServer.MODEL, Duration.ofSeconds(5), 2));
        fake.answer("ok");

        assertThat(client.configured()).isTrue();
        assertThat(client.chat(ChatCall.of("system", "user", null, null)).text())
                .isEqualTo("ok");
        assertThat(fake.received().get(0).authorization()).isNull();
    }

    @Test
    void isNotConfiguredWithoutBaseUrlOrModel() {
        for (AiProperties settings : List.of(
                new AiProperties(null, "key", "model", Duration.ofSeconds(5), 2),
                new AiProperties(fake.baseUrl(), "key", " ", Duration.ofSeconds(5), 2))) {
            LangChain4jAiClient client = new LangChain4jAiClient(settings);
            assertThat(client.configured()).isFalse();
            assertThatThrownBy(() -> client.chat(ChatCall.of("s", "u", null, null)))
                    .isInstanceOfSatisfying(
                            AiException.class, e -> assertThat(e.code()).isEqualTo("ai_not_configured"));
        }
        assertThat(fake.received()).isEmpty();
    }

    @Test
    void reportsHttpErrorsWithTheProvidersMessage() {
        LangChain4jAiClient client = new LangChain4jAiClient(fake.settings(Duration.ofSeconds(5)));
        fake.fail(401, "Incorrect API key provided");

        assertThatThrownBy(() -> client.chat(ChatCall.of("s", "u", null, null)))
                .isInstanceOfSatisfying(AiException.class, e -> {
                    assertThat(e.code()).isEqualTo("ai_provider_error");
                    assertThat(e.status().value()).isEqualTo(502);
                    assertThat(e.getMessage())
                            .isEqualTo("The AI provider answered HTTP 401: Incorrect API key provided");
                });
    }

    @Test
    void reportsAnUnreachableProvider() throws IOException {
        String deadUrl;
        try (FakeOpenAiServer gone = new FakeOpenAiServer()) {
            deadUrl = gone.baseUrl();
        }
        LangChain4jAiClient client = new LangChain4jAiClient(
                new AiProperties(deadUrl, null, FakeOpenAiServer.MODEL, Duration.ofSeconds(2), 2));

        assertThatThrownBy(() -> client.chat(ChatCall.of("s", "u", null, null)))
                .isInstanceOfSatisfying(AiException.class, e -> {
                    assertThat(e.code()).isEqualTo("ai_provider_error");
                    assertThat(e.getMessage()).contains("could not be reached").contains(deadUrl);
                });
    }

    @Test
    void reportsAnEmptyAnswer() {
        LangChain4jAiClient client = new LangChain4jAiClient(fake.settings(Duration.ofSeconds(5)));
        fake.answer("  ");

        assertThatThrownBy(() -> client.chat(ChatCall.of("s", "u", null, null)))
                .isInstanceOfSatisfying(
                        AiException.class, e -> assertThat(e.getMessage()).contains("empty answer"));
    }

    @Test
    void refusesCallsBeyondItsSlotsInsteadOfQueueing() throws Exception {
        LangChain4jAiClient client = new LangChain4jAiClient(
                new AiProperties(fake.baseUrl(), null, FakeOpenAiServer.MODEL, Duration.ofSeconds(5), 1));
        fake.answer("slow").holdAnswers();
        Thread first = Thread.ofVirtual().start(() -> client.chat(ChatCall.of("s", "u", null, null)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !fake.received().isEmpty());

        assertThatThrownBy(() -> client.chat(ChatCall.of("s", "u", null, null)))
                .isInstanceOfSatisfying(AiException.class, e -> {
                    assertThat(e.code()).isEqualTo("rate_limited");
                    assertThat(e.retryAfterSeconds()).isPositive();
                });
        fake.release();
        first.join(Duration.ofSeconds(10));
        fake.answer("fast");
        assertThat(client.chat(ChatCall.of("s", "u", null, null)).text()).isEqualTo("fast");
    }
}
