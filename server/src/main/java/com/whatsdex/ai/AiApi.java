package com.whatsdex.ai;

/**
 * Chat completions with the configured provider, for features (template spinning, later AI agents) that build
 * their own prompts. Stateless: nothing about a workspace is stored here.
 */
public interface AiApi {

    /** Whether a provider is configured; without one every {@link #chat} fails with {@code ai_not_configured}. */
    boolean configured();

    /** The model calls use unless they name another; null when no provider is configured. */
    @org.jspecify.annotations.Nullable
    String defaultModel();

    /**
     * One chat completion, answered synchronously within the configured timeout. Not retried: the caller decides.
     *
     * @throws AiException {@code ai_not_configured} (503), {@code ai_provider_error} (502: HTTP error, timeout,
     *     empty answer) or {@code rate_limited} (429: too many calls in flight on this server)
     */
    ChatReply chat(ChatCall call);
}
