package com.whatsdex.realtime.internal;

import com.whatsdex.database.ListenConnectionFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's one LISTEN session. Every instance hears every workspace's events and hands each to the local
 * streams of its workspace. If the session breaks (database restart, failover, network) it reconnects with
 * backoff; events published while it was away are lost, so once back it sends every local stream a fresh
 * {@code ready}, on which the dashboard refetches what it shows.
 */
@Component
final class NotificationListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    static final String APPLICATION_NAME = "whatsdex-listen";
    private static final int POLL_MILLIS = 1000;
    /** A query now and then turns a silently dead connection into an error, so the loop reconnects. */
    private static final Duration PING_EVERY = Duration.ofSeconds(30);

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final ListenConnectionFactory connections;
    private final Notifications notifications;
    private final EventStreams streams;

    private volatile boolean running;
    private volatile CountDownLatch stopSignal = new CountDownLatch(0);
    private volatile CountDownLatch stopped = new CountDownLatch(0);

    NotificationListener(ListenConnectionFactory connections, Notifications notifications, EventStreams streams) {
        this.connections = connections;
        this.notifications = notifications;
        this.streams = streams;
    }

    @Override
    public void start() {
        running = true;
        stopSignal = new CountDownLatch(1);
        stopped = new CountDownLatch(1);
        // Listen before the application reports started, so no event published by a caller who saw the
        // application up is missed. If the database is unreachable now the loop keeps trying in the background.
        Connection first = null;
        try {
            first = listen();
        } catch (SQLException e) {
            log.warn("Cannot LISTEN for realtime events yet, will retry: {}", e.getMessage());
        }
        Connection initial = first;
        Thread.ofPlatform().daemon().name("realtime-listener").start(() -> loop(initial));
    }

    @Override
    public void stop() {
        running = false;
        stopSignal.countDown();
        try {
            // the loop wakes at least every POLL_MILLIS
            if (!stopped.await(POLL_MILLIS * 3L, TimeUnit.MILLISECONDS)) {
                log.warn("Realtime listener did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // start before the streams accept clients, stop after they are closed
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    private Connection listen() throws SQLException {
        Connection con = connections.open(APPLICATION_NAME);
        try (Statement st = con.createStatement()) {
            st.execute("LISTEN " + Notifications.CHANNEL);
        } catch (SQLException e) {
            closeQuietly(con);
            throw e;
        }
        return con;
    }

    private void loop(@Nullable Connection initial) {
        Duration backoff = FIRST_BACKOFF;
        Connection con = initial;
        try {
            while (running) {
                try {
                    if (con == null) {
                        con = listen();
                        log.info("Realtime listener reconnected");
                        streams.resyncAll();
                    }
                    receive(con);
                } catch (SQLException | RuntimeException e) {
                    if (con != null) {
                        closeQuietly(con);
                        con = null;
                    }
                    if (!running) {
                        break;
                    }
                    log.warn(
                            "Realtime listener lost its connection, retrying in {} ms: {}",
                            backoff.toMillis(),
                            e.getMessage());
                    sleep(backoff);
                    backoff =
                            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                    continue;
                }
                backoff = FIRST_BACKOFF;
            }
        } finally {
            if (con != null) {
                closeQuietly(con);
            }
            stopped.countDown();
        }
    }

    /** Runs until the connection fails or the listener stops. */
    private void receive(Connection con) throws SQLException {
        PGConnection pg = con.unwrap(PGConnection.class);
        long lastPing = System.nanoTime();
        while (running) {
            PGNotification[] batch = pg.getNotifications(POLL_MILLIS);
            if (batch != null) {
                for (PGNotification n : batch) {
                    dispatch(n.getParameter());
                }
            }
            if (System.nanoTime() - lastPing > PING_EVERY.toNanos()) {
                try (Statement st = con.createStatement()) {
                    st.execute("select 1");
                }
                lastPing = System.nanoTime();
            }
        }
    }

    private void dispatch(String payload) {
        try {
            Notifications.Incoming event = notifications.decode(payload);
            streams.deliver(event.tenantId(), event.type(), event.data());
        } catch (RuntimeException e) {
            // one malformed notification must not take the listener down for everyone
            log.warn("Ignoring malformed realtime notification: {}", e.toString());
        }
    }

    /** Waits out the backoff, but returns at once when the listener stops. */
    private void sleep(Duration duration) {
        try {
            stopSignal.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection con) {
        try {
            con.close();
        } catch (SQLException e) {
            log.debug("Closing the listen connection failed", e);
        }
    }
}
