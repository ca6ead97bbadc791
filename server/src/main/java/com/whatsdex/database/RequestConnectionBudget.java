package com.whatsdex.database;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source with a share of the pool kept for everything that is not an HTTP request: a thread
 * working on a request (marked through {@link RequestConnections}) may open a connection only while fewer than
 * {@code requestShare} request threads hold one, so job workers (campaign dispatch, retries, imports, webhooks'
 * follow-up jobs) always find {@code pool − requestShare} connections however heavy the HTTP load. A request thread
 * that already holds a connection takes a second one (a nested transaction) without counting again, so nested work
 * cannot deadlock on the share. A request that finds no room within {@code wait} fails with a transient error,
 * answered 503 like any other overload.
 */
final class RequestConnectionBudget extends DelegatingDataSource implements AutoCloseable {

    /** Per thread working on a request: how many connections it holds (null outside requests). */
    private static final ThreadLocal<int[]> HELD = new ThreadLocal<>();

    private final Semaphore share;
    private final long waitNanos;

    RequestConnectionBudget(DataSource pool, int requestShare, Duration wait) {
        super(pool);
        if (requestShare < 1) {
            throw new IllegalArgumentException("The requests' share of the pool must be at least 1");
        }
        this.share = new Semaphore(requestShare, true);
        this.waitNanos = wait.toNanos();
    }

    /**
     * Marks the current thread as working on a request until {@link #leaveRequest}; answers false (and changes
     * nothing) when it already is.
     */
    static boolean enterRequest() {
        if (HELD.get() != null) {
            return false;
        }
        HELD.set(new int[1]);
        return true;
    }

    static void leaveRequest() {
        HELD.remove();
    }

    /** How many more request threads may take a connection now. */
    int availableToRequests() {
        return share.availablePermits();
    }

    @Override
    public Connection getConnection() throws SQLException {
        int[] held = HELD.get();
        if (held == null) {
            return super.getConnection();
        }
        if (held[0] == 0) {
            boolean admitted;
            try {
                admitted = share.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLTransientConnectionException("Interrupted while waiting for a database connection", e);
            }
            if (!admitted) {
                throw new SQLTransientConnectionException(
                        "Every connection the requests may use is busy (the rest are kept for background jobs)");
            }
        }
        Connection connection;
        try {
            connection = super.getConnection();
        } catch (SQLException | RuntimeException e) {
            if (held[0] == 0) {
                share.release();
            }
            throw e;
        }
        held[0]++;
        return leased(connection, held);
    }

    /** The connection, whose first {@code close} gives the request's share back once the thread holds no other. */
    private Connection leased(Connection connection, int[] held) {
        AtomicBoolean closed = new AtomicBoolean();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close")
                    && method.getParameterCount() == 0
                    && closed.compareAndSet(false, true)) {
                try {
                    connection.close();
                } finally {
                    if (--held[0] == 0) {
                        share.release();
                    }
                }
                return null;
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection)
                Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    @Override
    public void close() throws Exception {
        if (getTargetDataSource() instanceof AutoCloseable pool) {
            pool.close();
        }
    }
}
