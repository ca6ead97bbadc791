package com.whatsdex.messaging;

import java.util.UUID;

/**
 * Whether a campaign's message may leave now, asked by the outbound pipeline just before each provider call (after
 * the message waited for its channel's slot) and before each retry. Lets a pause or a cancel take effect within one
 * send, and keeps messages queued for a retry from going out while their campaign is paused or after it ended.
 * Implemented by the campaigns module; without an implementation every message may leave. Runs as the message's
 * workspace.
 */
public interface CampaignGate {

    /** What to do with a campaign's message that is about to leave. */
    enum Decision {
        /** Send it. */
        send,
        /** Not now (the campaign is paused): keep it queued and ask again a little later. */
        hold,
        /** Never (the campaign was cancelled or deleted): it fails as withdrawn, nothing sent. */
        withdraw
    }

    Decision decide(UUID campaignId);
}
