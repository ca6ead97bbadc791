package com.whatsdex.campaigns.domain;

import com.whatsdex.campaigns.CampaignStatus;
import com.whatsdex.messaging.CampaignGate;
import com.whatsdex.shared.TenantContext;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
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

    private record Seen(Decision decision, long atNanos) {}

    private final CampaignRepository campaigns;
    private final TransactionTemplate tx;
    private final Map<UUID, Seen> seen = new ConcurrentHashMap<>();

    CampaignSendGate(CampaignRepository campaigns, PlatformTransactionManager txManager) {
        this.campaigns = campaigns;
        this.tx = new TransactionTemplate(txManager);
    }

    @Override
    public Decision decide(UUID campaignId) {
        long now = System.nanoTime();
        Seen last = seen.get(campaignId);
        if (last != null && now - last.atNanos() < FRESH.toNanos()) {
            return last.decision();
        }
        TenantContext.requireTenantId();
        Decision decision = Objects.requireNonNull(tx.execute(s ->
                campaigns.find(campaignId).map(c -> decisionFor(c.status())).orElse(Decision.withdraw)));
        if (seen.size() > 10_000) {
            seen.clear(); // campaigns come and go: never let the memory grow
        }
        seen.put(campaignId, new Seen(decision, now));
        return decision;
    }

    static Decision decisionFor(CampaignStatus status) {
        return switch (status) {
            case paused -> Decision.hold;
            case cancelled -> Decision.withdraw;
            default -> Decision.send; // running, or ended while its last sends were queued for a retry
        };
    }
}
