package com.whatsdex.ai;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One message of a conversation.
 *
 * @param toolCalls for an assistant turn, the tools it asked to call (its text may then be empty)
 * @param toolCallId for a {@code tool} turn, the call whose result {@code text} is
 * @param toolName for a {@code tool} turn, the tool that produced it
 */
public record ChatTurn(
        Role role,
        String text,
        List<ToolCall> toolCalls,
        @Nullable String toolCallId,
        @Nullable String toolName) {

    public enum Role {
        system,
        user,
        assistant,
        tool
    }

    public ChatTurn {
        toolCalls = List.copyOf(toolCalls);
        if (role == Role.tool && (toolCallId == null || toolName == null)) {
            throw new IllegalArgumentException("A tool turn names the call it answers");
        }
    }

    public ChatTurn(Role role, String text) {
        this(role, text, List.of(), null, null);
    }

    public static ChatTurn system(String text) {
        return new ChatTurn(Role.system, text);
    }

    public static ChatTurn user(String text) {
        return new ChatTurn(Role.user, text);
    }

    public static ChatTurn assistant(String text) {
        return new ChatTurn(Role.assistant, text);
    }

    /** The assistant's turn that asked for tool calls, to send back before their results. */
    public static ChatTurn assistantCalling(@Nullable String text, List<ToolCall> calls) {
        return new ChatTurn(Role.assistant, text == null ? "" : text, calls, null, null);
    }

    /** The result of a tool call. */
    public static ChatTurn toolResult(ToolCall call, String result) {
        return new ChatTurn(Role.tool, result, List.of(), call.id(), call.name());
    }
}
