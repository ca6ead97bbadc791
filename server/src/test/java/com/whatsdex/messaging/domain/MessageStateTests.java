package com.whatsdex.messaging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageStateTests {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static MessageState state(DeliveryStatus status) {
        return new MessageState(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                status,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static StatusUpdate update(DeliveryStatus status, int second) {
        return new StatusUpdate("wamid.x", status, T0.plusSeconds(second), null, null, null);
    }

    @Test
    void movesForwardThroughSentDeliveredRead() {
        MessageState s = state(DeliveryStatus.sending)
                .apply(update(DeliveryStatus.sent, 1))
                .apply(update(DeliveryStatus.delivered, 2))
                .apply(update(DeliveryStatus.read, 3));

        assertThat(s.status()).isEqualTo(DeliveryStatus.read);
        assertThat(s.sentAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(s.deliveredAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(s.readAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void readImpliesDeliveredAndALateDeliveredChangesNothing() {
        MessageState read = state(DeliveryStatus.sent).apply(update(DeliveryStatus.read, 5));
        assertThat(read.status()).isEqualTo(DeliveryStatus.read);
        assertThat(read.deliveredAt()).isEqualTo(T0.plusSeconds(5));

        assertThat(read.apply(update(DeliveryStatus.delivered, 4))).isEqualTo(read);
        assertThat(read.apply(update(DeliveryStatus.sent, 3))).isEqualTo(read);
    }

    @Test
    void failedRecordsTheErrorAndIsTerminal() {
        MessageState failed = state(DeliveryStatus.sent)
                .apply(new StatusUpdate("wamid.x", DeliveryStatus.failed, T0, "131047", "Re-engagement", "24 h"));

        assertThat(failed.status()).isEqualTo(DeliveryStatus.failed);
        assertThat(failed.failedAt()).isEqualTo(T0);
        assertThat(failed.errorCode()).isEqualTo("131047");
        assertThat(failed.errorTitle()).isEqualTo("Re-engagement");
        assertThat(failed.errorDetail()).isEqualTo("24 h");
        assertThat(failed.apply(update(DeliveryStatus.delivered, 9))).isEqualTo(failed);
        assertThat(failed.apply(update(DeliveryStatus.read, 9))).isEqualTo(failed);
    }

    @Test
    void failedAfterDeliveryIsIgnored() {
        MessageState delivered = state(DeliveryStatus.sent).apply(update(DeliveryStatus.delivered, 1));
        assertThat(delivered.apply(new StatusUpdate("wamid.x", DeliveryStatus.failed, T0, "1", "x", null)))
                .isEqualTo(delivered);
    }

    @Test
    void inboundMessagesHaveNoDeliveryStatus() {
        MessageState received = state(DeliveryStatus.received);
        assertThat(received.apply(update(DeliveryStatus.read, 1))).isEqualTo(received);
    }
}
