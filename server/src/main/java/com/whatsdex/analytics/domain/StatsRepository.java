package com.whatsdex.analytics.domain;

import com.whatsdex.analytics.MessageCounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rollups and the marks that say which days to recount (V17). */
@Repository
class StatsRepository {

    private static final String MEASURES = "sent, delivered, read, failed, received, agent_replies, campaign_sends";
    private static final String SUMS = """
            coalesce(sum(sent), 0) as sent, coalesce(sum(delivered), 0) as delivered, coalesce(sum(read), 0) as read,
            coalesce(sum(failed), 0) as failed, coalesce(sum(received), 0) as received,
            coalesce(sum(agent_replies), 0) as agent_replies, coalesce(sum(campaign_sends), 0) as campaign_sends""";

    record DayRow(LocalDate day, MessageCounts counts) {}

    record ChannelRow(UUID channelId, MessageCounts counts) {}

    private final JdbcClient jdbc;

    StatsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- marks (a platform table: every statement names the workspace)

    /** The workspaces with days to recount. */
    List<UUID> workspacesWithMarks() {
        return jdbc.sql("select distinct tenant_id from stats_pending")
                .query(UUID.class)
                .list();
    }

    /**
     * Takes the workspace's marks: deletes them and answers their days. Recount those days in the same transaction
     * (its later statements see at least what this one saw); marks committed meanwhile stay for the next run.
     */
    List<LocalDate> takeMarks(UUID workspaceId) {
        return jdbc.sql("""
                        with taken as (delete from stats_pending where tenant_id = :tenant returning day)
                        select distinct day from taken order by day""").param("tenant", workspaceId).query(LocalDate.class).list();
    }

    // ---- recounting (under the workspace's row-level security)

    /**
     * Recounts the local days {@code first} to {@code last} (consecutive) from the messages whose ids lie in
     * [{@code low}, {@code high}) (UUIDv7 bounds of the first day's start and the last day's end): one statement over
     * one range of the primary key, each message's day taken from its id's time in {@code zone}.
     */
    void recountDays(LocalDate first, LocalDate last, UUID low, UUID high, String zone) {
        jdbc.sql("delete from stats_daily where day between :first and :last")
                .param("first", first)
                .param("last", last)
                .update();
        jdbc.sql("""
                        insert into stats_daily (tenant_id, day, channel_id, %s)
                        select current_tenant_id(), (uuid_extract_timestamp(id) at time zone :zone)::date, channel_id,
                            count(*) filter (where direction = 'out' and wamid is not null),
                            count(*) filter (where direction = 'out' and (delivered_at is not null
                                or read_at is not null or status in ('delivered', 'read'))),
                            count(*) filter (where direction = 'out' and (read_at is not null or status = 'read')),
                            count(*) filter (where direction = 'out' and status = 'failed'),
                            count(*) filter (where direction = 'in'),
                            count(*) filter (where direction = 'out' and origin = 'agent' and wamid is not null),
                            count(*) filter (where direction = 'out' and campaign_id is not null and wamid is not null)
                        from messages where id >= :low and id < :high
                        group by 2, channel_id""".formatted(MEASURES))
                .param("zone", zone)
                .param("low", low)
                .param("high", high)
                .update();
    }

    /** Sums a month's days into {@code stats_monthly}. */
    void recountMonth(LocalDate month) {
        jdbc.sql("delete from stats_monthly where month = :month")
                .param("month", month)
                .update();
        jdbc.sql("""
                        insert into stats_monthly (tenant_id, month, channel_id, %s)
                        select current_tenant_id(), :month, channel_id, sum(sent), sum(delivered), sum(read),
                            sum(failed), sum(received), sum(agent_replies), sum(campaign_sends)
                        from stats_daily where day >= :month and day < :next
                        group by channel_id""".formatted(MEASURES))
                .param("month", month)
                .param("next", month.plusMonths(1))
                .update();
    }

    // ---- reading

    /** Per-day totals over [from, to], optionally of one channel; quiet days are absent. */
    List<DayRow> days(LocalDate from, LocalDate to, @Nullable UUID channelId) {
        return jdbc.sql("select day, " + SUMS + " from stats_daily where day between :from and :to"
                        + (channelId == null ? "" : " and channel_id = :channel")
                        + " group by day order by day")
                .param("from", from)
                .param("to", to)
                .param("channel", channelId)
                .query((rs, n) -> new DayRow(rs.getObject("day", LocalDate.class), counts(rs)))
                .list();
    }

    /** Per-channel totals over [from, to]. */
    List<ChannelRow> channels(LocalDate from, LocalDate to) {
        return jdbc.sql("select channel_id, " + SUMS + " from stats_daily where day between :from and :to"
                        + " group by channel_id order by sum(sent) + sum(received) desc, channel_id")
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> new ChannelRow(rs.getObject("channel_id", UUID.class), counts(rs)))
                .list();
    }

    /** Per-month totals over [from, to] (first days of months); quiet months are absent. */
    List<DayRow> months(LocalDate from, LocalDate to) {
        return jdbc.sql("select month, " + SUMS + " from stats_monthly where month between :from and :to"
                        + " group by month order by month")
                .param("from", from)
                .param("to", to)
                .query((rs, n) -> new DayRow(rs.getObject("month", LocalDate.class), counts(rs)))
                .list();
    }

    Optional<Instant> lastUpdate() {
        return jdbc.sql("select max(updated_at) from stats_daily")
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single();
    }

    private static MessageCounts counts(ResultSet rs) throws SQLException {
        return new MessageCounts(
                rs.getLong("sent"),
                rs.getLong("delivered"),
                rs.getLong("read"),
                rs.getLong("failed"),
                rs.getLong("received"),
                rs.getLong("agent_replies"),
                rs.getLong("campaign_sends"));
    }
}
