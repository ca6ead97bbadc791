package com.whatsdex.campaigns.domain;

import com.whatsdex.campaigns.CampaignStatus;
import com.whatsdex.campaigns.CampaignView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A campaign row. */
record CampaignRecord(
        UUID id,
        String name,
        CampaignStatus status,
        @Nullable String statusReason,
        @Nullable UUID templateId,
        @Nullable String body,
        List<String> variants,
        CampaignView.Audience audience,
        List<UUID> channelIds,
        @Nullable Instant scheduledAt,
        CampaignView.Pacing pacing,
        @Nullable Integer failureThreshold,
        int total,
        boolean materialised,
        int channelCursor,
        int sendsSincePause,
        int retriedLateFailures,
        @Nullable Instant nextSendAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        Instant createdAt,
        Instant updatedAt) {

    /** What a user sets (create, edit, duplicate). */
    record Fields(
            String name,
            @Nullable UUID templateId,
            @Nullable String body,
            List<String> variants,
            CampaignView.Audience audience,
            List<UUID> channelIds,
            @Nullable Instant scheduledAt,
            CampaignView.Pacing pacing,
            @Nullable Integer failureThreshold) {}

    Fields fields() {
        return new Fields(
                name, templateId, body, variants, audience, channelIds, scheduledAt, pacing, failureThreshold);
    }
}
