package com.whatsdex.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the campaign benchmarks share: recipients, a pool of channels on the standalone sandbox, its records. */
final class CampaignSetup {

    /** What the standalone sandbox remembers per number (newest first); a bench must stay below it to check all. */
    static final int SANDBOX_HISTORY = 10_000;

    /**
     * Recipients a campaign may have in flight at a time: the dispatcher's lanes × its batch (CampaignDispatcher.LANES
     * and BATCH, for a campaign without random delays or batch pauses).
     */
    static final int DISPATCH_IN_FLIGHT = 3 * 50;

    private static final Pattern DELIVERY =
            Pattern.compile("\"to\":\"(\\d+)\".*?\"acceptedAt\":\"([^\"]+)\"", Pattern.DOTALL);

    private CampaignSetup() {}

    /** A Cloud API channel in the server and its simulated number in the sandbox. */
    record Channel(String id, String phoneNumberId) {}

    /** One send as the sandbox recorded it: to whom (digits) and when it accepted it. */
    record Delivery(String to, Instant acceptedAt) {}

    /** {@code count} distinct Nigerian mobile numbers in E.164, from {@code first} on. */
    static List<String> phones(int first, int count) {
        List<String> phones = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            phones.add(String.format("+234806%07d", i));
        }
        return phones;
    }

    /**
     * {@code count} channels at {@code rate}/s, each a number registered in the standalone sandbox with the same
     * throughput limit (no failures) whose status webhooks go to {@code webhookUrl}.
     */
    static List<Channel> pool(
            Launcher.Running sandbox, ServerApi api, String webhookUrl, String numberPrefix, int count, int rate)
            throws Exception {
        List<Channel> pool = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            String number = numberPrefix + String.format("%03d", c);
            String token = "token-" + number;
            String secret = "secret-" + number;
            // the sandbox enforces the channel's rate like Meta's throughput limit (130429 beyond it in any second)
            String graph = SandboxCapacityBench.register(sandbox, number, token, secret, webhookUrl, rate);
            pool.add(new Channel(api.cloudChannel("Pool " + number, graph, number, token, secret, rate), number));
        }
        return pool;
    }

    static List<String> ids(List<Channel> pool) {
        return pool.stream().map(Channel::id).toList();
    }

    /** What the sandbox accepted for a number, newest first (at most {@link #SANDBOX_HISTORY}). */
    static List<Delivery> deliveries(Launcher.Running sandbox, String phoneNumberId) throws Exception {
        String body = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/admin/numbers/" + phoneNumberId
                                        + "/deliveries?limit=" + SANDBOX_HISTORY))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        List<Delivery> deliveries = new ArrayList<>();
        Matcher m = DELIVERY.matcher(body);
        while (m.find()) {
            deliveries.add(new Delivery(m.group(1), Instant.parse(m.group(2))));
        }
        return deliveries;
    }

    /** Sends the sandbox accepted since it started, all numbers together. */
    static long accepted(Launcher.Running sandbox) throws Exception {
        return Json.number(stats(sandbox), "accepted");
    }

    /** The standalone sandbox's counters since it started (accepted, refused, webhooks posted, …), as JSON. */
    static String stats(Launcher.Running sandbox) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/admin/stats"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** A campaign's counters, from its JSON. */
    record Counts(
            String status,
            long total,
            long pending,
            long sending,
            long sent,
            long delivered,
            long read,
            long failed,
            long skipped,
            long unknown) {

        static Counts of(String campaignJson) {
            String counts = campaignJson.substring(campaignJson.indexOf("\"counts\""));
            return new Counts(
                    Json.string(campaignJson, "status"),
                    Json.number(counts, "total"),
                    Json.number(counts, "pending"),
                    Json.number(counts, "sending"),
                    Json.number(counts, "sent"),
                    Json.number(counts, "delivered"),
                    Json.number(counts, "read"),
                    Json.number(counts, "failed"),
                    Json.number(counts, "skipped"),
                    Json.number(counts, "unknown"));
        }

        /** Recipients the dispatcher is done with ({@code sent} already includes delivered and read). */
        long processed() {
            return sent + failed + skipped + unknown;
        }
    }

    /** Polls the campaign until it has the status, at most {@code seconds}; answers its last counters. */
    static Counts awaitStatus(ServerApi api, String campaignId, String status, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            Counts c = Counts.of(api.campaign(campaignId));
            if (c.status().equals(status)) {
                return c;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("campaign still " + c + " after " + seconds + " s");
            }
            Thread.sleep(100); // polling the campaign's endpoint
        }
    }
}
