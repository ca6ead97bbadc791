package com.whatsdex.messaging.domain;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** A message to store as {@code sending}, with what identifies where it came from. */
    record NewSend(
            Outgoing message,
            @Nullable String clientKey,
            @Nullable UUID campaignId,
            String origin) {}

    Map<String, UUID> findByClientKeys(Collection<String> clientKeys) {
        Map<String, UUID> found = new HashMap<>();
        jdbc.sql("select client_key, id from messages where client_key = any(:keys)")
                .param("keys", clientKeys.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString("client_key"), rs.getObject("id", UUID.class));
                });
        return found;
    }

    /**
     * Stores the messages as {@code sending} in one statement. A client key that is already taken (a concurrent
     * request with the same key won) skips its row.
     *
     * @return the ids inserted
     */
    Set<UUID> insertSendingAll(List<NewSend> sends) {
        int n = sends.size();
        String[] ids = new String[n], channels = new String[n], contacts = new String[n], types = new String[n];
        String[] bodies = new String[n], names = new String[n], languages = new String[n], parameters = new String[n];
        String[] links = new String[n], captions = new String[n], filenames = new String[n], keys = new String[n];
        String[] campaigns = new String[n], origins = new String[n];
        for (int i = 0; i < n; i++) {
            NewSend s = sends.get(i);
            Outgoing m = s.message();
            ids[i] = m.id().toString();
            channels[i] = m.channelId().toString();
            contacts[i] = m.contactId().toString();
            types[i] = m.type();
            bodies[i] = m.body();
            names[i] = m.templateName();
            languages[i] = m.templateLanguage();
            parameters[i] = m.templateName() == null ? null : JSON.writeValueAsString(m.templateParameters());
            links[i] = m.mediaLink();
            captions[i] = m.mediaCaption();
            filenames[i] = m.mediaFilename();
            keys[i] = s.clientKey();
            campaigns[i] = s.campaignId() == null ? null : s.campaignId().toString();
            origins[i] = s.origin();
        }
        Set<UUID> inserted = new HashSet<>();
        jdbc.sql("""
                        insert into messages (tenant_id, id, channel_id, contact_id, direction, type, body, template_name,
                            template_language, template_parameters, media_link, media_caption, media_filename, status,
                            attempts, client_key, campaign_id, origin)
                        select current_tenant_id(), cast(t.id as uuid), cast(t.channel as uuid), cast(t.contact as uuid),
                            'out', t.type, t.body, t.name, t.language, cast(t.parameters as jsonb), t.link, t.caption,
                            t.filename, 'sending', 1, t.client_key, cast(t.campaign as uuid), t.origin
                        from unnest(:ids, :channels, :contacts, :types, :bodies, :names, :languages, :parameters,
                                    :links, :captions, :filenames, :keys, :campaigns, :origins)
                            as t (id, channel, contact, type, body, name, language, parameters, link, caption,
                                  filename, client_key, campaign, origin)
                        on conflict (tenant_id, client_key) where client_key is not null do nothing
                        returning id
                        """)
                .param("ids", ids)
                .param("channels", channels)
                .param("contacts", contacts)
                .param("types", types)
                .param("bodies", bodies)
                .param("names", names)
                .param("languages", languages)
                .param("parameters", parameters)
                .param("links", links)
                .param("captions", captions)
                .param("filenames", filenames)
                .param("keys", keys)
                .param("campaigns", campaigns)
                .param("origins", origins)
                .query(rs -> {
                    inserted.add(rs.getObject("id", UUID.class));
                });
        return inserted;
    }

    /** Records the provider's wamids of accepted sends in one statement. */
    int markAcceptedAll(List<UUID> ids, List<String> wamids) {
        return jdbc.sql("""
                        update messages m set status = 'accepted', wamid = nullif(t.wamid, ''), updated_at = now()
                        from unnest(cast(:ids as uuid[]), cast(:wamids as text[])) as t (id, wamid)
                        where m.id = t.id and m.status = 'sending'
                        """)
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .param("wamids", wamids.toArray(String[]::new))
                .update();
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
    /** A message waiting in the queue for its retry, and its campaign if it has one. */
    record Queued(UUID id, @Nullable UUID campaignId) {}

    Optional<Queued> findQueued(UUID id) {
        return jdbc.sql("select id, campaign_id from messages where id = :id and status = 'queued'")
                .param("id", id)
                .query((rs, n) -> new Queued(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .optional();
    }

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
