package com.whatsdex.shared;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The failure envelope: {@code {"success": false, "error": {code, message, details}}}. */
public record ApiErrorResponse(boolean success, ApiError error) {

    public record ApiError(
            String code,
            String message,
            List<FieldError> details,
            @Nullable String requestId) {}

    public record FieldError(String field, String message) {}

    public static ApiErrorResponse of(
            String code, String message, List<FieldError> details, @Nullable String requestId) {
        return new ApiErrorResponse(false, new ApiError(code, message, details, requestId));
    }
}
