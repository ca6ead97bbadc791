package com.whatsdex.channels;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A channel as other modules and the API see it: never a secret, only whether one is set.
 *
 * @param graphBaseUrl where the Graph API is reached, e.g. {@code https://graph.facebook.com/v21.0}
 * @param webhookUrl what to paste into Meta's console as the callback URL
 * @param sandbox the simulated phones' behaviour; null for Cloud API channels
 */
public record ChannelView(
        UUID id,
        String name,
        ChannelProvider provider,
        ChannelStatus status,
        @Nullable String statusReason,
        String phoneNumberId,
        @Nullable String wabaId,
        @Nullable String displayPhoneNumber,
        String graphBaseUrl,
        int ratePerSecond,
        @Nullable SandboxConfig sandbox,
        String webhookUrl,
        boolean hasAccessToken,
        boolean hasAppSecret,
        Instant createdAt,
        Instant updatedAt) {}
