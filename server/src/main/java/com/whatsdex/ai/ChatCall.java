package com.whatsdex.ai;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A chat completion request: the conversation so far, the tools the model may call, and sampling settings (null
 * keeps the provider's default).
 *
 * @param maxTokens the most tokens the answer may have
 * @param model a model other than the configured default, or null for the default
 */
public record ChatCall(
        List<ChatTurn> messages,
        List<ToolSpec> tools,
        @Nullable Double temperature,
        @Nullable Integer maxTokens,
        @Nullable String model) {

    public ChatCall {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("A chat call needs at least one message");
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
    }

    public ChatCall(List<ChatTurn> messages, @Nullable Double temperature, @Nullable Integer maxTokens) {
        this(messages, List.of(), temperature, maxTokens, null);
    }

    /** A system prompt and one user message. */
    public static ChatCall of(String system, String user, @Nullable Double temperature, @Nullable Integer maxTokens) {
        return new ChatCall(List.of(ChatTurn.system(system), ChatTurn.user(user)), temperature, maxTokens);
    }
}
