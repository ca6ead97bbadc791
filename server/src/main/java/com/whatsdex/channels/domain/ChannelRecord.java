package com.whatsdex.channels.domain;

import com.whatsdex.channels.ChannelProvider;
import com.whatsdex.channels.ChannelStatus;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code channels}, secrets still sealed. */
record ChannelRecord(
        UUID tenantId,
        UUID id,
        String name,
        ChannelProvider provider,
        ChannelStatus status,
        @Nullable String statusReason,
        String phoneNumberId,
        @Nullable String wabaId,
        @Nullable String displayPhoneNumber,
        String graphBaseUrl,
        @Nullable String sealedAccessToken,
        @Nullable String sealedAppSecret,
        String sealedVerifyToken,
        int ratePerSecond,
        String settingsJson,
        Instant createdAt,
        Instant updatedAt) {

    @Override
    public String toString() {
        return "ChannelRecord[id=" + id + ", provider=" + provider + ", status=" + status + "]";
    }
}
