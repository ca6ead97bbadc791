package com.whatsdex.tenancy.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

    record ApiKeyRow(
            UUID id,
            String name,
            String prefix,
            Instant createdAt,
            @Nullable Instant lastUsedAt) {}

    record KeyOwner(UUID id, @Nullable UUID createdBy) {}

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID tenantId, UUID id, String name, String prefix, byte[] hash, @Nullable UUID createdBy) {
        jdbc.sql("""
                insert into api_keys (tenant_id, id, name, prefix, key_hash, created_by)
                values (:tenant, :id, :name, :prefix, :hash, :createdBy)
                """)
                .param("tenant", tenantId)
                .param("id", id)
                .param("name", name)
                .param("prefix", prefix)
                .param("hash", hash)
                .param("createdBy", createdBy)
                .update();
    }

    List<ApiKeyRow> list(@Nullable UUID after, int limit) {
        return jdbc.sql("""
                select id, name, prefix, created_at, last_used_at from api_keys
                where cast(:after as uuid) is null or id > :after
                order by id limit :limit
                """)
                .param("after", after)
                .param("limit", limit)
                .query((rs, n) -> new ApiKeyRow(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list();
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from api_keys where id = :id").param("id", id).update() == 1;
    }

    /** Runs under the workspace the key names, so a key of another workspace is never found. */
    Optional<KeyOwner> findByHash(byte[] hash) {
        return jdbc.sql("select id, created_by from api_keys where key_hash = :hash")
                .param("hash", hash)
                .query((rs, n) -> new KeyOwner(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .optional();
    }

    void markUsed(UUID id) {
        jdbc.sql("""
                update api_keys set last_used_at = now()
                where id = :id and (last_used_at is null or last_used_at < now() - interval '1 minute')
                """).param("id", id).update();
    }
}
