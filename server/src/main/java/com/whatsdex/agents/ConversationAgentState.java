package com.whatsdex.agents;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Whether an agent answers a contact right now (shown in the inbox).
 *
 * @param agentId the agent bound to the channel the contact last used, or null when none is
 * @param state {@code none} (no enabled agent on that channel), {@code active}, {@code paused} (someone answered from
 *     the inbox: the agent is silent until {@code pausedUntil}) or {@code needs_human} (the agent handed the
 *     conversation over; it stays silent until someone answers or resumes it)
 * @param reason why it needs a person
 */
public record ConversationAgentState(
        @Nullable UUID agentId,
        @Nullable String agentName,
        String state,
        @Nullable Instant pausedUntil,
        @Nullable String reason,
        @Nullable Instant flaggedAt) {}
