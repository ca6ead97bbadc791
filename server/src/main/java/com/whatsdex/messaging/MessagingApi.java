package com.whatsdex.messaging;

import com.whatsdex.shared.PageResponse;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What other modules may ask of messaging. Methods run as the workspace in the current {@code TenantContext} and
 * join the caller's transaction when there is one.
 */
public interface MessagingApi {

    /**
     * Applies the delivery statuses that arrived for these wamids before their messages recorded them (a fast status
     * webhook can beat the outbound pipeline storing the wamid Meta just returned), then forgets them. Call it right
     * after recording wamids, in the same transaction.
     *
     * @return how many waiting statuses there were
     */
    int applyBacklog(UUID channelId, Collection<String> wamids);

    /** The workspace's messages with these ids, in the order asked; ids it does not have are left out. */
    List<MessageView> getAll(List<UUID> messageIds);

    /** @throws com.whatsdex.shared.ApiException not_found when the workspace has no such message */
    MessageView get(UUID messageId);

    /**
     * The ids of the workspace's messages sent with these client keys, keyed by client key; keys nothing was stored
     * for are absent (nothing was sent with them).
     */
    java.util.Map<String, UUID> idsByClientKeys(Collection<String> clientKeys);

    /**
     * How a campaign's messages fared after the provider accepted them, counted over the campaign's own messages
     * (the {@code messages_campaign_idx} range), never a scan of the messages table.
     */
    CampaignMessageCounts campaignCounts(UUID campaignId);

    /**
     * A contact's messages of every channel, newest first, in keyset pages (the inbox's thread).
     *
     * @param cursor from the previous page's {@code nextCursor}, or null for the newest
     */
    PageResponse<MessageView> thread(UUID contactId, @Nullable Integer limit, @Nullable String cursor);

    /** The workspace's newest messages (any channel, any contact), newest first: a top-N of the primary key. */
    List<MessageView> recent(int limit);

    /**
     * The contacts whose own conversation (inbound messages and replies; campaign broadcasts left out) contains
     * {@code text}, case-insensitively, the most recently active first. Reads only the newest
     * {@value #TEXT_SEARCH_DEPTH} such messages of the workspace, so its cost is bounded whatever the history.
     */
    List<UUID> contactsMentioning(String text, int limit);

    /** How many of the newest conversation messages {@link #contactsMentioning} reads. */
    int TEXT_SEARCH_DEPTH = 50_000;

    /** The stored media file of a message of the workspace, if this server holds one (backups read it). */
    java.util.Optional<java.nio.file.Path> mediaFile(UUID messageId);

    /** Stores a message's media file from a backup and records it on the message. */
    void restoreMedia(UUID messageId, java.io.InputStream content) throws java.io.IOException;

    /**
     * When a person last answered the contact from the inbox (agents hand a conversation over to a human for a
     * while after that); empty if nobody did recently.
     */
    java.util.Optional<java.time.Instant> lastInboxReplyAt(UUID contactId);

    /**
     * The campaign's messages that failed after their recipient was recorded as sent, oldest first: accepted by the
     * provider and then failed (a status webhook), or queued for a retry that failed in the end.
     */
    List<UUID> lateFailedCampaignMessages(UUID campaignId);

    /** How many of the campaign's messages {@link #lateFailedCampaignMessages} would list; reads failed ones only. */
    long lateFailedCampaignCount(UUID campaignId);

    /**
     * @param delivered delivered or read
     * @param read read
     * @param lateFailed failed after being handed on: accepted by the provider, then failed (a status webhook), or
     *     queued for a retry (the provider refused for a while) that failed in the end
     * @param retrying queued for a retry after the provider refused for a while (throughput), or being retried:
     *     not out yet
     */
    record CampaignMessageCounts(long delivered, long read, long lateFailed, long retrying) {}
}
