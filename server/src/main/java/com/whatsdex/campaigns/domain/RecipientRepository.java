package com.whatsdex.campaigns.domain;

import com.whatsdex.database.Tallies;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A campaign's recipient rows: the dispatcher's queue, walked in id order. */
@Repository
class RecipientRepository {

    /** What is stored of a recipient's dispatch. */
    enum Stored {
        pending,
        sending,
        sent,
        failed,
        skipped,
        unknown
    }

    /** A recipient row. */
    record Row(
            UUID id,
            UUID contactId,
            String phone,
            Stored status,
            @Nullable String reason,
            int attempt,
            @Nullable UUID channelId,
            @Nullable UUID messageId,
            Instant updatedAt) {}

    /** One contact to add while materialising. */
    record NewRecipient(UUID id, UUID contactId, String phone, boolean optedOut) {}

    /** The outcome of one send. */
    record Outcome(
            UUID id,
            Stored status,
            @Nullable String reason,
            @Nullable UUID messageId,
            @Nullable UUID channelId) {}

    private final JdbcClient jdbc;

    RecipientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds a batch in one statement: opted-out contacts are stored {@code skipped/opted_out}, a phone already in the
     * campaign (or earlier in the batch) {@code skipped/duplicate}.
     */
    void insertAll(UUID campaignId, List<NewRecipient> batch) {
        if (batch.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into campaign_recipients (tenant_id, campaign_id, id, contact_id, phone, status, reason)
                        select current_tenant_id(), :campaign, u.id, u.contact_id, u.phone,
                            case when u.opted_out or u.duplicate then 'skipped' else 'pending' end,
                            case when u.opted_out then 'opted_out' when u.duplicate then 'duplicate' end
                        from (
                            select t.id, t.contact_id, t.phone, t.opted_out,
                                row_number() over (partition by t.phone order by t.ord) > 1
                                    or exists (select 1 from campaign_recipients r
                                               where r.tenant_id = current_tenant_id()
                                                 and r.campaign_id = :campaign and r.phone = t.phone) as duplicate
                            from unnest(cast(:ids as uuid[]), cast(:contacts as uuid[]), cast(:phones as text[]),
                                        cast(:optedOut as boolean[]))
                                with ordinality as t (id, contact_id, phone, opted_out, ord)
                        ) u
                        """)
                .param("campaign", campaignId)
                .param("ids", batch.stream().map(r -> r.id().toString()).toArray(String[]::new))
                .param(
                        "contacts",
                        batch.stream().map(r -> r.contactId().toString()).toArray(String[]::new))
                .param("phones", batch.stream().map(NewRecipient::phone).toArray(String[]::new))
                .param("optedOut", batch.stream().map(NewRecipient::optedOut).toArray(Boolean[]::new))
                .update();
    }

    int count(UUID campaignId) {
        return jdbc.sql("""
                        select count(*) from campaign_recipients
                        where tenant_id = current_tenant_id() and campaign_id = :campaign
                        """).param("campaign", campaignId).query(Integer.class).single();
    }

    /** Recipients in one stored status: a range of the status index, so it reads those rows only. */
    long countInState(UUID campaignId, Stored status) {
        return jdbc.sql("""
                        select count(*) from campaign_recipients
                        where tenant_id = current_tenant_id() and campaign_id = :campaign
                          and status >= :status and status <= :status
                        """)
                .param("campaign", campaignId)
                .param("status", status.name())
                .query(Long.class)
                .single();
    }

    /**
     * Stored statuses: the sums of the campaign's tallies (V23), which triggers append for every statement that
     * changes its recipients, so a count reads a few dozen rows instead of every recipient (folded first when there
     * are many: {@link Tallies}).
     */
    Map<Stored, Long> countByStatus(UUID campaignId) {
        Map<Stored, Long> counts = new EnumMap<>(Stored.class);
        for (Stored s : Stored.values()) {
            counts.put(s, 0L);
        }
        long[] rows = {0};
        jdbc.sql("""
                        select status, sum(n), count(*) from campaign_recipient_tallies
                        where tenant_id = current_tenant_id() and campaign_id = :campaign
                        group by status
                        """)
                .param("campaign", campaignId)
                .query((rs, n) -> {
                    rows[0] += rs.getLong(3);
                    return counts.put(Stored.valueOf(rs.getString(1)), rs.getLong(2));
                })
                .list();
        Tallies.foldWhenMany(jdbc, rows[0], "campaign_recipient_tallies", campaignId, """
                with folded as (
                    delete from campaign_recipient_tallies
                    where tenant_id = current_tenant_id() and campaign_id = :campaign
                    returning status, n
                )
                insert into campaign_recipient_tallies (tenant_id, campaign_id, status, n)
                select current_tenant_id(), :campaign, status, sum(n) from folded
                group by status having sum(n) <> 0
                """);
        return counts;
    }

    /**
     * Takes the next pending recipients in id order and marks them {@code sending}; committed before anything is
     * sent, so a crash leaves them {@code sending} (then {@code unknown}) and never pending again. The ids are
     * picked in a materialised CTE: as an {@code IN (subquery)} the planner may run the limited subquery again per
     * row and claim far more than the limit. The status is matched as a range and the rows ordered by (status, id)
     * so that only the status index can serve the query without a sort: with {@code status = 'pending' order by id}
     * the planner, believing pending rows spread evenly over ids, walked the primary key and filtered out every
     * recipient already processed, so each claim read all of them (a 100,000-recipient campaign slowed down with
     * every batch). The claimed ids are updated as one array, looked up by key: joined with the CTE, a planner
     * without statistics yet (a freshly materialised campaign) walked all the campaign's rows for each of the ids.
     */
    List<Row> claim(UUID campaignId, int limit) {
        return jdbc
                .sql("""
                        with next as materialized (
                            select id from campaign_recipients
                            where tenant_id = current_tenant_id() and campaign_id = :campaign
                              and status >= 'pending' and status <= 'pending'
                            order by status, id limit :limit
                            for update skip locked)
                        update campaign_recipients r set status = 'sending', updated_at = now()
                        where r.tenant_id = current_tenant_id() and r.campaign_id = :campaign
                          and r.id = any(array(select id from next))
                        returning r.id, r.contact_id, r.phone, r.status, r.reason, r.attempt, r.channel_id,
                            r.message_id, r.updated_at
                        """)
                .param("campaign", campaignId)
                .param("limit", limit)
                .query(RecipientRepository::map)
                .list()
                .stream()
                .sorted(java.util.Comparator.comparing(Row::id))
                .toList();
    }

    /** The first recipients in a state, in id order (a range on status for the reason given at {@link #claim}). */
    List<Row> inState(UUID campaignId, Stored status, int limit) {
        return jdbc.sql("""
                        select id, contact_id, phone, status, reason, attempt, channel_id, message_id, updated_at
                        from campaign_recipients
                        where tenant_id = current_tenant_id() and campaign_id = :campaign
                          and status >= :status and status <= :status
                        order by status, id limit :limit
                        """)
                .param("campaign", campaignId)
                .param("status", status.name())
                .param("limit", limit)
                .query(RecipientRepository::map)
                .list();
    }

    /** Records outcomes of recipients still {@code sending} (a deleted or reset row is left alone). */
    void record(UUID campaignId, List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update campaign_recipients r set status = u.status, reason = u.reason,
                            message_id = cast(u.message_id as uuid), channel_id = cast(u.channel_id as uuid),
                            updated_at = now()
                        from unnest(cast(:ids as uuid[]), cast(:statuses as text[]), cast(:reasons as text[]),
                                    cast(:messages as text[]), cast(:channels as text[]))
                            as u (id, status, reason, message_id, channel_id)
                        where r.tenant_id = current_tenant_id() and r.campaign_id = :campaign and r.id = u.id
                          and r.status = 'sending'
                        """)
                .param("campaign", campaignId)
                .param("ids", outcomes.stream().map(o -> o.id().toString()).toArray(String[]::new))
                .param("statuses", outcomes.stream().map(o -> o.status().name()).toArray(String[]::new))
                .param("reasons", outcomes.stream().map(Outcome::reason).toArray(String[]::new))
                .param(
                        "messages",
                        outcomes.stream()
                                .map(o -> o.messageId() == null
                                        ? null
                                        : o.messageId().toString())
                                .toArray(String[]::new))
                .param(
                        "channels",
                        outcomes.stream()
                                .map(o -> o.channelId() == null
                                        ? null
                                        : o.channelId().toString())
                                .toArray(String[]::new))
                .update();
    }

    /** "Retry failed": failed and unknown recipients go back to pending with one more attempt. */
    int resetFailedAndUnknown(UUID campaignId) {
        return jdbc.sql("""
                        update campaign_recipients set status = 'pending', reason = null, attempt = attempt + 1,
                            message_id = null, channel_id = null, updated_at = now()
                        where tenant_id = current_tenant_id() and campaign_id = :campaign
                          and status in ('failed', 'unknown')
                        """).param("campaign", campaignId).update();
    }

    /** "Retry failed" for recipients whose accepted message failed later. */
    int resetSentWithMessages(UUID campaignId, List<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        update campaign_recipients set status = 'pending', reason = null, attempt = attempt + 1,
                            message_id = null, channel_id = null, updated_at = now()
                        where tenant_id = current_tenant_id() and campaign_id = :campaign
                          and status = 'sent' and message_id = any(cast(:messages as uuid[]))
                        """)
                .param("campaign", campaignId)
                .param("messages", messageIds.stream().map(UUID::toString).toArray(String[]::new))
                .update();
    }

    /** A keyset page in id order, filtered by stored statuses (all when empty). */
    List<Row> page(UUID campaignId, List<Stored> statuses, @Nullable UUID after, int limit) {
        return jdbc.sql("""
                        select id, contact_id, phone, status, reason, attempt, channel_id, message_id, updated_at
                        from campaign_recipients
                        where tenant_id = current_tenant_id() and campaign_id = :campaign
                          and (cardinality(cast(:statuses as text[])) = 0 or status = any(cast(:statuses as text[])))
                          and (cast(:after as uuid) is null or id > :after)
                        order by id limit :limit
                        """)
                .param("campaign", campaignId)
                .param("statuses", statuses.stream().map(Stored::name).toArray(String[]::new))
                .param("after", after)
                .param("limit", limit)
                .query(RecipientRepository::map)
                .list();
    }

    private static Row map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("contact_id", UUID.class),
                rs.getString("phone"),
                Stored.valueOf(rs.getString("status")),
                rs.getString("reason"),
                rs.getInt("attempt"),
                rs.getObject("channel_id", UUID.class),
                rs.getObject("message_id", UUID.class),
                java.util.Objects.requireNonNull(CampaignRepository.instant(rs, "updated_at")));
    }
}
