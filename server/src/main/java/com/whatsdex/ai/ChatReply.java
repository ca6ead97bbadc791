package com.whatsdex.ai;

import org.jspecify.annotations.Nullable;

/**
 * The provider's answer.
 *
 * @param model the model that answered, as the provider reports it
 * @param inputTokens prompt tokens, when the provider reports usage
 * @param outputTokens answer tokens, when the provider reports usage
 */
public record ChatReply(
        String text,
        @Nullable String model,
        @Nullable Integer inputTokens,
        @Nullable Integer outputTokens) {}
