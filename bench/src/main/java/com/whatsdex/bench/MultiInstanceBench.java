package com.whatsdex.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Two WhatsDeX instances on different ports sharing one external PostgreSQL ({@link ExternalPostgres}) and one
 * master key, with the standalone sandbox as the Graph API: sessions, server-sent events, the channel rate limit,
 * campaign dispatch through restarts of both instances and a kill -9, and which instance ran each job (from the
 * job execution log both write). Prints one PASS/FAIL row per check with its figures; exits non-zero on a failure.
 */
final class MultiInstanceBench {

    private MultiInstanceBench() {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        int recipients = Integer.parseInt(options.getOrDefault("recipients", "8000"));
        int campaignRate = Integer.parseInt(options.getOrDefault("campaign-rate", "25"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "80"));
        int rateMessages = Integer.parseInt(options.getOrDefault("rate-messages", "2400"));
        int killRecipients = Integer.parseInt(options.getOrDefault("kill-recipients", "4000"));
        String heap = options.getOrDefault("heap", "768m");
        Checks checks = new Checks();
        try (ExternalPostgres pg = ExternalPostgres.start(launcher.serverJar());
                Launcher.Running sandbox = launcher.sandbox();
                WebhookSink sink = new WebhookSink();
                AgentsBench.Provider provider = new AgentsBench.Provider(50)) {
            Map<String, String> env = ScaleOut.environment(
                    pg,
                    Map.of(
                            "WHATSDEX_AI_BASE_URL", provider.baseUrl(),
                            "WHATSDEX_AI_MODEL", "bench-model",
                            "WHATSDEX_AI_API_KEY", "bench-key"));
            System.out.printf("PostgreSQL on port %d; starting instance A, then B%n", pg.port());
            Launcher.Running[] nodes = {launcher.server(heap, env), launcher.server(heap, env)};
            List<Launcher.Running> everyProcess = new ArrayList<>(List.of(nodes));
            try {
                System.out.printf(
                        "A: %s (pid %d), B: %s (pid %d)%n",
                        nodes[0].baseUrl(),
                        nodes[0].process().pid(),
                        nodes[1].baseUrl(),
                        nodes[1].process().pid());
                ServerApi api = ServerApi.newWorkspace(nodes[0]);
                session(checks, api, nodes[1]);

                List<String> phones = CampaignSetup.phones(0, recipients);
                long imported = api.on(nodes[0]).importContacts(phones);
                if (imported != recipients) {
                    throw new IllegalStateException("imported " + imported + " of " + recipients);
                }
                List<CampaignSetup.Channel> pool =
                        CampaignSetup.pool(sandbox, api.on(nodes[1]), sink.url(), "100000000600", 4, campaignRate);
                String campaign = api.on(nodes[1]).createCampaign("Restarts", CampaignSetup.ids(pool));
                events(checks, api, nodes, sandbox, campaign);
                restarts(checks, pg, launcher, heap, env, api, nodes, everyProcess, sandbox, pool, campaign, phones);
                rateLimit(checks, nodes, sandbox, sink, rate, rateMessages);
                agentsAndImports(checks, nodes, sandbox);
                killNine(checks, pg, nodes, sandbox, sink, killRecipients, phones.subList(0, killRecipients));
                jobs(checks, everyProcess);
            } finally {
                for (Launcher.Running node : nodes) {
                    node.close();
                }
            }
        }
        checks.printAndExit("multi-instance: two servers, one external PostgreSQL 18, the standalone sandbox");
    }

    /** A browser session made on A (cookie + CSRF token) reads and writes on B. */
    private static void session(Checks checks, ServerApi api, Launcher.Running b) {
        try {
            HttpResponse<String> me = api.http()
                    .send(
                            HttpRequest.newBuilder(URI.create(b.baseUrl() + "/api/v1/auth/me"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> write = api.http()
                    .send(
                            HttpRequest.newBuilder(URI.create(b.baseUrl() + "/api/v1/api-keys"))
                                    .header("Content-Type", "application/json")
                                    .header("X-XSRF-TOKEN", api.cookie("XSRF-TOKEN"))
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"made on B\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            boolean sameWorkspace = me.body().contains(api.workspaceId);
            checks.add(
                    "session created on A works on B",
                    me.statusCode() == 200 && sameWorkspace && write.statusCode() == 201,
                    "GET /auth/me on B: " + me.statusCode() + (sameWorkspace ? " (same workspace)" : "")
                            + "; POST /api-keys on B with the cookie + CSRF token: " + write.statusCode());
        } catch (Exception e) {
            checks.broken("session created on A works on B", e);
        }
    }

    /** An SSE client on A; the campaign is started and paused on B: A's stream must carry the pause. */
    private static void events(
            Checks checks, ServerApi api, Launcher.Running[] nodes, Launcher.Running sandbox, String campaign) {
        try (ProgressEvents onA = new ProgressEvents(api.on(nodes[0]))) {
            ServerApi b = api.on(nodes[1]);
            b.campaignAction(campaign, "start");
            ScaleOut.awaitAccepted(sandbox, b, campaign, 200);
            Instant pausedAt = Instant.now(); // the event may arrive before the pause's own answer
            b.campaignAction(campaign, "pause");
            Instant seen = null;
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (seen == null && System.nanoTime() < deadline) {
                seen = onA.of(campaign).stream()
                        .filter(p -> p.status().equals("paused"))
                        .map(ProgressEvents.Progress::receivedAt)
                        .findFirst()
                        .orElse(null);
                Thread.sleep(20); // polling what the stream received
            }
            int received = onA.of(campaign).size();
            checks.add(
                    "SSE client on A sees events caused on B",
                    seen != null,
                    received + " campaign.progress events on A for the campaign started on B; the pause made on B"
                            + (seen == null
                                    ? " never arrived"
                                    : " arrived after "
                                            + Duration.between(pausedAt, seen).toMillis() + " ms"));
        } catch (Exception e) {
            checks.broken("SSE client on A sees events caused on B", e);
        }
    }

    /**
     * The campaign resumed on A; A restarted (SIGTERM, start again) at 25 % of the sends, B at 60 %: every phone
     * exactly once, no recipient left unknown by a graceful stop, and no two dispatcher executions of the campaign
     * ever ran at the same time.
     */
    private static void restarts(
            Checks checks,
            ExternalPostgres pg,
            Launcher launcher,
            String heap,
            Map<String, String> env,
            ServerApi api,
            Launcher.Running[] nodes,
            List<Launcher.Running> everyProcess,
            Launcher.Running sandbox,
            List<CampaignSetup.Channel> pool,
            String campaign,
            List<String> phones) {
        String claim = "one campaign dispatched by one instance at a time, both restarted";
        try {
            long base = CampaignSetup.accepted(sandbox) - ScaleOut.acceptedOn(sandbox, pool);
            api.on(nodes[0]).campaignAction(campaign, "resume");
            List<String> restartsDone = new ArrayList<>();
            Map<String, LocalTime> stoppedAt = new HashMap<>();
            double[] at = {0.25, 0.6};
            for (int n = 0; n < 2; n++) {
                ScaleOut.awaitAccepted(sandbox, api.on(nodes[1 - n]), campaign, base + (long) (at[n] * phones.size()));
                long t = System.nanoTime();
                nodes[n].process().destroy(); // SIGTERM: a graceful stop, as a rolling deploy does
                nodes[n].process().waitFor();
                stoppedAt.put(String.valueOf(nodes[n].process().pid()), LocalTime.now());
                long stopped = System.nanoTime();
                nodes[n] = launcher.restart(nodes[n], heap, env);
                everyProcess.add(nodes[n]);
                restartsDone.add(String.format(
                        "%s at %.0f %% (stop %.1f s, start %.1f s)",
                        n == 0 ? "A" : "B", 100 * at[n], (stopped - t) / 1e9, (System.nanoTime() - stopped) / 1e9));
            }
            CampaignSetup.Counts done = ScaleOut.awaitEnd(List.of(api.on(nodes[0]), api.on(nodes[1])), campaign, 600);
            ScaleOut.Settled settled = ScaleOut.settle(pg, campaign, 180);
            Map<String, Integer> received = ScaleOut.receivedByPhone(sandbox, pool);
            long duplicates = ScaleOut.duplicates(received);
            List<ScaleOut.JobRun> dispatch = dispatchRuns(everyProcess, campaign);
            int overlapping = overlaps(dispatch, stoppedAt);
            Map<String, Long> byInstance = dispatch.stream()
                    .collect(Collectors.groupingBy(ScaleOut.JobRun::by, TreeMap::new, Collectors.counting()));
            // graceful stops: the sends not yet made when a stop began are queued and go out after it, so nothing is
            // left unknown (only a crash may leave the batches in flight unknown)
            boolean ok = done.status().equals("completed")
                    && duplicates == 0
                    && done.processed() == done.total()
                    && done.unknown() == 0
                    && settled.waiting() == 0
                    && received.size() == settled.accepted()
                    && overlapping == 0;
            checks.add(
                    claim,
                    ok,
                    "restarts: " + String.join(", ", restartsDone) + "; " + done.status() + ", sent " + done.sent()
                            + " failed " + done.failed() + " unknown " + done.unknown() + " of " + done.total()
                            + "; messages " + settled.byStatus() + " (" + settled.accepted() + " accepted)"
                            + "; sandbox: " + received.size() + " phones, " + duplicates + " twice; "
                            + dispatch.size() + " dispatcher runs " + byInstance + ", " + overlapping
                            + " overlapping");
        } catch (Exception e) {
            checks.broken(claim, e);
        }
    }

    /** The campaign's dispatcher executions from every process's log, by start time. */
    private static List<ScaleOut.JobRun> dispatchRuns(List<Launcher.Running> processes, String campaign)
            throws Exception {
        List<ScaleOut.JobRun> dispatch = new ArrayList<>();
        for (Launcher.Running p : processes) {
            for (ScaleOut.JobRun r : ScaleOut.jobRuns("", p)) {
                if (r.instance().equals(campaign) && r.group().equals("campaigns")) {
                    dispatch.add(r);
                }
            }
        }
        // a restarted instance appends to the same log: keep each run once
        List<ScaleOut.JobRun> distinct = dispatch.stream().distinct().toList();
        return distinct.stream()
                .sorted(Comparator.comparing(ScaleOut.JobRun::started))
                .toList();
    }

    /**
     * Executions on different instances whose [start, end] intervals intersect. One without an end line ended when its
     * process stopped ({@code stoppedAt}, by pid), or is still running.
     */
    private static int overlaps(List<ScaleOut.JobRun> runs, Map<String, LocalTime> stoppedAt) {
        int n = 0;
        for (int i = 0; i < runs.size(); i++) {
            for (int j = i + 1; j < runs.size(); j++) {
                ScaleOut.JobRun a = runs.get(i);
                ScaleOut.JobRun b = runs.get(j);
                LocalTime aEnd = end(a, stoppedAt);
                LocalTime bEnd = end(b, stoppedAt);
                if (!a.by().equals(b.by())
                        && (aEnd == null || !aEnd.isBefore(b.started()))
                        && (bEnd == null || !bEnd.isBefore(a.started()))) {
                    n++;
                }
            }
        }
        return n;
    }

    private static LocalTime end(ScaleOut.JobRun run, Map<String, LocalTime> stoppedAt) {
        return run.ended() != null ? run.ended() : stoppedAt.get(run.by().replaceAll(".*#(\\d+)/.*", "$1"));
    }

    /**
     * One channel at {@code rate}/s, sent to from both instances at once through the batch API; the rate is measured
     * from the sandbox's accept times (the number itself is unlimited, so a leak would show).
     */
    private static void rateLimit(
            Checks checks,
            Launcher.Running[] nodes,
            Launcher.Running sandbox,
            WebhookSink sink,
            int rate,
            int messages) {
        String claim = "channel rate limit holds across both instances (±3 %)";
        try {
            ServerApi a = ServerApi.newWorkspace(nodes[0]);
            ServerApi b = a.on(nodes[1]);
            List<CampaignSetup.Channel> paced = CampaignSetup.pool(sandbox, a, sink.url(), "100000000700", 1, rate);
            String number = paced.getFirst().phoneNumberId();
            // the sandbox's own limit off: a server-side leak would show as a higher rate, not as refusals
            SandboxCapacityBench.register(sandbox, number, "token-" + number, "secret-" + number, sink.url(), 0);
            List<String> channel = CampaignSetup.ids(paced);
            int batch = 100;
            List<Future<Integer>> sends = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int first = 0; first < messages; first += batch) {
                    ServerApi via = (first / batch) % 2 == 0 ? a : b;
                    int from = first;
                    sends.add(pool.submit(() -> via.sendTemplateBatch(channel, 500_000 + from, batch)));
                }
            }
            int accepted = 0;
            for (Future<Integer> f : sends) {
                accepted += f.get();
            }
            List<Instant> times = CampaignSetup.deliveries(
                            sandbox, paced.getFirst().phoneNumberId())
                    .stream()
                    .map(CampaignSetup.Delivery::acceptedAt)
                    .sorted()
                    .toList();
            // the steady state: from 2 s after the first send to the last one
            Instant from = times.getFirst().plusSeconds(2);
            List<Instant> steady = times.stream().filter(t -> !t.isBefore(from)).toList();
            double seconds =
                    Duration.between(steady.getFirst(), steady.getLast()).toNanos() / 1e9;
            double measured = (steady.size() - 1) / seconds;
            int maxInASecond = 0;
            for (int i = 0, j = 0; i < times.size(); i++) {
                while (Duration.between(times.get(j), times.get(i)).toMillis() >= 1000) {
                    j++;
                }
                maxInASecond = Math.max(maxInASecond, i - j + 1);
            }
            double deviation = 100 * (measured - rate) / rate;
            double whole = (times.size() - 1)
                    / (Duration.between(times.getFirst(), times.getLast()).toNanos() / 1e9);
            checks.add(
                    claim,
                    Math.abs(deviation) <= 3 && times.size() == messages,
                    String.format(
                            "%,d messages (half through A, half through B, %d accepted), %,d reached the sandbox;"
                                    + " %.1f/s over %.1f s of steady state (%+.1f %% of %d/s), %.1f/s first to last;"
                                    + " most in any 1 s: %d",
                            messages, accepted, times.size(), measured, seconds, deviation, rate, whole, maxInASecond));
        } catch (Exception e) {
            checks.broken(claim, e);
        }
    }

    /**
     * Work for the ai and media groups on both instances: customers write to two channels with an agent, one whose
     * webhooks go to A and one to B (a reply job is scheduled where its webhook arrived); an import on each.
     */
    private static void agentsAndImports(Checks checks, Launcher.Running[] nodes, Launcher.Running sandbox) {
        try {
            ServerApi a = ServerApi.newWorkspace(nodes[0]);
            List<String> channels = new ArrayList<>();
            List<String> numbers = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                String number = "100000000800" + n;
                String graph = SandboxCapacityBench.register(
                        sandbox, number, "token-" + number, "secret-" + number, "http://127.0.0.1:9/none", 0);
                String id = a.cloudChannel("Agent " + n, graph, number, "token-" + number, "secret-" + number, 100);
                // the number's webhooks go to A for the first channel, to B for the second
                SandboxCapacityBench.register(
                        sandbox,
                        number,
                        "token-" + number,
                        "secret-" + number,
                        nodes[n].baseUrl() + "/webhooks/whatsapp/" + id,
                        0);
                channels.add(id);
                numbers.add(number);
            }
            a.post(
                    "/api/v1/agents",
                    "{\"name\":\"Multi agent\",\"instructions\":\"You answer customers of a shop.\","
                            + "\"enabled\":true,\"channelIds\":[" + Json.quote(channels.get(0)) + ","
                            + Json.quote(channels.get(1)) + "]}",
                    201);
            int writers = 40;
            for (int i = 0; i < writers; i++) {
                String number = numbers.get(i % 2);
                a.http()
                        .send(
                                HttpRequest.newBuilder(URI.create(
                                                sandbox.baseUrl() + "/sandbox/admin/numbers/" + number + "/inbound"))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\""
                                                + String.format("2348%09d", 400_000_000 + i)
                                                + "\",\"text\":\"Is my order ready?\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                Thread.sleep(50); // customers write one after another
            }
            a.on(nodes[0]).importContacts(CampaignSetup.phones(700_000, 2000));
            a.on(nodes[1]).importContacts(CampaignSetup.phones(710_000, 2000));
            int answered = 0;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (answered < writers && System.nanoTime() < deadline) {
                answered = 0;
                for (String number : numbers) {
                    answered += CampaignSetup.deliveries(sandbox, number).size();
                }
                Thread.sleep(250); // polling the sandbox for the agents' answers
            }
            checks.add(
                    "agent replies with webhooks arriving on both instances",
                    answered == writers,
                    writers + " customers wrote (half the webhooks to A, half to B), " + answered
                            + " answers reached the sandbox");
        } catch (Exception e) {
            checks.broken("agent replies with webhooks arriving on both instances", e);
        }
    }

    /**
     * A campaign on A and B; the instance running its dispatcher is killed with SIGKILL at 30 % and not restarted:
     * the other must take over (dead execution found by heartbeat) with no phone receiving it twice.
     */
    private static void killNine(
            Checks checks,
            ExternalPostgres pg,
            Launcher.Running[] nodes,
            Launcher.Running sandbox,
            WebhookSink sink,
            int recipients,
            List<String> phones) {
        String claim = "kill -9 of the dispatching instance: the other takes over, zero duplicates";
        try {
            // a workspace of its own: the campaign's audience is exactly these phones
            ServerApi w = ServerApi.newWorkspace(nodes[0]);
            w.importContacts(phones);
            List<CampaignSetup.Channel> pool = CampaignSetup.pool(sandbox, w, sink.url(), "100000000900", 4, 50);
            String campaign = w.createCampaign("Kill", CampaignSetup.ids(pool));
            long base = CampaignSetup.accepted(sandbox);
            w.campaignAction(campaign, "start");
            ScaleOut.awaitAccepted(sandbox, w, campaign, base + (long) (0.3 * recipients));
            // the dispatcher's instance: the one whose log has its latest start without an end
            List<ScaleOut.JobRun> running = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                for (ScaleOut.JobRun r : ScaleOut.jobRuns(n == 0 ? "A" : "B", nodes[n])) {
                    if (r.instance().equals(campaign) && r.ended() == null) {
                        running.add(r);
                    }
                }
            }
            int victim = running.isEmpty() ? 0 : running.getLast().node().equals("A") ? 0 : 1;
            String pid = String.valueOf(nodes[victim].process().pid());
            int victimRunsBefore = running.size();
            long tKill = System.nanoTime();
            nodes[victim].kill();
            LocalTime killedAt = LocalTime.now();
            long acceptedAtKill = CampaignSetup.accepted(sandbox);
            long tResumed = 0;
            ServerApi survivor = w.on(nodes[1 - victim]);
            long deadline = System.nanoTime() + 300_000_000_000L;
            CampaignSetup.Counts done = null;
            while (System.nanoTime() < deadline) {
                if (tResumed == 0 && CampaignSetup.accepted(sandbox) > acceptedAtKill) {
                    tResumed = System.nanoTime();
                }
                done = CampaignSetup.Counts.of(survivor.campaign(campaign));
                if (!done.status().equals("running")) {
                    break;
                }
                Thread.sleep(100); // polling the campaign's counters on the survivor
            }
            ScaleOut.Settled settled = ScaleOut.settle(pg, campaign, 180);
            Map<String, Integer> received = ScaleOut.receivedByPhone(sandbox, pool);
            long duplicates = ScaleOut.duplicates(received);
            List<ScaleOut.JobRun> survivorRuns = ScaleOut.jobRuns("", nodes[1 - victim]).stream()
                    .filter(r -> r.instance().equals(campaign))
                    .toList();
            String takeover = survivorRuns.stream()
                    .filter(r -> r.started().isAfter(killedAt))
                    .findFirst()
                    .map(r -> String.format(
                            "%.1f s", Duration.between(killedAt, r.started()).toMillis() / 1000.0))
                    .orElse("never");
            boolean ok = done != null
                    && done.status().equals("completed")
                    && duplicates == 0
                    && settled.waiting() == 0
                    && received.size() >= settled.accepted()
                    && received.size() <= settled.accepted() + done.unknown()
                    && done.unknown() <= CampaignSetup.DISPATCH_IN_FLIGHT
                    && done.processed() == done.total()
                    && tResumed > 0;
            checks.add(
                    claim,
                    ok,
                    String.format(
                            "killed %s (pid %s, %d dispatcher run in flight) at %,d of %,d sent; survivor's"
                                    + " dispatcher started %s after the kill (%d runs), first new send after %s;"
                                    + " %s: sent %d, unknown %d (≤ %d); messages %s (%d accepted);"
                                    + " sandbox %,d phones, %d twice",
                            victim == 0 ? "A" : "B",
                            pid,
                            victimRunsBefore,
                            acceptedAtKill - base,
                            recipients,
                            takeover,
                            survivorRuns.size(),
                            tResumed == 0 ? "never" : String.format("%.1f s", (tResumed - tKill) / 1e9),
                            done == null ? "?" : done.status(),
                            done == null ? -1 : done.sent(),
                            done == null ? -1 : done.unknown(),
                            CampaignSetup.DISPATCH_IN_FLIGHT,
                            settled.byStatus(),
                            settled.accepted(),
                            received.size(),
                            duplicates));
        } catch (Exception e) {
            checks.broken(claim, e);
        }
    }

    /** From every process's execution log: each group ran jobs on both instances, no execution ran twice. */
    private static void jobs(Checks checks, List<Launcher.Running> processes) {
        try {
            List<ScaleOut.JobRun> runs = new ArrayList<>();
            for (Launcher.Running p : processes) {
                runs.addAll(ScaleOut.jobRuns("", p));
            }
            runs = runs.stream().distinct().toList(); // a restarted instance appends to the same log
            // which instance: the port of the process (A or B), whatever its pid
            Map<String, String> nodeOfPid = new HashMap<>();
            for (Launcher.Running p : processes) {
                nodeOfPid.put(
                        String.valueOf(p.process().pid()),
                        p.baseUrl().equals(processes.get(0).baseUrl()) ? "A" : "B");
            }
            Map<String, Map<String, Long>> perGroup = new TreeMap<>();
            for (ScaleOut.JobRun r : runs) {
                String pid = r.by().replaceAll(".*#(\\d+)/.*", "$1");
                perGroup.computeIfAbsent(r.group(), g -> new TreeMap<>())
                        .merge(nodeOfPid.getOrDefault(pid, "?"), 1L, Long::sum);
            }
            Map<String, Long> byKey =
                    runs.stream().collect(Collectors.groupingBy(ScaleOut.JobRun::key, Collectors.counting()));
            List<String> twice = byKey.entrySet().stream()
                    .filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey)
                    .toList();
            for (String group : List.of("ai", "media", "analytics", "campaigns")) {
                Map<String, Long> counts = perGroup.getOrDefault(group, Map.of());
                checks.add(
                        "jobs of group " + group + " run on both instances",
                        counts.getOrDefault("A", 0L) > 0 && counts.getOrDefault("B", 0L) > 0,
                        "executions on A: " + counts.getOrDefault("A", 0L) + ", on B: " + counts.getOrDefault("B", 0L));
            }
            checks.add(
                    "no job execution ran twice",
                    twice.isEmpty(),
                    runs.size() + " executions logged, " + byKey.size() + " distinct (task, instance, due), "
                            + twice.size() + " started more than once"
                            + (twice.isEmpty() ? "" : ": " + twice.subList(0, Math.min(3, twice.size()))));
        } catch (Exception e) {
            checks.broken("jobs of every group on both instances, never twice", e);
        }
    }
}
