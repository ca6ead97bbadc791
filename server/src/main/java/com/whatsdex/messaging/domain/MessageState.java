package com.whatsdex.messaging.domain;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The delivery state of an outbound message: what status webhooks change. */
public record MessageState(
        UUID id,
        UUID contactId,
        UUID channelId,
        DeliveryStatus status,
        @Nullable Instant sentAt,
        @Nullable Instant deliveredAt,
        @Nullable Instant readAt,
        @Nullable Instant failedAt,
        @Nullable String errorCode,
        @Nullable String errorTitle,
        @Nullable String errorDetail) {

    /**
     * The state after {@code update}, forward only: a lower or equal rank changes nothing; {@code read} implies
     * {@code delivered} and {@code sent} (Meta may skip them); {@code failed} is terminal and ignored once the
     * message was delivered or read.
     */
    public MessageState apply(StatusUpdate update) {
        if (status == DeliveryStatus.failed || status == DeliveryStatus.received) {
            return this;
        }
        Instant at = update.timestamp();
        if (update.status() == DeliveryStatus.failed) {
            if (status.rank() >= DeliveryStatus.delivered.rank()) {
                return this;
            }
            return new MessageState(
                    id,
                    contactId,
                    channelId,
                    DeliveryStatus.failed,
                    sentAt,
                    deliveredAt,
                    readAt,
                    at,
                    update.errorCode(),
                    update.errorTitle(),
                    update.errorDetail());
        }
        if (update.status().rank() <= status.rank()) {
            return this;
        }
        int rank = update.status().rank();
        return new MessageState(
                id,
                contactId,
                channelId,
                update.status(),
                sentAt == null && rank >= DeliveryStatus.sent.rank() ? at : sentAt,
                deliveredAt == null && rank >= DeliveryStatus.delivered.rank() ? at : deliveredAt,
                readAt == null && rank >= DeliveryStatus.read.rank() ? at : readAt,
                failedAt,
                errorCode,
                errorTitle,
                errorDetail);
    }
}
