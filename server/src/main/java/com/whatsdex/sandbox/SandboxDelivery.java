package com.whatsdex.sandbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One send as the simulated phone saw it.
 *
 * @param type {@code text}, {@code template}, {@code image}, {@code document}, {@code video} or {@code audio}
 * @param text the text body, or a media caption
 * @param status the last status reported by webhook: {@code accepted} (none yet), {@code sent}, {@code delivered},
 *     {@code read} or {@code failed}
 * @param errorCode Meta's error code when {@code failed}
 */
public record SandboxDelivery(
        String wamid,
        String to,
        String type,
        @Nullable String text,
        @Nullable String templateName,
        @Nullable String mediaLink,
        String status,
        Instant acceptedAt,
        @Nullable Instant deliveredAt,
        @Nullable Instant readAt,
        @Nullable Integer errorCode) {}
