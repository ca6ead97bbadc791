package com.whatsdex.realtime.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class NotificationRepository {

    private final JdbcClient jdbc;

    NotificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues the notification in the current transaction's connection; PostgreSQL delivers it at commit and drops
     * it at rollback.
     */
    void notify(String channel, String payload) {
        jdbc.sql("select pg_notify(?, ?)").params(channel, payload).query().listOfRows();
    }

    /** Several notifications in one statement; unnest yields them in array order. */
    void notifyAll(String channel, java.util.List<String> payloads) {
        jdbc.sql("select pg_notify(?, p) from unnest(cast(? as text[])) as t (p)")
                .params(channel, payloads.toArray(String[]::new))
                .query()
                .listOfRows();
    }
}
