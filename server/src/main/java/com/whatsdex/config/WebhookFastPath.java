package com.whatsdex.config;

import com.whatsdex.messaging.WebhookReceiver;
import com.whatsdex.shared.ApiResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers Meta's webhook posts ({@code POST /webhooks/whatsapp/{channelId}}) here, after the request id, the body
 * limit and admission, instead of passing them through Spring Security and MVC. They carry no session or key (the
 * signature is their authentication, checked by {@link WebhookReceiver}), so the security chain had nothing to decide,
 * yet with MVC's mapping, argument resolution and message conversion it took about a third of the server's CPU per
 * inbound message in the load benchmark (JFR profile). The answer is the same: the same envelope, the same errors
 * (from {@link ApiExceptionHandler}), the same security headers; the controller's mapping still documents the
 * endpoint.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class WebhookFastPath extends OncePerRequestFilter {

    static final String PREFIX = "/webhooks/whatsapp/";
    private static final String PATTERN = PREFIX + "{channelId}";

    private final WebhookReceiver receiver;
    private final ApiExceptionHandler failures;
    private final ErrorResponses errors;
    private final byte[] ok;

    WebhookFastPath(WebhookReceiver receiver, ApiExceptionHandler failures, ErrorResponses errors, JsonMapper json) {
        this.receiver = receiver;
        this.failures = failures;
        this.errors = errors;
        this.ok = json.writeValueAsBytes(ApiResponse.empty());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !"POST".equals(request.getMethod())
                || !path.startsWith(PREFIX)
                || path.indexOf('/', PREFIX.length()) >= 0
                || path.length() == PREFIX.length();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(PATTERN));
        hardened(request, response);
        try (InputStream in = request.getInputStream()) {
            receiver.receive(
                    request.getRequestURI().substring(PREFIX.length()), in, request.getHeader("X-Hub-Signature-256"));
        } catch (Exception e) {
            errors.write(response, failures.answer(e));
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(ok.length);
        response.getOutputStream().write(ok);
    }

    /** The headers the security chain writes on every answer (SecurityConfig, and Spring Security's defaults). */
    static void hardened(HttpServletRequest request, HttpServletResponse response) {
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-XSS-Protection", "0");
        response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Expires", "0");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", SecurityConfig.CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    }
}
