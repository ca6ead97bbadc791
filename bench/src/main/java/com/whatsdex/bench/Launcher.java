package com.whatsdex.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Starts the packaged server and the standalone sandbox as separate processes on loopback, like production. */
final class Launcher {

    static final String ADMIN_TOKEN = "bench-operator-token";

    private final Path java;
    private final Path serverJar;

    Launcher(Path java, Path serverJar) {
        this.java = java;
        this.serverJar = serverJar;
    }

    Path serverJar() {
        return serverJar;
    }

    /** A running process and its base URL; closing it stops the process and removes its data. */
    record Running(Process process, String baseUrl, Path dataDir) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (dataDir != null && Files.exists(dataDir)) {
                try (var paths = Files.walk(dataDir)) {
                    paths.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }

        long rssMegabytes() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                    }
                }
            } catch (IOException e) {
                return -1;
            }
            return -1;
        }
    }

    Running server(String heap, Map<String, String> env) throws IOException, InterruptedException {
        int port = freePort();
        Path data = Files.createTempDirectory("whatsdex-bench-");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx" + heap,
                "-jar",
                serverJar.toString(),
                "--server.port=" + port,
                "--whatsdex.data-dir=" + data,
                "--logging.level.root=warn",
                "--logging.level.com.whatsdex.contacts.importing=debug"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile());
        builder.environment().put("WHATSDEX_ADMIN_TOKEN", ADMIN_TOKEN);
        builder.environment().putAll(env);
        Running running = new Running(builder.start(), "http://127.0.0.1:" + port, data);
        awaitHttp(running, "/actuator/health");
        return running;
    }

    Running sandbox() throws IOException, InterruptedException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(
                        java.toString(),
                        "-Xmx512m",
                        "-cp",
                        serverJar.toString(),
                        "-Dloader.main=com.whatsdex.sandbox.standalone.SandboxServer",
                        "org.springframework.boot.loader.launch.PropertiesLauncher",
                        "--port",
                        String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Running running = new Running(builder.start(), "http://127.0.0.1:" + port, null);
        awaitHttp(running, "/sandbox/admin/stats");
        return running;
    }

    private static void awaitHttp(Running running, String path) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!running.process().isAlive()) {
                throw new IllegalStateException(
                        "process exited with " + running.process().exitValue());
            }
            try {
                int status = http.send(
                                HttpRequest.newBuilder(URI.create(running.baseUrl() + path))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100); // polling for readiness of a process we just started
        }
        throw new IllegalStateException("no answer from " + running.baseUrl() + path);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
