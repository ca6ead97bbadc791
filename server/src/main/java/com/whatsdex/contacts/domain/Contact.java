package com.whatsdex.contacts.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A contact with everything the dashboard shows.
 *
 * @param phone E.164 with {@code +}, unique in the workspace
 * @param rawPhone the phone as it was typed or imported
 * @param attributes custom key/value fields (from imports or edits)
 * @param lastChannelId the channel of the most recent inbound or outbound message
 */
public record Contact(
        UUID id,
        @Nullable String name,
        String phone,
        @Nullable String rawPhone,
        @Nullable String email,
        List<String> tags,
        Map<String, String> attributes,
        boolean optedOut,
        @Nullable Instant optedOutAt,
        @Nullable UUID lastChannelId,
        @Nullable Instant lastInteractionAt,
        @Nullable Instant lastInboundAt,
        Instant createdAt,
        Instant updatedAt) {}
