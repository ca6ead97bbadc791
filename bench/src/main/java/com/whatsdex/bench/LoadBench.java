package com.whatsdex.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything at once against one server, loopback only, for {@code --duration} (5 min): {@code --sse-clients} (200)
 * dashboard tabs on {@code GET /api/v1/events}, a campaign to {@code --recipients} (100,000) over {@code --channels}
 * (4) Cloud API channels on the standalone sandbox, whose sent/delivered/read webhooks come back to the server,
 * {@code --inbound-rate} (1,000/s) inbound WhatsApp messages as signed webhooks, and {@code --read-rate} (50/s)
 * dashboard reads. Then checks in the database that every inbound message is stored exactly once and every recipient
 * reached a final status that agrees with the sandbox, with every status applied.
 *
 * <p>Tenancy: {@code --workspaces} (10) workspaces, the first one running the campaign (its contacts imported over
 * the API); each has one inbound channel, the inbound messages are spread evenly over them and the SSE clients too
 * (so each tab sees its workspace's messages, and the first workspace's tabs the campaign's progress and statuses).
 * The dashboard reads all go to the campaign's workspace, the one under the heaviest writes.
 *
 * <p>Inbound messages are posted by this program straight to {@code POST /webhooks/whatsapp/{channelId}}, signed with
 * the channel's app secret, one message per request as Meta sends them, from {@code --phones} (20,000) distinct
 * phones: that is the production path (Meta's servers call our webhook concurrently). The sandbox's own inbound
 * endpoint would put the sandbox's one-request-at-a-time-per-number queue between the load and the server. Every
 * {@code --redeliver-every} (100) th request is a redelivery of an earlier message's exact payload (Meta redelivers
 * when an answer is late), which must not be stored twice.
 *
 * <p>The campaign goes to every contact of its workspace, imported before the run: the 2,000 customers who write to
 * that workspace's channel among them, so campaign sends and inbound messages meet on the same contacts. Before the
 * measured window, {@code --warmup} (30 s) of inbound webhooks and reads at the run's rates: a just-started JVM
 * compiles its hot paths in the first seconds under load, and refused webhooks then (reported, not counted).
 *
 * <p>Arrivals of both webhooks and reads are open loop (scheduled; latency from the scheduled time, see
 * {@link OpenLoop}). CPU is read from /proc per process, to show where the machine's cores went.
 */
final class LoadBench {

    private static final Pattern CONTACT_ID = Pattern.compile("\"contactId\":\"([0-9a-f-]{36})\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    private LoadBench() {}

    /** An inbound channel: the server's channel id, its number in the sandbox and its app secret. */
    record InboundChannel(String id, String phoneNumberId, String secret) {}

    /** A dashboard read: its label and how to build its path for request {@code i}. */
    record Read(String label, IntFunction<String> path) {}

    /** One check of the end state: what was expected, what was found, whether it holds. */
    record Check(String name, String expected, String found, boolean passed) {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "300")));
        int sseCount = Integer.parseInt(options.getOrDefault("sse-clients", "200"));
        int recipients = Integer.parseInt(options.getOrDefault("recipients", "100000"));
        int channelCount = Integer.parseInt(options.getOrDefault("channels", "4"));
        double inboundRate = Double.parseDouble(options.getOrDefault("inbound-rate", "1000"));
        double readRate = Double.parseDouble(options.getOrDefault("read-rate", "50"));
        int workspaceCount = Integer.parseInt(options.getOrDefault("workspaces", "10"));
        int phones = Integer.parseInt(options.getOrDefault("phones", "20000"));
        int redeliverEvery = Integer.parseInt(options.getOrDefault("redeliver-every", "100"));
        String heap = options.getOrDefault("heap", "1g");
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "30")));
        String run = Long.toString(System.currentTimeMillis(), 36);
        boolean passed;

        try (Launcher.Running sandbox = launcher.sandbox();
                WebhookSink sink = new WebhookSink();
                Launcher.Running server = launcher.server(heap, Map.of())) {
            long setupStart = System.nanoTime();
            List<ServerApi> workspaces = new ArrayList<>();
            List<InboundChannel> inbound = new ArrayList<>();
            for (int w = 0; w < workspaceCount; w++) {
                ServerApi api = ServerApi.newWorkspace(server);
                workspaces.add(api);
                String number = "100000000800" + String.format("%03d", w);
                String secret = "inbound-secret-" + number;
                String graph = SandboxCapacityBench.register(sandbox, number, "token-" + number, secret, sink.url(), 0);
                inbound.add(new InboundChannel(
                        api.cloudChannel("Inbound " + number, graph, number, "token-" + number, secret, 80),
                        number,
                        secret));
            }
            ServerApi main = workspaces.getFirst();
            List<CampaignSetup.Channel> pool =
                    CampaignSetup.pool(sandbox, main, sink.url(), "100000000600", channelCount, 1000);
            for (CampaignSetup.Channel c : pool) {
                // now that the channel exists, its number's statuses go to the server, as Meta's would
                SandboxCapacityBench.register(
                        sandbox,
                        c.phoneNumberId(),
                        "token-" + c.phoneNumberId(),
                        "secret-" + c.phoneNumberId(),
                        server.baseUrl() + "/webhooks/whatsapp/" + c.id(),
                        1000);
            }
            // the campaign goes to every contact of its workspace: the customers who write to it (so sends and their
            // inbound messages meet on the same contacts, as they do in real use) and the rest from the import
            List<String> audience = new ArrayList<>(inboundPhones(0, workspaceCount, phones));
            if (audience.size() > recipients) {
                audience = new ArrayList<>(audience.subList(0, recipients));
            }
            audience.addAll(CampaignSetup.phones(0, recipients - audience.size()));
            main.importContacts(audience);
            String campaign = main.createCampaign("Load", CampaignSetup.ids(pool));
            System.out.printf(
                    "setup: %d workspaces, %,d contacts imported, %d + %d channels in %.0f s%n",
                    workspaceCount, recipients, workspaceCount, channelCount, (System.nanoTime() - setupStart) / 1e9);

            Http1 webhookHttp = new Http1(server.baseUrl(), 30_000);
            long epoch = System.currentTimeMillis() / 1000;
            int total = (int) (inboundRate * duration.toSeconds());
            AtomicIntegerArray delivered = new AtomicIntegerArray(total); // per message: 1 posted, 2 acknowledged
            Load.Operation postInbound =
                    inbound(webhookHttp, inbound, run, delivered, redeliverEvery, phones, epoch, inboundRate);
            String warmRun = run + "w";
            AtomicIntegerArray warmDelivered = new AtomicIntegerArray((int) (inboundRate * warmup.toSeconds()));
            Load.Operation warmInbound = inbound(
                    webhookHttp,
                    inbound,
                    warmRun,
                    warmDelivered,
                    redeliverEvery,
                    phones,
                    epoch - warmup.toSeconds(),
                    inboundRate);

            AtomicReference<List<String>> threads =
                    new AtomicReference<>(ids(ID, main.get("/api/v1/contacts?limit=50")));
            List<Read> reads = dashboardReads(campaign, threads);
            Http1 readHttp = new Http1(main.baseUrl(), 30_000);
            Map<String, String> auth = Map.of("Authorization", "Bearer " + main.apiKey());
            Load.Operation read = i -> {
                Read r = reads.get(i % reads.size());
                Http1.Answer response = readHttp.get(r.path().apply(i), auth);
                if (response.status() != 200) {
                    throw new IllegalStateException("HTTP " + response.status());
                }
                if (r.label().startsWith("inbox conversations")) {
                    List<String> seen = ids(CONTACT_ID, response.text());
                    if (!seen.isEmpty()) {
                        threads.set(seen); // the threads a person would open next: the latest conversations
                    }
                }
                return true;
            };

            OpenLoop.Result webhooks;
            OpenLoop.Result dashboard;
            ProcessCpu.Cores cores;
            long acceptedAtStart;
            long acceptedAtEnd;
            long memoryHeap;
            long memoryRss;
            try (Connection su = ContactsListBench.connect(
                            ContactsListBench.driverFrom(launcher.serverJar()),
                            "jdbc:postgresql://127.0.0.1:" + ContactsListBench.postgresPort(server.dataDir())
                                    + "/whatsdex",
                            "postgres");
                    SseClients sse = new SseClients(workspaces, sseCount)) {
                if (!warmup.isZero()) {
                    Driven warm = drive(warmup, inboundRate, "warm-up webhook", warmInbound, readRate, reads, read);
                    System.out.printf(
                            "warm-up: %d s at %,.0f inbound/s and %,.0f reads/s: %,d of %,d webhooks acknowledged"
                                    + " (p99 %s ms), %,d of %,d reads answered; not part of the measured window%n",
                            warmup.toSeconds(),
                            inboundRate,
                            readRate,
                            warm.webhooks().total() - warm.webhooks().errors(),
                            warm.webhooks().total(),
                            ms(warm.webhooks().all(), 99),
                            warm.reads().total() - warm.reads().errors(),
                            warm.reads().total());
                }
                System.out.printf("%d event streams open; load for %d s%n", sseCount, duration.toSeconds());
                MemorySampler memory = new MemorySampler(server);
                PostgresActivity activity = new PostgresActivity(su);
                ProcessCpu.Sample cpuStart = ProcessCpu.sample(server, sandbox);
                acceptedAtStart = CampaignSetup.accepted(sandbox);
                sse.startWindow();
                main.campaignAction(campaign, "start");
                Driven measured = drive(
                        duration,
                        inboundRate,
                        "POST /webhooks/whatsapp/{channelId}",
                        postInbound,
                        readRate,
                        reads,
                        read);
                webhooks = measured.webhooks();
                dashboard = measured.reads();
                sse.endWindow();
                acceptedAtEnd = CampaignSetup.accepted(sandbox);
                cores = ProcessCpu.sample(server, sandbox).since(cpuStart);
                webhookHttp.close();
                readHttp.close();
                activity.close();
                memory.close();
                memoryHeap = memory.peakHeapMegabytes();
                memoryRss = memory.peakRssMegabytes();
                double window = webhooks.seconds();
                System.out.printf(
                        "load done in %.0f s; campaign %s; waiting for it to complete%n",
                        window, CampaignSetup.Counts.of(main.campaign(campaign)));

                CampaignSetup.Counts done = CampaignSetup.awaitStatus(main, campaign, "completed", 1800);
                long tDone = System.nanoTime();
                Map<String, Long> statusStats = awaitStatuses(sandbox, 600);
                double settle = (System.nanoTime() - tDone) / 1e9;

                List<Check> checks = new ArrayList<>();
                if (!warmup.isZero()) {
                    checkInbound(su, "inbound (warm-up)", warmRun, warmDelivered, checks);
                }
                Map<String, Long> inboundFound = checkInbound(su, "inbound", run, delivered, checks);
                checkInboundCounted(su, workspaces, checks);
                Map<String, Long> recipientsByStatus = groupCount(
                        su,
                        "select status, count(*) from campaign_recipients where campaign_id = ?::uuid group by 1",
                        campaign);
                Map<String, Long> messagesByStatus = groupCount(
                        su,
                        "select m.status, count(*) from campaign_recipients r join messages m"
                                + " on m.tenant_id = r.tenant_id and m.id = r.message_id"
                                + " where r.campaign_id = ?::uuid group by 1",
                        campaign);
                checkCampaign(
                        su,
                        sandbox,
                        pool,
                        campaign,
                        recipients,
                        done,
                        recipientsByStatus,
                        messagesByStatus,
                        statusStats,
                        checks);
                checkSse(sse, sseCount, checks);

                print(
                        duration,
                        inboundRate,
                        readRate,
                        webhooks,
                        dashboard,
                        sse,
                        workspaceCount,
                        recipients,
                        channelCount,
                        acceptedAtEnd - acceptedAtStart,
                        window,
                        done,
                        (tDone - cpuStart.nanos()) / 1e9,
                        settle,
                        memoryHeap,
                        memoryRss,
                        heap,
                        cores,
                        activity,
                        inboundFound,
                        recipientsByStatus,
                        messagesByStatus,
                        statusStats,
                        checks);
                passed = checks.stream().allMatch(Check::passed);
            }
        }
        if (!passed) {
            System.exit(1); // after the processes above were stopped: an exit inside would leave them running
        }
    }

    /** An action run on another thread whose result is wanted; its failure ends the benchmark. */
    interface Action<T> {
        T run() throws Exception;
    }

    private static <T> T runQuietly(Action<T> action) {
        try {
            return action.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Posts inbound message {@code i} of a run, spread over the channels; every {@code redeliverEvery}-th request
     * redelivers the exact payload of the message posted {@code redeliverEvery / 2} requests earlier. Marks each
     * message in {@code delivered}: 1 posted, 2 acknowledged.
     */
    private static Load.Operation inbound(
            Http1 http,
            List<InboundChannel> channels,
            String run,
            AtomicIntegerArray delivered,
            int redeliverEvery,
            int phones,
            long epoch,
            double rate) {
        return i -> {
            int m = redeliverEvery > 0 && i % redeliverEvery == redeliverEvery - 1 ? i - redeliverEvery / 2 : i;
            InboundChannel channel = channels.get(m % channels.size());
            byte[] body = inboundPayload(run, m, channel.phoneNumberId(), phones, epoch + (long) (m / rate));
            delivered.compareAndSet(m, 0, 1);
            int status = http.post(
                            "/webhooks/whatsapp/" + channel.id(),
                            Map.of(
                                    "Content-Type",
                                    "application/json",
                                    "X-Hub-Signature-256",
                                    WebhookIngestBench.sign(channel.secret(), body)),
                            body)
                    .status();
            if (status != 200) {
                throw new IllegalStateException("HTTP " + status);
            }
            delivered.set(m, 2);
            return true;
        };
    }

    /** What one stretch of open-loop webhooks and reads met. */
    record Driven(OpenLoop.Result webhooks, OpenLoop.Result reads) {}

    /**
     * Inbound webhooks and dashboard reads together, each open loop at its rate, for {@code duration}. Used for the
     * warm-up before the measured window ({@code --warmup}: a just-started JVM compiles its hot paths in the first
     * seconds under load, so the window then measures a server that has been up for a while) and for the window.
     */
    private static Driven drive(
            Duration duration,
            double inboundRate,
            String inboundLabel,
            Load.Operation inbound,
            double readRate,
            List<Read> reads,
            Load.Operation read)
            throws InterruptedException {
        AtomicReference<OpenLoop.Result> readResult = new AtomicReference<>();
        Thread reader = Thread.ofPlatform()
                .start(() -> readResult.set(runQuietly(() -> OpenLoop.run(
                        readRate,
                        duration,
                        1000,
                        i -> reads.get(i % reads.size()).label(),
                        read))));
        OpenLoop.Result webhooks = OpenLoop.run(inboundRate, duration, 2000, i -> inboundLabel, inbound);
        reader.join();
        return new Driven(webhooks, readResult.get());
    }

    /** The phones that write to workspace {@code w}'s channel (see {@link #inboundPayload}), as E.164. */
    static List<String> inboundPhones(int w, int workspaces, int phones) {
        java.util.Set<String> found = new java.util.LinkedHashSet<>();
        for (long m = w; m < (long) phones * workspaces; m += workspaces) {
            found.add("+" + sender((int) m, phones));
        }
        return List.copyOf(found);
    }

    private static String sender(int m, int phones) {
        return "2348070" + String.format("%06d", (m * 7919L) % phones);
    }

    /** Meta's shape for one inbound text message from one of {@code phones} customers. */
    static byte[] inboundPayload(String run, int m, String phoneNumberId, int phones, long timestamp) {
        long customer = (m * 7919L) % phones;
        String from = sender(m, phones);
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":"
                        + "\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                        + "\"display_phone_number\":\"1555" + phoneNumberId.substring(8) + "\",\"phone_number_id\":\""
                        + phoneNumberId + "\"},\"contacts\":[{\"profile\":{\"name\":\"Caller " + customer
                        + "\"},\"wa_id\":\"" + from + "\"}],\"messages\":[{\"from\":\"" + from + "\",\"id\":\""
                        + wamid(run, m) + "\",\"timestamp\":\"" + timestamp + "\",\"type\":\"text\",\"text\":{\"body\":"
                        + "\"Hello, is my order " + m + " on its way?\"}}]}}]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String wamid(String run, int m) {
        return "wamid.LOAD" + run + "." + m;
    }

    /** The dashboard's GETs, in the order they are cycled through. */
    private static List<Read> dashboardReads(String campaign, AtomicReference<List<String>> threads) {
        return List.of(
                new Read("GET /api/v1/contacts", i -> "/api/v1/contacts?limit=50"),
                new Read(
                        "GET /api/v1/contacts?search=<name>",
                        i -> "/api/v1/contacts?limit=50&search=" + enc("Person " + (i % 1000))),
                new Read(
                        "GET /api/v1/contacts?search=<phone>",
                        i -> "/api/v1/contacts?limit=50&search="
                                + enc("+2348060"
                                        + String.format(
                                                "%04d",
                                                ThreadLocalRandom.current().nextInt(10_000)))),
                new Read("GET /api/v1/inbox/conversations", i -> "/api/v1/inbox/conversations?limit=50"),
                new Read("GET /api/v1/inbox/conversations/{id}/messages", i -> {
                    List<String> ids = threads.get();
                    return "/api/v1/inbox/conversations/" + ids.get(i % ids.size()) + "/messages?limit=50";
                }),
                new Read("GET /api/v1/campaigns", i -> "/api/v1/campaigns"),
                new Read("GET /api/v1/campaigns/{id}", i -> "/api/v1/campaigns/" + campaign),
                new Read("GET /api/v1/analytics/dashboard", i -> "/api/v1/analytics/dashboard"),
                new Read("GET /api/v1/analytics/usage", i -> "/api/v1/analytics/usage"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<String> ids(Pattern pattern, String json) {
        List<String> ids = new ArrayList<>();
        Matcher m = pattern.matcher(json);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /**
     * Waits until the sandbox's webhook queues are drained: its count of posted statuses has not moved for 15 s (a
     * send's statuses are due within a second, a refused post is retried for about 16 s); answers its counters.
     */
    private static Map<String, Long> awaitStatuses(Launcher.Running sandbox, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            Map<String, Long> stats = sandboxStats(sandbox);
            long posted = stats.get("statusesPosted") + stats.get("dropped") + stats.get("webhookFailures");
            if (posted != last) {
                last = posted;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > 15_000_000_000L || System.nanoTime() > deadline) {
                return stats;
            }
            Thread.sleep(1000); // polling the sandbox's counters while its webhook queues drain
        }
    }

    private static Map<String, Long> sandboxStats(Launcher.Running sandbox) throws Exception {
        String body = CampaignSetup.stats(sandbox);
        Map<String, Long> stats = new TreeMap<>();
        for (String key : List.of(
                "accepted", "refused", "rateLimited", "webhookPosts", "statusesPosted", "webhookFailures", "dropped")) {
            stats.put(key, Json.number(body, key));
        }
        return stats;
    }

    private static Map<String, Long> groupCount(Connection su, String sql, String parameter) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement st = su.prepareStatement(sql)) {
            if (parameter != null) {
                st.setString(1, parameter);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private static long single(Connection su, String sql, String parameter) throws Exception {
        Map<String, Long> one = groupCount(su, "select '', (" + sql + ")", parameter);
        return one.values().iterator().next();
    }

    /**
     * Every acknowledged inbound message is stored exactly once (none missing, none twice, nothing that was never
     * posted), and the workspaces' received-messages usage counters count each once.
     */
    private static Map<String, Long> checkInbound(
            Connection su, String name, String run, AtomicIntegerArray delivered, List<Check> checks) throws Exception {
        Map<Integer, Integer> stored = new HashMap<>();
        String prefix = wamid(run, 0).replaceAll("0$", "");
        try (PreparedStatement st = su.prepareStatement(
                "select wamid, count(*) from messages where direction = 'in' and wamid like ? group by wamid")) {
            st.setString(1, prefix + "%");
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    stored.put(Integer.parseInt(rs.getString(1).substring(prefix.length())), rs.getInt(2));
                }
            }
        }
        long acknowledged = 0;
        long posted = 0;
        long missing = 0;
        for (int m = 0; m < delivered.length(); m++) {
            int state = delivered.get(m);
            posted += state > 0 ? 1 : 0;
            if (state == 2) {
                acknowledged++;
                missing += stored.containsKey(m) ? 0 : 1;
            }
        }
        long twice = stored.values().stream().filter(n -> n > 1).count();
        long neverPosted = stored.keySet().stream()
                .filter(m -> m >= delivered.length() || delivered.get(m) == 0)
                .count();
        long rows = stored.values().stream().mapToLong(Integer::longValue).sum();
        checks.add(new Check(
                name + ": every acknowledged message stored exactly once",
                String.format("%,d acknowledged, 0 missing, 0 twice", acknowledged),
                String.format(
                        "%,d rows for %,d messages (%,d posted); %d missing, %d twice, %d never posted",
                        rows, stored.size(), posted, missing, twice, neverPosted),
                missing == 0 && twice == 0 && neverPosted == 0));
        return Map.of("acknowledged", acknowledged, "posted", posted, "stored", (long) stored.size());
    }

    /** The workspaces' {@code messages_received} counters count every stored inbound message once. */
    private static void checkInboundCounted(Connection su, List<ServerApi> workspaces, List<Check> checks)
            throws Exception {
        StringBuilder tenants = new StringBuilder();
        for (ServerApi w : workspaces) {
            tenants.append(tenants.isEmpty() ? "" : ",")
                    .append("'")
                    .append(w.workspaceId)
                    .append("'");
        }
        long counted = single(
                su,
                "select coalesce(sum(value), 0) from usage_counters where metric = 'messages_received'"
                        + " and period <> 'total' and tenant_id in (" + tenants + ")",
                null);
        long inboundRows = single(
                su, "select count(*) from messages where direction = 'in' and tenant_id in (" + tenants + ")", null);
        checks.add(new Check(
                "inbound: usage counter messages_received",
                String.format("%,d (messages stored)", inboundRows),
                String.format("%,d", counted),
                counted == inboundRows));
    }

    /**
     * The campaign completed; no recipient is left pending or sending; every recipient the dispatcher counts as sent
     * has exactly one message, the sandbox accepted exactly that many sends and no phone twice; every message went
     * through all its statuses (read), nothing waits in the status backlog and the sandbox dropped no webhook.
     */
    private static void checkCampaign(
            Connection su,
            Launcher.Running sandbox,
            List<CampaignSetup.Channel> pool,
            String campaign,
            int recipients,
            CampaignSetup.Counts done,
            Map<String, Long> recipientsByStatus,
            Map<String, Long> messagesByStatus,
            Map<String, Long> stats,
            List<Check> checks)
            throws Exception {
        long sent = recipientsByStatus.getOrDefault("sent", 0L);
        long notFinal = recipientsByStatus.getOrDefault("pending", 0L) + recipientsByStatus.getOrDefault("sending", 0L);
        long all =
                recipientsByStatus.values().stream().mapToLong(Long::longValue).sum();
        checks.add(new Check(
                "campaign: completed, every recipient final",
                String.format("completed, %,d recipients, 0 pending/sending", recipients),
                String.format("%s, %,d recipients, %,d pending/sending", done.status(), all, notFinal),
                done.status().equals("completed") && all == recipients && notFinal == 0));
        // a recipient is unknown when its send may have left without the server recording it (never resent), so the
        // sandbox may have accepted up to that many more sends than there are recipients sent
        long unknown = recipientsByStatus.getOrDefault("unknown", 0L);
        long recorded =
                single(su, "select count(*) from messages where campaign_id = ?::uuid and wamid is not null", campaign);
        long accepted = stats.get("accepted");
        checks.add(new Check(
                "campaign: sent = messages with a wamid ≤ sandbox accepts ≤ sent + unknown",
                String.format("%,d = %,d ≤ %,d ≤ %,d", sent, sent, sent, sent + unknown),
                String.format("%,d = %,d ≤ %,d ≤ %,d", sent, recorded, accepted, sent + unknown),
                sent == recorded && sent <= accepted && accepted <= sent + unknown));

        Set<String> sentPhones = new HashSet<>();
        Set<String> unknownPhones = new HashSet<>();
        try (PreparedStatement st = su.prepareStatement("select phone, status from campaign_recipients"
                + " where campaign_id = ?::uuid and status in ('sent', 'unknown')")) {
            st.setString(1, campaign);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    (rs.getString(2).equals("sent") ? sentPhones : unknownPhones).add(rs.getString(1));
                }
            }
        }
        Map<String, Integer> received = new HashMap<>();
        int remembered = 0;
        for (CampaignSetup.Channel c : pool) {
            List<CampaignSetup.Delivery> list = CampaignSetup.deliveries(sandbox, c.phoneNumberId());
            remembered += list.size();
            list.forEach(d -> received.merge("+" + d.to(), 1, Integer::sum));
        }
        long twice = received.values().stream().filter(n -> n > 1).count();
        long reachedUnknown =
                received.keySet().stream().filter(unknownPhones::contains).count();
        long strangers = received.keySet().stream()
                .filter(p -> !sentPhones.contains(p) && !unknownPhones.contains(p))
                .count();
        checks.add(new Check(
                "campaign: sandbox deliveries agree (newest " + CampaignSetup.SANDBOX_HISTORY + " per number)",
                "0 phones twice, 0 neither sent nor unknown",
                String.format(
                        "%,d deliveries checked: %d twice, %d neither sent nor unknown (%d unknown reached)",
                        remembered, twice, strangers, reachedUnknown),
                twice == 0 && strangers == 0));

        // the sandbox fails sends to numbers ending 0000 (131026) and templates to numbers ending 0001 (131050) by a
        // failed status; every other send is delivered and read
        long doomed = sentPhones.stream()
                .filter(p -> p.endsWith("0000") || p.endsWith("0001"))
                .count();
        long read = messagesByStatus.getOrDefault("read", 0L);
        long failed = messagesByStatus.getOrDefault("failed", 0L);
        // statuses of a message whose wamid the server recorded must have been applied; those of unknown sends (no
        // wamid recorded) can only wait in the backlog until it forgets them after a day
        long stranded = single(
                su,
                "select count(*) from message_status_backlog b where exists (select 1 from messages m"
                        + " where m.tenant_id = b.tenant_id and m.channel_id = b.channel_id and m.wamid = b.wamid)",
                null);
        long unmatched = single(su, "select count(distinct wamid) from message_status_backlog", null) - stranded;
        checks.add(new Check(
                "statuses: every recorded campaign message read (or failed as the sandbox fails it), none stranded",
                String.format(
                        "%,d read, %d failed, 0 stranded in the backlog, ≤ %d unknown sends' wamids there",
                        sent - doomed, doomed, accepted - sent),
                String.format(
                        "%,d read, %d failed %s, %d stranded, %d unknown sends' wamids; sandbox posted %,d statuses,"
                                + " %d dropped, %d failed posts",
                        read,
                        failed,
                        messagesByStatus,
                        stranded,
                        unmatched,
                        stats.get("statusesPosted"),
                        stats.get("dropped"),
                        stats.get("webhookFailures")),
                read == sent - doomed
                        && failed == doomed
                        && stranded == 0
                        && unmatched <= accepted - sent
                        && stats.get("dropped") == 0));
    }

    /** Every tab stayed connected and kept receiving; the campaign's workspace's tabs saw its progress. */
    private static void checkSse(SseClients sse, int count, List<Check> checks) {
        List<SseClients.Client> clients = sse.clients();
        long reconnects = clients.stream().mapToLong(c -> c.reconnects.get()).sum();
        long silent = clients.stream().filter(c -> c.windowEvents.get() == 0).count();
        double worstGap = clients.stream()
                .mapToDouble(SseClients.Client::maxGapSeconds)
                .max()
                .orElse(0);
        long campaignTabs = clients.stream().filter(c -> c.workspace == 0).count();
        long sawProgress = clients.stream()
                .filter(c -> c.workspace == 0 && c.progressEvents.get() > 0)
                .count();
        checks.add(new Check(
                "SSE: every stream open and receiving the whole run",
                count + " streams, 0 reconnects, none silent, longest gap ≤ 10 s",
                String.format(
                        "%d streams, %d reconnects, %d silent, longest gap %.1f s",
                        clients.size(), reconnects, silent, worstGap),
                clients.size() == count && reconnects == 0 && silent == 0 && worstGap <= 10));
        checks.add(new Check(
                "SSE: campaign progress seen by the campaign workspace's tabs",
                campaignTabs + " of " + campaignTabs,
                sawProgress + " of " + campaignTabs,
                sawProgress == campaignTabs));
    }

    private static String ms(Latencies l, double p) {
        return String.format("%,.1f", l.percentileMillis(p));
    }

    private static void print(
            Duration duration,
            double inboundRate,
            double readRate,
            OpenLoop.Result webhooks,
            OpenLoop.Result dashboard,
            SseClients sse,
            int workspaceCount,
            int recipients,
            int channelCount,
            long campaignSendsInWindow,
            double window,
            CampaignSetup.Counts done,
            double startToCompleted,
            double settle,
            long heapPeak,
            long rssPeak,
            String heap,
            ProcessCpu.Cores cores,
            PostgresActivity activity,
            Map<String, Long> inboundFound,
            Map<String, Long> recipientsByStatus,
            Map<String, Long> messagesByStatus,
            Map<String, Long> statusStats,
            List<Check> checks) {
        Table endpoints = new Table("endpoint", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms");
        Map<String, OpenLoop.Endpoint> all = new TreeMap<>(webhooks.endpoints());
        all.putAll(dashboard.endpoints());
        all.forEach((label, e) -> endpoints.row(
                label,
                String.format("%,d", e.count()),
                e.errors().get(),
                ms(e.latencies(), 50),
                ms(e.latencies(), 95),
                ms(e.latencies(), 99),
                ms(e.latencies(), 100)));
        Latencies reads = dashboard.all();
        endpoints.row(
                "all dashboard reads",
                String.format("%,d", dashboard.total()),
                dashboard.errors(),
                ms(reads, 50),
                ms(reads, 95),
                ms(reads, 99),
                ms(reads, 100));
        endpoints.print("load: per endpoint, latency from each request's scheduled time (open loop)");
        all.forEach((label, e) ->
                e.reasons().forEach((reason, n) -> System.out.printf("  %s: %,d × %s%n", label, n.get(), reason)));

        List<SseClients.Client> clients = sse.clients();
        long events = clients.stream().mapToLong(c -> c.windowEvents.get()).sum();
        long minEvents =
                clients.stream().mapToLong(c -> c.windowEvents.get()).min().orElse(0);
        long connected = clients.stream().filter(c -> c.connected.get()).count();
        new Table("measure", "target", "measured")
                .row("duration", duration.toSeconds() + " s", String.format("%.0f s", window))
                .row(
                        "inbound webhooks/s (1 message each), acknowledged",
                        String.format("%,.0f", inboundRate),
                        String.format(
                                "%,.0f (%,d scheduled, %,d errors of which %,d never sent; sent at most %.0f ms"
                                        + " late)",
                                webhooks.okPerSecond(),
                                webhooks.total(),
                                webhooks.errors(),
                                webhooks.notSent(),
                                webhooks.maxStartLagMillis()))
                .row(
                        "dashboard reads/s",
                        String.format("%,.0f", readRate),
                        String.format(
                                "%,.1f (%,d scheduled, %,d errors of which %,d never sent)",
                                dashboard.okPerSecond(), dashboard.total(), dashboard.errors(), dashboard.notSent()))
                .row(
                        "SSE streams (" + workspaceCount + " workspaces)",
                        String.valueOf(clients.size()),
                        String.format(
                                "%d connected at the end, %,d events in the window (%,.0f/s), fewest per stream %,d",
                                connected, events, events / window, minEvents))
                .row(
                        "campaign sends/s during the load (sandbox accepts)",
                        "",
                        String.format(
                                "%,.0f (%,d of %,d in %.0f s)",
                                campaignSendsInWindow / window, campaignSendsInWindow, recipients, window))
                .row(
                        "campaign start → completed",
                        "",
                        String.format(
                                "%.0f s (%,.0f/s overall), %d channels; %s",
                                startToCompleted, recipients / startToCompleted, channelCount, done))
                .row("statuses settled after completion", "", String.format("%.0f s", settle))
                .row("server peak RSS / heap (during the load)", "-Xmx" + heap, rssPeak + " MB / " + heapPeak + " MB")
                .row(
                        "CPU cores used (of " + String.format("%.0f", cores.available()) + ")",
                        "",
                        String.format(
                                "server JVM %.2f, PostgreSQL %.2f, sandbox %.2f, load generator %.2f, others %.2f,"
                                        + " idle %.2f",
                                cores.server(),
                                cores.postgres(),
                                cores.sandbox(),
                                cores.generator(),
                                cores.others(),
                                cores.available() - cores.machine()))
                .row(
                        "PostgreSQL during the load",
                        "",
                        String.format(
                                "%,.0f commits/s; active backends by wait (average): %s",
                                activity.commitsPerSecond(),
                                activity.averageActive(6).entrySet().stream()
                                        .map(e -> String.format("%s %.1f", e.getKey(), e.getValue()))
                                        .collect(java.util.stream.Collectors.joining(", "))))
                .row("inbound messages", "", inboundFound.toString())
                .row("campaign recipients by status", "", recipientsByStatus.toString())
                .row("campaign messages by status", "", messagesByStatus.toString())
                .row("sandbox counters", "", statusStats.toString())
                .print("load: " + clients.size() + " SSE clients, a " + String.format("%,d", recipients)
                        + "-recipient campaign, " + String.format("%,.0f", inboundRate) + " inbound/s, "
                        + String.format("%,.0f", readRate) + " reads/s, together");

        Table table = new Table("check", "expected", "found", "result");
        checks.forEach(c -> table.row(c.name(), c.expected(), c.found(), c.passed() ? "PASS" : "FAIL"));
        table.print("load: checks");
    }
}
