package com.whatsdex.ai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local OpenAI-compatible provider: {@code POST /v1/chat/completions} answers what the test scripted (the
 * assistant's text, or a status with an error body), after an optional delay or until {@link #release()}. Records
 * every request it received.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    public static final String MODEL = "fake-model";
    public static final String API_KEY = "sk-fake-key";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One received request: its JSON body and Authorization header. */
    public record Received(JsonNode body, @Nullable String authorization) {

        /** The text of the message with this role ({@code system}, {@code user}). */
        public String message(String role) {
            for (JsonNode m : body.path("messages")) {
                if (m.path("role").asString().equals(role)) {
                    return m.path("content").asString();
                }
            }
            return "";
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private volatile int status = 200;
    private volatile String content = "[]";
    private volatile @Nullable String rawBody;
    private volatile Duration delay = Duration.ZERO;
    private volatile CountDownLatch hold = new CountDownLatch(0);

    public FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor); // several calls at once, for the concurrency tests
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    /** What {@code whatsdex.ai.base-url} is set to. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Settings that point the server at this fake with a short timeout. */
    public AiProperties settings(Duration timeout) {
        return new AiProperties(baseUrl(), API_KEY, MODEL, timeout, 8);
    }

    /** Back to answering 200 with an empty array at once, and forgets what it received. */
    public void reset() {
        status = 200;
        content = "[]";
        rawBody = null;
        delay = Duration.ZERO;
        hold.countDown();
        hold = new CountDownLatch(0);
        received.clear();
    }

    /** The assistant's answer to every following call. */
    public FakeOpenAiServer answer(String assistantText) {
        this.status = 200;
        this.content = assistantText;
        this.rawBody = null;
        return this;
    }

    /** The assistant's answer: a JSON array of these strings. */
    public FakeOpenAiServer answerVariants(String... variants) {
        return answer(JSON.writeValueAsString(List.of(variants)));
    }

    /** An HTTP error with OpenAI's error body. */
    public FakeOpenAiServer fail(int status, String message) {
        this.status = status;
        this.rawBody = JSON.writeValueAsString(
                java.util.Map.of("error", java.util.Map.of("message", message, "type", "server_error")));
        return this;
    }

    public FakeOpenAiServer delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Calls wait, without answering, until {@link #release()}. */
    public FakeOpenAiServer holdAnswers() {
        this.hold = new CountDownLatch(1);
        return this;
    }

    public void release() {
        hold.countDown();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            received.add(new Received(body, exchange.getRequestHeaders().getFirst("Authorization")));
            try {
                if (!hold.await(30, TimeUnit.SECONDS)) {
                    return;
                }
                Thread.sleep(delay); // a scripted slow provider: the latency is what the test is about
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            String answer =
                    rawBody != null ? rawBody : completion(body.path("model").asString(), content);
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (timeout test): nothing to answer
        }
    }

    private static String completion(String model, String content) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-fake");
        root.put("object", "chat.completion");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        root.putObject("usage")
                .put("prompt_tokens", 42)
                .put("completion_tokens", 17)
                .put("total_tokens", 59);
        return JSON.writeValueAsString(root);
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
