package com.whatsdex.ai;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The provider's answer: text, tool calls, or both.
 *
 * @param text the answer's text; empty when the model only asked for tool calls
 * @param toolCalls the tools the model asked to call, in order; run them and call again with their results
 * @param model the model that answered, as the provider reports it
 * @param inputTokens prompt tokens, when the provider reports usage
 * @param outputTokens answer tokens, when the provider reports usage
 */
public record ChatReply(
        String text,
        List<ToolCall> toolCalls,
        @Nullable String model,
        @Nullable Integer inputTokens,
        @Nullable Integer outputTokens) {

    public ChatReply {
        toolCalls = List.copyOf(toolCalls);
    }

    public ChatReply(
            String text, @Nullable String model, @Nullable Integer inputTokens, @Nullable Integer outputTokens) {
        this(text, List.of(), model, inputTokens, outputTokens);
    }
}
