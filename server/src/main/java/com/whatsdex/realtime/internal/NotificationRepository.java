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
     * Several notifications in one statement (unnest yields them in array order), in a transaction that commits
     * without waiting for its WAL to reach the disk: PostgreSQL holds its notify lock until the commit returns.
     */
    void notifyAllWithoutWaitingForDisk(String channel, java.util.List<String> payloads) {
        jdbc.sql("set local synchronous_commit = off").update();
        jdbc.sql("select pg_notify(?, p) from unnest(cast(? as text[])) as t (p)")
                .params(channel, payloads.toArray(String[]::new))
                .query()
                .listOfRows();
    }
}
