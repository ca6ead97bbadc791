package com.whatsdex.inbox;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One conversation of the inbox: a contact and the latest message exchanged with it on any channel.
 *
 * @param unreadCount inbound messages since the conversation was last opened by anyone in the workspace
 * @param assigneeId the member the conversation is assigned to, if any
 */
@Schema(name = "Conversation")
public record ConversationView(
        UUID contactId,
        @Nullable String name,
        String phone,
        boolean optedOut,
        @Nullable LastMessage lastMessage,
        int unreadCount,
        Status status,
        @Nullable UUID assigneeId) {

    public enum Status {
        open,
        closed
    }

    /**
     * What the list shows of the latest message.
     *
     * @param preview its text (up to 200 characters), or its kind in brackets, e.g. {@code [image]}
     * @param status the delivery status of an outbound message ({@code sent}, {@code delivered}, {@code read},
     *     {@code failed} ...), {@code received} for an inbound one
     * @param campaign whether a campaign sent it
     */
    @Schema(name = "ConversationLastMessage")
    public record LastMessage(
            UUID id,
            String direction,
            String type,
            @Nullable String preview,
            UUID channelId,
            @Nullable String status,
            Instant at,
            boolean campaign) {}
}
