package com.whatsdex.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Analytics at 10,000,000 messages over 90 days in one workspace, beside 99 small workspaces: the dashboard and a
 * 90-day series (p50/p99 over sequential requests) in a workspace of 10,000 messages and in the big one (the ratio
 * shows whether cost depends on volume); the full rollup of the 10,000,000 messages and an incremental rollup after
 * 1,000,000 new events (half new messages, half status changes of existing ones), each timed from the commit of the
 * data to the commit of the rollup (the server sweeps every second here). Baseline, same run: {@code count(*)} of
 * the big workspace's messages as the application role, what a dashboard without rollups would pay at least.
 *
 * <p>Messages are generated inside the embedded PostgreSQL ({@code INSERT ... SELECT generate_series}, UUIDv7 ids
 * spread over the past 90 days) in one transaction per phase, so they pass through the same triggers as real
 * inserts and the rollup sees them at once when it commits.
 */
final class AnalyticsBench {

    private AnalyticsBench() {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        long big = Long.parseLong(options.getOrDefault("messages", "10000000"));
        long small = Long.parseLong(options.getOrDefault("small-messages", "10000"));
        long incremental = Long.parseLong(options.getOrDefault("incremental", String.valueOf(big / 10)));
        int others = Integer.parseInt(options.getOrDefault("workspaces", "99"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "1000"));
        try (Launcher.Running server = launcher.server("512m", Map.of("WHATSDEX_ANALYTICS_ROLLUPINTERVAL", "1s"))) {
            ServerApi bigApi = ServerApi.newWorkspace(server);
            ServerApi smallApi = ServerApi.newWorkspace(server);
            List<String> crowd = new ArrayList<>();
            for (int i = 0; i < others - 1; i++) {
                crowd.add(ServerApi.newWorkspace(server).workspaceId);
            }
            int port = ContactsListBench.postgresPort(server.dataDir());
            Driver driver = ContactsListBench.driverFrom(launcher.serverJar());
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/whatsdex";
            Table table = new Table("measure", "value", "target", "met");

            try (Connection su = ContactsListBench.connect(driver, url, "postgres")) {
                // the small workspaces: the one measured and the crowd (1,000 messages each)
                seed(su, smallApi.workspaceId, small, 90, false);
                for (String w : crowd) {
                    seed(su, w, 1000, 90, false);
                }
                awaitRolledUp(su, null);

                long t0 = System.nanoTime();
                seed(su, bigApi.workspaceId, big, 90, false);
                long committed = System.nanoTime();
                awaitRolledUp(su, bigApi.workspaceId);
                double full = (System.nanoTime() - committed) / 1e9;
                System.out.printf(
                        "seeded %,d messages in %.1f s; full rollup %.1f s%n", big, (committed - t0) / 1e9, full);
                table.row(
                        "full rollup of " + String.format("%,d", big) + " messages (s)",
                        String.format("%.1f", full),
                        "60",
                        full <= 60 ? "yes" : "NO");

                long t1 = System.nanoTime();
                seed(su, bigApi.workspaceId, incremental / 2, 3, true);
                long committed2 = System.nanoTime();
                awaitRolledUp(su, bigApi.workspaceId);
                double inc = (System.nanoTime() - committed2) / 1e9;
                System.out.printf("incremental data in %.1f s; rollup %.1f s%n", (committed2 - t1) / 1e9, inc);
                table.row(
                        "incremental rollup after " + String.format("%,d", incremental) + " events (s)",
                        String.format("%.1f", inc),
                        "10",
                        inc <= 10 ? "yes" : "NO");
            }

            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            String series = "/api/v1/analytics/messages?from=" + today.minusDays(89) + "&to=" + today;
            double[] smallP99 = new double[2];
            double[] bigP99 = new double[2];
            Table latency = new Table("endpoint", "workspace", "p50 ms", "p99 ms", "target p99", "met");
            String[] paths = {"/api/v1/analytics/dashboard", series};
            for (int p = 0; p < paths.length; p++) {
                Latencies s = measure(http, server, smallApi, paths[p], requests);
                Latencies b = measure(http, server, bigApi, paths[p], requests);
                smallP99[p] = s.percentileMillis(99);
                bigP99[p] = b.percentileMillis(99);
                latency.row(
                        paths[p].replaceAll("\\?.*", " (90 days)"),
                        String.format("%,d msgs", small),
                        s.percentileMillis(50),
                        smallP99[p],
                        "20",
                        smallP99[p] <= 20 ? "yes" : "NO");
                latency.row(
                        paths[p].replaceAll("\\?.*", " (90 days)"),
                        String.format("%,d msgs", big),
                        b.percentileMillis(50),
                        bigP99[p],
                        "20",
                        bigP99[p] <= 20 ? "yes" : "NO");
            }
            for (int p = 0; p < paths.length; p++) {
                double ratio = bigP99[p] / smallP99[p];
                table.row(
                        "p99 " + (p == 0 ? "dashboard" : "90-day series") + " at " + String.format("%,d", big)
                                + " / at " + String.format("%,d", small),
                        String.format("%.2f", ratio),
                        "1.5",
                        ratio <= 1.5 ? "yes" : "NO");
            }

            // the baseline: what counting the big workspace's messages costs, once warm
            try (Connection app = ContactsListBench.connect(driver, url, "whatsdex_app")) {
                app.setAutoCommit(false);
                Latencies count = new Latencies(5);
                for (int i = 0; i < 6; i++) {
                    long t = System.nanoTime();
                    try (PreparedStatement set = app.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                        set.setString(1, bigApi.workspaceId);
                        set.execute();
                    }
                    try (Statement st = app.createStatement();
                            ResultSet rs = st.executeQuery("select count(*) from messages")) {
                        rs.next();
                    }
                    app.commit();
                    if (i > 0) {
                        count.add((System.nanoTime() - t) / 1_000);
                    }
                }
                table.row(
                        "baseline: count(*) of the big workspace's messages (ms, median of 5)",
                        count.percentileMillis(50),
                        "",
                        "");
            }
            latency.print("analytics endpoints: " + requests + " sequential requests each after as many warm-up"
                    + " requests; " + others + " other workspaces in the database");
            table.print("analytics rollup: " + String.format("%,d", big) + " messages over 90 days in one"
                    + " workspace, server at -Xmx512m, rollup sweep every second");
        }
    }

    private static Latencies measure(HttpClient http, Launcher.Running server, ServerApi api, String path, int requests)
            throws Exception {
        Latencies latencies = new Latencies(requests);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                                .header("Authorization", "Bearer " + api.apiKey())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
                }
                if (round == 1) {
                    latencies.add((System.nanoTime() - t0) / 1_000);
                }
            }
        }
        return latencies;
    }

    /** Waits until the workspace (or every workspace) has no days left to recount. */
    private static void awaitRolledUp(Connection su, String workspace) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        String sql = "select count(*) from stats_pending" + (workspace == null ? "" : " where tenant_id = ?::uuid");
        while (System.nanoTime() < deadline) {
            try (PreparedStatement st = su.prepareStatement(sql)) {
                if (workspace != null) {
                    st.setString(1, workspace);
                }
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
            }
            Thread.sleep(50); // polling the marks table: the rollup commits inside the server
        }
        throw new IllegalStateException("the rollup did not finish in 10 minutes");
    }

    /**
     * {@code count} messages over the past {@code days} days on 3 channels and 50,000 contacts, in one transaction
     * (batches of 1,000,000 rows), oldest first as real traffic arrives (so the table's physical order follows time). With {@code withUpdates}, as many status changes of the workspace's newest
     * outbound messages follow (late webhooks), so the run holds {@code 2 * count} events.
     */
    static void seed(Connection su, String tenant, long count, int days, boolean withUpdates) throws Exception {
        su.setAutoCommit(false);
        UUID[] channels = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        long span = days * 86_400L - 60;
        try (Statement st = su.createStatement()) {
            for (long from = 1; from <= count; from += 1_000_000) {
                long to = Math.min(count, from + 999_999);
                st.execute("""
                        insert into messages (tenant_id, id, channel_id, contact_id, direction, type, body, status,
                                              wamid, campaign_id, origin, created_at, sent_at, delivered_at, read_at)
                        select '%1$s'::uuid, uuidv7(-o.ago), ch.id, c.id,
                               case when g %% 4 = 0 then 'in' else 'out' end, 'text', 'Order ' || g, s.status,
                               case when g %% 4 <> 0 and s.status <> 'failed' then 'wamid.' || g end,
                               case when g %% 3 = 0 and g %% 4 <> 0 then '%2$s'::uuid end,
                               case when g %% 4 <> 0 then case when g %% 10 = 1 then 'agent' else 'api' end end,
                               now() - o.ago, now() - o.ago,
                               case when s.status in ('delivered', 'read') then now() - o.ago end,
                               case when s.status = 'read' then now() - o.ago end
                        from generate_series(%3$d::bigint, %4$d) g,
                             lateral (select ((%9$d - g) * %5$d / %9$d) * interval '1 second' as ago) o,
                             lateral (select case when g %% 4 = 0 then 'received' when g %% 20 = 1 then 'failed'
                                                  when g %% 3 = 0 then 'read' when g %% 3 = 1 then 'delivered'
                                                  else 'sent' end as status) s,
                             lateral (select (array['%6$s', '%7$s', '%8$s']::uuid[])[1 + g %% 3] as id) ch,
                             lateral (select md5('%1$s' || (g %% 50000))::uuid as id) c
                        """.formatted(
                        tenant, UUID.randomUUID(), from, to, span, channels[0], channels[1], channels[2], count));
            }
            if (withUpdates) {
                st.execute("""
                        update messages m set status = 'read', read_at = now()
                        from (select id from messages where tenant_id = '%s'::uuid and direction = 'out'
                              and status in ('sent', 'delivered') order by id desc limit %d) late
                        where m.tenant_id = '%s'::uuid and m.id = late.id
                        """.formatted(tenant, count, tenant));
            }
        }
        su.commit();
        su.setAutoCommit(true);
        try (Statement st = su.createStatement()) {
            st.execute("analyze messages");
        }
    }
}
