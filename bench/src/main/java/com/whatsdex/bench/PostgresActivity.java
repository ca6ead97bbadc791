package com.whatsdex.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the server's PostgreSQL backends are doing, sampled every 500 ms over a superuser connection: the wait event
 * of every active backend ({@code Lock:object} on {@code pg_database} is the commit-time lock of transactions that
 * called {@code NOTIFY}; {@code IO:WalSync} a commit's flush; {@code CPU} a backend running), and the database's
 * committed transactions per second.
 */
final class PostgresActivity implements AutoCloseable {

    private final Connection connection;
    private final Map<String, AtomicLong> waits = new ConcurrentHashMap<>();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final long commitsAtStart;
    private final long startNanos = System.nanoTime();
    private final Thread sampler;
    private volatile long commitsAtEnd;
    private volatile long endNanos;

    PostgresActivity(Connection superuser) throws Exception {
        this.connection = superuser;
        this.commitsAtStart = commits();
        sampler = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                try (Statement st = connection.createStatement();
                        ResultSet rs = st.executeQuery("""
                                select coalesce(wait_event_type || ':' || wait_event, 'CPU'), count(*)
                                from pg_stat_activity
                                where datname = current_database() and state = 'active' and pid <> pg_backend_pid()
                                group by 1""")) {
                    samples.incrementAndGet();
                    while (rs.next()) {
                        waits.computeIfAbsent(rs.getString(1), w -> new AtomicLong())
                                .addAndGet(rs.getLong(2));
                    }
                } catch (Exception e) {
                    return; // the database went away: nothing more to sample
                }
                try {
                    Thread.sleep(500); // a sampling interval, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private long commits() throws Exception {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(
                        "select xact_commit from pg_stat_database where datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Average active backends per wait event over the samples, most first, at most {@code top}. */
    Map<String, Double> averageActive(int top) {
        Map<String, Double> averages = new LinkedHashMap<>();
        long n = Math.max(1, samples.get());
        waits.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
                .limit(top)
                .forEach(e -> averages.put(e.getKey(), e.getValue().get() / (double) n));
        return averages;
    }

    double commitsPerSecond() {
        return (commitsAtEnd - commitsAtStart) / ((endNanos - startNanos) / 1e9);
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        sampler.join();
        commitsAtEnd = commits();
        endNanos = System.nanoTime();
    }
}
