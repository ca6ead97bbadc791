package com.whatsdex.config;

import com.whatsdex.shared.ApiErrorResponse;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors the servlet container raises before Spring MVC (e.g. a malformed request line), as the envelope. */
@RestController
@io.swagger.v3.oas.annotations.Hidden
class EnvelopeErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ApiErrorResponse> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null
                ? HttpStatus.valueOf(i)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String errorCode = switch (status) {
            case NOT_FOUND -> "not_found";
            case UNAUTHORIZED -> "unauthenticated";
            case FORBIDDEN -> "forbidden";
            case CONTENT_TOO_LARGE -> "payload_too_large";
            case BAD_REQUEST -> "bad_request";
            default -> status.is5xxServerError() ? "internal_error" : "error";
        };
        return ResponseEntity.status(status)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(ApiErrorResponse.of(errorCode, status.getReasonPhrase(), List.of(), null));
    }
}
