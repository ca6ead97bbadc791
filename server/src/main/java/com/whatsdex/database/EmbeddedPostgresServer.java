package com.whatsdex.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 18 that WhatsDeX runs when no external database is configured. Durable settings (the
 * library's defaults are for tests), an orphaned postmaster from a killed previous run is stopped first, and
 * two roles are created: {@code whatsdex_owner} owns the schema, {@code whatsdex_app} is what the pool uses.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String DATABASE = "whatsdex";
    static final String OWNER_ROLE = "whatsdex_owner";
    static final String APP_ROLE = "whatsdex_app";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * PostgreSQL's page cache: an eighth of the machine's memory, at least PostgreSQL's default 128 MB and at most
     * 1 GB. With the default 128 MB, a million contacts (about 700 MB of table and indexes) did not fit: a name search
     * reads a thousand or more scattered rows, and at 1,000,000 contacts one in twenty searches waited 15 - 60 ms for
     * them instead of 3 ms. Memory is only taken as pages are cached.
     */
    static long sharedBuffersMegabytes() {
        long total = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return Math.clamp(total / 8 / (1024 * 1024), 128, 1024);
    }

    static EmbeddedPostgresServer start(Path dir, boolean ephemeral) throws IOException, SQLException {
        Files.createDirectories(dir);
        stopOrphanedPostmaster(dir);
        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(ephemeral)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", ephemeral ? "off" : "on")
                .setServerConfig("synchronous_commit", ephemeral ? "off" : "on")
                .setServerConfig("full_page_writes", ephemeral ? "off" : "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", ephemeral ? "128MB" : sharedBuffersMegabytes() + "MB")
                .setServerConfig("autovacuum_naptime", "10s")
                .start();
        log.info(
                "Embedded PostgreSQL started on port {} with data in {} ({} ms)",
                postgres.getPort(),
                dir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
        server.createRolesAndDatabase();
        return server;
    }

    DatabaseServer connection() {
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
        // trust authentication on loopback (initdb -A trust): the passwords are not checked
        return new DatabaseServer(
                url, new DatabaseServer.Credentials(OWNER_ROLE, ""), new DatabaseServer.Credentials(APP_ROLE, ""));
    }

    private void createRolesAndDatabase() throws SQLException {
        DataSource admin = postgres.getPostgresDatabase();
        try (Connection con = admin.getConnection();
                Statement st = con.createStatement()) {
            if (!exists(st, "select 1 from pg_roles where rolname = '" + OWNER_ROLE + "'")) {
                st.execute("create role " + OWNER_ROLE + " login nosuperuser nobypassrls");
            }
            if (!exists(st, "select 1 from pg_roles where rolname = '" + APP_ROLE + "'")) {
                st.execute("create role " + APP_ROLE + " login nosuperuser nobypassrls");
            }
            if (!exists(st, "select 1 from pg_database where datname = '" + DATABASE + "'")) {
                st.execute("create database " + DATABASE + " owner " + OWNER_ROLE);
                st.execute("revoke all on database " + DATABASE + " from public");
                st.execute("grant connect on database " + DATABASE + " to " + APP_ROLE);
            }
        }
    }

    private static boolean exists(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next();
        }
    }

    /**
     * After a kill -9 of the JVM the postmaster keeps running and holds the data directory; stop it so this start
     * can take over. A pid file whose process is gone or is not PostgreSQL is stale and removed.
     */
    private static void stopOrphanedPostmaster(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> process = Files.readAllLines(pidFile).stream()
                .findFirst()
                .map(String::trim)
                .filter(s -> s.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (process.isEmpty()) {
            log.warn("Removing stale {}", pidFile);
            Files.deleteIfExists(pidFile);
            return;
        }
        ProcessHandle postmaster = process.get();
        log.warn("Stopping PostgreSQL left running by a previous run (pid {})", postmaster.pid());
        postmaster.destroy(); // SIGTERM = smart shutdown
        try {
            postmaster.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            postmaster.destroyForcibly();
        }
        Files.deleteIfExists(pidFile);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
