package com.whatsdex.bench;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A realistic contacts CSV imported through the HTTP API into a workspace that already holds many contacts, with
 * the server's heap capped, against the same rows (already cleaned) loaded by {@code psql \copy} into a table with
 * the contacts table's definition and indexes, in the same run.
 *
 * <p>The file: unicode names, 15 % of phones in national format, 2 % invalid, 5 % repeating an earlier row's phone,
 * tags, three extra columns. Time is from the first byte of the upload to the job's end. Heap is sampled from the
 * server's Prometheus endpoint every 100 ms; the JVM's {@code -Xmx} is the hard bound.
 */
final class ImportBench {

    private ImportBench() {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        int rows = Integer.parseInt(options.getOrDefault("rows", "1000000"));
        int existing = Integer.parseInt(options.getOrDefault("existing", "1000000"));
        String heap = options.getOrDefault("heap", "256m");
        Path dir = Files.createTempDirectory("whatsdex-import-bench-");
        Path file = dir.resolve("contacts.csv");
        Path clean = dir.resolve("clean.csv");
        int expectedValid = generate(rows, file, clean);
        System.out.printf(
                "generated %,d rows (%,d MB), %,d valid distinct phones%n",
                rows, Files.size(file) / (1024 * 1024), expectedValid);

        try (Launcher.Running server = launcher.server(heap, Map.of())) {
            ServerApi api = ServerApi.newWorkspace(server);
            int port = ContactsListBench.postgresPort(server.dataDir());
            Driver driver = ContactsListBench.driverFrom(launcher.serverJar());
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/whatsdex";
            if (existing > 0) {
                long t = System.nanoTime();
                try (Connection su = ContactsListBench.connect(driver, url, "postgres")) {
                    ContactsListBench.seed(su, api.workspaceId, existing);
                }
                System.out.printf("seeded %,d existing contacts in %.1f s%n", existing, (System.nanoTime() - t) / 1e9);
            }

            // baseline: psql \copy of the cleaned rows into a copy of the contacts table (same columns and indexes)
            try (Connection su = ContactsListBench.connect(driver, url, "postgres");
                    Statement st = su.createStatement()) {
                st.execute("create table bench_contacts (like contacts including all)");
                st.execute("""
                        insert into bench_contacts (tenant_id, id, name, phone, raw_phone, email, tags, attributes,
                                                    opted_out, created_at, updated_at)
                        select tenant_id, id, name, phone, raw_phone, email, tags, attributes, opted_out, created_at,
                               updated_at
                        from contacts""");
                st.execute("vacuum analyze bench_contacts");
            }
            long c0 = System.nanoTime();
            Process psql = new ProcessBuilder(
                            "psql",
                            "-h",
                            "127.0.0.1",
                            "-p",
                            String.valueOf(port),
                            "-U",
                            "postgres",
                            "-d",
                            "whatsdex",
                            "-v",
                            "ON_ERROR_STOP=1",
                            "-c",
                            "\\copy bench_contacts (tenant_id, id, name, phone, raw_phone, email, tags, attributes)"
                                    + " from '" + clean + "' with (format csv)")
                    .redirectErrorStream(true)
                    .start();
            String psqlOut = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (psql.waitFor() != 0) {
                throw new IllegalStateException("psql \\copy failed: " + psqlOut);
            }
            double copySeconds = (System.nanoTime() - c0) / 1e9;

            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            MemorySampler memory = new MemorySampler(server, 100);

            long t0 = System.nanoTime();
            HttpResponse<String> accepted = http.send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl()
                                    + "/api/v1/contacts/imports?filename=contacts.csv&defaultCountry=NG&tags=bench"))
                            .header("Authorization", "Bearer " + api.apiKey())
                            .header("Content-Type", "text/csv")
                            .POST(HttpRequest.BodyPublishers.ofFile(file))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            double uploadSeconds = (System.nanoTime() - t0) / 1e9;
            if (accepted.statusCode() != 202) {
                throw new IllegalStateException("import refused: " + accepted.statusCode() + " " + accepted.body());
            }
            String id = Json.string(accepted.body(), "id");
            String status;
            String body;
            while (true) {
                body = api.get("/api/v1/contacts/imports/" + id);
                status = Json.string(body, "status");
                if (status.equals("completed") || status.equals("failed") || status.equals("cancelled")) {
                    break;
                }
                Thread.sleep(50); // polling the job's status endpoint
            }
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            memory.close();
            if (!status.equals("completed")) {
                throw new IllegalStateException("import ended " + status + ": " + body);
            }
            long created = number(body, "created");
            long updated = number(body, "updated");
            long skipped = number(body, "skipped");
            long rejected = number(body, "rejected");
            long total = number(body, "rows");
            long count;
            try (Connection su = ContactsListBench.connect(driver, url, "postgres");
                    Statement st = su.createStatement();
                    ResultSet rs = st.executeQuery(
                            "select count(*) from contacts where tenant_id = '" + api.workspaceId + "'")) {
                rs.next();
                count = rs.getLong(1);
            }

            Table table = new Table("measure", "psql \\copy (baseline)", "HTTP import (upload → job done)");
            table.row("rows in file", String.format("%,d", expectedValid) + " (cleaned)", String.format("%,d", total));
            table.row(
                    "seconds",
                    String.format("%.1f", copySeconds),
                    String.format("%.1f (upload %.1f)", importSeconds, uploadSeconds));
            table.row(
                    "rows/s",
                    String.format("%,.0f", expectedValid / copySeconds),
                    String.format("%,.0f", total / importSeconds));
            table.row("time vs baseline", "1.00", String.format("%.2f", importSeconds / copySeconds));
            table.row("server heap", "", "peak " + memory.peakHeapMegabytes() + " MB of -Xmx" + heap);
            table.row(
                    "created / updated / skipped / rejected",
                    "",
                    created + " / " + updated + " / " + skipped + " / " + rejected);
            table.row(
                    "accounted for",
                    "",
                    (created + updated + skipped + rejected == total ? "yes" : "NO")
                            + (created == expectedValid
                                    ? ", created = valid distinct phones"
                                    : ", created != " + expectedValid)
                            + (count == existing + created
                                    ? ", contacts = existing + created"
                                    : ", contacts " + count));
            table.print("import: " + String.format("%,d", rows) + "-row CSV into a workspace holding "
                    + String.format("%,d", existing) + " contacts, server -Xmx" + heap);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(clean);
            Files.deleteIfExists(dir);
        }
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    /** Writes the file to import and, for the baseline, its valid distinct rows as the import would store them. */
    private static int generate(int rows, Path file, Path clean) throws Exception {
        Random random = new Random(7);
        String tenantPlaceholder = "00000000-0000-0000-0000-000000000000";
        List<String> phones = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int valid = 0;
        String[] cities = {"Lagos", "Abuja", "Kano", "Port Harcourt", "Ibadan", "Enugu", "São Paulo", "Zürich"};
        String[] tags = {"customer", "lead", "vip", "wholesale", "newsletter"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                BufferedWriter cleanOut = Files.newBufferedWriter(clean, StandardCharsets.UTF_8)) {
            out.write("First Name,Last Name,Phone,Email,Tags,City,Customer Since,Loyalty Points\n");
            for (int i = 0; i < rows; i++) {
                String first = ContactsListBench.FIRST[random.nextInt(ContactsListBench.FIRST.length)];
                String last = ContactsListBench.LAST[random.nextInt(ContactsListBench.LAST.length)];
                int kind = random.nextInt(100);
                String e164;
                String raw;
                if (kind < 2) {
                    e164 = null;
                    raw = "12" + random.nextInt(1000);
                } else if (kind < 7 && !phones.isEmpty()) {
                    e164 = phones.get(random.nextInt(phones.size()));
                    raw = e164;
                } else {
                    String national = String.format("903%07d", i); // unique per row, a valid Nigerian mobile range
                    e164 = "+234" + national;
                    raw = kind < 22
                            ? "0" + national.substring(0, 3) + " " + national.substring(3, 6) + " "
                                    + national.substring(6)
                            : "+234 " + national.substring(0, 3) + " " + national.substring(3);
                    phones.add(e164);
                }
                String email = random.nextInt(10) < 7
                        ? (first + "." + last + i + "@example.com").toLowerCase(java.util.Locale.ROOT)
                        : "";
                String tag = tags[random.nextInt(tags.length)];
                String city = cities[random.nextInt(cities.length)];
                String since =
                        "20" + (10 + random.nextInt(15)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
                int points = random.nextInt(5000);
                out.write(first + "," + last + "," + raw + "," + email + "," + tag + ",\"" + city + "\"," + since + ","
                        + points + "\n");
                if (e164 != null && seen.add(e164)) {
                    valid++;
                    cleanOut.write(tenantPlaceholder + "," + UUID.randomUUID() + ",\"" + first + " " + last + "\","
                            + e164 + ",\"" + raw + "\"," + email + ",\"{" + tag + ",bench}\",\"{\"\"city\"\": \"\""
                            + city + "\"\", \"\"customer_since\"\": \"\"" + since + "\"\", \"\"loyalty_points\"\": \"\""
                            + points + "\"\"}\"\n");
                }
            }
        }
        return valid;
    }
}
