package com.whatsdex.messaging.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * A message's status with its rank: an update moves a message only to a higher rank. {@code failed} is terminal and
 * ranks apart: it applies only before the message was delivered (a message the phone has is not failed).
 */
public enum DeliveryStatus {
    received(-1),
    queued(0),
    sending(1),
    /** A send interrupted after it may have left; a later webhook can still tell what happened. */
    unknown(1),
    /** Meta (or the sandbox) returned a wamid; the {@code sent} webhook comes next. */
    accepted(2),
    sent(3),
    delivered(4),
    read(5),
    failed(Integer.MAX_VALUE);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** The statuses Meta's webhooks report; anything else (e.g. {@code deleted}, {@code warning}) is ignored. */
    public static Optional<DeliveryStatus> fromWebhook(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "sent" -> Optional.of(sent);
            case "delivered" -> Optional.of(delivered);
            case "read" -> Optional.of(read);
            case "failed" -> Optional.of(failed);
            default -> Optional.empty();
        };
    }
}
