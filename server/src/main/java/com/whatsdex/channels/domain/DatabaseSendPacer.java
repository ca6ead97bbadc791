package com.whatsdex.channels.domain;

import com.whatsdex.channels.SendPacer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link SendPacer} on one PostgreSQL row per channel; each reservation is its own short transaction. */
@Component
class DatabaseSendPacer implements SendPacer {

    /**
     * Unused slots a channel may make up after a pause: none. A campaign's dispatcher keeps its next batch's slots
     * reserved while the current one sends (its lanes), so its channels are not left idle between batches; made-up
     * slots went out in a burst that a provider limiting every sliding second (Meta: 130429) refused.
     */
    static final long CATCH_UP_MICROS = 0;

    private final SendSlotRepository slots;
    private final TransactionTemplate ownTransaction;

    DatabaseSendPacer(SendSlotRepository slots, PlatformTransactionManager transactions) {
        this.slots = slots;
        // never inside the caller's transaction: the row lock must be released at once, not when a send commits
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public Map<UUID, Duration> reserveAll(List<Reservation> reservations) {
        Map<UUID, Duration> waits = new HashMap<>();
        List<Reservation> paced = new ArrayList<>();
        for (Reservation r : reservations) {
            if (r.ratePerSecond() <= 0 || r.count() <= 0) {
                waits.put(r.channelId(), Duration.ZERO);
            } else {
                paced.add(r);
            }
        }
        if (!paced.isEmpty()) {
            paced.sort(Comparator.comparing(Reservation::channelId));
            ownTransaction.executeWithoutResult(s -> {
                for (Reservation r : paced) {
                    long spanMicros = r.count() * SendPacer.intervalNanos(r.ratePerSecond()) / 1_000;
                    waits.put(
                            r.channelId(),
                            Duration.ofNanos(slots.reserve(r.channelId(), spanMicros, CATCH_UP_MICROS) * 1_000));
                }
            });
        }
        return waits;
    }

    @Override
    public Duration reserve(UUID channelId, int ratePerSecond, int count) {
        if (ratePerSecond <= 0 || count <= 0) {
            return Duration.ZERO;
        }
        long spanMicros = count * SendPacer.intervalNanos(ratePerSecond) / 1_000;
        Long waitMicros = ownTransaction.execute(s -> slots.reserve(channelId, spanMicros, CATCH_UP_MICROS));
        return Duration.ofNanos((waitMicros == null ? 0 : waitMicros) * 1_000);
    }
}
