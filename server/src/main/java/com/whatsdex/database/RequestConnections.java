package com.whatsdex.database;

import java.sql.SQLTransientConnectionException;

/**
 * Marks the threads working on HTTP requests, whose connections count against the requests' share of the pool (see
 * {@link RequestConnectionBudget}): the web layer calls {@link #enter} when it starts working on a request and
 * {@link #leave} when done.
 */
public final class RequestConnections {

    private RequestConnections() {}

    /** Marks the current thread as working on a request; false (nothing changed) when it already is. */
    public static boolean enter() {
        return RequestConnectionBudget.enterRequest();
    }

    /** Ends what {@link #enter} started (call only when it answered true). */
    public static void leave() {
        RequestConnectionBudget.leaveRequest();
    }

    /** Whether {@code failure} comes from finding no database connection in time: the server is overloaded. */
    public static boolean noConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
