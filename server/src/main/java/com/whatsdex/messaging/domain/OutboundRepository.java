package com.whatsdex.messaging.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The outbound pipeline's writes to the messages table; every state change guards on the state it leaves. */
@Repository
class OutboundRepository {

    /** What is needed to send a stored message (again). */
    record Outgoing(
            UUID id,
            UUID channelId,
            UUID contactId,
            String type,
            @Nullable String body,
            @Nullable String templateName,
            @Nullable String templateLanguage,
            List<String> templateParameters,
            @Nullable String mediaLink,
            @Nullable String mediaCaption,
            @Nullable String mediaFilename,
            int attempts) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    OutboundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UUID> findByClientKey(String clientKey) {
        return jdbc.sql("select id from messages where client_key = :key")
                .param("key", clientKey)
                .query(UUID.class)
                .optional();
    }

    /** Stored already as {@code sending}: from here a crash leaves a row the recovery sweep marks unknown. */
    void insertSending(Outgoing m, @Nullable String clientKey, @Nullable UUID campaignId, String origin) {
        jdbc.sql("""
                insert into messages (tenant_id, id, channel_id, contact_id, direction, type, body, template_name,
                    template_language, template_parameters, media_link, media_caption, media_filename, status,
                    attempts, client_key, campaign_id, origin)
                values (current_tenant_id(), :id, :channel, :contact, 'out', :type, :body, :templateName,
                    :templateLanguage, cast(:templateParameters as jsonb), :mediaLink, :caption, :filename,
                    'sending', 1, :clientKey, :campaign, :origin)
                """)
                .param("id", m.id())
                .param("channel", m.channelId())
                .param("contact", m.contactId())
                .param("type", m.type())
                .param("body", m.body())
                .param("templateName", m.templateName())
                .param("templateLanguage", m.templateLanguage())
                .param(
                        "templateParameters",
                        m.templateName() == null ? null : JSON.writeValueAsString(m.templateParameters()))
                .param("mediaLink", m.mediaLink())
                .param("caption", m.mediaCaption())
                .param("filename", m.mediaFilename())
                .param("clientKey", clientKey)
                .param("campaign", campaignId)
                .param("origin", origin)
                .update();
    }

    boolean markAccepted(UUID id, String wamid) {
        return jdbc.sql("""
                        update messages set status = 'accepted', wamid = nullif(:wamid, ''), updated_at = now()
                        where id = :id and status = 'sending'
                        """).param("id", id).param("wamid", wamid).update() == 1;
    }

    boolean markQueued(UUID id, String errorCode, String errorTitle, @Nullable String detail) {
        return jdbc.sql("""
                        update messages set status = 'queued', error_code = :code, error_title = :title,
                            error_detail = :detail, updated_at = now()
                        where id = :id and status = 'sending'
                        """)
                        .param("id", id)
                        .param("code", errorCode)
                        .param("title", errorTitle)
                        .param("detail", detail)
                        .update()
                == 1;
    }

    boolean markFailed(UUID id, String errorCode, String errorTitle, @Nullable String detail) {
        return jdbc.sql("""
                        update messages set status = 'failed', error_code = :code, error_title = :title,
                            error_detail = :detail, failed_at = now(), updated_at = now()
                        where id = :id and status in ('sending', 'queued')
                        """)
                        .param("id", id)
                        .param("code", errorCode)
                        .param("title", errorTitle)
                        .param("detail", detail)
                        .update()
                == 1;
    }

    boolean markUnknown(UUID id, String reason) {
        return jdbc.sql("""
                        update messages set status = 'unknown', error_title = :reason, updated_at = now()
                        where id = :id and status = 'sending'
                        """).param("id", id).param("reason", reason).update() == 1;
    }

    /** Takes a queued message back to {@code sending} for another attempt; empty when it is no longer queued. */
    Optional<Outgoing> claimForRetry(UUID id) {
        return jdbc.sql("""
                update messages set status = 'sending', attempts = attempts + 1, updated_at = now()
                where id = :id and status = 'queued'
                returning id, channel_id, contact_id, type, body, template_name, template_language,
                    template_parameters::text as template_parameters, media_link, media_caption, media_filename,
                    attempts
                """)
                .param("id", id)
                .query((rs, n) -> new Outgoing(
                        rs.getObject("id", UUID.class),
                        rs.getObject("channel_id", UUID.class),
                        rs.getObject("contact_id", UUID.class),
                        rs.getString("type"),
                        rs.getString("body"),
                        rs.getString("template_name"),
                        rs.getString("template_language"),
                        parameters(rs.getString("template_parameters")),
                        rs.getString("media_link"),
                        rs.getString("media_caption"),
                        rs.getString("media_filename"),
                        rs.getInt("attempts")))
                .optional();
    }

    /** Sends interrupted by a crash: they may have left, so they become unknown, never resent automatically. */
    int markStaleSendingUnknown(int olderThanSeconds) {
        return jdbc.sql("""
                update messages set status = 'unknown', updated_at = now(),
                    error_title = 'Interrupted while sending; it may or may not have been delivered'
                where status = 'sending' and updated_at < now() - make_interval(secs => :seconds)
                """).param("seconds", olderThanSeconds).update();
    }

    @SuppressWarnings("unchecked")
    private static List<String> parameters(@Nullable String json) {
        return json == null ? List.of() : JSON.readValue(json, List.class);
    }
}
