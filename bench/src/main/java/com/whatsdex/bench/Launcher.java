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
            stopOrphanedPostgres();
            if (dataDir != null && Files.exists(dataDir)) {
                try (var paths = Files.walk(dataDir)) {
                    paths.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }

        /**
         * SIGKILL of the server's JVM itself ({@code java -jar} is started directly, no shell in between): no
         * shutdown hook, no graceful stop, its embedded PostgreSQL left running as an orphan.
         */
        void kill() throws InterruptedException {
            String command = process.info().command().orElse("?");
            if (!command.endsWith("/java") && !command.equals("java")) {
                throw new IllegalStateException("pid " + process.pid() + " is not a JVM: " + command);
            }
            process.destroyForcibly(); // SIGKILL on Linux
            process.waitFor();
        }

        /** After a kill -9 the postmaster outlives the JVM; a run that ends without a restart stops it here. */
        private void stopOrphanedPostgres() {
            if (dataDir == null) {
                return;
            }
            Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
            try {
                if (!Files.exists(pidFile)) {
                    return;
                }
                long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
                ProcessHandle.of(pid)
                        .filter(p -> p.info()
                                .commandLine()
                                .orElse("")
                                .contains(dataDir.toString())) // this run's postmaster, not a reused pid
                        .ifPresent(postmaster -> {
                            postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown
                            postmaster.onExit().join();
                        });
            } catch (IOException | RuntimeException e) {
                // nothing left to stop
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
        return server(heap, env, Files.createTempDirectory("whatsdex-bench-"), freePort());
    }

    /** The server again on a killed one's data directory and port (its log continues in the same file). */
    Running restart(Running killed, String heap, Map<String, String> env) throws IOException, InterruptedException {
        return server(
                heap, env, killed.dataDir(), Integer.parseInt(killed.baseUrl().replaceAll(".*:", "")));
    }

    private Running server(String heap, Map<String, String> env, Path data, int port)
            throws IOException, InterruptedException {
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
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(data).toFile()));
        builder.environment().put("WHATSDEX_ADMIN_TOKEN", ADMIN_TOKEN);
        // the standalone sandbox and the fakes listen on loopback, which Cloud API channels may not reach by default
        builder.environment().put("WHATSDEX_ALLOWED_PRIVATE_NETWORKS", "127.0.0.0/8");
        builder.environment().putAll(env);
        Running running = new Running(builder.start(), "http://127.0.0.1:" + port, data);
        awaitHttp(running, "/actuator/health");
        return running;
    }

    /** Where a server's output goes: beside its data directory, kept after the run. */
    static Path log(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".log");
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
