package com.whatsdex.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Driver;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Google Drive backup of a big workspace: {@code --contacts} (1,000,000) contacts and {@code --messages}
 * (1,000,000) messages seeded inside the server's embedded PostgreSQL, backed up through the real OAuth and Drive
 * client code into a local fake Google (in this process) that writes the resumable upload to disk, with the server at
 * {@code --heap} (256m, peak heap sampled). Baseline, same run: writing the same number of bytes to the same disk
 * from this process (8 MiB writes, then fsync), the fastest the archive could land.
 */
final class BackupBench {

    private BackupBench() {}

    static void run(Launcher launcher, Map<String, String> options) throws Exception {
        int contacts = Integer.parseInt(options.getOrDefault("contacts", "1000000"));
        int messages = Integer.parseInt(options.getOrDefault("messages", "1000000"));
        String heap = options.getOrDefault("heap", "256m");
        Path disk = Files.createTempDirectory("whatsdex-bench-drive-");
        try (FakeDrive google = new FakeDrive(disk);
                Launcher.Running server = launcher.server(heap, google.env());
                MemorySampler memory = new MemorySampler(server)) {
            ServerApi api = ServerApi.newWorkspace(server);
            int port = ContactsListBench.postgresPort(server.dataDir());
            Driver driver = ContactsListBench.driverFrom(launcher.serverJar());
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/whatsdex";
            long seedStart = System.nanoTime();
            try (Connection su = ContactsListBench.connect(driver, url, "postgres")) {
                ContactsListBench.seed(su, api.workspaceId, contacts);
                InboxBench.seedMessages(su, api.workspaceId, messages, UUID.randomUUID(), UUID.randomUUID());
            }
            System.out.printf(
                    "seeded %,d contacts and %,d messages in %.1f s%n",
                    contacts, messages, (System.nanoTime() - seedStart) / 1e9);

            // link Drive as a person would (the API key acts for the person who made it)
            String authorize = Json.string(api.get("/api/v1/integrations/google-drive/authorize"), "url");
            Map<String, String> q = query(URI.create(authorize).getRawQuery());
            String code = google.approve(q.get("code_challenge"));
            HttpResponse<String> back = api.http()
                    .send(
                            HttpRequest.newBuilder(URI.create(api.baseUrl()
                                            + "/api/v1/integrations/google-drive/callback?code=" + enc(code)
                                            + "&state=" + enc(q.get("state"))))
                                    .header("Authorization", "Bearer " + api.apiKey())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (back.statusCode() != 302
                    || !back.headers().firstValue("Location").orElse("").contains("linked")) {
                throw new IllegalStateException("linking failed: " + back.statusCode() + " " + back.headers());
            }

            long start = System.nanoTime();
            String id = Json.string(api.post("/api/v1/backups", null, 202), "id");
            String view;
            do {
                Thread.sleep(500); // polling the backup's status endpoint
                view = api.get("/api/v1/backups/" + id);
            } while (view.contains("\"status\":\"queued\"") || view.contains("\"status\":\"running\""));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!view.contains("\"status\":\"succeeded\"")) {
                throw new IllegalStateException("backup failed: " + view);
            }
            long size = Json.number(view, "sizeBytes");
            long contactRows = Json.number(view.substring(view.indexOf("\"counts\"")), "contacts");
            long messageRows = Json.number(view.substring(view.indexOf("\"counts\"")), "messages");

            // baseline: the same bytes written to the same disk from here
            Path raw = disk.resolve("baseline.bin");
            byte[] block = new byte[8 * 1024 * 1024];
            new java.util.Random(1).nextBytes(block);
            long rawStart = System.nanoTime();
            try (var channel =
                    java.nio.channels.FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                for (long written = 0; written < size; ) {
                    int n = (int) Math.min(block.length, size - written);
                    written += channel.write(java.nio.ByteBuffer.wrap(block, 0, n));
                }
                channel.force(true);
            }
            double rawSeconds = (System.nanoTime() - rawStart) / 1e9;

            new Table("measure", "raw disk write (baseline)", "backup through the server")
                    .row("rows (contacts / messages)", "", String.format("%,d / %,d", contactRows, messageRows))
                    .row("bytes written", String.format("%,d", size), String.format("%,d", google.received()))
                    .row("seconds", String.format("%.2f", rawSeconds), String.format("%.1f", seconds))
                    .row(
                            "MB/s",
                            String.format("%.0f", size / 1e6 / rawSeconds),
                            String.format("%.1f", size / 1e6 / seconds))
                    .row("rows/s", "", String.format("%,.0f", (contactRows + messageRows) / seconds))
                    .row("backup / baseline", "1.00", String.format("%.3f", rawSeconds / seconds))
                    .row("upload chunks (8 MiB)", "", google.chunks())
                    .row("server peak heap MB (-Xmx" + heap + ")", "", memory.peakHeapMegabytes())
                    .row("server peak RSS MB", "", memory.peakRssMegabytes())
                    .print("backup: " + String.format("%,d", contacts) + " contacts and "
                            + String.format("%,d", messages) + " messages to a local fake Google Drive");
        } finally {
            try (var files = Files.walk(disk)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            q.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    /** Just enough of Google for one backup: tokens, the folder, a resumable upload written to disk. */
    private static final class FakeDrive implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        private final Path disk;
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong chunks = new AtomicLong();

        FakeDrive(Path disk) throws IOException {
            this.disk = disk;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(executor);
            server.createContext("/token", ex -> {
                ex.getRequestBody().readAllBytes();
                String payload = java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"email\":\"bench@example.com\"}".getBytes(StandardCharsets.UTF_8));
                json(
                        ex,
                        200,
                        "{\"access_token\":\"at\",\"refresh_token\":\"rt\",\"expires_in\":3599,\"id_token\":\"e30."
                                + payload + ".x\"}");
            });
            server.createContext("/drive/v3/files", ex -> {
                ex.getRequestBody().readAllBytes();
                json(ex, 200, ex.getRequestMethod().equals("GET") ? "{\"files\":[]}" : "{\"id\":\"folder-1\"}");
            });
            server.createContext("/upload/drive/v3/files", ex -> {
                ex.getRequestBody().readAllBytes();
                ex.getResponseHeaders().add("Location", baseUrl() + "/upload/session/1");
                ex.sendResponseHeaders(200, -1);
                ex.close();
            });
            server.createContext("/upload/session/", this::chunk);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        Map<String, String> env() {
            return Map.of(
                    "WHATSDEX_GOOGLE_CLIENT_ID", "bench-client",
                    "WHATSDEX_GOOGLE_CLIENT_SECRET", "bench-secret",
                    "WHATSDEX_GOOGLE_AUTH_URI", baseUrl() + "/auth",
                    "WHATSDEX_GOOGLE_TOKEN_URI", baseUrl() + "/token",
                    "WHATSDEX_GOOGLE_REVOKE_URI", baseUrl() + "/revoke",
                    "WHATSDEX_GOOGLE_DRIVE_ROOT_URL", baseUrl() + "/");
        }

        String approve(String challenge) {
            return "code-" + challenge.length();
        }

        long received() {
            return received.get();
        }

        long chunks() {
            return chunks.get();
        }

        private void chunk(HttpExchange ex) throws IOException {
            try (ex) {
                String range = ex.getRequestHeaders().getFirst("Content-Range");
                String total = range.substring(range.indexOf('/') + 1);
                try (InputStream in = ex.getRequestBody();
                        OutputStream out = Files.newOutputStream(
                                disk.resolve("archive.zip"), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    received.addAndGet(in.transferTo(out));
                }
                chunks.incrementAndGet();
                if (!total.equals("*") && Long.parseLong(total) == received.get()) {
                    try (var channel =
                            java.nio.channels.FileChannel.open(disk.resolve("archive.zip"), StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                    json(
                            ex,
                            200,
                            "{\"id\":\"file-1\",\"name\":\"backup.zip\",\"size\":\"" + received.get()
                                    + "\",\"createdTime\":\"2026-01-01T00:00:00Z\"}");
                    return;
                }
                ex.getResponseHeaders().add("Range", "bytes=0-" + (received.get() - 1));
                ex.sendResponseHeaders(308, -1);
            }
        }

        private static void json(HttpExchange ex, int status, String body) throws IOException {
            try (ex) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(status, bytes.length);
                ex.getResponseBody().write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
