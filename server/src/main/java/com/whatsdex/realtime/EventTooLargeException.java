package com.whatsdex.realtime;

/**
 * An event too large for a PostgreSQL notification. Events carry ids and counters; a payload this large means
 * rows or free text were put in it, which the dashboard should refetch instead.
 */
public final class EventTooLargeException extends IllegalArgumentException {

    public EventTooLargeException(String type, int bytes, int limit) {
        super("Realtime event " + type + " is " + bytes + " bytes encoded; the limit is " + limit
                + ": send ids and counters and let the dashboard refetch the rest");
    }
}
