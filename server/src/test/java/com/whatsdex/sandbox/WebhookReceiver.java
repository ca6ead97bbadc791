package com.whatsdex.sandbox;

import com.sun.net.httpserver.HttpServer;
import com.whatsdex.sandbox.internal.WebhookSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for our webhook endpoint: records every POST under its path (one path per registered number keeps
 * tests apart) and answers 200, or 500 for the next few requests when asked to.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(
            String path,
            @Nullable String signature,
            @Nullable String contentType,
            byte[] body,
            JsonNode json) {

        public boolean signedWith(String appSecret) {
            return WebhookSigner.sign(appSecret, body).equals(signature);
        }

        public List<JsonNode> statuses() {
            List<JsonNode> all = new ArrayList<>();
            json.path("entry")
                    .forEach(e -> e.path("changes")
                            .forEach(c -> c.path("value").path("statuses").forEach(all::add)));
            return all;
        }

        public List<JsonNode> messages() {
            List<JsonNode> all = new ArrayList<>();
            json.path("entry")
                    .forEach(e -> e.path("changes")
                            .forEach(c -> c.path("value").path("messages").forEach(all::add)));
            return all;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, AtomicInteger> failNext = new ConcurrentHashMap<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                AtomicInteger failures = failNext.get(path);
                if (failures != null && failures.getAndDecrement() > 0) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                received.add(new Received(
                        path,
                        exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        body,
                        JSON.readTree(body)));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next {@code count} posts to {@code path} are answered 500. */
    public void failNext(String path, int count) {
        failNext.put(path, new AtomicInteger(count));
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Every status posted to {@code path} for this message, in arrival order. */
    public List<JsonNode> statusesOf(String path, String wamid) {
        return received(path).stream()
                .flatMap(r -> r.statuses().stream())
                .filter(s -> s.path("id").asString().equals(wamid))
                .toList();
    }

    public List<String> statusNamesOf(String path, String wamid) {
        return statusesOf(path, wamid).stream()
                .map(s -> s.path("status").asString())
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
