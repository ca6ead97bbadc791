package com.whatsdex.messaging;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A customer's message was stored (published once per message, in the transaction that stored it, so a listener
 * that writes in that transaction commits or rolls back with the message; redeliveries publish nothing).
 *
 * @param type WhatsApp's message type: {@code text}, {@code image}, {@code interactive} …
 * @param text the text a person wrote: the body of a text, a media caption, an interactive reply's title
 */
public record InboundMessageReceived(
        UUID tenantId,
        UUID messageId,
        UUID contactId,
        UUID channelId,
        String type,
        @Nullable String text,
        Instant receivedAt) {}
