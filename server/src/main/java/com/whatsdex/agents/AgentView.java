package com.whatsdex.agents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An agent as the dashboard sees it.
 *
 * @param model the model it uses; null = the server's configured model
 * @param maxReplyChars the longest reply it sends; a longer answer is cut at a sentence or word boundary
 * @param replyDelaySeconds a typing-like pause before answering; messages the customer adds meanwhile are answered
 *     together
 * @param handoverMinutes how long the agent stays silent in a conversation after someone answers from the inbox
 * @param channelIds the channels it answers on (a channel has at most one agent)
 */
public record AgentView(
        UUID id,
        String name,
        String instructions,
        @Nullable String model,
        double temperature,
        int maxReplyChars,
        int replyDelaySeconds,
        int handoverMinutes,
        boolean enabled,
        List<UUID> channelIds,
        Instant createdAt,
        Instant updatedAt) {}
