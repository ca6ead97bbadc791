package com.whatsdex.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Status webhooks into the running server, as Meta posts them: signed batches of {@code delivered} and
 * {@code read} statuses for messages the server really sent. After a warm-up on a tenth of them, two phases on different messages: capacity (closed
 * loop: {@code clients} callers posting back to back, persisted statuses per second) and latency at a fixed rate
 * (open loop at {@code rate} statuses per second: acknowledgement p50/p99 from each post's due time; a closed loop's
 * latency is only its queue, clients ÷ throughput). Then checks that every message reached {@code read}. Baseline,
 * same run, both phases: the same payloads with a wrong signature, which the server reads, checks and refuses
 * without touching the database.
 */
final class WebhookIngestBench {

    private WebhookIngestBench() {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        int messages = Integer.parseInt(options.getOrDefault("messages", "40000"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "3000"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "10"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "32"));
        String number = "100000000000300";
        String secret = "ingest-secret";
        try (Launcher.Running sandbox = launcher.sandbox();
                WebhookSink sink = new WebhookSink();
                Launcher.Running server = launcher.server("1g", Map.of())) {
            ServerApi api = ServerApi.newWorkspace(server);
            String graph = SandboxCapacityBench.register(sandbox, number, "ingest-token", secret, sink.url(), 0);
            String channel = api.cloudChannel("Ingest", graph, number, "ingest-token", secret, 1000);

            // the messages whose statuses are posted, sent in batches of 500 (wamid|recipient, in phone order)
            int size = 500;
            String[] wamids = new String[messages];
            long setupStart = System.nanoTime();
            Load.Result setup = Load.run(4, (messages + size - 1) / size, b -> {
                int first = b * size;
                List<String> sent = api.sendTemplateBatchWamids(channel, first, Math.min(size, messages - first));
                for (int i = 0; i < sent.size(); i++) {
                    wamids[first + i] =
                            sent.get(i) + "|" + OutboundBench.phone(first + i).substring(1);
                }
                return sent.size() == Math.min(size, messages - first);
            });
            double setupPerSecond = messages / ((System.nanoTime() - setupStart) / 1e9);
            if (setup.errors() > 0) {
                throw new IllegalStateException(setup.errors() + " setup batches were not fully accepted");
            }
            List<String> all = List.of(wamids);
            // a tenth warms the server up (not measured), the rest is split between the two phases
            int warm = messages / 10;
            int half = warm + (messages - warm) / 2;
            List<byte[]> warmUp = payloads(all.subList(0, warm), number, batch);
            List<byte[]> payloads = payloads(all.subList(warm, half), number, batch);
            List<byte[]> paced = payloads(all.subList(half, messages), number, batch);
            int statuses = (half - warm) * 2;

            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI hook = URI.create(server.baseUrl() + "/webhooks/whatsapp/" + channel);
            Load.run(clients, warmUp.size(), i -> post(http, hook, warmUp.get(i), "sha256=" + "0".repeat(64)) == 401);
            Load.run(clients, warmUp.size(), i -> post(http, hook, warmUp.get(i), sign(secret, warmUp.get(i))) == 200);
            Load.Result refused = Load.run(
                    clients,
                    payloads.size(),
                    i -> post(http, hook, payloads.get(i), "sha256=" + "0".repeat(64)) == 401);
            Load.Result ingest = Load.run(
                    clients,
                    payloads.size(),
                    i -> post(http, hook, payloads.get(i), sign(secret, payloads.get(i))) == 200);
            // the fixed-rate phase: as many payloads as the second half of the messages gives, at rate statuses/s
            double payloadRate = rate / batch;
            // rounded up: the open loop runs rate × window operations, rounded down
            Duration window = Duration.ofNanos((long) Math.ceil(paced.size() / payloadRate * 1e9) + 1);
            OpenLoop.Result refusedPaced = OpenLoop.run(
                    payloadRate,
                    window,
                    2000,
                    i -> "refused",
                    i -> expect(401, post(http, hook, paced.get(i), "sha256=" + "0".repeat(64))));
            OpenLoop.Result ingestPaced = OpenLoop.run(
                    payloadRate,
                    window,
                    2000,
                    i -> "signed",
                    i -> expect(200, post(http, hook, paced.get(i), sign(secret, paced.get(i)))));
            Latencies refusedAt = refusedPaced.endpoints().get("refused").latencies();
            Latencies ingestAt = ingestPaced.endpoints().get("signed").latencies();

            Map<String, Integer> byStatus = countStatuses(api, channel);
            int read = byStatus.getOrDefault("read", 0);
            new Table("measure", "refused signature (baseline)", "signed, persisted")
                    .row("payloads (" + batch + " statuses each)", payloads.size(), payloads.size())
                    .row("statuses", statuses, statuses)
                    .row("errors", refused.errors(), ingest.errors())
                    .row("statuses/s", refused.perSecond() * batch, ingest.perSecond() * batch)
                    .row(
                            "ack p50 ms",
                            refused.latencies().percentileMillis(50),
                            ingest.latencies().percentileMillis(50))
                    .row(
                            "ack p99 ms",
                            refused.latencies().percentileMillis(99),
                            ingest.latencies().percentileMillis(99))
                    .row("ingest / baseline", "1.00", String.format("%.2f", ingest.perSecond() / refused.perSecond()))
                    .row(String.format("at %.0f statuses/s: payloads", rate), paced.size(), paced.size())
                    .row(
                            "at that rate: errors",
                            refusedPaced.errors() + " "
                                    + refusedPaced.endpoints().get("refused").reasons(),
                            ingestPaced.errors() + " "
                                    + ingestPaced.endpoints().get("signed").reasons())
                    .row(
                            "at that rate: statuses/s done",
                            refusedPaced.okPerSecond() * batch,
                            ingestPaced.okPerSecond() * batch)
                    .row("at that rate: ack p50 ms", refusedAt.percentileMillis(50), ingestAt.percentileMillis(50))
                    .row("at that rate: ack p99 ms", refusedAt.percentileMillis(99), ingestAt.percentileMillis(99))
                    .row("messages now read (of " + messages + ", a tenth posted to warm up)", "", read)
                    .row("messages by status", "", byStatus)
                    .row("setup sends/s (batches of " + size + ")", "", setupPerSecond)
                    .row("server RSS MB", "", server.rssMegabytes())
                    .print("webhook-ingest: signed status batches, closed loop of " + clients
                            + " clients, then open loop at " + String.format("%.0f", rate) + " statuses/s");
        }
    }

    private static boolean expect(int expected, int status) {
        if (status != expected) {
            throw new IllegalStateException("HTTP " + status);
        }
        return true;
    }

    private static int post(HttpClient http, URI hook, byte[] body, String signature) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(hook)
                                .header("Content-Type", "application/json")
                                .header("X-Hub-Signature-256", signature)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Meta's status payload shape: one entry, one change, {@code batch} statuses; delivered then read per message. */
    private static List<byte[]> payloads(List<String> wamids, String number, int batch) {
        List<String> statuses = new ArrayList<>();
        long ts = System.currentTimeMillis() / 1000;
        for (String s : wamids) {
            String[] parts = s.split("\\|");
            statuses.add(status(parts[0], parts[1], "delivered", ts));
        }
        for (String s : wamids) {
            String[] parts = s.split("\\|");
            statuses.add(status(parts[0], parts[1], "read", ts + 1));
        }
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i += batch) {
            String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":"
                    + "\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                    + "\"display_phone_number\":\"15550000300\",\"phone_number_id\":\"" + number + "\"},\"statuses\":["
                    + String.join(",", statuses.subList(i, Math.min(statuses.size(), i + batch))) + "]}}]}]}";
            payloads.add(body.getBytes(StandardCharsets.UTF_8));
        }
        return payloads;
    }

    private static String status(String wamid, String recipient, String status, long ts) {
        return "{\"id\":" + Json.quote(wamid) + ",\"status\":\"" + status + "\",\"timestamp\":\"" + ts
                + "\",\"recipient_id\":\"" + recipient + "\"}";
    }

    static String sign(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** The channel's messages by status ({@code read} is the one every message should have). */
    private static Map<String, Integer> countStatuses(ServerApi api, String channel) throws Exception {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        String cursor = null;
        do {
            String page = api.get("/api/v1/messages?channelId=" + channel + "&limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            for (int at = page.indexOf("\"status\":\""); at >= 0; at = page.indexOf("\"status\":\"", at + 1)) {
                counts.merge(Json.string(page.substring(at), "status"), 1, Integer::sum);
            }
            int at = page.indexOf("\"nextCursor\":\"");
            cursor = at < 0 ? null : Json.string(page.substring(at), "nextCursor");
        } while (cursor != null);
        return counts;
    }
}
