package com.whatsdex.config;

import com.whatsdex.shared.ApiErrorResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes the error envelope from places outside Spring MVC (filters, the security chain). */
@Component
class ErrorResponses {

    private final JsonMapper json;

    ErrorResponses(JsonMapper json) {
        this.json = json;
    }

    /** The server is overloaded (503 with {@code Retry-After}): the admission filter and the exception handler. */
    static final String OVERLOADED = "overloaded";

    static final String OVERLOADED_MESSAGE = "The server is busy; try again in a moment";

    void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        write(response, ResponseEntity.status(status).body(body(code, message)));
    }

    /** Writes an answer the exception handler made (status, headers such as Retry-After, the envelope). */
    void write(HttpServletResponse response, ResponseEntity<ApiErrorResponse> answer) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        if (answer.getBody() != null) {
            json.writeValue(response.getOutputStream(), answer.getBody());
        }
    }

    static ApiErrorResponse body(String code, String message) {
        return ApiErrorResponse.of(code, message, List.of(), MDC.get(RequestIdFilter.MDC_KEY));
    }
}
