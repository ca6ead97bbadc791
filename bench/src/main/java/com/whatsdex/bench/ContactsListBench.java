package com.whatsdex.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.zip.ZipFile;

/**
 * GET /api/v1/contacts at 1,000,000 contacts in one workspace: the first page, a page behind a cursor ~900,000 rows
 * deep, a name search and a phone search (national input), p50/p99 over sequential requests from one client.
 *
 * <p>Seeding: the contacts are generated inside the server's own embedded PostgreSQL with one {@code INSERT ...
 * SELECT generate_series} over a direct JDBC connection as the database superuser (the harness finds the port in
 * the data directory's {@code postmaster.pid}; the JDBC driver is taken from the server jar). Creating a million
 * contacts through the API would only measure the create endpoint. The rows go through the same triggers and
 * indexes as any insert.
 *
 * <p>Baseline, same run: the exact SQL the server runs for each case (the repository's query, with its bind values),
 * executed over JDBC as the application role inside a transaction with the workspace set, like the server does.
 */
final class ContactsListBench {

    static final String[] FIRST = {
        "Ada",
        "Chinedu",
        "Grace",
        "Ngozi",
        "Tunde",
        "Émeka",
        "Zoë",
        "Fatima",
        "Ibrahim",
        "John",
        "Mary",
        "Oluwaseun",
        "Yusuf",
        "Aisha",
        "Kelechi",
        "Bola",
        "Segun",
        "Funmilayo",
        "David",
        "Sarah",
        "Chiamaka",
        "Musa",
        "Halima",
        "Obinna",
        "Temitope",
        "Adaeze",
        "Uche",
        "Ifeoma",
        "Babajide",
        "Zainab",
        "Michael",
        "Blessing",
        "Peter",
        "Esther",
        "Samuel",
        "Joy",
        "Daniel",
        "Favour",
        "Emmanuel",
        "Precious",
        "Chukwuemeka",
        "Nneka",
        "Abdullahi",
        "Amina",
        "Olumide",
        "Yetunde",
        "Ikenna",
        "Chioma",
        "Gbenga",
        "Folake"
    };
    static final String[] LAST = {
        "Okafor", "Adeyemi", "Bello", "Smith", "Okonkwo", "Abubakar", "Eze", "Johnson", "Ogunleye", "Mensah",
        "Nwosu", "Balogun", "Williams", "Danjuma", "Ibekwe", "Chukwu", "Olatunji", "Brown", "García", "Müller",
        "Adebayo", "Okoro", "Lawal", "Suleiman", "Onyekachi", "Afolabi", "Umar", "Nwachukwu", "Oyelaran", "Ekwueme",
        "Akande", "Obi", "Yakubu", "Oladipo", "Ezeh", "Martins", "Idowu", "Okeke", "Salami", "Ogbu"
    };

    private ContactsListBench() {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        int contacts = Integer.parseInt(options.getOrDefault("contacts", "1000000"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "1000"));
        int deep = Integer.parseInt(options.getOrDefault("deep", String.valueOf(contacts * 9 / 10)));
        try (Launcher.Running server = launcher.server("512m", Map.of())) {
            ServerApi api = ServerApi.newWorkspace(server);
            int port = postgresPort(server.dataDir());
            Driver driver = driverFrom(launcher.serverJar());
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/whatsdex";

            long seedStart = System.nanoTime();
            try (Connection su = connect(driver, url, "postgres")) {
                seed(su, api.workspaceId, contacts);
            }
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            System.out.printf("seeded %,d contacts in %.1f s%n", contacts, seedSeconds);

            String deepCursor;
            try (Connection su = connect(driver, url, "postgres");
                    PreparedStatement st = su.prepareStatement("""
                            select created_at, id from contacts where tenant_id = ?::uuid
                            order by created_at desc, id desc offset ? limit 1""")) {
                st.setString(1, api.workspaceId);
                st.setInt(2, deep);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    // the server's cursor format (ContactService.cursorKey): sort|id|created_at as an ISO instant
                    deepCursor = "created_at|" + rs.getObject(2) + "|"
                            + rs.getTimestamp(1).toInstant();
                }
            }
            String deepKey = deepCursor.substring(deepCursor.lastIndexOf('|') + 1);
            String deepId = deepCursor.split("\\|")[1];
            String encodedCursor =
                    Base64.getUrlEncoder().withoutPadding().encodeToString(deepCursor.getBytes(StandardCharsets.UTF_8));

            Random random = new Random(42);
            String[] names = new String[requests];
            String[] phones = new String[requests];
            for (int i = 0; i < requests; i++) {
                // half a first name's start, half "first last" as people type it
                String first = FIRST[random.nextInt(FIRST.length)];
                names[i] = i % 2 == 0
                        ? first.substring(0, Math.min(first.length(), 4))
                        : first + " " + LAST[random.nextInt(LAST.length)].substring(0, 3);
                // the start of a national number as people type it, "0803 45" (~10 matches in a million)
                String digits = String.format("%05d", random.nextInt(100_000));
                phones[i] = "08" + digits.substring(0, 2) + " " + digits.substring(2);
            }

            List<Case> cases = List.of(
                    new Case("first page", i -> "", i -> Sql.firstPage()),
                    new Case(
                            "deep cursor (" + String.format("%,d", deep) + " rows in)",
                            i -> "&cursor=" + encodedCursor,
                            i -> Sql.after(deepKey, deepId)),
                    new Case(
                            "name search (prefix)",
                            i -> "&search=" + URLEncoder.encode(names[i], StandardCharsets.UTF_8),
                            i -> Sql.search(names[i].toLowerCase(java.util.Locale.ROOT))),
                    new Case(
                            "phone search (national)",
                            i -> "&search=" + URLEncoder.encode(phones[i], StandardCharsets.UTF_8),
                            i -> Sql.phone(nationalToE164(phones[i]))));

            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Table table =
                    new Table("case", "API p50 ms", "API p99 ms", "SQL p50 ms", "SQL p99 ms", "API p99 / SQL p99");
            try (Connection app = connect(driver, url, "whatsdex_app")) {
                app.setAutoCommit(false);
                for (Case c : cases) {
                    Latencies apiLatency = new Latencies(requests);
                    Latencies sqlLatency = new Latencies(requests);
                    int rows = 0;
                    long[] at = new long[requests]; // round 1: each request's start, ms into the round
                    long[] took = new long[requests];
                    long roundStart = 0;
                    for (int round = 0; round < 2; round++) {
                        roundStart = System.nanoTime(); // round 0 warms up caches and the JIT
                        for (int i = 0; i < requests; i++) {
                            long t0 = System.nanoTime();
                            HttpResponse<String> r = http.send(
                                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/contacts?limit=50"
                                                    + c.query().apply(i)))
                                            .header("Authorization", "Bearer " + api.apiKey())
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            long t1 = System.nanoTime();
                            if (r.statusCode() != 200) {
                                throw new IllegalStateException(c.name() + ": " + r.statusCode() + " " + r.body());
                            }
                            Sql sql = c.sql().apply(i);
                            long t2 = System.nanoTime();
                            int n = sql.run(app, api.workspaceId);
                            long t3 = System.nanoTime();
                            if (round == 1) {
                                at[i] = (t0 - roundStart) / 1_000_000;
                                took[i] = (t1 - t0) / 1_000;
                                apiLatency.add((t1 - t0) / 1_000);
                                sqlLatency.add((t3 - t2) / 1_000);
                                rows += n;
                            }
                        }
                    }
                    System.out.println(c.name() + ": slowest API requests (ms into the case: ms) "
                            + slowest(at, took, Math.max(1, requests / 100)));
                    if (options.containsKey("explain-slowest")) {
                        int worst = 0;
                        for (int i = 1; i < requests; i++) {
                            worst = took[i] > took[worst] ? i : worst;
                        }
                        System.out.println(
                                "  slowest request's query (" + c.query().apply(worst) + "), as planned now:\n"
                                        + c.sql().apply(worst).explain(app, api.workspaceId));
                    }
                    table.row(
                            c.name() + String.format(" [%.1f rows/page]", rows / (double) requests),
                            apiLatency.percentileMillis(50),
                            apiLatency.percentileMillis(99),
                            sqlLatency.percentileMillis(50),
                            sqlLatency.percentileMillis(99),
                            String.format("%.2f", apiLatency.percentileMillis(99) / sqlLatency.percentileMillis(99)));
                }
            }
            table.print("contacts-list: GET /api/v1/contacts?limit=50 at " + String.format("%,d", contacts)
                    + " contacts, " + requests + " sequential requests per case (after as many warm-up requests)");
        }
    }

    /** The n slowest requests as "start: took" pairs in start order: a tail that comes at a period points at a timer. */
    static String slowest(long[] at, long[] tookMicros, int n) {
        return java.util.stream.IntStream.range(0, at.length)
                .boxed()
                .sorted(java.util.Comparator.comparingLong((Integer i) -> tookMicros[i])
                        .reversed())
                .limit(n)
                .sorted(java.util.Comparator.comparingLong(i -> at[i]))
                .map(i -> at[i] + ": " + String.format("%.1f", tookMicros[i] / 1000.0))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    record Case(String name, IntFunction<String> query, IntFunction<Sql> sql) {}

    /** The server's query for a case (ContactRepository.list with FilterSql), with its bind values. */
    record Sql(String where, List<Object> binds) {

        private static final String SELECT = """
                select id, name, phone, raw_phone, email, tags, attributes::text as attributes, opted_out, opted_out_at,
                       last_channel_id, last_interaction_at, last_inbound_at, created_at, updated_at, sort_name
                from contacts where %s order by created_at desc, id desc limit 51""";

        static Sql firstPage() {
            return new Sql("true and true", List.of());
        }

        static Sql after(String createdAt, String id) {
            return new Sql("true and (created_at, id) < (cast(? as timestamptz), ?::uuid)", List.of(createdAt, id));
        }

        static Sql search(String q) {
            String to = upperBound(q);
            return new Sql(
                    "((sort_name >= ? and sort_name < ?) or (name_word_key >= ? and name_word_key < ?)"
                            + " or (email_key >= ? and email_key < ?)) and true",
                    List.of(q, to, q, to, q, to));
        }

        static Sql phone(String prefix) {
            return new Sql("((phone ~>=~ ? and phone ~<~ ?)) and true", List.of(prefix, upperBound(prefix)));
        }

        int run(Connection app, String tenant) throws Exception {
            try (PreparedStatement set = app.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                set.setString(1, tenant);
                set.execute();
            }
            if (where.contains("sort_name") || where.contains("phone")) {
                // as the server plans a search: for its own values each time (ContactRepository.list)
                try (Statement custom = app.createStatement()) {
                    custom.execute("set local plan_cache_mode = force_custom_plan");
                }
            }
            int rows = 0;
            try (PreparedStatement st = app.prepareStatement(SELECT.formatted(where))) {
                for (int i = 0; i < binds.size(); i++) {
                    st.setObject(i + 1, binds.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                        rs.getString(7);
                        rows++;
                    }
                }
            }
            app.commit();
            return Math.min(rows, 50);
        }

        String explain(Connection app, String tenant) throws Exception {
            try (PreparedStatement set = app.prepareStatement("select set_config('app.tenant_id', ?, true)")) {
                set.setString(1, tenant);
                set.execute();
            }
            try (Statement custom = app.createStatement()) {
                custom.execute("set local plan_cache_mode = force_custom_plan");
            }
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement st = app.prepareStatement("explain analyze " + SELECT.formatted(where))) {
                for (int i = 0; i < binds.size(); i++) {
                    st.setObject(i + 1, binds.get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        plan.append("    ").append(rs.getString(1)).append('\n');
                    }
                }
            }
            app.commit();
            return plan.toString();
        }

        private static String upperBound(String prefix) {
            int last = prefix.codePointBefore(prefix.length());
            return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(last + 1);
        }
    }

    private static String nationalToE164(String national) {
        return "+234" + national.replaceAll("\\D", "").substring(1);
    }

    static void seed(Connection su, String tenant, int count) throws Exception {
        try (Statement st = su.createStatement()) {
            st.execute("update workspaces set default_country = 'NG' where id = '" + tenant + "'");
            String first = "array['" + String.join("','", FIRST) + "']";
            String last = "array['" + String.join("','", LAST) + "']";
            // phones: a bijection of g onto 9 digits (the multiplier is coprime with 10^9), so all unique
            st.execute("""
                    insert into contacts (tenant_id, id, name, phone, raw_phone, email, tags, attributes, opted_out,
                                          last_interaction_at, created_at, updated_at)
                    select '%s'::uuid, gen_random_uuid(),
                           case when g %% 10 = 0 then null else n.first || ' ' || n.last end,
                           p.phone, p.phone,
                           case when g %% 10 < 7 then lower(n.first || '.' || n.last) || g || '@example.com' end,
                           case when g %% 5 = 0 then array['vip', 'lagos'] when g %% 2 = 0 then array['lead']
                                else array['customer'] end,
                           jsonb_build_object('city', case when g %% 3 = 0 then 'Lagos' else 'Abuja' end),
                           g %% 50 = 0,
                           case when g %% 3 = 0 then now() - ((g * 7919) %% 31536000) * interval '1 second' end,
                           now() - g * interval '30 seconds', now()
                    from generate_series(1::bigint, %d) g,
                         lateral (select (%s)[(1 + g * 7 %% %d)::int] as first,
                                         (%s)[(1 + (g / 7) * 13 %% %d)::int] as last) n,
                         lateral (select '+2348' || lpad(((g * 1103515243) %% 1000000000)::text, 9, '0')
                                         as phone) p
                    """.formatted(tenant, count, first, FIRST.length, last, LAST.length));
            st.execute("vacuum analyze contacts");
        }
    }

    static int postgresPort(Path dataDir) throws Exception {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        return Integer.parseInt(pid.get(3).trim());
    }

    /** The PostgreSQL driver inside the server's jar, so the bench needs no dependencies of its own. */
    static Driver driverFrom(Path serverJar) throws Exception {
        try (ZipFile jar = new ZipFile(serverJar.toFile())) {
            var entry = jar.stream()
                    .filter(e -> e.getName().matches("BOOT-INF/lib/postgresql-[0-9.]+\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL driver in " + serverJar));
            Path copy = Files.createTempFile("whatsdex-bench-pgjdbc-", ".jar");
            copy.toFile().deleteOnExit();
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {copy.toUri().toURL()});
            return (Driver) Class.forName("org.postgresql.Driver", true, loader)
                    .getDeclaredConstructor()
                    .newInstance();
        }
    }

    static Connection connect(Driver driver, String url, String user) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", "");
        return driver.connect(url, props);
    }
}
