package com.whatsdex.campaigns.domain;

import com.whatsdex.campaigns.CampaignStatus;
import com.whatsdex.campaigns.CampaignView;
import com.whatsdex.shared.ParseCache;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Campaign rows, under the workspace's row-level security. */
@Repository
class CampaignRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A running campaign's row is read per batch and per send decision: its JSON settings parsed once. */
    private static final ParseCache<List<String>> VARIANTS = new ParseCache<>(1_000);

    private static final ParseCache<CampaignView.Pacing> PACING = new ParseCache<>(1_000);
    private static final String COLUMNS = """
            id, name, status, status_reason, template_id, body, variants::text as variants, audience::text as audience,
            channel_ids,
            scheduled_at, pacing::text as pacing, failure_threshold, total, materialised, channel_cursor,
            sends_since_pause, retried_late_failures, next_send_at, started_at, finished_at, created_at, updated_at""";

    private final JdbcClient jdbc;

    CampaignRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, CampaignRecord.Fields f) {
        jdbc.sql("""
                insert into campaigns (tenant_id, id, name, status, template_id, body, variants, audience,
                    channel_ids, scheduled_at, pacing, failure_threshold)
                values (current_tenant_id(), :id, :name, 'draft', :templateId, :body, cast(:variants as jsonb),
                    cast(:audience as jsonb), cast(:channels as uuid[]), :scheduledAt, cast(:pacing as jsonb),
                    :threshold)
                """)
                .param("id", id)
                .param("name", f.name())
                .param("templateId", f.templateId())
                .param("body", f.body())
                .param("variants", JSON.writeValueAsString(f.variants()))
                .param("audience", JSON.writeValueAsString(f.audience()))
                .param("channels", uuids(f.channelIds()))
                .param("scheduledAt", ts(f.scheduledAt()))
                .param("pacing", JSON.writeValueAsString(f.pacing()))
                .param("threshold", f.failureThreshold())
                .update();
    }

    /** Changes the fields of a draft or scheduled campaign; false when it is in neither state (or absent). */
    boolean update(UUID id, CampaignRecord.Fields f) {
        return jdbc.sql("""
                        update campaigns set name = :name, template_id = :templateId, body = :body,
                            variants = cast(:variants as jsonb), audience = cast(:audience as jsonb), channel_ids = cast(:channels as uuid[]),
                            scheduled_at = :scheduledAt, pacing = cast(:pacing as jsonb),
                            failure_threshold = :threshold, updated_at = now()
                        where id = :id and status in ('draft', 'scheduled')
                        """)
                        .param("id", id)
                        .param("name", f.name())
                        .param("templateId", f.templateId())
                        .param("body", f.body())
                        .param("variants", JSON.writeValueAsString(f.variants()))
                        .param("audience", JSON.writeValueAsString(f.audience()))
                        .param("channels", uuids(f.channelIds()))
                        .param("scheduledAt", ts(f.scheduledAt()))
                        .param("pacing", JSON.writeValueAsString(f.pacing()))
                        .param("threshold", f.failureThreshold())
                        .update()
                == 1;
    }

    Optional<CampaignRecord> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from campaigns where id = :id")
                .param("id", id)
                .query(CampaignRepository::map)
                .optional();
    }

    /** The row locked until the transaction ends: state changes are serialised per campaign. */
    Optional<CampaignRecord> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from campaigns where id = :id for update")
                .param("id", id)
                .query(CampaignRepository::map)
                .optional();
    }

    /** Newest first, keyset by id. */
    List<CampaignRecord> list(@Nullable CampaignStatus status, @Nullable UUID before, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from campaigns
                        where (cast(:status as text) is null or status = :status)
                          and (cast(:before as uuid) is null or id < :before)
                        order by id desc limit :limit
                        """)
                .param("status", status == null ? null : status.name())
                .param("before", before)
                .param("limit", limit)
                .query(CampaignRepository::map)
                .list();
    }

    void setStatus(UUID id, CampaignStatus status, @Nullable String reason) {
        jdbc.sql("""
                        update campaigns set status = :status, status_reason = :reason, updated_at = now(),
                            next_send_at = null,
                            started_at = case when :status = 'running' then coalesce(started_at, now())
                                              else started_at end,
                            finished_at = case when :status in ('completed', 'cancelled', 'failed') then now()
                                               else null end
                        where id = :id
                        """)
                .param("id", id)
                .param("status", status.name())
                .param("reason", reason)
                .update();
        if (status.active()) {
            jdbc.sql("""
                            insert into campaign_runs (campaign_id, tenant_id) values (:id, current_tenant_id())
                            on conflict do nothing
                            """).param("id", id).update();
        } else {
            jdbc.sql("delete from campaign_runs where campaign_id = :id")
                    .param("id", id)
                    .update();
        }
    }

    void markMaterialised(UUID id, int total) {
        jdbc.sql("update campaigns set materialised = true, total = :total, updated_at = now() where id = :id")
                .param("id", id)
                .param("total", total)
                .update();
    }

    /** The dispatcher's checkpoint after a batch. */
    void checkpoint(UUID id, int channelCursor, int sendsSincePause, @Nullable Instant nextSendAt) {
        jdbc.sql("""
                        update campaigns set channel_cursor = :cursor, sends_since_pause = :sends,
                            next_send_at = :next, updated_at = now()
                        where id = :id
                        """)
                .param("id", id)
                .param("cursor", channelCursor)
                .param("sends", sendsSincePause)
                .param("next", ts(nextSendAt))
                .update();
    }

    void addRetriedLateFailures(UUID id, int count) {
        jdbc.sql("update campaigns set retried_late_failures = retried_late_failures + :n where id = :id")
                .param("id", id)
                .param("n", count)
                .update();
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from campaigns where id = :id").param("id", id).update() == 1;
    }

    /** Names of campaigns that may still send with this template. */
    List<String> activeUsing(UUID templateId) {
        return jdbc.sql("""
                        select name from campaigns
                        where template_id = :template and status in ('scheduled', 'running', 'paused')
                        order by id limit 3
                        """).param("template", templateId).query(String.class).list();
    }

    /** Platform lookup for the watcher: every scheduled or running campaign with its workspace. */
    long countByStatus(CampaignStatus status) {
        return jdbc.sql("select count(*) from campaigns where status = :status")
                .param("status", status.name())
                .query(Long.class)
                .single();
    }

    List<UUID[]> activeRuns() {
        return jdbc.sql("select tenant_id, campaign_id from campaign_runs")
                .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)})
                .list();
    }

    private static CampaignRecord map(ResultSet rs, int row) throws SQLException {
        Array channels = rs.getArray("channel_ids");
        List<UUID> channelIds = new ArrayList<>(Arrays.asList((UUID[]) channels.getArray()));
        return new CampaignRecord(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                CampaignStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"),
                rs.getObject("template_id", UUID.class),
                rs.getString("body"),
                VARIANTS.get(rs.getString("variants"), text -> List.of(JSON.readValue(text, String[].class))),
                JSON.readValue(rs.getString("audience"), CampaignView.Audience.class),
                List.copyOf(channelIds),
                instant(rs, "scheduled_at"),
                PACING.get(rs.getString("pacing"), text -> JSON.readValue(text, CampaignView.Pacing.class)),
                rs.getObject("failure_threshold", Integer.class),
                rs.getInt("total"),
                rs.getBoolean("materialised"),
                rs.getInt("channel_cursor"),
                rs.getInt("sends_since_pause"),
                rs.getInt("retried_late_failures"),
                instant(rs, "next_send_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                java.util.Objects.requireNonNull(instant(rs, "created_at")),
                java.util.Objects.requireNonNull(instant(rs, "updated_at")));
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static @Nullable Timestamp ts(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static String[] uuids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }
}
