package com.whatsdex.contacts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What other modules need to know of a contact.
 *
 * @param phone E.164 with {@code +}
 * @param lastChannelId the channel of the most recent inbound or outbound message, null before the first
 * @param lastInboundAt when the contact last wrote (opens WhatsApp's 24-hour window), null if never
 */
public record ContactRef(
        UUID id,
        String phone,
        @Nullable String name,
        boolean optedOut,
        @Nullable UUID lastChannelId,
        @Nullable Instant lastInboundAt) {}
