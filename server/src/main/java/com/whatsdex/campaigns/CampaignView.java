package com.whatsdex.campaigns;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A campaign with its counters.
 *
 * @param templateId the template whose body is sent, or null with {@code body}
 * @param body the free body (variables and spintax allowed), or null with {@code templateId}
 * @param variants alternative bodies rotated across recipients with the main one (each recipient always gets the
 *     same one), each with exactly the main body's variables
 * @param scheduledAt when a started campaign begins sending; null = at once
 * @param failureThreshold the share of failed sends, in percent, above which the campaign pauses itself
 * @param ratePerSecond recipients processed per second since the campaign started
 * @param etaSeconds the time left at that rate, while running
 * @param nextSendAt when the dispatcher sends next, while it waits (a batch pause or the send window)
 */
public record CampaignView(
        UUID id,
        String name,
        CampaignStatus status,
        @Nullable String statusReason,
        @Nullable UUID templateId,
        @Nullable String body,
        List<String> variants,
        Audience audience,
        List<UUID> channelIds,
        @Nullable Instant scheduledAt,
        Pacing pacing,
        @Nullable Integer failureThreshold,
        Counts counts,
        double ratePerSecond,
        @Nullable Long etaSeconds,
        @Nullable Instant nextSendAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * Who receives the campaign: every contact ({@code all}), an audience's contacts ({@code audience}, with
     * {@code audienceId}), the contacts with any or all ({@code tagMatch}) of some tags ({@code tags}), or an
     * explicit list ({@code contacts}, with {@code contactIds}).
     */
    @Schema(name = "CampaignAudience")
    public record Audience(
            AudienceKind kind,
            @Nullable UUID audienceId,
            List<String> tags,
            TagMatch tagMatch,
            List<UUID> contactIds) {}

    public enum AudienceKind {
        all,
        audience,
        tags,
        contacts
    }

    @Schema(name = "CampaignTagMatch")
    public enum TagMatch {
        any,
        all
    }

    /**
     * Pacing on top of each channel's own rate limit.
     *
     * @param delayMinSeconds with {@code delayMaxSeconds}: a random wait between two sends
     * @param batchPauseEvery with the two minute bounds: after this many sends, a random pause
     * @param window sends only inside these days and hours
     */
    @Schema(name = "CampaignPacing")
    public record Pacing(
            @Nullable Integer delayMinSeconds,
            @Nullable Integer delayMaxSeconds,
            @Nullable Integer batchPauseEvery,
            @Nullable Integer batchPauseMinMinutes,
            @Nullable Integer batchPauseMaxMinutes,
            @Nullable SendWindow window) {

        public static Pacing none() {
            return new Pacing(null, null, null, null, null, null);
        }
    }

    /**
     * Days and hours a campaign may send in: from {@code startHour}:00 to {@code endHour}:00 (exclusive) in
     * {@code timeZone} (the workspace's when omitted).
     */
    @Schema(name = "CampaignSendWindow")
    public record SendWindow(List<DayOfWeek> days, int startHour, int endHour, String timeZone) {}

    /**
     * Recipients by state. {@code sent} counts messages the provider accepted that did not fail later;
     * {@code delivered} includes read ones; {@code failed} includes sends refused before leaving and messages that
     * failed after acceptance.
     */
    @Schema(name = "CampaignCounts")
    public record Counts(
            long total,
            long pending,
            long sending,
            long sent,
            long delivered,
            long read,
            long failed,
            long skipped,
            long unknown) {}
}
