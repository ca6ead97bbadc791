package com.whatsdex.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A campaign interrupted by {@code kill -9} of the server's JVM and finished by the restarted server on the same
 * data: no phone may receive the message twice, every recipient must end in a final state, and at most the batch
 * that was in flight may be {@code unknown}.
 *
 * <p>The channels are Cloud API channels pointing at the standalone sandbox, a separate process that survives the
 * kill, so its record of what each phone received is the ground truth. The pool has several channels because the
 * sandbox remembers the last 10,000 sends per number. Once the campaign has processed {@code --kill-at} of its
 * recipients the server is killed (SIGKILL of the {@code java} process itself) and started again at once on the
 * same data directory and port; nobody touches the campaign after that: the dispatcher must resume by itself (its
 * job execution is found dead by db-scheduler's heartbeat check, then recovers the rows left {@code sending}).
 */
final class CampaignCrashBench {

    private static final Pattern RECIPIENT = Pattern.compile("\"phone\":\"([^\"]+)\",\"status\":\"([a-z]+)\"");

    private CampaignCrashBench() {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        int recipients = Integer.parseInt(options.getOrDefault("recipients", "20000"));
        int channelCount = Integer.parseInt(options.getOrDefault("channels", "4"));
        double killAt = Double.parseDouble(options.getOrDefault("kill-at", "0.4"));
        String heap = options.getOrDefault("heap", "1g");
        long jitterMillis = Long.parseLong(options.getOrDefault("kill-jitter-ms", "300"));
        if ((recipients + channelCount - 1) / channelCount + DISPATCH_MARGIN > CampaignSetup.SANDBOX_HISTORY) {
            throw new IllegalArgumentException("at most " + CampaignSetup.SANDBOX_HISTORY
                    + " sends per sandbox number can be checked: use more --channels");
        }
        List<String> failures = new ArrayList<>();
        long pid;
        try (Launcher.Running sandbox = launcher.sandbox();
                WebhookSink sink = new WebhookSink()) {
            Launcher.Running first = launcher.server(heap, Map.of());
            Launcher.Running second = null;
            try {
                ServerApi api = ServerApi.newWorkspace(first);
                List<CampaignSetup.Channel> pool =
                        CampaignSetup.pool(sandbox, api, sink.url(), "100000000500", channelCount, 1000);
                List<String> phones = CampaignSetup.phones(0, recipients);
                long imported = api.importContacts(phones);
                if (imported != recipients) {
                    throw new IllegalStateException("imported " + imported + " contacts of " + recipients);
                }
                String campaign = api.createCampaign("Crash", CampaignSetup.ids(pool));

                long t0 = System.nanoTime();
                api.campaignAction(campaign, "start");
                for (int i = 1; CampaignSetup.accepted(sandbox) < killAt * recipients; i++) {
                    if (i % 20 == 0) { // the campaign's own answer counts all its recipients: asked once a second
                        CampaignSetup.Counts now = CampaignSetup.Counts.of(api.campaign(campaign));
                        if (!now.status().equals("running")) {
                            throw new IllegalStateException("the campaign ended before the kill (" + now
                                    + "): use more --recipients or a lower --kill-at");
                        }
                    }
                    Thread.sleep(50); // polling the sandbox's accept counter
                }
                // a random moment later, so that kills land at different points of a batch (claimed, on the wire,
                // being recorded)
                Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(jitterMillis + 1));
                pid = first.process().pid();
                long tKill = System.nanoTime();
                first.kill();
                long acceptedAtKill = CampaignSetup.accepted(sandbox);
                System.out.printf(
                        "killed server pid %d (SIGKILL) with %,d of %,d recipients accepted by the sandbox%n",
                        pid, acceptedAtKill, recipients);

                second = launcher.restart(first, heap, Map.of());
                long tReady = System.nanoTime();
                ServerApi restarted = api.on(second);
                long tResumed = 0;
                long deadline = System.nanoTime() + 600_000_000_000L;
                CampaignSetup.Counts done;
                while (true) {
                    if (tResumed == 0 && CampaignSetup.accepted(sandbox) > acceptedAtKill) {
                        tResumed = System.nanoTime();
                    }
                    done = CampaignSetup.Counts.of(restarted.campaign(campaign));
                    if (!done.status().equals("running")) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("campaign not finished 10 min after the restart: " + done);
                    }
                    Thread.sleep(100); // polling the campaign's counters
                }
                long tDone = System.nanoTime();

                // ground truth: what every phone received, per the sandbox
                Map<String, Integer> received = new HashMap<>();
                int deliveries = 0;
                for (CampaignSetup.Channel c : pool) {
                    List<CampaignSetup.Delivery> list = CampaignSetup.deliveries(sandbox, c.phoneNumberId());
                    if (list.size() >= CampaignSetup.SANDBOX_HISTORY) {
                        failures.add("number " + c.phoneNumberId() + " has " + list.size()
                                + " sends, beyond what the sandbox remembers: not all checked");
                    }
                    deliveries += list.size();
                    list.forEach(d -> received.merge("+" + d.to(), 1, Integer::sum));
                }
                long duplicates = received.values().stream().filter(n -> n > 1).count();
                Set<String> campaignPhones = new HashSet<>(phones);
                long strangers = received.keySet().stream()
                        .filter(p -> !campaignPhones.contains(p))
                        .count();

                // every recipient, as the API lists them
                Map<String, String> statusOf = recipients(restarted, campaign);
                Map<String, Integer> byStatus = new TreeMap<>();
                statusOf.values().forEach(s -> byStatus.merge(s, 1, Integer::sum));
                int unknownReached = 0;
                int inconsistent = 0;
                for (Map.Entry<String, String> r : statusOf.entrySet()) {
                    int n = received.getOrDefault(r.getKey(), 0);
                    switch (r.getValue()) {
                        case "sent", "delivered", "read" -> inconsistent += n == 1 ? 0 : 1;
                        case "unknown" -> unknownReached += n;
                        default -> inconsistent += n == 0 ? 0 : 1;
                    }
                }
                int listed = statusOf.size();
                Set<String> finalStates = Set.of("sent", "delivered", "read", "failed", "skipped", "unknown");
                int notFinal = statusOf.values().stream()
                        .filter(s -> !finalStates.contains(s))
                        .toList()
                        .size();

                check(failures, done.status().equals("completed"), "campaign ended " + done.status());
                check(failures, duplicates == 0, duplicates + " phone(s) received the message twice or more");
                check(failures, strangers == 0, strangers + " phone(s) outside the campaign received it");
                check(failures, done.total() == recipients, "total " + done.total() + " != " + recipients);
                check(
                        failures,
                        done.processed() == done.total() && done.pending() == 0 && done.sending() == 0,
                        "counters do not add up to the total: " + done);
                check(
                        failures,
                        listed == recipients && notFinal == 0,
                        "recipients listed " + listed + ", " + notFinal + " not in a final state");
                check(
                        failures,
                        inconsistent == 0,
                        inconsistent + " recipient(s) whose status disagrees with what the sandbox received");
                check(
                        failures,
                        done.unknown() <= CampaignSetup.DISPATCH_BATCH,
                        done.unknown() + " unknown > one dispatcher batch (" + CampaignSetup.DISPATCH_BATCH + ")");
                check(failures, tResumed > 0, "the restarted server sent nothing");

                String recovered = recoveredLine(first);
                new Table("measure", "value")
                        .row("recipients", String.format("%,d", recipients))
                        .row("channels (pool, 1,000/s each)", channelCount)
                        .row(
                                "sent before kill (sandbox accepts)",
                                String.format("%,d (%.0f %%)", acceptedAtKill, 100.0 * acceptedAtKill / recipients))
                        .row("server pid killed (SIGKILL)", pid)
                        .row("restart: kill → serving", String.format("%.1f s", (tReady - tKill) / 1e9))
                        .row(
                                "resume: kill → first new send",
                                tResumed == 0 ? "never" : String.format("%.1f s", (tResumed - tKill) / 1e9))
                        .row("total time: start → completed", String.format("%.1f s", (tDone - t0) / 1e9))
                        .row("final status", done.status())
                        .row("recipients by status (API list)", byStatus.toString())
                        .row("sent + failed + skipped + unknown = total", done.processed() + " = " + done.total())
                        .row("unknown (bound: ≤ " + CampaignSetup.DISPATCH_BATCH + ", one batch)", done.unknown())
                        .row("  of which reached the phone", unknownReached)
                        .row("sandbox deliveries", String.format("%,d to %,d phones", deliveries, received.size()))
                        .row("duplicates (phones with > 1)", duplicates)
                        .row("status vs sandbox disagreements", inconsistent)
                        .row("dispatcher log after restart", recovered)
                        .row("checks", failures.isEmpty() ? "all passed" : "FAILED")
                        .print("campaign-crash: kill -9 of the server mid-campaign, restart on the same data");
            } finally {
                if (second != null) {
                    second.close();
                } else {
                    first.close(); // dead or alive: stops it and its PostgreSQL, removes the data
                }
            }
        }
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.out.println("FAILED: " + f));
            System.exit(1);
        }
    }

    /** Leaves room for what a batch may put on a channel beyond an even share. */
    private static final int DISPATCH_MARGIN = 2 * CampaignSetup.DISPATCH_BATCH;

    private static void check(List<String> failures, boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
    }

    /** Phone → status of every recipient, paging through the API. */
    private static Map<String, String> recipients(ServerApi api, String campaign) throws Exception {
        Map<String, String> statusOf = new HashMap<>();
        String cursor = null;
        do {
            String page = api.get("/api/v1/campaigns/" + campaign + "/recipients?limit=500"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            Matcher m = RECIPIENT.matcher(page);
            while (m.find()) {
                if (statusOf.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalStateException("recipient " + m.group(1) + " listed twice");
                }
            }
            int at = page.indexOf("\"nextCursor\":\"");
            cursor = at < 0 ? null : Json.string(page.substring(at), "nextCursor");
        } while (cursor != null);
        return statusOf;
    }

    /** The dispatcher's own account of the recovery, from the server's log. */
    private static String recoveredLine(Launcher.Running server) {
        try {
            return Files.readAllLines(Launcher.log(server.dataDir())).stream()
                    .filter(l -> l.contains("found in flight after an interruption"))
                    .map(l -> l.replaceAll(".*Campaign [0-9a-f-]+: ", ""))
                    .reduce((a, b) -> a + "; " + b)
                    .orElse("no recipients found in flight");
        } catch (Exception e) {
            return "log unreadable: " + e.getMessage();
        }
    }
}
