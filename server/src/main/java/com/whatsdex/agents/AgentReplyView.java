package com.whatsdex.agents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One customer message an agent was asked to answer, and what became of it (the activity view).
 *
 * @param status {@code pending}, {@code replied}, {@code skipped} (with the reason: a person took over, the contact
 *     opted out, a newer message was answered instead …) or {@code failed} (the conversation was handed to a person)
 * @param toolCalls the memory tools the model called while answering
 * @param attempts provider calls made (retries included)
 * @param pickupMillis from the message's arrival to the job starting, when it has started
 */
public record AgentReplyView(
        UUID id,
        UUID agentId,
        String agentName,
        UUID contactId,
        @Nullable String contactName,
        String contactPhone,
        UUID channelId,
        UUID inboundMessageId,
        @Nullable String inboundText,
        String status,
        @Nullable String reason,
        @Nullable UUID replyMessageId,
        @Nullable String replyText,
        List<ToolUse> toolCalls,
        int attempts,
        @Nullable Integer inputTokens,
        @Nullable Integer outputTokens,
        Instant receivedAt,
        @Nullable Long pickupMillis,
        @Nullable Instant completedAt) {

    /**
     * A tool the model called.
     *
     * @param arguments the arguments it gave, as JSON text
     * @param result what the tool answered the model
     */
    public record ToolUse(String name, String arguments, String result) {}
}
