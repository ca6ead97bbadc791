package com.whatsdex.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Faults a WhatsDeX server must survive by itself, each against the real thing: its external PostgreSQL restarted
 * (a fast shutdown: connections cut, in-flight transactions rolled back) during a campaign and during an import; the
 * Graph API (the standalone sandbox) answering 503 and then stalling into 504s for a while; the media store's
 * filesystem full (a tiny tmpfs mounted over the server's media directory: a real ENOSPC from the kernel, nothing
 * simulated in the server). Nobody touches the campaign or import after a fault. Prints one PASS/FAIL row per check
 * with its figures; exits non-zero on a failure.
 */
final class FaultsBench {

    private static final Pattern MESSAGE_ID = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\"");

    private FaultsBench() {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        int recipients = Integer.parseInt(options.getOrDefault("recipients", "6000"));
        int importRows = Integer.parseInt(options.getOrDefault("import-rows", "300000"));
        int outageSeconds = Integer.parseInt(options.getOrDefault("outage-seconds", "8"));
        int downSeconds = Integer.parseInt(options.getOrDefault("pg-down-seconds", "5"));
        String heap = options.getOrDefault("heap", "768m");
        List<String> only = List.of(
                options.getOrDefault("only", "campaign,import,outage,disk").split(","));
        Checks checks = new Checks();
        try (ExternalPostgres pg = ExternalPostgres.start(launcher.serverJar());
                Launcher.Running sandbox = launcher.sandbox();
                WebhookSink sink = new WebhookSink();
                Launcher.Running server = launcher.server(
                        heap,
                        // the disk check fills a 256 KiB tmpfs: no free-space reserve, the kernel's ENOSPC decides
                        ScaleOut.environment(pg, Map.of("WHATSDEX_MESSAGING_MEDIA_MIN_FREE_SPACE", "0")))) {
            System.out.printf("PostgreSQL on port %d, server %s%n", pg.port(), server.baseUrl());
            if (only.contains("campaign")) {
                postgresDuringCampaign(checks, pg, server, sandbox, sink, recipients, downSeconds);
            }
            if (only.contains("import")) {
                postgresDuringImport(checks, pg, server, importRows, downSeconds);
            }
            if (only.contains("outage")) {
                graphOutage(checks, pg, server, sandbox, sink, recipients / 2, outageSeconds);
            }
            if (only.contains("disk")) {
                mediaDiskFull(checks, server, sandbox);
            }
        }
        checks.printAndExit("faults: one server on an external PostgreSQL 18, the standalone sandbox");
    }

    /** PostgreSQL stopped for a few seconds at 30 % of a campaign and started again. */
    private static void postgresDuringCampaign(
            Checks checks,
            ExternalPostgres pg,
            Launcher.Running server,
            Launcher.Running sandbox,
            WebhookSink sink,
            int recipients,
            int downSeconds) {
        String claim = "PostgreSQL restarted mid-campaign: completes, nothing twice, counts add up";
        try {
            ServerApi api = ServerApi.newWorkspace(server);
            List<String> phones = CampaignSetup.phones(0, recipients);
            api.importContacts(phones);
            List<CampaignSetup.Channel> pool = CampaignSetup.pool(sandbox, api, sink.url(), "100000001000", 4, 100);
            String campaign = api.createCampaign("PG restart", CampaignSetup.ids(pool));
            long base = CampaignSetup.accepted(sandbox);
            api.campaignAction(campaign, "start");
            ScaleOut.awaitAccepted(sandbox, api, campaign, base + (long) (0.3 * recipients));
            Restart restart = restart(pg, downSeconds, () -> CampaignSetup.accepted(sandbox));
            CampaignSetup.Counts done = ScaleOut.awaitEnd(List.of(api), campaign, 600);
            ScaleOut.Settled settled = ScaleOut.settle(pg, campaign, 180);
            Map<String, Integer> received = ScaleOut.receivedByPhone(sandbox, pool);
            long duplicates = ScaleOut.duplicates(received);
            boolean ok = done.status().equals("completed")
                    && duplicates == 0
                    && done.total() == recipients
                    && done.processed() == done.total()
                    && settled.waiting() == 0
                    && received.size() >= settled.accepted()
                    && received.size() <= settled.accepted() + done.unknown()
                    && done.unknown() <= CampaignSetup.DISPATCH_IN_FLIGHT;
            checks.add(
                    claim,
                    ok,
                    String.format(
                            "%s; %s: sent %,d + failed %d + skipped %d + unknown %d (≤ %d) = %,d of %,d;"
                                    + " messages %s (%,d accepted); sandbox %,d phones, %d twice",
                            restart,
                            done.status(),
                            done.sent(),
                            done.failed(),
                            done.skipped(),
                            done.unknown(),
                            CampaignSetup.DISPATCH_IN_FLIGHT,
                            done.processed(),
                            done.total(),
                            settled.byStatus(),
                            settled.accepted(),
                            received.size(),
                            duplicates));
        } catch (Exception e) {
            checks.broken(claim, e);
        }
    }

    /** PostgreSQL stopped for a few seconds while an import's job merges batches, then started again. */
    private static void postgresDuringImport(
            Checks checks, ExternalPostgres pg, Launcher.Running server, int rows, int downSeconds) {
        String claim = "PostgreSQL restarted mid-import: completes, counts match the file, no duplicates";
        try {
            ServerApi api = ServerApi.newWorkspace(server);
            String id = api.startImport(CampaignSetup.phones(1_000_000, rows));
            String body = api.get("/api/v1/contacts/imports/" + id);
            while (!(Json.string(body, "status").equals("running") && Json.number(body, "created") > 0)) {
                if (!Json.string(body, "status").matches("queued|running")) {
                    throw new IllegalStateException("the import ended before the fault: use more --import-rows");
                }
                Thread.sleep(50); // polling the import until its first batch is merged
                body = api.get("/api/v1/contacts/imports/" + id);
            }
            long createdBefore = Json.number(body, "created");
            Restart restart = restart(pg, downSeconds, () -> 0);
            long deadline = System.nanoTime() + 600_000_000_000L;
            String status = "running";
            while (status.matches("queued|running") && System.nanoTime() < deadline) {
                Thread.sleep(250); // polling the import's status
                try {
                    body = api.get("/api/v1/contacts/imports/" + id);
                    status = Json.string(body, "status");
                } catch (Exception e) {
                    // the server answers errors while it reconnects
                }
            }
            long created = Json.number(body, "created");
            long imported = Json.number(body, "rows");
            long inDatabase;
            long distinctPhones;
            try (Connection su = pg.superuser();
                    PreparedStatement st = su.prepareStatement(
                            "select count(*), count(distinct phone) from contacts where tenant_id = ?::uuid")) {
                st.setString(1, api.workspaceId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    inDatabase = rs.getLong(1);
                    distinctPhones = rs.getLong(2);
                }
            }
            boolean ok = status.equals("completed")
                    && imported == rows
                    && created == rows
                    && inDatabase == rows
                    && distinctPhones == inDatabase;
            checks.add(
                    claim,
                    ok,
                    String.format(
                            "%s at %,d contacts created; %s: %,d rows read, %,d created; in the database %,d"
                                    + " contacts, %,d distinct phones (file: %,d)",
                            restart, createdBefore, status, imported, created, inDatabase, distinctPhones, rows));
        } catch (Exception e) {
            checks.broken(claim, e);
        }
    }

    /**
     * The Graph API refuses every send with 503 for a while (at 20 % of a campaign), then stalls requests into 504s
     * (at 55 %): the sends refused must be retried and every phone must receive the message exactly once.
     */
    private static void graphOutage(
            Checks checks,
            ExternalPostgres pg,
            Launcher.Running server,
            Launcher.Running sandbox,
            WebhookSink sink,
            int recipients,
            int outageSeconds) {
        String claim = "sandbox 503s then stalls (504): sends retried, each phone exactly once";
        try {
            ServerApi api = ServerApi.newWorkspace(server);
            api.importContacts(CampaignSetup.phones(2_000_000, recipients));
            List<CampaignSetup.Channel> pool = CampaignSetup.pool(sandbox, api, sink.url(), "100000001100", 2, 50);
            String campaign = api.createCampaign("Outage", CampaignSetup.ids(pool));
            long base = CampaignSetup.accepted(sandbox);
            api.campaignAction(campaign, "start");
            List<String> outages = new ArrayList<>();
            // 503s from 20 % of the sends on; the stall 3 s after they end (by time: sends refused during the first
            // outage are counted done by the campaign and retried later, so the accept count is no clock)
            ScaleOut.awaitAccepted(sandbox, api, campaign, base + recipients / 5);
            for (String mode : List.of("error", "stall")) {
                String state = CampaignSetup.Counts.of(api.campaign(campaign)).status();
                outage(sandbox, mode, outageSeconds);
                outages.add(String.format(
                        "%s for %d s at %.0f %% (campaign %s)",
                        mode, outageSeconds, 100.0 * (CampaignSetup.accepted(sandbox) - base) / recipients, state));
                Thread.sleep((outageSeconds + 3) * 1000L); // the outage lasts this long, then 3 s of normal service
            }
            CampaignSetup.Counts done = ScaleOut.awaitEnd(List.of(api), campaign, 600);
            // sends refused after the campaign recorded them are retried by the pipeline's retry job (backoff
            // 2, 4, 8 … s): wait until none is left waiting
            ScaleOut.Settled settled = ScaleOut.settle(pg, campaign, 300);
            String state = get(sandbox, "/sandbox/admin/outage");
            long refused = Json.number(state, "refused");
            Map<String, Integer> received = ScaleOut.receivedByPhone(sandbox, pool);
            long duplicates = ScaleOut.duplicates(received);
            boolean ok = done.status().equals("completed")
                    && refused > 0
                    && settled.waiting() == 0
                    && received.size() == recipients
                    && duplicates == 0
                    && done.failed() == 0;
            checks.add(
                    claim,
                    ok,
                    String.format(
                            "%s: %,d calls refused by the sandbox; campaign %s (sent %,d, failed %d, unknown %d);"
                                    + " messages %s after %.0f s of retries; sandbox %,d of %,d phones reached, %d twice",
                            String.join(", ", outages),
                            refused,
                            done.status(),
                            done.sent(),
                            done.failed(),
                            done.unknown(),
                            settled.byStatus(),
                            settled.waitedSeconds(),
                            received.size(),
                            recipients,
                            duplicates));
        } catch (Exception e) {
            checks.broken(claim, e);
        }
    }

    /**
     * The media directory on a 256 KiB tmpfs: images that arrive while it is full must fail with a clear error and
     * leave no partial file or broken record; images stored before stay intact; after space is freed new ones are
     * stored again. Mounting needs root (CAP_SYS_ADMIN): without it the check says so and fails.
     */
    private static void mediaDiskFull(Checks checks, Launcher.Running server, Launcher.Running sandbox) {
        String claim = "media store's disk full: error on the message, no partial files, earlier media intact";
        Path media = server.dataDir().resolve("media");
        boolean mounted = false;
        try {
            Files.createDirectories(media);
            exec("mount", "-t", "tmpfs", "-o", "size=256k,mode=0755", "tmpfs", media.toString());
            mounted = true;
            ServerApi api = ServerApi.newWorkspace(server);
            String number = "1000000012000";
            String graph = SandboxCapacityBench.register(
                    sandbox, number, "token-" + number, "secret-" + number, "http://127.0.0.1:9/none", 0);
            String channel = api.cloudChannel("Media", graph, number, "token-" + number, "secret-" + number, 80);
            SandboxCapacityBench.register(
                    sandbox,
                    number,
                    "token-" + number,
                    "secret-" + number,
                    server.baseUrl() + "/webhooks/whatsapp/" + channel,
                    0);

            List<String> before = images(api, sandbox, number, channel, 0, 3, 3);
            int storedBefore = awaitStored(api, before, 30);
            Path filler = media.resolve("filler");
            long filled = fill(filler);
            List<String> during = images(api, sandbox, number, channel, 10, 3, 6);
            // the download job tries 4 times (2, 4, 8 s apart) before it parks: wait for the error lines
            Path log = Launcher.log(server.dataDir());
            long deadline = System.nanoTime() + 90_000_000_000L;
            long parked = 0;
            while (parked < during.size() && System.nanoTime() < deadline) {
                Thread.sleep(500); // polling the server's log for the parked jobs
                parked = Files.readAllLines(log).stream()
                        .filter(l -> l.contains("messaging.media-download") && l.contains("parked in failed_jobs"))
                        .count();
            }
            long noSpace = Files.readAllLines(log).stream()
                    // the store reports the kernel's ENOSPC as the disk being full
                    .filter(l -> l.contains("No space left on device") || l.contains("disk was full"))
                    .count();
            int servedDuring = awaitStored(api, during, 1);
            int explained = 0;
            for (String id : during) {
                explained += api.get("/api/v1/messages/" + id).contains("the server's disk was full") ? 1 : 0;
            }
            long partials;
            try (var files = Files.walk(media)) {
                partials = files.filter(p -> p.toString().endsWith(".part")).count();
            }
            int intact = 0;
            for (String id : before) {
                intact += servedBytes(api, id) > 0 ? 1 : 0;
            }
            Files.delete(filler);
            List<String> after = images(api, sandbox, number, channel, 20, 3, 9);
            int storedAfter = awaitStored(api, after, 30);
            boolean ok = storedBefore == before.size()
                    && parked >= during.size()
                    && noSpace > 0
                    && servedDuring == 0
                    && explained == during.size()
                    && partials == 0
                    && intact == before.size()
                    && storedAfter == after.size();
            checks.add(
                    claim,
                    ok,
                    String.format(
                            "tmpfs 256 KiB, filled with %,d bytes; before: %d/%d stored; while full: %d/%d download"
                                    + " jobs parked, %d log lines saying the disk was full, %d served, %d/%d with"
                                    + " media.error 'disk was full', %d .part files"
                                    + " left; earlier media intact %d/%d; after freeing: %d/%d stored",
                            filled,
                            storedBefore,
                            before.size(),
                            parked,
                            during.size(),
                            noSpace,
                            servedDuring,
                            explained,
                            during.size(),
                            partials,
                            intact,
                            before.size(),
                            storedAfter,
                            after.size()));
        } catch (Exception e) {
            checks.broken(claim, e);
        } finally {
            if (mounted) {
                try {
                    exec("umount", media.toString());
                } catch (Exception e) {
                    System.err.println("could not unmount " + media + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * Phones send an image each to the channel; answers the ids of the {@code count} newest messages once the channel
     * holds {@code total} (these are they: the ingest stores a webhook's message before answering it).
     */
    private static List<String> images(
            ServerApi api, Launcher.Running sandbox, String number, String channel, int first, int count, int total)
            throws Exception {
        for (int i = first; i < first + count; i++) {
            String from = String.format("2348%09d", 600_000_000 + i);
            post(
                    sandbox,
                    "/sandbox/admin/numbers/" + number + "/inbound",
                    "{\"from\":\"" + from + "\",\"text\":\"photo " + i + "\",\"image\":true}");
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            String page = api.get("/api/v1/messages?channelId=" + channel + "&limit=100");
            List<String> ids = new ArrayList<>();
            Matcher m = MESSAGE_ID.matcher(page);
            while (m.find()) {
                ids.add(m.group(1));
            }
            if (ids.size() >= total) {
                return ids.subList(0, count);
            }
            Thread.sleep(100); // polling until the webhooks' messages are stored
        }
        throw new IllegalStateException("the images never arrived as messages");
    }

    /** How many of the messages have their media served, polling up to {@code seconds}. */
    private static int awaitStored(ServerApi api, List<String> ids, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            int stored = 0;
            for (String id : ids) {
                stored += servedBytes(api, id) > 0 ? 1 : 0;
            }
            if (stored == ids.size() || System.nanoTime() > deadline) {
                return stored;
            }
            Thread.sleep(250); // polling the media endpoint until the download jobs have run
        }
    }

    private static long servedBytes(ServerApi api, String messageId) throws Exception {
        HttpResponse<byte[]> r = api.http()
                .send(
                        HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/messages/" + messageId + "/media"))
                                .header("Authorization", "Bearer " + api.apiKey())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200 ? r.body().length : 0;
    }

    /** Writes zeros until the filesystem refuses with ENOSPC; answers how many bytes fit. */
    private static long fill(Path filler) {
        long written = 0;
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            return written; // No space left on device
        }
    }

    /** What a fault did: how long PostgreSQL was down and how long until the work moved again. */
    record Restart(double downSeconds, double resumedAfterSeconds) {
        @Override
        public String toString() {
            return String.format(
                    "PostgreSQL down %.1f s%s",
                    downSeconds,
                    resumedAfterSeconds < 0
                            ? ""
                            : String.format(", sends again %.1f s after it was back", resumedAfterSeconds));
        }
    }

    interface Counter {
        long get() throws Exception;
    }

    private static Restart restart(ExternalPostgres pg, int downSeconds, Counter progress) throws Exception {
        long t0 = System.nanoTime();
        pg.stop();
        Thread.sleep(downSeconds * 1000L); // the database stays down this long
        pg.start();
        long up = System.nanoTime();
        double down = (up - t0) / 1e9;
        long at = progress.get();
        if (at == 0) {
            return new Restart(down, -1);
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (progress.get() == at && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling for the first send after the restart
        }
        return new Restart(down, progress.get() == at ? Double.NaN : (System.nanoTime() - up) / 1e9);
    }

    private static void outage(Launcher.Running sandbox, String mode, int seconds) throws Exception {
        post(sandbox, "/sandbox/admin/outage", "{\"mode\":\"" + mode + "\",\"seconds\":" + seconds + "}");
    }

    private static String post(Launcher.Running sandbox, String path, String body) throws Exception {
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sandbox " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String get(Launcher.Running sandbox, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (needs root): " + output);
        }
    }
}
