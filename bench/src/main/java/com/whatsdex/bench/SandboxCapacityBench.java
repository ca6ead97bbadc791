package com.whatsdex.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The standalone sandbox's own capacity: text sends straight to its Graph API with no rate limit. It is the
 * baseline the outbound pipeline is compared with (the pipeline can't send faster than its provider answers).
 */
final class SandboxCapacityBench {

    private SandboxCapacityBench() {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        int sends = Integer.parseInt(options.getOrDefault("sends", "20000"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "64"));
        try (Launcher.Running sandbox = launcher.sandbox();
                WebhookSink sink = new WebhookSink()) {
            Load.Result result = measure(sandbox, sink.url(), "100000000000001", sends, clients);
            new Table("measure", "value")
                    .row("sends", sends)
                    .row("concurrent clients", clients)
                    .row("errors", result.errors())
                    .row("sends/s", result.perSecond())
                    .row("p50 ms", result.latencies().percentileMillis(50))
                    .row("p99 ms", result.latencies().percentileMillis(99))
                    .row("sandbox RSS MB", sandbox.rssMegabytes())
                    .print("sandbox-capacity: standalone sandbox, raw Graph API sends");
        }
    }

    /** Registers a number in the standalone sandbox and sends to it directly: the baseline for other benchmarks. */
    static Load.Result measure(
            Launcher.Running sandbox, String webhookUrl, String phoneNumberId, int sends, int clients)
            throws Exception {
        String token = "capacity-token-" + phoneNumberId;
        String graph = register(sandbox, phoneNumberId, token, "capacity-secret", webhookUrl, 0);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return Load.run(clients, sends, i -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(graph + "/" + phoneNumberId + "/messages"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messaging_product\":\"whatsapp\",\"to\":\"2348"
                            + String.format("%09d", i) + "\",\"type\":\"text\",\"text\":{\"body\":\"capacity " + i
                            + "\"}}"))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    /** Registers a simulated number through the standalone sandbox's admin API; answers its graph base URL. */
    static String register(
            Launcher.Running sandbox,
            String phoneNumberId,
            String token,
            String appSecret,
            String webhookUrl,
            int maxMessagesPerSecond)
            throws Exception {
        String body = "{\"phoneNumberId\":\"" + phoneNumberId + "\",\"displayPhoneNumber\":\"1555"
                + phoneNumberId.substring(8)
                + "\",\"accessToken\":\"" + token + "\",\"appSecret\":\"" + appSecret + "\",\"webhookUrl\":\""
                + webhookUrl
                + "\",\"settings\":{\"failureRate\":0,\"maxMessagesPerSecond\":" + maxMessagesPerSecond
                + ",\"enforceServiceWindow\":false,\"sentDelay\":\"PT0.2S\",\"deliveredDelay\":\"PT0.3S\","
                + "\"readDelay\":\"PT1S\"}}";
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/admin/numbers"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("sandbox refused the number: " + response.body());
        }
        return Json.string(response.body(), "graphBaseUrl");
    }
}
