package com.whatsdex.messaging;

import com.whatsdex.shared.ApiException;
import org.jspecify.annotations.Nullable;

/**
 * What became of one request of a batch: its stored message, or why it was refused before anything was stored or
 * sent (the same errors {@link OutboundMessages#send} throws).
 */
public record OutboundResult(
        @Nullable MessageView message, @Nullable ApiException error) {

    public static OutboundResult of(MessageView message) {
        return new OutboundResult(message, null);
    }

    public static OutboundResult refused(ApiException error) {
        return new OutboundResult(null, error);
    }
}
