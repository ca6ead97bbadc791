package com.whatsdex.contacts.domain;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Audience rows, under the workspace's row-level security. */
@Repository
class AudienceRepository {

    private static final String COLUMNS = "id, name, tags, match, opted_in_only, search, created_at, updated_at";

    private final JdbcClient jdbc;

    AudienceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID tenantId, UUID id, String name, AudienceFilter f) {
        jdbc.sql("""
                insert into audiences (tenant_id, id, name, tags, match, opted_in_only, search)
                values (:tenant, :id, :name, cast(:tags as text[]), :match, :optedInOnly, :search)
                """)
                .param("tenant", tenantId)
                .param("id", id)
                .param("name", name)
                .param("tags", f.tags().toArray(String[]::new))
                .param("match", f.match().name())
                .param("optedInOnly", f.optedInOnly())
                .param("search", f.search())
                .update();
    }

    int update(UUID id, String name, AudienceFilter f) {
        return jdbc.sql("""
                update audiences set name = :name, tags = cast(:tags as text[]), match = :match,
                                     opted_in_only = :optedInOnly, search = :search, updated_at = now()
                where id = :id
                """)
                .param("id", id)
                .param("name", name)
                .param("tags", f.tags().toArray(String[]::new))
                .param("match", f.match().name())
                .param("optedInOnly", f.optedInOnly())
                .param("search", f.search())
                .update();
    }

    int delete(UUID id) {
        return jdbc.sql("delete from audiences where id = :id").param("id", id).update();
    }

    Optional<Audience> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from audiences where id = :id")
                .param("id", id)
                .query(AudienceRepository::map)
                .optional();
    }

    /** A workspace has a handful of audiences: one page, by name. */
    List<Audience> list() {
        return jdbc.sql("select " + COLUMNS + " from audiences order by lower(name), id limit 500")
                .query(AudienceRepository::map)
                .list();
    }

    private static Audience map(ResultSet rs, int row) throws SQLException {
        Array tags = rs.getArray("tags");
        return new Audience(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                new AudienceFilter(
                        tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
                        ContactFilter.TagMatch.valueOf(rs.getString("match")),
                        rs.getBoolean("opted_in_only"),
                        rs.getString("search")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
