package com.whatsdex.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message as the dashboard and other modules see it: never the media bytes (fetch those from
 * {@code GET /api/v1/messages/{id}/media} when {@code media.stored} is true).
 *
 * @param direction {@code in} (a customer wrote) or {@code out}
 * @param origin who sent an outbound message: {@code api}, {@code inbox} (a person), {@code campaign} or
 *     {@code agent} (an AI agent); null for inbound
 * @param status {@code received} for inbound; {@code queued}, {@code sending}, {@code sent}, {@code delivered},
 *     {@code read} or {@code failed} for outbound
 */
public record MessageView(
        UUID id,
        UUID channelId,
        UUID contactId,
        String direction,
        String type,
        String status,
        @Nullable String wamid,
        @Nullable String body,
        @Nullable Media media,
        @Nullable Template template,
        @Nullable Location location,
        @Nullable String replyId,
        @Nullable String replyTitle,
        @Nullable String errorCode,
        @Nullable String errorTitle,
        @Nullable String errorDetail,
        @Nullable UUID campaignId,
        @Nullable String origin,
        @Nullable Instant providerTimestamp,
        Instant createdAt,
        @Nullable Instant sentAt,
        @Nullable Instant deliveredAt,
        @Nullable Instant readAt,
        @Nullable Instant failedAt) {

    /**
     * @param link the public URL an outbound media message was sent from
     * @param stored whether the file is in the media store (the media worker downloads it shortly after receipt)
     * @param error why the file is not stored, worded for a person ("Not stored: the server's disk was full");
     *     set only when the download failed for good, not while it is being retried
     */
    public record Media(
            @Nullable String link,
            @Nullable String mimeType,
            @Nullable String caption,
            @Nullable String filename,
            @Nullable Long sizeBytes,
            boolean stored,
            @Nullable String error) {}

    /** A Meta template message as it was sent. */
    public record Template(String name, @Nullable String language, List<String> parameters) {}

    public record Location(
            @Nullable Double latitude,
            @Nullable Double longitude,
            @Nullable String name,
            @Nullable String address) {}
}
