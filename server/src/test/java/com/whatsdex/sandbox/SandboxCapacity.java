package com.whatsdex.sandbox;

import com.sun.net.httpserver.HttpServer;
import com.whatsdex.sandbox.standalone.SandboxServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The standalone sandbox's raw capacity: N text sends from C concurrent clients, no rate limit, every status
 * webhook posted to a receiver that only answers 200. Not a test (the name keeps Surefire away); run it from
 * {@code server/} after {@code ../mvnw -B -q package -DskipTests}:
 *
 * <pre>
 * java -Dloader.path=target/test-classes -Dloader.main=com.whatsdex.sandbox.SandboxCapacity \
 *   -cp target/whatsdex-server.jar org.springframework.boot.loader.launch.PropertiesLauncher [sends] [clients]
 * </pre>
 */
public final class SandboxCapacity {

    private SandboxCapacity() {}

    public static void main(String[] args) throws Exception {
        int sends = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        AtomicInteger webhooks = new AtomicInteger();
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        sink.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        sink.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                webhooks.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
            }
        });
        sink.start();
        try (SandboxServer sandbox = SandboxServer.start("127.0.0.1", 0);
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            String graph = sandbox.engine()
                    .register(new SandboxNumber(
                            "100000000000001",
                            "15550000001",
                            "capacity-token",
                            "capacity-secret",
                            "http://127.0.0.1:" + sink.getAddress().getPort() + "/hook",
                            SandboxSettings.defaults()));
            HttpRequest request = HttpRequest.newBuilder(URI.create(graph + "/100000000000001/messages"))
                    .header("Authorization", "Bearer capacity-token")
                    .header("Content-Type", "application/json")
                    .POST(
                            HttpRequest.BodyPublishers.ofString(
                                    "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"2348012345678\",\"type\":\"text\",\"text\":{\"body\":\"capacity\"}}"))
                    .build();
            run(http, pool, request, Math.min(sends / 10, 5_000), clients); // warm-up
            long start = System.nanoTime();
            int failures = run(http, pool, request, sends, clients);
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(Duration.ofSeconds(3)); // let the last statuses go out
            System.out.printf(
                    "sandbox raw capacity: %d sends, %d clients, %.2f s, %.0f msgs/s, %d non-200; stats %s%n",
                    sends,
                    clients,
                    seconds,
                    sends / seconds,
                    failures,
                    sandbox.engine().stats().snapshot());
        } finally {
            sink.stop(0);
        }
    }

    private static int run(HttpClient http, ExecutorService pool, HttpRequest request, int sends, int clients)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                while (next.getAndIncrement() < sends) {
                    if (http.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            != 200) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        return failures.get();
    }
}
