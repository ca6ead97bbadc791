package com.whatsdex.inbox.domain;

import com.whatsdex.inbox.ConversationView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Conversation rows (kept by the V16 trigger on messages), under the workspace's row-level security. */
@Repository
class ConversationRepository {

    private static final String COLUMNS = """
            c.contact_id, c.last_message_id, c.last_message_at, c.last_direction, c.last_channel_id, c.last_type,
            c.last_preview, c.last_campaign, c.unread_count, c.status, c.assignee_id""";

    /** A stored conversation; {@code sortKey} is what the page's keyset continues from. */
    record Row(
            UUID contactId,
            UUID lastMessageId,
            Instant lastMessageAt,
            String lastDirection,
            UUID lastChannelId,
            String lastType,
            @Nullable String lastPreview,
            boolean lastCampaign,
            int unreadCount,
            ConversationView.Status status,
            @Nullable UUID assigneeId,
            UUID sortKey) {}

    /**
     * What the list is narrowed to; every field is optional.
     *
     * @param channelId conversations that used this channel, ordered by their latest message on it
     * @param unassigned only conversations assigned to nobody (then {@code assigneeId} is ignored)
     * @param contactIds only these contacts (a search's matches)
     */
    record Filter(
            @Nullable UUID channelId,
            ConversationView.@Nullable Status status,
            boolean unreadOnly,
            @Nullable UUID assigneeId,
            boolean unassigned,
            @Nullable List<UUID> contactIds) {}

    private final JdbcClient jdbc;

    ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Latest activity first, keyset on the latest message's id (UUIDv7: id order is time order). */
    List<Row> list(Filter f, @Nullable UUID before, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder();
        String key;
        if (f.channelId() != null) {
            key = "cc.last_message_id";
            sql.append("select ")
                    .append(COLUMNS)
                    .append(", cc.last_message_id as sort_key from conversation_channels cc")
                    .append(" join conversations c on c.tenant_id = cc.tenant_id and c.contact_id = cc.contact_id")
                    .append(" where cc.channel_id = :channel");
            params.put("channel", f.channelId());
        } else {
            key = "c.last_message_id";
            sql.append("select ")
                    .append(COLUMNS)
                    .append(", c.last_message_id as sort_key from conversations c where true");
        }
        if (before != null) {
            sql.append(" and ").append(key).append(" < :before");
            params.put("before", before);
        }
        if (f.status() != null) {
            sql.append(" and c.status = :status");
            params.put("status", f.status().name());
        }
        if (f.unreadOnly()) {
            sql.append(" and c.unread_count > 0");
        }
        if (f.unassigned()) {
            sql.append(" and c.assignee_id is null");
        } else if (f.assigneeId() != null) {
            sql.append(" and c.assignee_id = :assignee");
            params.put("assignee", f.assigneeId());
        }
        if (f.contactIds() != null) {
            sql.append(" and c.contact_id = any(:contacts)");
            params.put("contacts", f.contactIds().toArray(UUID[]::new));
        }
        sql.append(" order by ").append(key).append(" desc limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString())
                .params(params)
                .query(ConversationRepository::row)
                .list();
    }

    Optional<Row> find(UUID contactId) {
        return jdbc.sql("select " + COLUMNS + ", c.last_message_id as sort_key from conversations c"
                        + " where c.contact_id = :contact")
                .param("contact", contactId)
                .query(ConversationRepository::row)
                .optional();
    }

    /** @return whether there was a conversation to mark */
    boolean markRead(UUID contactId) {
        return jdbc.sql("update conversations set unread_count = 0 where contact_id = :contact and unread_count > 0")
                        .param("contact", contactId)
                        .update()
                == 1;
    }

    /** @return whether there was a conversation to change */
    boolean update(UUID contactId, ConversationView.Status status, @Nullable UUID assigneeId) {
        return jdbc.sql(
                                "update conversations set status = :status, assignee_id = :assignee where contact_id = :contact")
                        .param("status", status.name())
                        .param("assignee", assigneeId)
                        .param("contact", contactId)
                        .update()
                == 1;
    }

    /** How many conversations have unread messages (the notification badge); an index-only count. */
    long unreadConversations() {
        return jdbc.sql("select count(*) from conversations where unread_count > 0")
                .query(Long.class)
                .single();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getObject("contact_id", UUID.class),
                rs.getObject("last_message_id", UUID.class),
                rs.getTimestamp("last_message_at").toInstant(),
                rs.getString("last_direction"),
                rs.getObject("last_channel_id", UUID.class),
                rs.getString("last_type"),
                rs.getString("last_preview"),
                rs.getBoolean("last_campaign"),
                rs.getInt("unread_count"),
                ConversationView.Status.valueOf(rs.getString("status")),
                rs.getObject("assignee_id", UUID.class),
                rs.getObject("sort_key", UUID.class));
    }
}
