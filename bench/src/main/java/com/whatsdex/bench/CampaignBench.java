package com.whatsdex.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Campaigns through the packaged server against the standalone sandbox, server at {@code -Xmx512m}:
 *
 * <ol>
 *   <li>throughput: {@code --recipients} (100,000) imported contacts, one campaign over a pool of {@code --channels}
 *       Cloud API channels at 1,000/s each (Meta's highest per-number rate, so no practical limit; one channel alone
 *       could not pass 1,000/s). Messages/s as the sandbox accepted them, over the steady part of the run (from 10 %
 *       to 90 % of the sends) and from the start action to {@code completed}; baseline, same run: the sandbox's raw
 *       capacity for direct sends (what {@code sandbox-capacity} measures);
 *   <li>pacing: another workspace, one channel at {@code --rate}/s (80), {@code --paced-recipients} (3,000, about 37 s);
 *       the rate where Meta would see it (the sandbox's accept times), leaving out the first 5 s (ramp-up);
 *   <li>progress events: an SSE client on {@code GET /api/v1/events}; for the k-th send the sandbox accepted, the time
 *       from that accept to the arrival of the first {@code campaign.progress} event reporting {@code sent ≥ k};
 *       all sends of the paced campaign, and the sends of the throughput campaign the sandbox still remembers
 *       (its newest 10,000 per number);
 *   <li>memory: the server's peak used heap and RSS over the whole run, sampled every 200 ms.
 * </ol>
 *
 * Status webhooks go to a sink, not to the server, as in the outbound benchmark: the run measures sending.
 */
final class CampaignBench {

    private CampaignBench() {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        int recipients = Integer.parseInt(options.getOrDefault("recipients", "100000"));
        int channelCount = Integer.parseInt(options.getOrDefault("channels", "4"));
        int paced = Integer.parseInt(options.getOrDefault("paced-recipients", "3000"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "80"));
        String heap = options.getOrDefault("heap", "512m");
        int capacitySends = Integer.parseInt(options.getOrDefault("capacity-sends", "20000"));
        if (paced > CampaignSetup.SANDBOX_HISTORY) {
            throw new IllegalArgumentException("--paced-recipients at most " + CampaignSetup.SANDBOX_HISTORY);
        }
        try (Launcher.Running sandbox = launcher.sandbox();
                WebhookSink sink = new WebhookSink();
                Launcher.Running server = launcher.server(heap, Map.of());
                MemorySampler memory = new MemorySampler(server)) {
            Load.Result baseline =
                    SandboxCapacityBench.measure(sandbox, sink.url(), "100000000000999", capacitySends, 64);
            System.out.printf("sandbox alone: %.0f sends/s%n", baseline.perSecond());

            // (a) throughput
            ServerApi api = ServerApi.newWorkspace(server);
            List<CampaignSetup.Channel> pool =
                    CampaignSetup.pool(sandbox, api, sink.url(), "100000000600", channelCount, 1000);
            long i0 = System.nanoTime();
            long imported = api.importContacts(CampaignSetup.phones(0, recipients));
            System.out.printf("imported %,d contacts in %.1f s%n", imported, (System.nanoTime() - i0) / 1e9);
            String bulk = api.createCampaign("Throughput", CampaignSetup.ids(pool));
            Throughput fast;
            CampaignSetup.Counts bulkDone;
            try (ProgressEvents events = new ProgressEvents(api)) {
                fast = throughput(api, sandbox, bulk, recipients);
                Thread.sleep(1500); // let the last events arrive (a watcher tick is 1 s)
                bulkDone = CampaignSetup.Counts.of(api.campaign(bulk));
                List<Instant> suffix = completeSuffix(sandbox, pool);
                fast = fast.withLatencies(latencies(suffix, fast.accepted() - suffix.size(), events.of(bulk)));
            }
            System.out.printf(
                    "throughput campaign: %s, %.0f msg/s steady, %.1f s start → completed%n",
                    bulkDone, fast.steadyPerSecond(), fast.seconds());

            // (b) pacing and (c) progress events
            ServerApi pacedApi = ServerApi.newWorkspace(server);
            CampaignSetup.Channel limited = CampaignSetup.pool(sandbox, pacedApi, sink.url(), "100000000700", 1, rate)
                    .getFirst();
            pacedApi.importContacts(CampaignSetup.phones(recipients, paced));
            String slow = pacedApi.createCampaign("Paced", List.of(limited.id()));
            Latencies pacedLatency;
            double measuredRate;
            CampaignSetup.Counts slowDone;
            int window;
            try (ProgressEvents events = new ProgressEvents(pacedApi)) {
                pacedApi.campaignAction(slow, "start");
                slowDone = CampaignSetup.awaitStatus(pacedApi, slow, "completed", 30 + 2 * paced / rate);
                Thread.sleep(1500); // let the last events arrive (a watcher tick is 1 s)
                List<Instant> accepts = CampaignSetup.deliveries(sandbox, limited.phoneNumberId()).stream()
                        .map(CampaignSetup.Delivery::acceptedAt)
                        .sorted()
                        .toList();
                pacedLatency = latencies(accepts, 0, events.of(slow));
                Instant steadyFrom = accepts.getFirst().plusSeconds(5);
                List<Instant> steady =
                        accepts.stream().filter(a -> !a.isBefore(steadyFrom)).toList();
                window = steady.size();
                measuredRate = steady.size() < 2
                        ? Double.NaN
                        : (steady.size() - 1)
                                / (Duration.between(steady.getFirst(), steady.getLast())
                                                .toNanos()
                                        / 1e9);
            }
            memory.close();

            double target = 2000;
            double deviation = (measuredRate / rate - 1) * 100;
            double p95Paced = pacedLatency.percentileMillis(95);
            double p95Fast = fast.latencies().percentileMillis(95);
            boolean completed =
                    bulkDone.status().equals("completed") && slowDone.status().equals("completed");
            new Table("measure", "target", "measured", "baseline", "ratio", "met")
                    .row(
                            "(a) campaign msg/s, steady (10-90 % of sends)",
                            "≥ 2,000",
                            String.format("%,.0f", fast.steadyPerSecond()),
                            String.format("%,.0f (sandbox alone)", baseline.perSecond()),
                            String.format("%.2f", fast.steadyPerSecond() / baseline.perSecond()),
                            fast.steadyPerSecond() >= target ? "yes" : "no")
                    .row(
                            "(a) campaign msg/s, start → completed",
                            "",
                            String.format("%,.0f (%.1f s)", fast.accepted() / fast.seconds(), fast.seconds()),
                            "",
                            String.format("%.2f", fast.accepted() / fast.seconds() / baseline.perSecond()),
                            "")
                    .row(
                            "(b) paced rate, 1 channel at " + rate + "/s (after 5 s)",
                            rate + "/s ± 3 %",
                            String.format("%.2f/s (%+.2f %%, %d sends)", measuredRate, deviation, window),
                            rate + "/s (limit)",
                            String.format("%.3f", measuredRate / rate),
                            Math.abs(deviation) <= 3 ? "yes" : "no")
                    .row(
                            "(c) accept → progress event p95, paced",
                            "≤ 1,000 ms",
                            String.format(
                                    "%.0f ms (p50 %.0f, max %.0f; %d sends)",
                                    p95Paced,
                                    pacedLatency.percentileMillis(50),
                                    pacedLatency.percentileMillis(100),
                                    pacedLatency.count()),
                            "",
                            "",
                            p95Paced <= 1000 ? "yes" : "no")
                    .row(
                            "(c) accept → progress event p95, throughput",
                            "≤ 1,000 ms",
                            String.format(
                                    "%.0f ms (p50 %.0f, max %.0f; last %d sends)",
                                    p95Fast,
                                    fast.latencies().percentileMillis(50),
                                    fast.latencies().percentileMillis(100),
                                    fast.latencies().count()),
                            "",
                            "",
                            p95Fast <= 1000 ? "yes" : "no")
                    .row(
                            "(d) server peak heap / RSS",
                            "runs in -Xmx" + heap,
                            memory.peakHeapMegabytes() + " MB / " + memory.peakRssMegabytes() + " MB",
                            "",
                            "",
                            completed ? "yes" : "no")
                    .row(
                            "data",
                            "",
                            String.format("%,d + %,d recipients, %d + 1 channels", recipients, paced, channelCount),
                            "",
                            "",
                            "")
                    .row("(a) final counters", "", bulkDone.toString(), "", "", "")
                    .print("campaign: campaigns through the server to the standalone sandbox, server -Xmx" + heap
                            + " (status webhooks to a sink)");
        }
    }

    /** The throughput campaign's run: accepts, time from start to completed, steady rate, event latencies. */
    record Throughput(long accepted, double seconds, double steadyPerSecond, Latencies latencies) {
        Throughput withLatencies(Latencies l) {
            return new Throughput(accepted, seconds, steadyPerSecond, l);
        }
    }

    /** Starts the campaign and samples the sandbox's accept counter until the campaign completes. */
    private static Throughput throughput(ServerApi api, Launcher.Running sandbox, String campaign, int recipients)
            throws Exception {
        long before = CampaignSetup.accepted(sandbox);
        List<long[]> samples = new ArrayList<>(); // {nanos, accepted since start}
        long t0 = System.nanoTime();
        api.campaignAction(campaign, "start");
        long deadline = t0 + Duration.ofMinutes(15).toNanos();
        for (int i = 0; ; i++) {
            long sent = CampaignSetup.accepted(sandbox) - before;
            samples.add(new long[] {System.nanoTime(), sent});
            // the campaign's own answer counts all its recipients: asked rarely, so as not to load the server
            if ((i % 8 == 0 || sent >= recipients)
                    && !CampaignSetup.Counts.of(api.campaign(campaign)).status().equals("running")) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("throughput campaign still running after 15 min");
            }
            Thread.sleep(250); // sampling interval
        }
        long t1 = System.nanoTime();
        long accepted = CampaignSetup.accepted(sandbox) - before;
        long[] from =
                samples.stream().filter(s -> s[1] >= accepted / 10).findFirst().orElse(samples.getFirst());
        long[] to = samples.stream()
                .filter(s -> s[1] >= accepted * 9 / 10)
                .findFirst()
                .orElse(samples.getLast());
        double steady = to[0] == from[0] ? Double.NaN : (to[1] - from[1]) / ((to[0] - from[0]) / 1e9);
        if (accepted != recipients) {
            System.out.printf("note: %,d sends accepted for %,d recipients%n", accepted, recipients);
        }
        return new Throughput(accepted, (t1 - t0) / 1e9, steady, new Latencies(1));
    }

    /**
     * The newest sends across the pool that the sandbox remembers for every number (from the latest of each
     * number's oldest remembered send on), oldest first: a complete suffix of the campaign's sends.
     */
    private static List<Instant> completeSuffix(Launcher.Running sandbox, List<CampaignSetup.Channel> pool)
            throws Exception {
        List<Instant> all = new ArrayList<>();
        Instant from = Instant.MIN;
        for (CampaignSetup.Channel c : pool) {
            List<CampaignSetup.Delivery> list = CampaignSetup.deliveries(sandbox, c.phoneNumberId());
            if (list.size() >= CampaignSetup.SANDBOX_HISTORY) {
                Instant oldest = list.stream()
                        .map(CampaignSetup.Delivery::acceptedAt)
                        .min(Comparator.naturalOrder())
                        .orElseThrow();
                from = oldest.isAfter(from) ? oldest : from;
            }
            list.forEach(d -> all.add(d.acceptedAt()));
        }
        Instant cut = from;
        return all.stream().filter(a -> a.isAfter(cut)).sorted().toList();
    }

    /**
     * For each accept, in order, with rank {@code offset + i + 1} among the campaign's sends: the time until the first
     * progress event (in arrival order) whose sent count reaches that rank.
     */
    private static Latencies latencies(List<Instant> accepts, long offset, List<ProgressEvents.Progress> events) {
        Latencies latencies = new Latencies(Math.max(1, accepts.size()));
        int e = 0;
        for (int i = 0; i < accepts.size(); i++) {
            long rank = offset + i + 1;
            while (e < events.size() && events.get(e).sent() < rank) {
                e++;
            }
            if (e == events.size()) {
                break; // no event reported it (should not happen: the last event reports every send)
            }
            latencies.add(Math.max(
                    0,
                    Duration.between(accepts.get(i), events.get(e).receivedAt()).toNanos() / 1_000));
        }
        return latencies;
    }
}
