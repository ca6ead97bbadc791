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

    /** What a script answers to one request: the assistant's text, or calls of the request's tools. */
    public sealed interface Answer {

        record Text(String text) implements Answer {}

        record Tools(List<Call> calls) implements Answer {}

        record Call(String name, String argumentsJson) {}

        static Answer text(String text) {
            return new Text(text);
        }

        static Answer call(String name, String argumentsJson) {
            return new Tools(List.of(new Call(name, argumentsJson)));
        }
    }

    /** One received request: its JSON body and Authorization header. */
    public record Received(JsonNode body, @Nullable String authorization) {

        /** The role of the last message: {@code user}, {@code assistant}, {@code tool}. */
        public String lastRole() {
            JsonNode messages = body.path("messages");
            return messages.isEmpty()
                    ? ""
                    : messages.get(messages.size() - 1).path("role").asString();
        }

        /** The text of the last message from the user. */
        public String lastUserText() {
            String text = "";
            for (JsonNode m : body.path("messages")) {
                if (m.path("role").asString().equals("user")) {
                    text = m.path("content").asString();
                }
            }
            return text;
        }

        /** Every message's text, in order, as "role: text" lines (tool calls as "assistant calls name(args)"). */
        public List<String> transcript() {
            List<String> lines = new java.util.ArrayList<>();
            for (JsonNode m : body.path("messages")) {
                String role = m.path("role").asString();
                if (m.has("tool_calls")) {
                    for (JsonNode call : m.path("tool_calls")) {
                        lines.add(role + " calls "
                                + call.path("function").path("name").asString() + "("
                                + call.path("function").path("arguments").asString() + ")");
                    }
                } else {
                    lines.add(role + ": " + m.path("content").asString());
                }
            }
            return lines;
        }

        /** The names of the tools the request offered. */
        public List<String> toolNames() {
            List<String> names = new java.util.ArrayList<>();
            body.path("tools")
                    .forEach(t -> names.add(t.path("function").path("name").asString()));
            return names;
        }

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
    private volatile java.util.function.@Nullable Function<Received, Answer> script;
    private final java.util.concurrent.atomic.AtomicInteger failuresLeft =
            new java.util.concurrent.atomic.AtomicInteger();
    private volatile Duration failureDelay = Duration.ZERO;

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
        script = null;
        failuresLeft.set(0);
        failureDelay = Duration.ZERO;
        received.clear();
    }

    /** Every following call is answered by the script (text or tool calls), until {@link #reset()}. */
    public FakeOpenAiServer script(java.util.function.Function<Received, Answer> script) {
        this.script = script;
        this.rawBody = null;
        this.status = 200;
        return this;
    }

    /**
     * The next {@code count} calls do not answer within {@code delay} (a client timeout shorter than it sees a
     * timeout), then answer 500; later calls answer normally.
     */
    public FakeOpenAiServer stallNext(int count, Duration delay) {
        this.failureDelay = delay;
        this.failuresLeft.set(count);
        return this;
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
            Received request = new Received(body, exchange.getRequestHeaders().getFirst("Authorization"));
            received.add(request);
            try {
                if (!hold.await(30, TimeUnit.SECONDS)) {
                    return;
                }
                Thread.sleep(delay); // a scripted slow provider: the latency is what the test is about
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int code = status;
            String answer;
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                try {
                    Thread.sleep(failureDelay); // a scripted stall: the client's timeout is what the test is about
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                code = 500;
                answer = "{\"error\":{\"message\":\"stalled\",\"type\":\"server_error\"}}";
            } else if (rawBody != null) {
                answer = rawBody;
            } else if (script != null) {
                answer = completion(body.path("model").asString(), script.apply(request));
            } else {
                answer = completion(body.path("model").asString(), content);
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (timeout test): nothing to answer
        }
    }

    private static String completion(String model, Answer answer) {
        if (answer instanceof Answer.Text t) {
            return completion(model, t.text());
        }
        Answer.Tools tools = (Answer.Tools) answer;
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-fake");
        root.put("object", "chat.completion");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.putNull("content");
        var calls = message.putArray("tool_calls");
        int i = 0;
        for (Answer.Call call : tools.calls()) {
            ObjectNode c = calls.addObject();
            c.put("id", "call_" + (++i) + "_" + System.nanoTime());
            c.put("type", "function");
            c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
        }
        choice.put("finish_reason", "tool_calls");
        root.putObject("usage")
                .put("prompt_tokens", 40)
                .put("completion_tokens", 10)
                .put("total_tokens", 50);
        return JSON.writeValueAsString(root);
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
