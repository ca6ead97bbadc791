package com.whatsdex.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The outbound pipeline (POST /api/v1/messages: persist, checks, usage, pacing, Graph API call, outcome) against the
 * standalone sandbox. Part 1: several channels at Meta's highest per-number rate (1,000/s), i.e. no practical limit.
 * Part 2: one channel limited to 80/s, the rate measured where Meta would see it (the sandbox's accept times).
 * Baseline, same run: the sandbox's own capacity for direct sends.
 */
final class OutboundBench {

    private OutboundBench() {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        int messages = Integer.parseInt(options.getOrDefault("messages", "20000"));
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
            warmUp(api, channels.getFirst());
            Load.Result pipeline = Load.run(clients, messages, i -> {
                HttpResponse<String> r = api.sendTemplate(channels.get(i % channels.size()), phone(i));
                return r.statusCode() == 201 && r.body().contains("\"status\":\"accepted\"");
            });

            String limitedNumber = "100000000000200";
            String graph = SandboxCapacityBench.register(sandbox, limitedNumber, "token-l", "secret-l", sink.url(), 0);
            String limitedChannel = api.cloudChannel("Limited", graph, limitedNumber, "token-l", "secret-l", rate);
            Load.Result paced = Load.run(clients, limited, i -> {
                HttpResponse<String> r = api.sendTemplate(limitedChannel, phone(i));
                return r.statusCode() == 201 && r.body().contains("\"status\":\"accepted\"");
            });
            double measuredRate = acceptRate(sandbox, limitedNumber, limited);

            new Table(
                            "measure",
                            "sandbox alone (baseline)",
                            "pipeline, " + channelCount + " channels x 1000/s",
                            "pipeline, 1 channel at " + rate + "/s")
                    .row("messages", messages, messages, limited)
                    .row("errors", baseline.errors(), pipeline.errors(), paced.errors())
                    .row("messages/s", baseline.perSecond(), pipeline.perSecond(), measuredRate)
                    .row(
                            "p50 ms",
                            baseline.latencies().percentileMillis(50),
                            pipeline.latencies().percentileMillis(50),
                            paced.latencies().percentileMillis(50))
                    .row(
                            "p99 ms",
                            baseline.latencies().percentileMillis(99),
                            pipeline.latencies().percentileMillis(99),
                            paced.latencies().percentileMillis(99))
                    .row(
                            "pipeline / baseline",
                            "1.00",
                            String.format("%.2f", pipeline.perSecond() / baseline.perSecond()),
                            "")
                    .row("rate vs limit", "", "", String.format("%+.2f %%", (measuredRate / rate - 1) * 100))
                    .row("server RSS MB", "", server.rssMegabytes(), "")
                    .print("outbound: POST /api/v1/messages through the pipeline to the standalone sandbox (" + clients
                            + " concurrent clients)");
        }
    }

    private static void warmUp(ServerApi api, String channel) throws Exception {
        Load.run(
                16,
                2000,
                i -> api.sendTemplate(channel, "+2349" + String.format("%09d", i))
                                .statusCode()
                        == 201);
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
