package com.whatsdex.ai;

/** One message of a conversation. */
public record ChatTurn(Role role, String text) {

    public enum Role {
        system,
        user,
        assistant
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
}
