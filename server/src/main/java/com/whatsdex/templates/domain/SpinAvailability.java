package com.whatsdex.templates.domain;

import org.jspecify.annotations.Nullable;

/**
 * Whether the workspace can use AI spinning now, and if not why (for the dashboard to explain a disabled button).
 *
 * @param reason null when available
 * @param message a sentence for the user, null when available
 */
public record SpinAvailability(
        boolean available,
        @Nullable Reason reason,
        @Nullable String message) {

    public enum Reason {
        upgrade_required,
        ai_not_configured
    }

    static SpinAvailability yes() {
        return new SpinAvailability(true, null, null);
    }
}
