package com.whatsdex.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Status webhooks into the running server, as Meta posts them: signed batches of {@code delivered} and
 * {@code read} statuses for messages the server really sent. Measures persisted statuses per second and the
 * acknowledgement latency, then checks that every message reached {@code read}. Baseline, same run: the same
 * payloads with a wrong signature, which the server reads, checks and refuses without touching the database.
 */
final class WebhookIngestBench {

    private WebhookIngestBench() {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        int messages = Integer.parseInt(options.getOrDefault("messages", "5000"));
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

            List<String> wamids = Collections.synchronizedList(new ArrayList<>());
            Load.Result setup = Load.run(32, messages, i -> {
                HttpResponse<String> r = api.sendTemplate(channel, OutboundBench.phone(i));
                if (r.statusCode() != 201) {
                    return false;
                }
                wamids.add(Json.string(r.body(), "wamid") + "|"
                        + OutboundBench.phone(i).substring(1));
                return true;
            });
            List<byte[]> payloads = payloads(new ArrayList<>(wamids), number, batch);
            int statuses = wamids.size() * 2;

            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI hook = URI.create(server.baseUrl() + "/webhooks/whatsapp/" + channel);
            Load.Result refused = Load.run(
                    clients,
                    payloads.size(),
                    i -> post(http, hook, payloads.get(i), "sha256=" + "0".repeat(64)) == 401);
            Load.Result ingest = Load.run(
                    clients,
                    payloads.size(),
                    i -> post(http, hook, payloads.get(i), sign(secret, payloads.get(i))) == 200);

            int read = countRead(api, channel);
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
                    .row("messages now read (of " + wamids.size() + ")", "", read)
                    .row("setup sends/s", "", setup.perSecond())
                    .row("server RSS MB", "", server.rssMegabytes())
                    .print("webhook-ingest: signed status batches posted by " + clients + " concurrent clients");
        }
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

    private static int countRead(ServerApi api, String channel) throws Exception {
        int read = 0;
        String cursor = null;
        do {
            String page = api.get("/api/v1/messages?channelId=" + channel + "&limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            read += (page.split("\"status\":\"read\"", -1).length - 1);
            int at = page.indexOf("\"nextCursor\":\"");
            cursor = at < 0 ? null : Json.string(page.substring(at), "nextCursor");
        } while (cursor != null);
        return read;
    }
}
