package com.whatsdex.inbox;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A conversation as the thread view needs it: the conversation, WhatsApp's 24-hour window and the channel a reply
 * goes through unless the user picks another.
 */
@Schema(name = "ConversationDetail")
public record ConversationDetail(
        ConversationView conversation,
        ServiceWindow window,
        @Nullable ReplyChannel replyChannel) {

    /**
     * WhatsApp's customer service window: free text only until 24 hours after the contact's last message.
     *
     * @param closesAt when free text stops being allowed (null when the contact never wrote)
     * @param open whether free text may be sent now
     */
    @Schema(name = "ConversationServiceWindow")
    public record ServiceWindow(
            @Nullable Instant lastInboundAt, @Nullable Instant closesAt, boolean open) {}

    /**
     * The channel that last interacted with the contact, which a reply uses by default.
     *
     * @param name null when the channel was deleted
     * @param status the channel's status ({@code connected}, {@code disconnected} ...), {@code deleted} when it is
     *     gone
     * @param problem why a reply through it would be refused now (deleted, not connected), null when it is usable
     */
    @Schema(name = "ConversationReplyChannel")
    public record ReplyChannel(
            UUID channelId,
            @Nullable String name,
            String status,
            @Nullable String problem) {}
}
