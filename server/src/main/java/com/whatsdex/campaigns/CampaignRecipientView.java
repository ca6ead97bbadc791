package com.whatsdex.campaigns;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One recipient of a campaign.
 *
 * @param status {@code pending}, {@code sending}, {@code sent}, {@code delivered}, {@code read}, {@code failed},
 *     {@code skipped} or {@code unknown} (in flight at a crash: maybe sent, never resent automatically)
 * @param reason why it was skipped ({@code opted_out}, {@code duplicate}) or failed
 * @param attempt 1, then one more per "retry failed" that sent it again
 */
public record CampaignRecipientView(
        UUID id,
        UUID contactId,
        String phone,
        String status,
        @Nullable String reason,
        int attempt,
        @Nullable UUID channelId,
        @Nullable UUID messageId,
        Instant updatedAt) {}
