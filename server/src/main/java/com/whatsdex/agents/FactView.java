package com.whatsdex.agents;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something the workspace knows about a contact.
 *
 * @param source {@code agent} (an agent remembered it from a message) or {@code user} (a person wrote it)
 * @param agentId the agent that remembered or last changed it
 * @param sourceMessageId the customer's message it was learnt from
 */
public record FactView(
        UUID id,
        UUID contactId,
        String fact,
        String source,
        @Nullable UUID agentId,
        @Nullable UUID sourceMessageId,
        Instant createdAt,
        Instant updatedAt) {}
