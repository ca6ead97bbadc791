package com.whatsdex.channels.web;

import com.whatsdex.channels.ChannelProvider;
import com.whatsdex.channels.ChannelStatus;
import com.whatsdex.channels.ChannelView;
import com.whatsdex.channels.SandboxConfig;
import com.whatsdex.channels.domain.ChannelDetails;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A channel on the wire. Never a secret except {@code verifyToken}, which owners and admins must copy into Meta's
 * console (null for agents).
 */
@Schema(name = "Channel")
record ChannelResponse(
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
        @Nullable String verifyToken,
        boolean hasAccessToken,
        boolean hasAppSecret,
        Instant createdAt,
        Instant updatedAt) {

    /** Spring logs response bodies at TRACE: the verify token is for the person who asked, not for the log. */
    @Override
    public String toString() {
        return "ChannelResponse[id=" + id + ", name=" + name + ", provider=" + provider + ", status=" + status
                + ", verifyToken=" + (verifyToken == null ? null : "[redacted]") + "]";
    }

    static ChannelResponse of(ChannelDetails details) {
        ChannelView v = details.view();
        return new ChannelResponse(
                v.id(),
                v.name(),
                v.provider(),
                v.status(),
                v.statusReason(),
                v.phoneNumberId(),
                v.wabaId(),
                v.displayPhoneNumber(),
                v.graphBaseUrl(),
                v.ratePerSecond(),
                v.sandbox(),
                v.webhookUrl(),
                details.verifyToken(),
                v.hasAccessToken(),
                v.hasAppSecret(),
                v.createdAt(),
                v.updatedAt());
    }
}
