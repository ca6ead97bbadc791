package com.whatsdex.channels;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What other modules may ask of channels. Unless a method says otherwise it runs as the workspace in the current
 * {@code TenantContext}, so another workspace's channel is never found.
 */
public interface ChannelsApi {

    /**
     * The workspace a channel belongs to, without any workspace in context: the webhook endpoint has no session
     * and learns the workspace from the channel id in its path.
     */
    Optional<UUID> workspaceOf(UUID channelId);

    /**
     * Whether {@code signatureHeader} ({@code X-Hub-Signature-256: sha256=<lowercase hex>}) is the HMAC-SHA256 of
     * the raw request body under the channel's app secret, compared in constant time. Needs no workspace in
     * context: it looks the channel's workspace up itself. False for an unknown channel, a channel without an app
     * secret, and a missing or malformed header. Call it outside any transaction (before storing anything): inside
     * one, its reads would join a transaction set up for another workspace, or none.
     */
    boolean verifySignature(UUID channelId, byte[] rawBody, @Nullable String signatureHeader);

    /**
     * Every workspace with at least one channel, for platform sweeps that then run as each workspace. Needs no
     * workspace in context.
     */
    List<UUID> workspacesWithChannels();

    /** @throws com.whatsdex.shared.ApiException not_found when the workspace has no such channel */
    ChannelView get(UUID channelId);

    /** The workspace's channels, oldest first. */
    List<ChannelView> list();

    /**
     * The decrypted send credentials of a channel.
     *
     * @throws com.whatsdex.shared.ApiException not_found when the workspace has no such channel, invalid_state when
     *     it has no access token
     */
    ChannelCredentials credentials(UUID channelId);

    /**
     * Recreates a channel from a backup under a new id (channel ids route webhooks, so they are never reused): a
     * sandbox channel gets a fresh sandbox number and works at once; a Cloud API channel is stored disconnected and
     * waits for its access token and app secret, which backups never hold.
     *
     * @return the new channel's id
     */
    UUID restore(
            String name,
            ChannelProvider provider,
            String phoneNumberId,
            @Nullable String wabaId,
            @Nullable String graphBaseUrl,
            int ratePerSecond);
}
