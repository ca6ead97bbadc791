package com.whatsdex.shared;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** The success envelope every API answer uses: {@code {"success": true, "data": ...}}. */
public record ApiResponse<T>(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean success,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable
        T data) {

    public static <T> ApiResponse<T> of(T data) {
        return new ApiResponse<>(true, data);
    }

    public static ApiResponse<Void> empty() {
        return new ApiResponse<>(true, null);
    }
}
