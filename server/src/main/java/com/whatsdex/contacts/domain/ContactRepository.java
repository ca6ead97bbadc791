package com.whatsdex.contacts.domain;

import com.whatsdex.contacts.ContactRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Contact rows, under the workspace's row-level security. */
@Repository
class ContactRepository {

    private static final String REF_COLUMNS = "id, phone, name, opted_out, last_channel_id, last_inbound_at";

    private final JdbcClient jdbc;

    ContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One statement, so concurrent first messages from one phone cannot create two contacts: the loser of the race
     * takes the conflict path and gets the winner's row.
     */
    ContactRef upsertByPhone(UUID tenantId, UUID newId, String phone, @Nullable String name) {
        return jdbc.sql("""
                        insert into contacts (tenant_id, id, phone, raw_phone, name)
                        values (:tenant, :id, :phone, :phone, :name)
                        on conflict (tenant_id, phone) do update
                            set name = coalesce(contacts.name, excluded.name)
                        returning %s
                        """.formatted(REF_COLUMNS))
                .param("tenant", tenantId)
                .param("id", newId)
                .param("phone", phone)
                .param("name", name)
                .query(ContactRepository::map)
                .single();
    }

    /**
     * Moves the interaction times forward only: the last channel changes only with the newest interaction, so a
     * webhook that arrives late never points the contact back at an older channel.
     */
    void recordInteraction(UUID contactId, UUID channelId, Instant at, boolean inbound) {
        jdbc.sql("""
                update contacts set
                    last_channel_id = case when last_interaction_at is null or last_interaction_at <= :at
                                           then :channel else last_channel_id end,
                    last_interaction_at = greatest(last_interaction_at, :at),
                    last_inbound_at = case when :inbound then greatest(last_inbound_at, :at)
                                           else last_inbound_at end,
                    updated_at = now()
                where id = :id
                """)
                .param("id", contactId)
                .param("channel", channelId)
                .param("at", Timestamp.from(at))
                .param("inbound", inbound)
                .update();
    }

    void setOptedOut(UUID contactId, boolean optedOut, Instant at) {
        jdbc.sql("""
                update contacts set opted_out = :optedOut,
                                    opted_out_at = case when :optedOut then cast(:at as timestamptz) end,
                                    updated_at = now()
                where id = :id and opted_out <> :optedOut
                """)
                .param("id", contactId)
                .param("optedOut", optedOut)
                .param("at", Timestamp.from(at))
                .update();
    }

    Optional<ContactRef> find(UUID id) {
        return jdbc.sql("select " + REF_COLUMNS + " from contacts where id = :id")
                .param("id", id)
                .query(ContactRepository::map)
                .optional();
    }

    private static ContactRef map(ResultSet rs, int row) throws SQLException {
        Timestamp lastInbound = rs.getTimestamp("last_inbound_at");
        return new ContactRef(
                rs.getObject("id", UUID.class),
                rs.getString("phone"),
                rs.getString("name"),
                rs.getBoolean("opted_out"),
                rs.getObject("last_channel_id", UUID.class),
                lastInbound == null ? null : lastInbound.toInstant());
    }
}
