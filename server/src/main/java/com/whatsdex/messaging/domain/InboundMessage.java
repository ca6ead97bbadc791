package com.whatsdex.messaging.domain;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One message a customer sent, as parsed from a webhook, with the fields of its type.
 *
 * @param phone the sender in E.164 with {@code +}
 * @param location the location object as JSON, for {@code location} messages
 */
public record InboundMessage(
        String wamid,
        String phone,
        @Nullable String profileName,
        String type,
        @Nullable String body,
        @Nullable String mediaId,
        @Nullable String mediaMime,
        @Nullable String mediaSha256,
        @Nullable String mediaCaption,
        @Nullable String mediaFilename,
        @Nullable String location,
        @Nullable String replyId,
        @Nullable String replyTitle,
        Instant timestamp) {

    /** The types whose file the media worker downloads. */
    static final Set<String> DOWNLOADED_MEDIA = Set.of("image", "document", "audio", "video");

    boolean hasDownloadableMedia() {
        return mediaId != null && DOWNLOADED_MEDIA.contains(type);
    }
}
