package com.whatsdex.sandbox.standalone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.whatsdex.sandbox.SandboxNumber;
import com.whatsdex.sandbox.SandboxNumberNotFoundException;
import com.whatsdex.sandbox.internal.GraphResponse;
import com.whatsdex.sandbox.internal.GraphRouter;
import com.whatsdex.sandbox.internal.SandboxEngine;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox alone, for load tests: the Graph API emulator on the JDK's HTTP server, with no Spring context and no
 * database. Since no channels module registers numbers here, an admin API does:
 *
 * <ul>
 *   <li>{@code POST /sandbox/admin/numbers} with a {@code SandboxNumber} as JSON (durations as ISO-8601, e.g.
 *       {@code "PT0.2S"}) → {@code {"graphBaseUrl": …}}
 *   <li>{@code DELETE /sandbox/admin/numbers/{phoneNumberId}}
 *   <li>{@code POST /sandbox/admin/numbers/{phoneNumberId}/inbound} with {@code {"from","text"}} → {@code {"wamid"}};
 *       with {@code "image":true} the phone sends a small PNG instead (the text is its caption), downloadable
 *       through the Graph media endpoints
 *   <li>{@code GET /sandbox/admin/numbers/{phoneNumberId}/deliveries?to=&limit=}
 *   <li>{@code GET /sandbox/admin/stats}: counters since start
 *   <li>{@code POST /sandbox/admin/outage} with {@code {"mode":"error"|"stall","seconds":N}}: for N seconds every
 *       Graph API call fails without being processed, like Meta having an incident: {@code error} answers 503 at
 *       once, {@code stall} holds the request until the outage ends and then answers 504 (a gateway timeout); nothing
 *       is accepted or delivered either way. {@code GET /sandbox/admin/outage} says until when and how many calls it
 *       refused
 * </ul>
 *
 * <p>Run: {@code java -cp server/target/whatsdex-server.jar
 * -Dloader.main=com.whatsdex.sandbox.standalone.SandboxServer
 * org.springframework.boot.loader.launch.PropertiesLauncher --port 9090 [--host 127.0.0.1]}
 */
public final class SandboxServer implements AutoCloseable {

    private static final String ADMIN = "/sandbox/admin/";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final SandboxEngine engine;
    private final GraphRouter router;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile Outage outage = new Outage("none", Instant.EPOCH);
    private final AtomicLong refusedDuringOutages = new AtomicLong();

    /** An operator-made incident of the Graph API: {@code error} or {@code stall} until {@code until}. */
    record Outage(String mode, Instant until) {}

    private SandboxServer(String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        String advertised = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        engine = new SandboxEngine(
                Clock.systemUTC(),
                "http://" + advertised + ":" + server.getAddress().getPort());
        router = new GraphRouter(engine);
        server.setExecutor(executor);
        server.createContext("/sandbox/", this::handle);
        server.start();
    }

    public static SandboxServer start(String host, int port) throws IOException {
        return new SandboxServer(host, port);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SandboxEngine engine() {
        return engine;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            Outage now = outage;
            if (!path.startsWith(ADMIN) && Instant.now().isBefore(now.until())) {
                refuse(exchange, now);
                return;
            }
            GraphResponse answer = path.startsWith(ADMIN)
                    ? admin(
                            exchange.getRequestMethod(),
                            path,
                            exchange.getRequestURI().getRawQuery(),
                            body)
                    : router.handle(
                            exchange.getRequestMethod(),
                            path,
                            exchange.getRequestHeaders().getFirst("Authorization"),
                            body);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        }
    }

    /** A Graph API call during an outage: not processed, answered with Meta's "service unavailable" error. */
    private void refuse(HttpExchange exchange, Outage now) throws IOException {
        refusedDuringOutages.incrementAndGet();
        int status = 503;
        if (now.mode().equals("stall")) {
            status = 504;
            try {
                Thread.sleep(Duration.between(Instant.now(), now.until())); // the incident: no answer until it ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = json.writeValueAsBytes(Map.of(
                "error",
                Map.of(
                        "message",
                        "Service temporarily unavailable",
                        "type",
                        "OAuthException",
                        "code",
                        2,
                        "fbtrace_id",
                        "sandbox-outage")));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private GraphResponse admin(String method, String path, @Nullable String query, byte[] body) {
        String[] parts = path.substring(ADMIN.length()).split("/");
        try {
            if (parts.length == 1 && parts[0].equals("stats") && method.equals("GET")) {
                return ok(engine.stats().snapshot());
            }
            if (parts.length == 1 && parts[0].equals("outage") && method.equals("POST")) {
                JsonNode request = json.readTree(body);
                String mode = request.path("mode").asString("");
                long seconds = request.path("seconds").asLong(-1);
                if (!(mode.equals("error") || mode.equals("stall")) || seconds < 0) {
                    throw new IllegalArgumentException("Give mode error or stall and seconds >= 0");
                }
                outage = new Outage(mode, Instant.now().plusSeconds(seconds));
                return outageState();
            }
            if (parts.length == 1 && parts[0].equals("outage") && method.equals("GET")) {
                return outageState();
            }
            if (parts.length == 1 && parts[0].equals("numbers") && method.equals("POST")) {
                SandboxNumber number = json.readValue(body, SandboxNumber.class);
                return ok(Map.of("graphBaseUrl", engine.register(number)));
            }
            if (parts.length == 2 && parts[0].equals("numbers") && method.equals("DELETE")) {
                engine.unregister(parts[1]);
                return new GraphResponse(204, "application/json", new byte[0]);
            }
            if (parts.length == 3
                    && parts[0].equals("numbers")
                    && parts[2].equals("inbound")
                    && method.equals("POST")) {
                JsonNode request = json.readTree(body);
                String from = request.path("from").asString("");
                String wamid = request.path("image").asBoolean(false)
                        ? engine.inboundImage(
                                parts[1], from, request.path("text").asString(null))
                        : engine.inbound(parts[1], from, request.path("text").asString(""));
                return ok(Map.of("wamid", wamid));
            }
            if (parts.length == 3
                    && parts[0].equals("numbers")
                    && parts[2].equals("deliveries")
                    && method.equals("GET")) {
                Map<String, String> params = query(query);
                int limit = params.containsKey("limit") ? Integer.parseInt(params.get("limit")) : 100;
                return ok(engine.deliveries(parts[1], params.get("to"), limit));
            }
            return error(404, "No such admin endpoint");
        } catch (SandboxNumberNotFoundException e) {
            return error(404, e.getMessage());
        } catch (JacksonException | IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
    }

    private GraphResponse outageState() {
        Outage now = outage;
        return ok(Map.of("mode", now.mode(), "until", now.until().toString(), "refused", refusedDuringOutages.get()));
    }

    private GraphResponse ok(Object value) {
        return new GraphResponse(200, "application/json", json.writeValueAsBytes(value));
    }

    private GraphResponse error(int status, @Nullable String message) {
        return new GraphResponse(
                status, "application/json", json.writeValueAsBytes(Map.of("error", String.valueOf(message))));
    }

    private static Map<String, String> query(@Nullable String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
        engine.close();
        executor.shutdownNow();
    }

    public static void main(String[] args) throws Exception {
        int port = 9090;
        String host = "127.0.0.1";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--host" -> host = args[i + 1];
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + " (--port, --host)");
            }
        }
        quietLogging();
        SandboxServer sandbox = start(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }));
        System.out.println("WhatsDeX sandbox listening on http://" + host + ":" + sandbox.port() + " (graph base URL "
                + sandbox.engine().graphBaseUrl() + "; register numbers at POST /sandbox/admin/numbers)");
        stopped.await();
    }

    /** Without Spring Boot's logging setup, Logback would log at DEBUG: keep the console to warnings and up. */
    private static void quietLogging() {
        if (System.getProperty("logback.configurationFile") == null
                && org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                        instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }
}
