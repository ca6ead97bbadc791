package com.whatsdex.ai;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The AI provider. It is configured when both the base URL and the model are set; the key may stay empty for local
 * providers (Ollama, vLLM) that take none.
 *
 * @param baseUrl an OpenAI-compatible API root, e.g. {@code https://api.openai.com/v1} ({@code WHATSDEX_AI_BASE_URL});
 *     chat completions are posted to {@code <baseUrl>/chat/completions}
 * @param apiKey sent as {@code Authorization: Bearer <key>} when set ({@code WHATSDEX_AI_API_KEY})
 * @param model the model name, e.g. {@code gpt-4o-mini} ({@code WHATSDEX_AI_MODEL})
 * @param timeout how long one call may take, connecting and answering
 * @param maxConcurrent calls in flight at once on this server; more are refused with 429 rather than queued, so a
 *     slow provider cannot pile up requests. Defaults to the {@code ai} worker group's thread count.
 */
@ConfigurationProperties("whatsdex.ai")
public record AiProperties(
        @Nullable String baseUrl,
        @Nullable String apiKey,
        @Nullable String model,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("32") int maxConcurrent) {

    public AiProperties {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("whatsdex.ai.timeout must be positive");
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("whatsdex.ai.max-concurrent must be at least 1");
        }
    }

    @Override
    public String toString() {
        return "AiProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? null : "[redacted]") + ", model="
                + model + ", timeout=" + timeout + ", maxConcurrent=" + maxConcurrent + "]";
    }

    /** Whether a provider is set up: a base URL and a model. */
    public boolean configured() {
        return baseUrl != null && !baseUrl.isBlank() && model != null && !model.isBlank();
    }
}
