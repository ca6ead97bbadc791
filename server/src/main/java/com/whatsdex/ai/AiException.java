package com.whatsdex.ai;

import com.whatsdex.shared.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** Why a chat call did not produce an answer; the API reports it with its status and code. */
public final class AiException extends ApiException {

    private final @Nullable Long retryAfterSeconds;

    private AiException(HttpStatus status, String code, String message, @Nullable Long retryAfterSeconds) {
        super(status, code, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static AiException notConfigured() {
        return new AiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "ai_not_configured",
                "No AI provider is configured on this server; the operator sets WHATSDEX_AI_BASE_URL and"
                        + " WHATSDEX_AI_MODEL (and WHATSDEX_AI_API_KEY when the provider needs one)",
                null);
    }

    public static AiException provider(String message) {
        return new AiException(HttpStatus.BAD_GATEWAY, "ai_provider_error", message, null);
    }

    public static AiException busy(String message, long retryAfterSeconds) {
        return new AiException(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", message, retryAfterSeconds);
    }

    @Override
    public @Nullable Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
