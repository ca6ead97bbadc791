package com.whatsdex.agents.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Agent replies (the activity) and hand-overs to a person, under the workspace's row-level security. */
@Repository
class ReplyRepository {

    private static final String COLUMNS = """
            id, agent_id, contact_id, channel_id, inbound_message_id, inbound_text, status, reason, reply_message_id,
            reply_text, tool_calls::text as tool_calls, attempts, input_tokens, output_tokens, received_at,
            due_at, picked_up_at, completed_at""";

    /** A stored reply row. */
    record Reply(
            UUID id,
            UUID agentId,
            UUID contactId,
            UUID channelId,
            UUID inboundMessageId,
            @Nullable String inboundText,
            String status,
            @Nullable String reason,
            @Nullable UUID replyMessageId,
            @Nullable String replyText,
            String toolCallsJson,
            int attempts,
            @Nullable Integer inputTokens,
            @Nullable Integer outputTokens,
            Instant receivedAt,
            Instant dueAt,
            @Nullable Instant pickedUpAt,
            @Nullable Instant completedAt) {}

    /** A conversation handed to a person. */
    record Handover(UUID contactId, @Nullable UUID agentId, String reason, Instant flaggedAt) {}

    private final JdbcClient jdbc;

    ReplyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the message already has its row (a webhook redelivered in a new transaction) */
    boolean insertPending(
            UUID id,
            UUID agentId,
            UUID contactId,
            UUID channelId,
            UUID inboundMessageId,
            @Nullable String inboundText,
            Instant receivedAt,
            Instant dueAt) {
        return jdbc.sql("""
                        insert into agent_replies (tenant_id, id, agent_id, contact_id, channel_id,
                            inbound_message_id, inbound_text, received_at, due_at)
                        values (current_tenant_id(), :id, :agent, :contact, :channel, :inbound, :text, :at, :due)
                        on conflict (tenant_id, inbound_message_id) do nothing
                        """)
                        .param("id", id)
                        .param("agent", agentId)
                        .param("contact", contactId)
                        .param("channel", channelId)
                        .param("inbound", inboundMessageId)
                        .param("text", inboundText)
                        .param("at", Timestamp.from(receivedAt))
                        .param("due", Timestamp.from(dueAt))
                        .update()
                == 1;
    }

    /** Locks the row for the attempt and counts it; the first attempt records the pickup time. */
    Optional<Reply> startAttempt(UUID id) {
        return jdbc.sql("""
                        update agent_replies set attempts = attempts + 1, picked_up_at = coalesce(picked_up_at, now())
                        where id = :id and status = 'pending' returning\s""" + COLUMNS)
                .param("id", id)
                .query(ReplyRepository::map)
                .optional();
    }

    /** Whether the customer wrote again on that channel after this message, with its own reply still to come. */
    boolean newerPending(UUID contactId, UUID channelId, UUID inboundMessageId) {
        return jdbc.sql("""
                        select exists (select 1 from agent_replies where contact_id = :contact and channel_id = :channel
                            and inbound_message_id > :inbound and status = 'pending')
                        """)
                .param("contact", contactId)
                .param("channel", channelId)
                .param("inbound", inboundMessageId)
                .query(Boolean.class)
                .single();
    }

    /** The earlier unanswered messages this reply answers too (superseded while the agent waited). */
    List<UUID> supersede(UUID contactId, UUID channelId, UUID inboundMessageId) {
        return jdbc.sql("""
                        update agent_replies set status = 'skipped', reason = 'Answered together with a later message',
                            completed_at = now()
                        where contact_id = :contact and channel_id = :channel and inbound_message_id < :inbound
                            and status = 'pending' and picked_up_at is null
                        returning id
                        """)
                .param("contact", contactId)
                .param("channel", channelId)
                .param("inbound", inboundMessageId)
                .query(UUID.class)
                .list();
    }

    /** Ends a pending reply; false when it had already ended. */
    boolean finish(
            UUID id,
            String status,
            @Nullable String reason,
            @Nullable UUID replyMessageId,
            @Nullable String replyText,
            String toolCallsJson,
            @Nullable Integer inputTokens,
            @Nullable Integer outputTokens) {
        return jdbc.sql("""
                        update agent_replies set status = :status, reason = :reason, reply_message_id = :message,
                            reply_text = :text, tool_calls = cast(:tools as jsonb), input_tokens = :input,
                            output_tokens = :output, completed_at = now()
                        where id = :id and status = 'pending'
                        """)
                        .param("id", id)
                        .param("status", status)
                        .param("reason", reason == null ? null : truncate(reason, 500))
                        .param("message", replyMessageId)
                        .param("text", replyText)
                        .param("tools", toolCallsJson)
                        .param("input", inputTokens)
                        .param("output", outputTokens)
                        .update()
                == 1;
    }

    /** Newest first, keyset on id. */
    List<Reply> list(
            @Nullable UUID agentId,
            @Nullable UUID contactId,
            @Nullable String status,
            @Nullable UUID before,
            int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from agent_replies where true");
        List<Object> args = new ArrayList<>();
        if (agentId != null) {
            sql.append(" and agent_id = ?");
            args.add(agentId);
        }
        if (contactId != null) {
            sql.append(" and contact_id = ?");
            args.add(contactId);
        }
        if (status != null) {
            sql.append(" and status = ?");
            args.add(status);
        }
        if (before != null) {
            sql.append(" and id < ?");
            args.add(before);
        }
        sql.append(" order by id desc limit ?");
        args.add(limit);
        return jdbc.sql(sql.toString()).params(args).query(ReplyRepository::map).list();
    }

    /** Marks the conversation for a person; a later flag replaces the earlier reason. */
    void flag(UUID contactId, @Nullable UUID agentId, String reason) {
        jdbc.sql("""
                        insert into agent_handovers (tenant_id, contact_id, agent_id, reason)
                        values (current_tenant_id(), :contact, :agent, :reason)
                        on conflict (tenant_id, contact_id)
                        do update set agent_id = excluded.agent_id, reason = excluded.reason, flagged_at = now()
                        """)
                .param("contact", contactId)
                .param("agent", agentId)
                .param("reason", truncate(reason, 500))
                .update();
    }

    boolean unflag(UUID contactId) {
        return jdbc.sql("delete from agent_handovers where contact_id = :contact")
                        .param("contact", contactId)
                        .update()
                == 1;
    }

    Optional<Handover> handover(UUID contactId) {
        return jdbc.sql("select contact_id, agent_id, reason, flagged_at from agent_handovers where contact_id = :c")
                .param("c", contactId)
                .query((rs, n) -> new Handover(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .optional();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Reply map(ResultSet rs, int row) throws SQLException {
        return new Reply(
                rs.getObject("id", UUID.class),
                rs.getObject("agent_id", UUID.class),
                rs.getObject("contact_id", UUID.class),
                rs.getObject("channel_id", UUID.class),
                rs.getObject("inbound_message_id", UUID.class),
                rs.getString("inbound_text"),
                rs.getString("status"),
                rs.getString("reason"),
                rs.getObject("reply_message_id", UUID.class),
                rs.getString("reply_text"),
                rs.getString("tool_calls"),
                rs.getInt("attempts"),
                rs.getObject("input_tokens", Integer.class),
                rs.getObject("output_tokens", Integer.class),
                rs.getTimestamp("received_at").toInstant(),
                rs.getTimestamp("due_at").toInstant(),
                instant(rs, "picked_up_at"),
                instant(rs, "completed_at"));
    }
}
