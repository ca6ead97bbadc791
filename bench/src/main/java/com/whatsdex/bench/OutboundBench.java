package com.whatsdex.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outbound pipeline (persist, checks, usage, pacing, Graph API call, outcome) against the standalone sandbox.
 * Part 1: several channels at Meta's highest per-number rate (1,000/s), i.e. no practical limit, fed through POST
 * /api/v1/messages/batch (how campaigns and bulk integrations send) and, for comparison, one message per request.
 * Part 2: one channel limited to 80/s, the rate measured where Meta would see it (the sandbox's accept times).
 * Baseline, same run: the sandbox's own capacity for direct sends.
 */
final class OutboundBench {

    private OutboundBench() {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        int messages = Integer.parseInt(options.getOrDefault("messages", "40000"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "500"));
        int batchClients = Integer.parseInt(options.getOrDefault("batch-clients", "4"));
        int single = Integer.parseInt(options.getOrDefault("single-messages", "5000"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "64"));
        int channelCount = Integer.parseInt(options.getOrDefault("channels", "4"));
        int limited = Integer.parseInt(options.getOrDefault("limited-messages", "1600"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "80"));
        try (Launcher.Running sandbox = launcher.sandbox();
                WebhookSink sink = new WebhookSink();
                Launcher.Running server = launcher.server("1g", Map.of())) {
            Load.Result baseline =
                    SandboxCapacityBench.measure(sandbox, sink.url(), "100000000000999", messages, clients);

            ServerApi api = ServerApi.newWorkspace(server);
            List<String> channels = new ArrayList<>();
            for (int c = 0; c < channelCount; c++) {
                String number = "10000000000010" + c;
                String graph =
                        SandboxCapacityBench.register(sandbox, number, "token-" + c, "secret-" + c, sink.url(), 0);
                channels.add(api.cloudChannel("Bench " + c, graph, number, "token-" + c, "secret-" + c, 1000));
            }
            warmUp(api, channels);

            Batches batched = batches(
                    batchClients, messages, batch, (first, count) -> api.sendTemplateBatch(channels, first, count));
            Load.Result oneByOne;
            Map<String, Double> singleWaits;
            double singleCommits;
            try (Connection su = ContactsListBench.connect(
                    ContactsListBench.driverFrom(launcher.serverJar()),
                    "jdbc:postgresql://127.0.0.1:" + ContactsListBench.postgresPort(server.dataDir()) + "/whatsdex",
                    "postgres")) {
                PostgresActivity activity = new PostgresActivity(su);
                try (activity) {
                    oneByOne = Load.run(clients, single, i -> {
                        HttpResponse<String> r =
                                api.sendTemplate(channels.get(i % channels.size()), phone(messages + i));
                        return r.statusCode() == 201 && r.body().contains("\"status\":\"accepted\"");
                    });
                }
                singleWaits = activity.averageActive(6);
                singleCommits = activity.commitsPerSecond();
            }

            String limitedNumber = "100000000000200";
            String graph = SandboxCapacityBench.register(sandbox, limitedNumber, "token-l", "secret-l", sink.url(), 0);
            String limitedChannel = api.cloudChannel("Limited", graph, limitedNumber, "token-l", "secret-l", rate);
            Batches paced = batches(
                    batchClients,
                    limited,
                    100,
                    (first, count) -> api.sendTemplateBatch(List.of(limitedChannel), 2_000_000 + first, count));
            double measuredRate = acceptRate(sandbox, limitedNumber, limited);

            new Table(
                            "measure",
                            "sandbox alone (baseline)",
                            "pipeline, batches of " + batch,
                            "pipeline, 1 per request",
                            "pipeline, 1 channel at " + rate + "/s")
                    .row("messages", messages, messages, single, limited)
                    .row("concurrent clients", clients, batchClients, clients, batchClients)
                    .row(
                            "not accepted",
                            baseline.errors(),
                            messages - batched.accepted(),
                            oneByOne.errors(),
                            limited - paced.accepted())
                    .row("messages/s", baseline.perSecond(), batched.perSecond(), oneByOne.perSecond(), measuredRate)
                    .row(
                            "vs baseline",
                            "1.00",
                            String.format("%.2f", batched.perSecond() / baseline.perSecond()),
                            String.format("%.2f", oneByOne.perSecond() / baseline.perSecond()),
                            "")
                    .row(
                            "p50 ms per request",
                            baseline.latencies().percentileMillis(50),
                            batched.latencies().percentileMillis(50),
                            oneByOne.latencies().percentileMillis(50),
                            "")
                    .row(
                            "p99 ms per request",
                            baseline.latencies().percentileMillis(99),
                            batched.latencies().percentileMillis(99),
                            oneByOne.latencies().percentileMillis(99),
                            "")
                    .row("rate vs limit", "", "", "", String.format("%+.2f %%", (measuredRate / rate - 1) * 100))
                    .row("server RSS MB", "", server.rssMegabytes(), "", "")
                    .row("PostgreSQL commits/s", "", "", String.format("%.0f", singleCommits), "")
                    .row("active backends by wait (avg)", "", "", waits(singleWaits), "")
                    .print("outbound: the pipeline to the standalone sandbox (" + channelCount
                            + " channels at 1,000/s; statuses webhooks go to a sink)");
        }
    }

    private static String waits(Map<String, Double> waits) {
        StringBuilder out = new StringBuilder();
        waits.forEach((wait, n) -> out.append(out.isEmpty() ? "" : ", ").append(String.format("%s %.1f", wait, n)));
        return out.toString();
    }

    interface BatchSend {
        int send(int first, int count) throws Exception;
    }

    record Batches(int accepted, double seconds, Latencies latencies) {
        double perSecond() {
            return accepted / seconds;
        }
    }

    /** {@code total} messages in batches of {@code size}, from {@code clients} concurrent callers. */
    static Batches batches(int clients, int total, int size, BatchSend send) throws InterruptedException {
        int count = (total + size - 1) / size;
        AtomicInteger accepted = new AtomicInteger();
        long start = System.nanoTime();
        Load.Result r = Load.run(clients, count, b -> {
            int first = b * size;
            int n = send.send(first, Math.min(size, total - first));
            accepted.addAndGet(n);
            return n > 0;
        });
        return new Batches(accepted.get(), (System.nanoTime() - start) / 1e9, r.latencies());
    }

    private static void warmUp(ServerApi api, List<String> channels) throws Exception {
        batches(4, 4000, 250, (first, count) -> api.sendTemplateBatch(channels, 1_000_000 + first, count));
        Load.run(
                16,
                1000,
                i -> api.sendTemplate(channels.getFirst(), phone(1_500_000 + i)).statusCode() == 201);
    }

    static String phone(int i) {
        return "+2348" + String.format("%09d", i);
    }

    /** Sends per second as the provider saw them: (n - 1) intervals between the first and last accept. */
    private static double acceptRate(Launcher.Running sandbox, String number, int expected) throws Exception {
        String body = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/admin/numbers/" + number
                                        + "/deliveries?limit=" + (expected + 10)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        List<Instant> accepted = new ArrayList<>();
        Matcher m = Pattern.compile("\"acceptedAt\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        while (m.find()) {
            accepted.add(Instant.parse(m.group(1)));
        }
        if (accepted.size() < 2) {
            return Double.NaN;
        }
        Collections.sort(accepted);
        double seconds =
                (accepted.getLast().toEpochMilli() - accepted.getFirst().toEpochMilli()) / 1000.0;
        return (accepted.size() - 1) / seconds;
    }
}
