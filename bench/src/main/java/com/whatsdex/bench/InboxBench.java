package com.whatsdex.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The inbox at 100,000 contacts and 1,000,000 messages in one workspace: the conversation list (first page, a page
 * behind a deep cursor, one channel's conversations) and a thread page (the newest 50 messages of a contact, and a
 * page 1,000 messages back in a long thread), p50/p99 over sequential requests from one client.
 *
 * <p>Seeding: contacts as in {@link ContactsListBench}; messages with one {@code INSERT ... SELECT generate_series}
 * over a direct JDBC connection as the database superuser, with UUIDv7 ids spread over the past year (PostgreSQL 18's
 * {@code uuidv7(shift)}), so they pass through the same V16 trigger that keeps conversations for every real insert.
 * Most contacts have a few messages; {@value #LONG_THREADS} contacts have long threads (a fifth of all messages).
 *
 * <p>Baseline, same run: the list's and the thread's main SQL statement, run over JDBC as the application role in a
 * transaction with the workspace set, like the server does.
 */
final class InboxBench {

    static final int LONG_THREADS = 100;

    private InboxBench() {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        int contacts = Integer.parseInt(options.getOrDefault("contacts", "100000"));
        int messages = Integer.parseInt(options.getOrDefault("messages", "1000000"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "1000"));
        try (Launcher.Running server = launcher.server("512m", Map.of())) {
            ServerApi api = ServerApi.newWorkspace(server);
            int port = ContactsListBench.postgresPort(server.dataDir());
            Driver driver = ContactsListBench.driverFrom(launcher.serverJar());
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/whatsdex";
            UUID channelA = UUID.randomUUID();
            UUID channelB = UUID.randomUUID();

            long seedStart = System.nanoTime();
            try (Connection su = ContactsListBench.connect(driver, url, "postgres")) {
                ContactsListBench.seed(su, api.workspaceId, contacts);
                seedMessages(su, api.workspaceId, messages, channelA, channelB);
            }
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

            List<String> threads = new ArrayList<>();
            List<String> longThreads = new ArrayList<>();
            String deepKey;
            String longCursor;
            // how far back the deep thread page starts: 1,000 messages, or half a long thread at a small scale
            int back = Math.min(1000, messages / 5 / LONG_THREADS / 2);
            long conversations;
            try (Connection su = ContactsListBench.connect(driver, url, "postgres");
                    Statement st = su.createStatement()) {
                try (ResultSet rs = st.executeQuery(
                        "select count(*) from conversations where tenant_id = '" + api.workspaceId + "'")) {
                    rs.next();
                    conversations = rs.getLong(1);
                }
                try (ResultSet rs = st.executeQuery("select last_message_id from conversations where tenant_id = '"
                        + api.workspaceId + "' order by last_message_id desc offset " + (conversations * 9 / 10)
                        + " limit 1")) {
                    rs.next();
                    deepKey = rs.getString(1);
                }
                try (ResultSet rs = st.executeQuery("select contact_id from conversations where tenant_id = '"
                        + api.workspaceId + "' order by random() limit " + requests)) {
                    while (rs.next()) {
                        threads.add(rs.getString(1));
                    }
                }
                try (ResultSet rs = st.executeQuery("select contact_id from messages where tenant_id = '"
                        + api.workspaceId + "' group by contact_id order by count(*) desc limit " + LONG_THREADS)) {
                    while (rs.next()) {
                        longThreads.add(rs.getString(1));
                    }
                }
                try (ResultSet rs = st.executeQuery(
                        "select id from messages where tenant_id = '" + api.workspaceId + "' and contact_id = '"
                                + longThreads.getFirst() + "' order by id desc offset " + back + " limit 1")) {
                    rs.next();
                    longCursor = rs.getString(1);
                }
            }
            System.out.printf(
                    "seeded %,d contacts, %,d messages (%,d conversations) in %.1f s%n",
                    contacts, messages, conversations, seedSeconds);

            String deepCursor = cursor(deepKey);
            String longThreadCursor = cursor(longCursor);
            List<Case> cases = List.of(
                    new Case(
                            "conversations, first page",
                            i -> "/api/v1/inbox/conversations?limit=50",
                            i -> Sql.list("true", List.of())),
                    new Case(
                            "conversations, deep cursor (90% in)",
                            i -> "/api/v1/inbox/conversations?limit=50&cursor=" + deepCursor,
                            i -> Sql.list("c.last_message_id < ?::uuid", List.of(deepKey))),
                    new Case(
                            "conversations of one channel",
                            i -> "/api/v1/inbox/conversations?limit=50&channelId=" + channelA,
                            i -> Sql.channel(channelA)),
                    new Case(
                            "thread, newest page (random contact)",
                            i -> "/api/v1/inbox/conversations/" + threads.get(i % threads.size())
                                    + "/messages?limit=50",
                            i -> Sql.thread(threads.get(i % threads.size()), null)),
                    new Case(
                            "thread, long (" + String.format("%,d", messages / 5 / LONG_THREADS) + " msgs), newest",
                            i -> "/api/v1/inbox/conversations/" + longThreads.get(i % longThreads.size())
                                    + "/messages?limit=50",
                            i -> Sql.thread(longThreads.get(i % longThreads.size()), null)),
                    new Case(
                            "thread, long, " + String.format("%,d", back) + " messages back",
                            i -> "/api/v1/inbox/conversations/" + longThreads.getFirst() + "/messages?limit=50&cursor="
                                    + longThreadCursor,
                            i -> Sql.thread(longThreads.getFirst(), longCursor)));

            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Table table =
                    new Table("case", "API p50 ms", "API p99 ms", "SQL p50 ms", "SQL p99 ms", "target p99", "met");
            try (Connection app = ContactsListBench.connect(driver, url, "whatsdex_app")) {
                app.setAutoCommit(false);
                for (Case c : cases) {
                    Latencies apiLatency = new Latencies(requests);
                    Latencies sqlLatency = new Latencies(requests);
                    int rows = 0;
                    for (int round = 0; round < 2; round++) { // round 0 warms up caches and the JIT
                        for (int i = 0; i < requests; i++) {
                            long t0 = System.nanoTime();
                            HttpResponse<String> r = http.send(
                                    HttpRequest.newBuilder(URI.create(
                                                    server.baseUrl() + c.path().apply(i)))
                                            .header("Authorization", "Bearer " + api.apiKey())
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            long t1 = System.nanoTime();
                            if (r.statusCode() != 200) {
                                throw new IllegalStateException(c.name() + ": " + r.statusCode() + " " + r.body());
                            }
                            long t2 = System.nanoTime();
                            int n = c.sql().apply(i).run(app, api.workspaceId);
                            long t3 = System.nanoTime();
                            if (round == 1) {
                                apiLatency.add((t1 - t0) / 1_000);
                                sqlLatency.add((t3 - t2) / 1_000);
                                rows += n;
                            }
                        }
                    }
                    double p99 = apiLatency.percentileMillis(99);
                    table.row(
                            c.name() + String.format(" [%.1f rows/page]", rows / (double) requests),
                            apiLatency.percentileMillis(50),
                            p99,
                            sqlLatency.percentileMillis(50),
                            sqlLatency.percentileMillis(99),
                            "20",
                            p99 <= 20 ? "yes" : "NO");
                }
            }
            table.print("inbox: " + String.format("%,d", contacts) + " contacts, " + String.format("%,d", messages)
                    + " messages, " + String.format("%,d", conversations) + " conversations in one workspace; "
                    + requests + " sequential requests per case (after as many warm-up requests)");
        }
    }

    private static String cursor(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    record Case(String name, IntFunction<String> path, IntFunction<Sql> sql) {}

    /** The server's main statement for a case, with its bind values. */
    record Sql(String sql, List<Object> binds) {

        private static final String COLUMNS = """
                c.contact_id, c.last_message_id, c.last_message_at, c.last_direction, c.last_channel_id, c.last_type,
                c.last_preview, c.last_campaign, c.unread_count, c.status, c.assignee_id""";

        static Sql list(String where, List<Object> binds) {
            return new Sql(
                    "select " + COLUMNS + " from conversations c where " + where
                            + " order by c.last_message_id desc limit 51",
                    binds);
        }

        static Sql channel(UUID channel) {
            return new Sql(
                    "select " + COLUMNS + " from conversation_channels cc join conversations c"
                            + " on c.tenant_id = cc.tenant_id and c.contact_id = cc.contact_id"
                            + " where cc.channel_id = ?::uuid order by cc.last_message_id desc limit 51",
                    List.of(channel.toString()));
        }

        static Sql thread(String contact, String before) {
            return before == null
                    ? new Sql(
                            "select * from messages where contact_id = ?::uuid order by id desc limit 51",
                            List.of(contact))
                    : new Sql(
                            "select * from messages where contact_id = ?::uuid and id < ?::uuid"
                                    + " order by id desc limit 51",
                            List.of(contact, before));
        }

        int run(Connection app, String tenant) throws Exception {
            try (PreparedStatement set = app.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                set.setString(1, tenant);
                set.execute();
            }
            int rows = 0;
            try (PreparedStatement st = app.prepareStatement(sql)) {
                for (int i = 0; i < binds.size(); i++) {
                    st.setObject(i + 1, binds.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                        rows++;
                    }
                }
            }
            app.commit();
            return Math.min(rows, 50);
        }
    }

    /**
     * Messages over the past year, oldest first: four fifths spread over every contact, one fifth over the
     * {@value #LONG_THREADS} contacts with long threads; in and out alternate, a tenth of the outbound ones are
     * campaign sends. Statuses as the pipeline and webhooks leave them.
     */
    static void seedMessages(Connection su, String tenant, int count, UUID channelA, UUID channelB) throws Exception {
        try (Statement st = su.createStatement()) {
            st.execute("create temporary table bench_contacts as select row_number() over (order by id) as n, id"
                    + " from contacts where tenant_id = '" + tenant + "'");
            st.execute("create index on bench_contacts (n)");
            st.execute("analyze bench_contacts");
            long contacts;
            try (ResultSet rs = st.executeQuery("select count(*) from bench_contacts")) {
                rs.next();
                contacts = rs.getLong(1);
            }
            int batch = 100_000;
            for (int from = 1; from <= count; from += batch) {
                int to = Math.min(count, from + batch - 1);
                st.execute("""
                        insert into messages (tenant_id, id, channel_id, contact_id, direction, type, body, status,
                                              campaign_id, created_at, sent_at, delivered_at, read_at)
                        select '%1$s'::uuid, uuidv7(-(%2$d - g) * interval '30 seconds'),
                               case when g %% 3 = 0 then '%3$s'::uuid else '%4$s'::uuid end,
                               c.id,
                               case when g %% 2 = 0 then 'in' else 'out' end,
                               'text',
                               case when g %% 2 = 0 then 'Hello, is order ' || g || ' on its way?'
                                    else 'Thanks for writing! Your order ' || g || ' ships tomorrow.' end,
                               case when g %% 2 = 0 then 'received' else 'read' end,
                               case when g %% 20 = 1 then '%5$s'::uuid end,
                               now() - (%2$d - g) * interval '30 seconds',
                               case when g %% 2 = 1 then now() - (%2$d - g) * interval '30 seconds' end,
                               case when g %% 2 = 1 then now() - (%2$d - g) * interval '29 seconds' end,
                               case when g %% 2 = 1 then now() - (%2$d - g) * interval '28 seconds' end
                        from generate_series(%6$d::bigint, %7$d) g
                        join bench_contacts c on c.n = case when g %% 5 = 0 then 1 + (g / 5) %% %8$d
                                                            else 1 + (g * 7919) %% %9$d end
                        """.formatted(
                        tenant, count, channelA, channelB, UUID.randomUUID(), from, to, LONG_THREADS, contacts));
            }
            st.execute("vacuum analyze messages");
            st.execute("vacuum analyze conversations");
            st.execute("vacuum analyze conversation_channels");
        }
    }
}
