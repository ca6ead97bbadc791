package com.whatsdex.campaigns.domain;

import com.whatsdex.campaigns.CampaignStatus;
import com.whatsdex.messaging.CampaignGate;
import com.whatsdex.shared.TenantContext;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the outbound pipeline, just before each campaign message leaves, whether its campaign still wants it: a
 * paused campaign holds it, a cancelled or deleted one withdraws it. The campaign's status is read by primary key
 * and remembered for {@link #FRESH}, so a batch asks the database a few times, not once per message, and a pause
 * made on any instance stops sends here within that time plus one send.
 */
@Component
class CampaignSendGate implements CampaignGate {

    static final Duration FRESH = Duration.ofMillis(50);

    /** A campaign's decision as read at {@code atNanos}; incomplete while that read is in flight. */
    private record Seen(CompletableFuture<Decision> decision, long atNanos) {}

    private final CampaignRepository campaigns;
    private final TransactionTemplate tx;
    private final Map<UUID, Seen> seen = new ConcurrentHashMap<>();

    CampaignSendGate(CampaignRepository campaigns, PlatformTransactionManager txManager) {
        this.campaigns = campaigns;
        this.tx = new TransactionTemplate(txManager);
    }

    /**
     * The remembered decision while it is fresh; otherwise one caller reads it and the others asking meanwhile wait
     * for that read (a batch's sends all reach their slots at once on an unpaced channel: one read, not fifty).
     */
    @Override
    public Decision decide(UUID campaignId) {
        TenantContext.requireTenantId();
        long now = System.nanoTime();
        Seen last = seen.get(campaignId);
        if (last == null || now - last.atNanos() >= FRESH.toNanos()) {
            if (seen.size() > 10_000) {
                seen.clear(); // campaigns come and go: never let the memory grow
            }
            Seen mine = new Seen(new CompletableFuture<>(), now);
            Seen current = seen.compute(campaignId, (id, old) -> old == last ? mine : old);
            if (current == mine) {
                try {
                    mine.decision()
                            .complete(Objects.requireNonNull(tx.execute(s -> campaigns
                                    .find(campaignId)
                                    .map(c -> decisionFor(c.status()))
                                    .orElse(Decision.withdraw))));
                } catch (RuntimeException e) {
                    seen.remove(campaignId, mine); // the next caller reads again
                    mine.decision().completeExceptionally(e);
                    throw e;
                }
            }
            return join(Objects.requireNonNull(current));
        }
        return join(last);
    }

    private static Decision join(Seen seen) {
        try {
            return seen.decision().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    static Decision decisionFor(CampaignStatus status) {
        return switch (status) {
            case paused -> Decision.hold;
            case cancelled -> Decision.withdraw;
            default -> Decision.send; // running, or ended while its last sends were queued for a retry
        };
    }
}
