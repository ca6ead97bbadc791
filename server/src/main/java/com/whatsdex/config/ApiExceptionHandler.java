package com.whatsdex.config;

import com.whatsdex.database.RequestConnections;
import com.whatsdex.shared.ApiErrorResponse;
import com.whatsdex.shared.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestCookieException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Every failure the API can meet, as the error envelope with its status. Only unexpected errors are logged as
 * errors; a caller's mistake is logged at debug.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /**
     * The answer for a failure met outside Spring MVC, by a filter that does a request's work itself
     * ({@link WebhookFastPath}): what the matching handler below would answer.
     */
    ResponseEntity<ApiErrorResponse> answer(Throwable failure) {
        return switch (failure) {
            case ApiException e -> api(e);
            case BodySizeLimitFilter.BodyTooLargeException e ->
                error(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", e.getMessage(), List.of());
            case DataAccessException e -> data(e);
            case CannotCreateTransactionException e -> noTransaction(e);
            case Exception e -> unexpected(e);
            default -> unexpected(new IllegalStateException(failure));
        };
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiErrorResponse> api(ApiException e) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        return builder.body(ApiErrorResponse.of(e.code(), e.getMessage(), e.details(), requestId()));
    }

    @ExceptionHandler(BindException.class) // includes MethodArgumentNotValidException
    ResponseEntity<ApiErrorResponse> invalid(BindException e) {
        List<ApiErrorResponse.FieldError> details = e.getFieldErrors().stream()
                .map(f -> new ApiErrorResponse.FieldError(f.getField(), String.valueOf(f.getDefaultMessage())))
                .toList();
        return error(HttpStatus.BAD_REQUEST, "validation_failed", "Request validation failed", details);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiErrorResponse> invalidParameters(HandlerMethodValidationException e) {
        List<ApiErrorResponse.FieldError> details = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err -> new ApiErrorResponse.FieldError(
                                r.getMethodParameter().getParameterName() == null
                                        ? "parameter"
                                        : r.getMethodParameter().getParameterName(),
                                String.valueOf(err.getDefaultMessage()))))
                .toList();
        return error(HttpStatus.BAD_REQUEST, "validation_failed", "Request validation failed", details);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiErrorResponse> unreadable(HttpMessageNotReadableException e) {
        if (causedBy(e, BodySizeLimitFilter.BodyTooLargeException.class)) {
            return error(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", rootMessage(e), List.of());
        }
        String message = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "Request body is missing"
                : "Request body is not valid JSON of the expected shape";
        return error(HttpStatus.BAD_REQUEST, "bad_request", message, List.of());
    }

    @ExceptionHandler({
        MissingServletRequestParameterException.class,
        MissingRequestHeaderException.class,
        MissingRequestCookieException.class,
        MissingServletRequestPartException.class
    })
    ResponseEntity<ApiErrorResponse> missing(Exception e) {
        return error(HttpStatus.BAD_REQUEST, "bad_request", e.getMessage(), List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiErrorResponse> mismatch(MethodArgumentTypeMismatchException e) {
        String type =
                e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return error(
                HttpStatus.BAD_REQUEST,
                "validation_failed",
                "Request validation failed",
                List.of(new ApiErrorResponse.FieldError(e.getName(), "must be a valid " + type)));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiErrorResponse> noRoute(NoResourceFoundException e) {
        return error(HttpStatus.NOT_FOUND, "not_found", "No such resource: /" + e.getResourcePath(), List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiErrorResponse> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        // The dashboard's static-file handler matches every path for GET; a POST to an unknown API path reaches it
        // and must answer 404 like any unknown route, not 405.
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE)
                instanceof ResourceHttpRequestHandler) {
            return error(HttpStatus.NOT_FOUND, "not_found", "No such resource: " + request.getRequestURI(), List.of());
        }
        Set<HttpMethod> supported = e.getSupportedHttpMethods();
        ResponseEntity.BodyBuilder builder =
                ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).contentType(MediaType.APPLICATION_JSON);
        if (supported != null) {
            builder.allow(supported.toArray(HttpMethod[]::new));
        }
        return builder.body(ApiErrorResponse.of(
                "method_not_allowed", e.getMethod() + " is not supported here", List.of(), requestId()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiErrorResponse> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Content type " + e.getContentType() + " is not supported; send " + e.getSupportedMediaTypes(),
                List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiErrorResponse> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return error(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "Cannot answer in the requested format", List.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiErrorResponse> uploadTooLarge(MaxUploadSizeExceededException e) {
        return error(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "The upload is larger than allowed", List.of());
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ApiErrorResponse> duplicate(DuplicateKeyException e) {
        log.debug("Unique constraint", e);
        return error(HttpStatus.CONFLICT, "conflict", "This already exists", List.of());
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ApiErrorResponse> data(DataAccessException e) {
        if (e.getMostSpecificCause() instanceof SQLException sql && "42501".equals(sql.getSQLState())) {
            // row-level security refused the row: from the outside it does not exist
            log.warn("Row-level security refused a write: {}", sql.getMessage());
            return error(HttpStatus.NOT_FOUND, "not_found", "Not found", List.of());
        }
        if (RequestConnections.noConnection(e)) {
            return noConnection(e);
        }
        return unexpected(e);
    }

    @ExceptionHandler(CannotCreateTransactionException.class)
    ResponseEntity<ApiErrorResponse> noTransaction(CannotCreateTransactionException e) {
        return RequestConnections.noConnection(e) ? noConnection(e) : unexpected(e);
    }

    /** No database connection came free in time (the pool, or the requests' share of it, is busy): overloaded. */
    private static ResponseEntity<ApiErrorResponse> noConnection(NestedRuntimeException e) {
        log.warn(
                "No database connection for a request: {}",
                e.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorResponses.body(ErrorResponses.OVERLOADED, ErrorResponses.OVERLOADED_MESSAGE));
    }

    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone() {
        // the client closed the connection (e.g. an event stream); nothing to answer
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiErrorResponse> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return error(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal_error",
                "Something went wrong on our side; quote request id " + requestId() + " when reporting it",
                List.of());
    }

    private static ResponseEntity<ApiErrorResponse> error(
            HttpStatusCode status, String code, String message, List<ApiErrorResponse.FieldError> details) {
        // a preset content type skips content negotiation: an EventSource (Accept: text/event-stream) still gets
        // the JSON envelope instead of a 406
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiErrorResponse.of(code, message, details, requestId()));
    }

    private static String requestId() {
        return MDC.get(RequestIdFilter.MDC_KEY);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
