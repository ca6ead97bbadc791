package com.whatsdex.shared;

import java.util.List;
import org.springframework.http.HttpStatus;

/** An error the API reports to its caller with a status, a stable code and a sentence. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<ApiErrorResponse.FieldError> details;

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, List.of());
    }

    public ApiException(HttpStatus status, String code, String message, List<ApiErrorResponse.FieldError> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<ApiErrorResponse.FieldError> details() {
        return details;
    }

    /** Seconds for a {@code Retry-After} header, where waiting helps. */
    public @org.jspecify.annotations.Nullable Long retryAfterSeconds() {
        return null;
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", what + " not found");
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, "conflict", message);
    }

    public static ApiException invalidState(String message) {
        return new ApiException(HttpStatus.CONFLICT, "invalid_state", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", message);
    }

    public static ApiException validation(String field, String message) {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "validation_failed",
                "Request validation failed",
                List.of(new ApiErrorResponse.FieldError(field, message)));
    }

    public static ApiException upgradeRequired(String feature, String plan) {
        return new ApiException(
                HttpStatus.FORBIDDEN,
                "upgrade_required",
                feature + " needs the " + plan + " plan or higher",
                List.of(new ApiErrorResponse.FieldError("plan", plan)));
    }
}
