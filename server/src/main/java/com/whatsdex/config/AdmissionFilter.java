package com.whatsdex.config;

import com.whatsdex.database.RequestConnections;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission control: at most {@code maxConcurrentWebhooks} webhook requests and {@code maxConcurrentRequests} API
 * requests are worked on at once; a request that finds no room within {@code admissionWait} is answered 503 with
 * {@code Retry-After} at once instead of queueing for a database connection. Requests run on virtual threads, so
 * without this an overload piles thousands of requests onto the connection pool: they wait out its timeout, fill
 * the heap, and starve the job workers (campaigns, imports) that share the pool. Meta redelivers a webhook answered
 * with an error, and the dashboard retries a failed query. Not counted: the event stream (long-lived, holds no
 * connection while it waits) and the upload paths (they stream the body to storage before touching the database).
 *
 * <p>It also marks every request's thread for the database's connection budget ({@link RequestConnections}), so
 * requests never take the connections kept for background jobs, and answers 503 the same way when a request found no
 * database connection in time.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class AdmissionFilter extends OncePerRequestFilter {

    static final String EVENTS_PATH = "/api/v1/events";

    private final HttpProperties properties;
    private final ErrorResponses errors;
    private final Semaphore webhooks;
    private final Semaphore api;

    AdmissionFilter(HttpProperties properties, ErrorResponses errors) {
        this.properties = properties;
        this.errors = errors;
        this.webhooks = new Semaphore(properties.maxConcurrentWebhooks());
        this.api = new Semaphore(properties.maxConcurrentRequests());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean outermost = RequestConnections.enter();
        try {
            admit(request, response, chain);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!RequestConnections.noConnection(e) || response.isCommitted()) {
                throw e;
            }
            overloaded(response); // a filter (e.g. the credentials check) found no database connection in time
        } finally {
            if (outermost) {
                RequestConnections.leave();
            }
        }
    }

    private void admit(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Semaphore room = roomFor(request.getRequestURI());
        if (room == null) {
            chain.doFilter(request, response);
            return;
        }
        boolean admitted;
        try {
            admitted = room.tryAcquire(properties.admissionWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            overloaded(response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            room.release();
        }
    }

    private void overloaded(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "1");
        errors.write(response, 503, "overloaded", "The server is busy; try again in a moment");
    }

    private @Nullable Semaphore roomFor(String path) {
        if (path.startsWith("/webhooks/")) {
            return webhooks;
        }
        if (!path.startsWith("/api/")
                || path.startsWith(EVENTS_PATH)
                || properties.uploadPaths().stream().anyMatch(path::startsWith)) {
            return null;
        }
        return api;
    }
}
