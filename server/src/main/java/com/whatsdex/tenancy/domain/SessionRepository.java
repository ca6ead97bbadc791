package com.whatsdex.tenancy.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Browser sessions, stored by the SHA-256 of the cookie's token, and failed sign-ins for throttling. */
@Repository
class SessionRepository {

    record SessionRow(UUID userId, UUID tenantId, Instant lastSeenAt) {}

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(byte[] tokenHash, UUID userId, UUID tenantId, Instant expiresAt) {
        jdbc.sql("""
                insert into auth_sessions (token_hash, user_id, tenant_id, expires_at)
                values (:hash, :user, :tenant, :expires)
                """)
                .param("hash", tokenHash)
                .param("user", userId)
                .param("tenant", tenantId)
                .param("expires", Timestamp.from(expiresAt))
                .update();
    }

    Optional<SessionRow> findLive(byte[] tokenHash) {
        return jdbc.sql("""
                select user_id, tenant_id, last_seen_at from auth_sessions
                where token_hash = :hash and expires_at > now()
                """)
                .param("hash", tokenHash)
                .query((rs, n) -> new SessionRow(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant()))
                .optional();
    }

    /** Sliding expiry, written at most once a minute per session. */
    void touch(byte[] tokenHash, Instant expiresAt) {
        jdbc.sql("""
                update auth_sessions set last_seen_at = now(), expires_at = :expires
                where token_hash = :hash and last_seen_at < now() - interval '1 minute'
                """)
                .param("hash", tokenHash)
                .param("expires", Timestamp.from(expiresAt))
                .update();
    }

    void delete(byte[] tokenHash) {
        jdbc.sql("delete from auth_sessions where token_hash = :hash")
                .param("hash", tokenHash)
                .update();
    }

    void deleteForUser(UUID userId) {
        jdbc.sql("delete from auth_sessions where user_id = :user")
                .param("user", userId)
                .update();
    }

    int recentFailures(String subject, Instant since) {
        return jdbc.sql("select count(*) from login_failures where subject = :s and failed_at > :since")
                .param("s", subject)
                .param("since", Timestamp.from(since))
                .query(Integer.class)
                .single();
    }

    Optional<Instant> oldestFailureSince(String subject, Instant since) {
        return jdbc.sql("select min(failed_at) from login_failures where subject = :s and failed_at > :since")
                .param("s", subject)
                .param("since", Timestamp.from(since))
                .query((rs, n) ->
                        rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .optional();
    }

    /** Makes concurrent attempts on one subject take turns until the end of the transaction. */
    void lockSubject(String subject) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:s, 0))")
                .param("s", "login:" + subject)
                .query((rs, n) -> 1)
                .list();
    }

    /** Records an attempt as a failure until it is known to have succeeded; answers its id. */
    long recordAttempt(String subject) {
        return jdbc.sql("insert into login_failures (subject) values (:s) returning id")
                .param("s", subject)
                .query(Long.class)
                .single();
    }

    void deleteAttempt(long id) {
        jdbc.sql("delete from login_failures where id = :id").param("id", id).update();
    }

    void clearFailures(String subject) {
        jdbc.sql("delete from login_failures where subject = :s")
                .param("s", subject)
                .update();
    }

    void purgeExpired(Instant failuresBefore) {
        jdbc.sql("delete from auth_sessions where expires_at < now()").update();
        jdbc.sql("delete from login_failures where failed_at < :before")
                .param("before", Timestamp.from(failuresBefore))
                .update();
    }
}
