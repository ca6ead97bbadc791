package com.whatsdex.channels;

import java.util.UUID;

/**
 * What the outbound pipeline needs to call the Graph API for a channel (sandbox channels included: the sandbox
 * speaks the same API on loopback). Holds a plaintext token: keep it in memory only, never log or store it.
 */
public record ChannelCredentials(
        UUID channelId,
        ChannelProvider provider,
        String graphBaseUrl,
        String phoneNumberId,
        String accessToken,
        int ratePerSecond) {

    @Override
    public String toString() {
        return "ChannelCredentials[channelId=" + channelId + ", provider=" + provider + ", graphBaseUrl=" + graphBaseUrl
                + ", phoneNumberId=" + phoneNumberId + ", ratePerSecond=" + ratePerSecond + "]";
    }
}
