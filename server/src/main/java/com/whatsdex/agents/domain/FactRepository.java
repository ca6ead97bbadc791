package com.whatsdex.agents.domain;

import com.whatsdex.agents.FactView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Facts about contacts, under the workspace's row-level security. */
@Repository
class FactRepository {

    private static final String COLUMNS =
            "id, contact_id, fact, source, agent_id, source_message_id, created_at, updated_at";

    private final JdbcClient jdbc;

    FactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises writes to one contact's facts, so the per-contact limit holds under concurrent agents. */
    void lockContact(UUID contactId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('facts:' || cast(:contact as text), 0))")
                .param("contact", contactId)
                .query((rs, n) -> 1)
                .list();
    }

    /** The contact's facts, oldest first. */
    List<FactView> list(UUID contactId) {
        return jdbc.sql("select " + COLUMNS + " from contact_facts where contact_id = :contact order by id")
                .param("contact", contactId)
                .query(FactRepository::map)
                .list();
    }

    int count(UUID contactId) {
        return jdbc.sql("select count(*) from contact_facts where contact_id = :contact")
                .param("contact", contactId)
                .query(Integer.class)
                .single();
    }

    Optional<FactView> find(UUID contactId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from contact_facts where contact_id = :contact and id = :id")
                .param("contact", contactId)
                .param("id", id)
                .query(FactRepository::map)
                .optional();
    }

    /** The fact with this text (ignoring case), if the contact has it. */
    Optional<FactView> findByText(UUID contactId, String fact) {
        return jdbc.sql("select " + COLUMNS
                        + " from contact_facts where contact_id = :contact and lower(fact) = lower(:fact)")
                .param("contact", contactId)
                .param("fact", fact)
                .query(FactRepository::map)
                .optional();
    }

    void insert(
            UUID id,
            UUID contactId,
            String fact,
            String source,
            @Nullable UUID agentId,
            @Nullable UUID sourceMessageId) {
        jdbc.sql("""
                        insert into contact_facts (tenant_id, id, contact_id, fact, source, agent_id, source_message_id)
                        values (current_tenant_id(), :id, :contact, :fact, :source, :agent, :message)
                        """)
                .param("id", id)
                .param("contact", contactId)
                .param("fact", fact)
                .param("source", source)
                .param("agent", agentId)
                .param("message", sourceMessageId)
                .update();
    }

    boolean update(
            UUID contactId,
            UUID id,
            String fact,
            String source,
            @Nullable UUID agentId,
            @Nullable UUID sourceMessageId) {
        return jdbc.sql("""
                        update contact_facts set fact = :fact, source = :source, agent_id = :agent,
                            source_message_id = :message, updated_at = now()
                        where contact_id = :contact and id = :id
                        """)
                        .param("contact", contactId)
                        .param("id", id)
                        .param("fact", fact)
                        .param("source", source)
                        .param("agent", agentId)
                        .param("message", sourceMessageId)
                        .update()
                == 1;
    }

    boolean delete(UUID contactId, UUID id) {
        return jdbc.sql("delete from contact_facts where contact_id = :contact and id = :id")
                        .param("contact", contactId)
                        .param("id", id)
                        .update()
                == 1;
    }

    private static FactView map(ResultSet rs, int row) throws SQLException {
        return new FactView(
                rs.getObject("id", UUID.class),
                rs.getObject("contact_id", UUID.class),
                rs.getString("fact"),
                rs.getString("source"),
                rs.getObject("agent_id", UUID.class),
                rs.getObject("source_message_id", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
