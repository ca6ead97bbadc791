package com.whatsdex.contacts.domain;

import com.whatsdex.contacts.ContactBatchApi;
import com.whatsdex.contacts.ContactRef;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Set-wise reads and writes of contact rows: one statement per call, arrays as parameters. */
@Repository
class ContactBatchRepository {

    private static final String REF_COLUMNS = "id, phone, name, opted_out, last_channel_id, last_inbound_at";

    private final JdbcClient jdbc;

    ContactBatchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ContactRef> findByPhones(Collection<String> phones) {
        return jdbc.sql("select " + REF_COLUMNS + " from contacts where phone = any(:phones)")
                .param("phones", phones.toArray(String[]::new))
                .query(ContactBatchRepository::map)
                .list();
    }

    /** This transaction's commit returns before its log reaches the disk (PostgreSQL's synchronous_commit off). */
    void commitWithoutWaitingForDisk() {
        jdbc.sql("set local synchronous_commit = off").update();
    }

    /** Inserts the phones that are new; a phone another transaction inserted meanwhile is left out of the answer. */
    List<ContactRef> insertMissing(List<UUID> ids, List<String> phones) {
        return jdbc.sql("""
                        insert into contacts (tenant_id, id, phone, raw_phone)
                        select current_tenant_id(), t.id, t.phone, t.phone
                        from unnest(cast(:ids as uuid[]), cast(:phones as text[])) as t (id, phone)
                        on conflict (tenant_id, phone) do nothing
                        returning %s
                        """.formatted(REF_COLUMNS))
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .param("phones", phones.toArray(String[]::new))
                .query(ContactBatchRepository::map)
                .list();
    }

    /**
     * Inserts or finds each sender's contact; a profile name fills in a missing name, never overwrites one, and a
     * sender's message moves the interaction times forward only: the last channel changes only with the newest
     * interaction, so a webhook that arrives late never points the contact back at an older channel. One statement, so
     * concurrent first messages from one phone cannot create two contacts: the loser of the race takes the conflict
     * path and gets the winner's row.
     *
     * @param names per sender, its name to fill in (already cleaned), in the senders' order
     */
    List<ContactRef> upsertSenders(List<UUID> ids, List<ContactBatchApi.Sender> senders, List<@Nullable String> names) {
        return jdbc.sql("""
                        insert into contacts as c (tenant_id, id, phone, raw_phone, name,
                                                   last_channel_id, last_interaction_at, last_inbound_at)
                        select current_tenant_id(), t.id, t.phone, t.phone, t.name, t.channel, t.at, t.at
                        from unnest(cast(:ids as uuid[]), cast(:phones as text[]), cast(:names as text[]),
                                    cast(:channels as uuid[]), cast(:ats as timestamptz[]))
                             with ordinality as t (id, phone, name, channel, at, n)
                        order by t.n
                        on conflict (tenant_id, phone) do update set
                            name = coalesce(c.name, excluded.name),
                            last_channel_id = case when excluded.last_interaction_at is not null
                                                        and (c.last_interaction_at is null
                                                             or c.last_interaction_at <= excluded.last_interaction_at)
                                                   then excluded.last_channel_id else c.last_channel_id end,
                            last_interaction_at = greatest(c.last_interaction_at, excluded.last_interaction_at),
                            last_inbound_at = greatest(c.last_inbound_at, excluded.last_inbound_at),
                            updated_at = case when excluded.last_interaction_at is null then c.updated_at
                                              else now() end
                        returning %s
                        """.formatted(REF_COLUMNS))
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .param(
                        "phones",
                        senders.stream().map(ContactBatchApi.Sender::phone).toArray(String[]::new))
                .param("names", names.toArray(String[]::new))
                .param(
                        "channels",
                        senders.stream()
                                .map(sender -> sender.channelId() == null
                                        ? null
                                        : sender.channelId().toString())
                                .toArray(String[]::new))
                .param(
                        "ats",
                        senders.stream()
                                .map(sender ->
                                        sender.at() == null ? null : sender.at().toString())
                                .toArray(String[]::new))
                .query(ContactBatchRepository::map)
                .list();
    }

    List<ContactRef> findByIds(Collection<UUID> ids) {
        return jdbc.sql("select " + REF_COLUMNS + " from contacts where id = any(cast(:ids as uuid[]))")
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .query(ContactBatchRepository::map)
                .list();
    }

    @SuppressWarnings("unchecked")
    List<ContactBatchApi.ContactFields> fieldsOf(Collection<UUID> ids) {
        return jdbc.sql("""
                        select id, name, phone, email, attributes::text as attributes
                        from contacts where id = any(cast(:ids as uuid[]))
                        """)
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, n) -> {
                    Map<String, Object> raw = JSON.readValue(rs.getString("attributes"), Map.class);
                    Map<String, String> attributes = new LinkedHashMap<>();
                    raw.forEach((k, v) -> attributes.put(k, v == null ? "" : String.valueOf(v)));
                    return new ContactBatchApi.ContactFields(
                            rs.getObject("id", UUID.class),
                            rs.getString("name"),
                            rs.getString("phone"),
                            rs.getString("email"),
                            attributes);
                })
                .list();
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * As {@link #upsertSenders} moves interaction times, for messages sent to many contacts at once (the last inbound
     * time stays). The rows are
     * locked in phone order, the order in which {@link #upsertSenders} locks an inbound batch's contacts: a campaign's
     * batch and a webhook batch sharing contacts otherwise each locked some the other needed next (a deadlock that
     * bench/run.sh load found once the campaign's audience included contacts writing in).
     */
    void recordOutbound(Map<UUID, UUID> channelByContact, Instant at) {
        List<String> ids = new ArrayList<>(channelByContact.size());
        List<String> channels = new ArrayList<>(channelByContact.size());
        channelByContact.forEach((contact, channel) -> {
            ids.add(contact.toString());
            channels.add(channel.toString());
        });
        jdbc.sql("""
                update contacts c set
                    last_channel_id = case when c.last_interaction_at is null or c.last_interaction_at <= :at
                                           then v.channel else c.last_channel_id end,
                    last_interaction_at = greatest(c.last_interaction_at, :at),
                    updated_at = now()
                from unnest(cast(:ids as uuid[]), cast(:channels as uuid[])) as v (id, channel),
                     (select id from contacts where id = any(cast(:ids as uuid[]))
                      order by phone collate "C" for update) locked
                where c.id = v.id and locked.id = v.id
                """)
                .param("ids", ids.toArray(String[]::new))
                .param("channels", channels.toArray(String[]::new))
                .param("at", Timestamp.from(at))
                .update();
    }

    private static ContactRef map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
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
