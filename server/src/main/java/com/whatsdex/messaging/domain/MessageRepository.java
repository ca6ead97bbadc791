package com.whatsdex.messaging.domain;

import com.whatsdex.database.Tallies;
import com.whatsdex.messaging.MessageView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Messages and waiting statuses, under the workspace's row-level security. Status batches go to the database as one
 * JSON document expanded by {@code jsonb_to_recordset}: one statement per batch however many statuses it holds.
 */
@Repository
class MessageRepository {

    /** The stored file of a message, for the media worker and for serving it. */
    record MediaRecord(
            UUID id,
            UUID channelId,
            @Nullable String mediaId,
            @Nullable String mime,
            @Nullable String filename,
            @Nullable String path,
            @Nullable Long size,
            @Nullable String error) {}

    private static final String VIEW_COLUMNS = """
            id, channel_id, contact_id, direction, type, status, wamid, body, media_id, media_mime, media_caption,
            media_filename, media_path, media_size, media_error, media_link, template_name, template_language,
            template_parameters::text as template_parameters,
            (location->>'latitude')::float8 as loc_lat, (location->>'longitude')::float8 as loc_lng,
            location->>'name' as loc_name, location->>'address' as loc_address,
            interactive_reply_id, interactive_reply_title, error_code, error_title, error_detail, campaign_id, origin,
            provider_timestamp, created_at, sent_at, delivered_at, read_at, failed_at
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    MessageRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** An inbound message to store: its new id, the channel it came to and the contact who sent it. */
    record NewInbound(UUID id, UUID channelId, UUID contactId, InboundMessage message) {}

    /**
     * Stores customers' messages in one statement, in their order.
     *
     * @return the ids of the messages inserted; one whose (channel, wamid) is stored already (a redelivery, or twice
     *     in this list) is left out
     */
    Set<UUID> insertInboundAll(UUID tenantId, List<NewInbound> rows) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        insert into messages (tenant_id, id, channel_id, contact_id, direction, wamid, type, body,
                                              media_id, media_mime, media_sha256, media_caption, media_filename,
                                              location, interactive_reply_id, interactive_reply_title, status,
                                              provider_timestamp)
                        select :tenant, t.id, t.channel, t.contact, 'in', t.wamid, t.type, t.body, t.media_id, t.mime,
                               t.sha256, t.caption, t.filename, cast(t.location as jsonb), t.reply_id, t.reply_title,
                               'received', t.ts
                        from unnest(cast(:ids as uuid[]), cast(:channels as uuid[]), cast(:contacts as uuid[]),
                                    cast(:wamids as text[]), cast(:types as text[]), cast(:bodies as text[]),
                                    cast(:mediaIds as text[]), cast(:mimes as text[]), cast(:sha256s as text[]),
                                    cast(:captions as text[]), cast(:filenames as text[]), cast(:locations as text[]),
                                    cast(:replyIds as text[]), cast(:replyTitles as text[]),
                                    cast(:timestamps as timestamptz[]))
                             with ordinality as t (id, channel, contact, wamid, type, body, media_id, mime, sha256,
                                                   caption, filename, location, reply_id, reply_title, ts, n)
                        order by t.n
                        on conflict (tenant_id, channel_id, wamid) where wamid is not null do nothing
                        returning id
                        """)
                .param("tenant", tenantId)
                .param("ids", column(rows, r -> r.id().toString()))
                .param("channels", column(rows, r -> r.channelId().toString()))
                .param("contacts", column(rows, r -> r.contactId().toString()))
                .param("wamids", column(rows, r -> r.message().wamid()))
                .param("types", column(rows, r -> r.message().type()))
                .param("bodies", column(rows, r -> r.message().body()))
                .param("mediaIds", column(rows, r -> r.message().mediaId()))
                .param("mimes", column(rows, r -> r.message().mediaMime()))
                .param("sha256s", column(rows, r -> r.message().mediaSha256()))
                .param("captions", column(rows, r -> r.message().mediaCaption()))
                .param("filenames", column(rows, r -> r.message().mediaFilename()))
                .param("locations", column(rows, r -> r.message().location()))
                .param("replyIds", column(rows, r -> r.message().replyId()))
                .param("replyTitles", column(rows, r -> r.message().replyTitle()))
                .param("timestamps", column(rows, r -> r.message().timestamp().toString()))
                .query(UUID.class)
                .list());
    }

    private static String[] column(List<NewInbound> rows, Function<NewInbound, @Nullable String> field) {
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field.apply(rows.get(i));
        }
        return values;
    }

    /**
     * Takes a transaction-scoped advisory lock per (channel, wamid), in key order so that two transactions never
     * wait for each other in a cycle. Whoever looks a wamid up for its statuses and whoever records it (then takes
     * the statuses that waited for it) hold the lock, so one of them always sees the other's committed work: without
     * it, a status webhook that looked the wamid up before the send's transaction committed would park its status in
     * the backlog after that transaction had already taken the backlog, and the status would wait there for good.
     */
    void lockWamids(UUID channelId, Collection<String> wamids) {
        if (wamids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        select pg_advisory_xact_lock(k) from (
                            select distinct hashtextextended(cast(:channel as text) || '/' || w, 0) as k
                            from unnest(cast(:wamids as text[])) as w order by k) keys
                        """)
                .param("channel", channelId)
                .param("wamids", wamids.toArray(String[]::new))
                .query((rs, n) -> 1)
                .list();
    }

    /**
     * The delivery states of the channel's outbound messages with these wamids, locked until the transaction ends, in
     * wamid order (callers hold the wamids' advisory locks already, see {@link #lockWamids}).
     *
     * <p>One lookup per wamid on the (workspace, channel, wamid) key, written as a lateral join so that the plan does
     * not depend on statistics: as {@code wamid in (…)}, a table that grew since it was last analysed (a new
     * installation's first big campaign) made PostgreSQL scan the channel's whole message index instead, 10 – 100 ms
     * per status batch at 16,000 messages instead of 1 ms.
     */
    Map<String, MessageState> lockOutbound(UUID channelId, Collection<String> wamids) {
        Map<String, MessageState> states = new LinkedHashMap<>();
        if (wamids.isEmpty()) {
            return states;
        }
        jdbc.sql("""
                        select m.id, m.wamid, m.contact_id, m.channel_id, m.status, m.sent_at, m.delivered_at,
                               m.read_at, m.failed_at, m.error_code, m.error_title, m.error_detail
                        from unnest(cast(:wamids as text[])) as w (wamid)
                        cross join lateral (
                            select id, wamid, contact_id, channel_id, status, sent_at, delivered_at, read_at, failed_at,
                                   error_code, error_title, error_detail
                            from messages
                            where channel_id = :channel and wamid = w.wamid and direction = 'out'
                            for update) m
                        """)
                .param("channel", channelId)
                .param("wamids", new TreeSet<>(wamids).toArray(String[]::new))
                .query(rs -> {
                    states.put(
                            rs.getString("wamid"),
                            new MessageState(
                                    rs.getObject("id", UUID.class),
                                    rs.getObject("contact_id", UUID.class),
                                    rs.getObject("channel_id", UUID.class),
                                    DeliveryStatus.valueOf(rs.getString("status")),
                                    instant(rs, "sent_at"),
                                    instant(rs, "delivered_at"),
                                    instant(rs, "read_at"),
                                    instant(rs, "failed_at"),
                                    rs.getString("error_code"),
                                    rs.getString("error_title"),
                                    rs.getString("error_detail")));
                });
        return states;
    }

    /** Writes the new delivery states of a batch in one statement. */
    void updateStates(Collection<MessageState> states) {
        if (states.isEmpty()) {
            return;
        }
        ArrayNode rows = json.createArrayNode();
        for (MessageState s : states) {
            ObjectNode row = rows.addObject();
            row.put("id", s.id().toString());
            row.put("status", s.status().name());
            row.put("sent_at", iso(s.sentAt()));
            row.put("delivered_at", iso(s.deliveredAt()));
            row.put("read_at", iso(s.readAt()));
            row.put("failed_at", iso(s.failedAt()));
            row.put("error_code", s.errorCode());
            row.put("error_title", s.errorTitle());
            row.put("error_detail", s.errorDetail());
        }
        jdbc.sql("""
                update messages m set status = u.status, sent_at = u.sent_at, delivered_at = u.delivered_at,
                                      read_at = u.read_at, failed_at = u.failed_at, error_code = u.error_code,
                                      error_title = u.error_title, error_detail = u.error_detail
                from jsonb_to_recordset(cast(:rows as jsonb)) as u(id uuid, status text, sent_at timestamptz,
                     delivered_at timestamptz, read_at timestamptz, failed_at timestamptz, error_code text,
                     error_title text, error_detail text)
                where m.id = u.id
                """).param("rows", rows.toString()).update();
    }

    /** Keeps statuses of wamids no message has yet, in one statement. */
    void insertBacklog(UUID tenantId, UUID channelId, List<StatusUpdate> updates, List<UUID> ids) {
        if (updates.isEmpty()) {
            return;
        }
        ArrayNode rows = json.createArrayNode();
        for (int i = 0; i < updates.size(); i++) {
            StatusUpdate u = updates.get(i);
            ObjectNode row = rows.addObject();
            row.put("id", ids.get(i).toString());
            row.put("wamid", u.wamid());
            row.put("status", u.status().name());
            row.put("ts", u.timestamp().toString());
            row.put("error_code", u.errorCode());
            row.put("error_title", u.errorTitle());
            row.put("error_detail", u.errorDetail());
        }
        jdbc.sql("""
                insert into message_status_backlog (tenant_id, id, channel_id, wamid, status, provider_timestamp,
                                                    error_code, error_title, error_detail)
                select :tenant, u.id, :channel, u.wamid, u.status, u.ts, u.error_code, u.error_title, u.error_detail
                from jsonb_to_recordset(cast(:rows as jsonb)) as u(id uuid, wamid text, status text, ts timestamptz,
                     error_code text, error_title text, error_detail text)
                """)
                .param("tenant", tenantId)
                .param("channel", channelId)
                .param("rows", rows.toString())
                .update();
    }

    /** Forgets statuses that never found their message (e.g. sent from the number by another tool). */
    int deleteBacklogOlderThan(int hours) {
        return jdbc.sql("delete from message_status_backlog where received_at < now() - make_interval(hours => :hours)")
                .param("hours", hours)
                .update();
    }

    /** Removes and returns the statuses waiting for these wamids, in arrival order. */
    List<StatusUpdate> takeBacklog(UUID channelId, java.util.Collection<String> wamids) {
        List<Object[]> rows = new ArrayList<>();
        jdbc.sql("""
                        delete from message_status_backlog
                        where channel_id = :channel and wamid = any(:wamids)
                        returning id, wamid, status, provider_timestamp, error_code, error_title, error_detail
                        """)
                .param("channel", channelId)
                .param("wamids", wamids.toArray(String[]::new))
                .query(rs -> {
                    rows.add(new Object[] {
                        rs.getObject("id", UUID.class),
                        new StatusUpdate(
                                rs.getString("wamid"),
                                DeliveryStatus.valueOf(rs.getString("status")),
                                rs.getTimestamp("provider_timestamp").toInstant(),
                                rs.getString("error_code"),
                                rs.getString("error_title"),
                                rs.getString("error_detail"))
                    });
                });
        rows.sort((a, b) -> ((UUID) a[0]).compareTo((UUID) b[0]));
        return rows.stream().map(r -> (StatusUpdate) r[1]).toList();
    }

    Optional<MediaRecord> findMedia(UUID id) {
        return jdbc.sql("""
                        select id, channel_id, media_id, media_mime, media_filename, media_path, media_size, media_error
                        from messages where id = :id
                        """)
                .param("id", id)
                .query((rs, n) -> new MediaRecord(
                        rs.getObject("id", UUID.class),
                        rs.getObject("channel_id", UUID.class),
                        rs.getString("media_id"),
                        rs.getString("media_mime"),
                        rs.getString("media_filename"),
                        rs.getString("media_path"),
                        rs.getObject("media_size", Long.class),
                        rs.getString("media_error")))
                .optional();
    }

    void recordMedia(UUID id, String path, long size, @Nullable String mime) {
        jdbc.sql("""
                update messages set media_path = :path, media_size = :size, media_mime = coalesce(media_mime, :mime),
                                    media_error = null
                where id = :id
                """)
                .param("id", id)
                .param("path", path)
                .param("size", size)
                .param("mime", mime)
                .update();
    }

    void recordMediaError(UUID id, String error) {
        jdbc.sql("update messages set media_error = :error where id = :id")
                .param("id", id)
                .param("error", error)
                .update();
    }

    List<MessageView> findAll(List<UUID> ids) {
        return jdbc.sql("select " + VIEW_COLUMNS + " from messages where id = any(cast(:ids as uuid[]))")
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .query(MessageRepository::view)
                .list();
    }

    Optional<MessageView> find(UUID id) {
        return jdbc.sql("select " + VIEW_COLUMNS + " from messages where id = :id")
                .param("id", id)
                .query(MessageRepository::view)
                .optional();
    }

    /** Newest first, keyset on id (UUIDv7: id order is time order), so deep pages cost what the first does. */
    List<MessageView> list(@Nullable UUID channelId, @Nullable UUID contactId, @Nullable UUID beforeId, int limit) {
        StringBuilder where = new StringBuilder("true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (channelId != null) {
            where.append(" and channel_id = :channel");
            params.put("channel", channelId);
        }
        if (contactId != null) {
            where.append(" and contact_id = :contact");
            params.put("contact", contactId);
        }
        if (beforeId != null) {
            where.append(" and id < :before");
            params.put("before", beforeId);
        }
        params.put("limit", limit);
        return jdbc.sql("select " + VIEW_COLUMNS + " from messages where " + where + " order by id desc limit :limit")
                .params(params)
                .query(MessageRepository::view)
                .list();
    }

    /**
     * Contacts whose newest {@code depth} non-campaign messages contain {@code text} (ILIKE cannot use an index under
     * row-level security, see V9, so the scan is bounded instead: newest first on messages_conversation_text_idx).
     */
    List<UUID> contactsMentioning(String text, int depth, int limit) {
        String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                        select contact_id from (
                            select distinct on (contact_id) contact_id, id from (
                                select contact_id, id, body from messages where campaign_id is null
                                order by id desc limit :depth) recent
                            where body ilike :pattern
                            order by contact_id, id desc) latest
                        order by id desc limit :limit
                        """)
                .param("depth", depth)
                .param("pattern", pattern)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** When someone last replied to the contact from the inbox: among the contact's newest 200 messages. */
    Optional<Instant> lastInboxReplyAt(UUID contactId) {
        return jdbc.sql("""
                        select max(created_at) from (
                            select created_at, direction, origin from messages where contact_id = :contact
                            order by id desc limit 200) recent
                        where direction = 'out' and origin = 'inbox'
                        """)
                .param("contact", contactId)
                .query((rs, n) -> rs.getTimestamp(1))
                .optional()
                .map(Timestamp::toInstant);
    }

    private static MessageView view(ResultSet rs, int row) throws SQLException {
        String type = rs.getString("type");
        MessageView.Media media = rs.getString("media_id") == null
                        && rs.getString("media_path") == null
                        && rs.getString("media_link") == null
                ? null
                : new MessageView.Media(
                        rs.getString("media_link"),
                        rs.getString("media_mime"),
                        rs.getString("media_caption"),
                        rs.getString("media_filename"),
                        rs.getObject("media_size", Long.class),
                        rs.getString("media_path") != null,
                        rs.getString("media_error"));
        MessageView.Location location = "location".equals(type)
                ? new MessageView.Location(
                        rs.getObject("loc_lat", Double.class),
                        rs.getObject("loc_lng", Double.class),
                        rs.getString("loc_name"),
                        rs.getString("loc_address"))
                : null;
        return new MessageView(
                rs.getObject("id", UUID.class),
                rs.getObject("channel_id", UUID.class),
                rs.getObject("contact_id", UUID.class),
                rs.getString("direction"),
                type,
                rs.getString("status"),
                rs.getString("wamid"),
                rs.getString("body"),
                media,
                template(rs),
                location,
                rs.getString("interactive_reply_id"),
                rs.getString("interactive_reply_title"),
                rs.getString("error_code"),
                rs.getString("error_title"),
                rs.getString("error_detail"),
                rs.getObject("campaign_id", UUID.class),
                rs.getString("origin"),
                instant(rs, "provider_timestamp"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs, "sent_at"),
                instant(rs, "delivered_at"),
                instant(rs, "read_at"),
                instant(rs, "failed_at"));
    }

    @SuppressWarnings("unchecked")
    private static MessageView.@Nullable Template template(ResultSet rs) throws SQLException {
        String name = rs.getString("template_name");
        if (name == null) {
            return null;
        }
        String parameters = rs.getString("template_parameters");
        return new MessageView.Template(
                name,
                rs.getString("template_language"),
                parameters == null ? List.of() : PARAMETERS.readValue(parameters, List.class));
    }

    private static final JsonMapper PARAMETERS = JsonMapper.builder().build();

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static @Nullable String iso(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    java.util.Map<String, UUID> idsByClientKeys(java.util.Collection<String> clientKeys) {
        java.util.Map<String, UUID> found = new java.util.HashMap<>();
        jdbc.sql("select client_key, id from messages where client_key = any(:keys)")
                .param("keys", clientKeys.toArray(String[]::new))
                .query((rs, n) -> found.put(rs.getString(1), rs.getObject(2, UUID.class)))
                .list();
        return found;
    }

    /**
     * A message that failed after the sender was told it went out: accepted (it has a wamid) and failed by a status
     * webhook, or queued for a retry (only retries make a second attempt) that failed in the end. A message refused
     * on its first attempt failed before anyone recorded it as sent.
     */
    private static final String FAILED_AFTER_HANDOVER = "status = 'failed' and (wamid is not null or attempts > 1)";

    /**
     * The sums of the campaign's message tallies (V24), which triggers append for every statement that changes its
     * messages: the categories of {@link #FAILED_AFTER_HANDOVER} and the retries without reading the messages
     * (folded first when there are many: {@link Tallies}).
     */
    com.whatsdex.messaging.MessagingApi.CampaignMessageCounts campaignCounts(UUID campaignId) {
        long[] rows = {0};
        var counts = jdbc.sql("""
                        select coalesce(sum(delivered), 0), coalesce(sum(read), 0), coalesce(sum(late_failed), 0),
                               coalesce(sum(retrying), 0), count(*)
                        from campaign_message_tallies
                        where tenant_id = current_tenant_id() and campaign_id = :campaign
                        """)
                .param("campaign", campaignId)
                .query((rs, n) -> {
                    rows[0] = rs.getLong(5);
                    return new com.whatsdex.messaging.MessagingApi.CampaignMessageCounts(
                            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
                })
                .single();
        Tallies.foldWhenMany(jdbc, rows[0], "campaign_message_tallies", campaignId, """
                with folded as (
                    delete from campaign_message_tallies
                    where tenant_id = current_tenant_id() and campaign_id = :campaign
                    returning delivered, read, late_failed, retrying
                )
                insert into campaign_message_tallies (tenant_id, campaign_id, delivered, read, late_failed, retrying)
                select * from (
                    select current_tenant_id(), cast(:campaign as uuid), sum(delivered) as d, sum(read) as r,
                           sum(late_failed) as f, sum(retrying) as q
                    from folded) t
                where d <> 0 or r <> 0 or f <> 0 or q <> 0
                """);
        return counts;
    }

    /** Served by the partial index of failed campaign messages (V21): reads the campaign's failed messages only. */
    long lateFailedCampaignCount(UUID campaignId) {
        return jdbc.sql("""
                        select count(*) from messages
                        where tenant_id = current_tenant_id() and campaign_id = :campaign and %s
                        """.formatted(FAILED_AFTER_HANDOVER))
                .param("campaign", campaignId)
                .query(Long.class)
                .single();
    }

    java.util.List<UUID> lateFailedCampaignMessages(UUID campaignId) {
        return jdbc.sql("""
                        select id from messages
                        where tenant_id = current_tenant_id() and campaign_id = :campaign and %s
                        order by id
                        """.formatted(FAILED_AFTER_HANDOVER))
                .param("campaign", campaignId)
                .query(UUID.class)
                .list();
    }
}
