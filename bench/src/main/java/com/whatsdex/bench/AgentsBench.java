package com.whatsdex.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AI agents answering customers: sandbox phones write to a channel with an enabled agent at a steady rate, the server
 * asks a local OpenAI-compatible provider (this process, answering after a fixed latency), and sends each answer
 * through the sandbox. Reports the reply job's pickup latency (from when it was due to when a worker started it; the
 * target is p95 under 1 s) and the whole reply time, against the same provider called directly from here (the
 * baseline), and checks that every phone received exactly one answer.
 */
final class AgentsBench {

    private static final Pattern STATUS = Pattern.compile("\"status\":\"(\\w+)\"");
    private static final Pattern PICKUP = Pattern.compile("\"pickupMillis\":(null|\\d+)");
    private static final Pattern RECEIVED = Pattern.compile("\"receivedAt\":\"([^\"]+)\"");
    private static final Pattern COMPLETED = Pattern.compile("\"completedAt\":(null|\"[^\"]+\")");

    private AgentsBench() {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        int messages = Integer.parseInt(options.getOrDefault("messages", "600"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "20"));
        int latencyMs = Integer.parseInt(options.getOrDefault("provider-latency-ms", "300"));
        try (Provider provider = new Provider(latencyMs);
                Launcher.Running server = launcher.server(
                        "512m",
                        Map.of(
                                "WHATSDEX_AI_BASE_URL", provider.baseUrl(),
                                "WHATSDEX_AI_MODEL", "bench-model",
                                "WHATSDEX_AI_API_KEY", "bench-key"))) {
            ServerApi api = ServerApi.newWorkspace(server);
            String channel = Json.string(api.post("/api/v1/channels/sandbox", null, 201), "id");
            api.post(
                    "/api/v1/agents",
                    "{\"name\":\"Bench agent\",\"instructions\":\"You answer customers of a shop.\","
                            + "\"enabled\":true,\"channelIds\":[\"" + channel + "\"]}",
                    201);

            // baseline: the provider called directly, as the server calls it
            Latencies direct = new Latencies(200);
            for (int i = 0; i < 50; i++) {
                long start = System.nanoTime();
                provider.callDirectly(api);
                direct.add((System.nanoTime() - start) / 1000);
            }
            provider.calls.set(0);

            // customers write at a steady rate, each from their own phone
            long started = System.nanoTime();
            Load.Result writes = Load.run(16, messages, i -> {
                long due = started + (long) i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // the load's steady rate
                }
                api.post(
                        "/api/v1/channels/" + channel + "/sandbox/inbound",
                        "{\"from\":\"" + phone(i) + "\",\"text\":\"Hello, is order " + i + " ready?\"}",
                        201);
                return true;
            });
            Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
            List<String> pages = activity(api);
            while (ended(pages) < messages && Instant.now().isBefore(deadline)) {
                Thread.sleep(500); // polling the activity until every reply has ended
                pages = activity(api);
            }

            Latencies pickup = new Latencies(messages);
            Latencies total = new Latencies(messages);
            int replied = 0;
            int other = 0;
            for (String page : pages) {
                List<String> statuses = all(STATUS, page);
                List<String> pickups = all(PICKUP, page);
                List<String> received = all(RECEIVED, page);
                List<String> completed = all(COMPLETED, page);
                for (int i = 0; i < statuses.size(); i++) {
                    if (!statuses.get(i).equals("replied")) {
                        other++;
                        continue;
                    }
                    replied++;
                    pickup.add(Long.parseLong(pickups.get(i)) * 1000);
                    Instant done = Instant.parse(completed.get(i).replace("\"", ""));
                    total.add(Duration.between(Instant.parse(received.get(i)), done)
                                    .toNanos()
                            / 1000);
                }
            }
            int once = 0;
            for (int i = 0; i < messages; i++) {
                String deliveries = api.get(
                        "/api/v1/channels/" + channel + "/sandbox/deliveries?to=" + phone(i).replace("+", "%2B"));
                if (deliveries.split("\"text\":", -1).length - 1 == 1) {
                    once++;
                }
            }
            new Table("measure", "provider called directly (baseline)", "agent replies through the server")
                    .row("messages", direct.count(), messages)
                    .row("written per second", "", String.format("%.1f", messages / writes.seconds()))
                    .row("replied / other", "", replied + " / " + other)
                    .row("phones answered exactly once", "", once)
                    .row("provider calls", direct.count(), provider.calls.get())
                    .row("job pickup p50 ms", "", pickup.percentileMillis(50))
                    .row("job pickup p95 ms (target < 1000)", "", pickup.percentileMillis(95))
                    .row("job pickup p99 ms", "", pickup.percentileMillis(99))
                    .row("reply p50 ms", direct.percentileMillis(50), total.percentileMillis(50))
                    .row("reply p95 ms", direct.percentileMillis(95), total.percentileMillis(95))
                    .row(
                            "reply p50 / baseline p50",
                            "1.00",
                            String.format("%.2f", total.percentileMillis(50) / direct.percentileMillis(50)))
                    .row("server RSS MB", "", server.rssMegabytes())
                    .print("agents: " + messages + " customer messages at " + rate + "/s, provider latency " + latencyMs
                            + " ms");
        }
    }

    private static String phone(int i) {
        return "+2348" + String.format("%09d", 300_000_000 + i);
    }

    /** Every page of the activity, newest first. */
    private static List<String> activity(ServerApi api) throws Exception {
        List<String> pages = new ArrayList<>();
        String cursor = null;
        do {
            String page = api.get("/api/v1/agents/activity?limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            pages.add(page);
            int at = page.indexOf("\"nextCursor\":\"");
            cursor = at < 0 ? null : Json.string(page.substring(at), "nextCursor");
        } while (cursor != null);
        return pages;
    }

    private static int ended(List<String> pages) {
        int n = 0;
        for (String page : pages) {
            for (String status : all(STATUS, page)) {
                n += status.equals("pending") ? 0 : 1;
            }
        }
        return n;
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** An OpenAI-compatible chat completions endpoint answering one sentence after a fixed latency. */
    static final class Provider implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        final AtomicInteger calls = new AtomicInteger();

        Provider(int latencyMs) throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(executor);
            server.createContext("/v1/chat/completions", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    calls.incrementAndGet();
                    Thread.sleep(latencyMs); // the provider's scripted latency
                    byte[] body = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":"
                                    + (System.currentTimeMillis() / 1000)
                                    + ",\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":"
                                    + "{\"role\":\"assistant\",\"content\":\"Thanks! Your order is on its way.\"},"
                                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":120,"
                                    + "\"completion_tokens\":9,\"total_tokens\":129}}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        }

        void callDirectly(ServerApi api) throws Exception {
            HttpResponse<String> r = api.http()
                    .send(
                            HttpRequest.newBuilder(URI.create(baseUrl() + "/chat/completions"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"model\":\"bench-model\",\"messages\":[{\"role\":\"user\","
                                                    + "\"content\":\"Hello\"}]}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("provider answered " + r.statusCode());
            }
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
