package com.whatsdex.config;

import com.whatsdex.database.RequestConnections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission control: at most {@code maxConcurrentWebhooks} webhook requests and {@code maxConcurrentRequests} API
 * requests are worked on at once; a request that finds no room within {@code admissionWait}, or finds four times as
 * many already waiting, is answered 503 with {@code Retry-After} instead of queueing for a database connection.
 * Requests run on virtual threads, so without this an overload piles thousands of requests onto the connection
 * pool: they wait out its timeout, fill the heap, and starve the job workers (campaigns, imports) that share the pool. Meta redelivers a webhook answered
 * with an error, and the dashboard retries a failed query. Not counted: the event stream (long-lived, holds no
 * connection while it waits) and the upload paths (they stream the body to storage before touching the database).
 *
 * <p>Every refusal is counted in {@code whatsdex.admission.refused}, by room ({@code webhooks}, {@code api},
 * {@code other}) and reason ({@code waited}: no room within the wait; {@code queue-full}: too many already waiting;
 * {@code no-connection}: no database connection in time).
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
    private final Room webhooks;
    private final Room api;
    private final Counter unroomed;

    /**
     * Requests worked on at once, and a bound on those waiting for room (four times as many): beyond it a request is
     * refused at once. Without the bound an overload queues thousands of timed waits on the semaphore, and each that
     * times out walks the queue to unlink itself, which the load bench measured as 3 % of the server's CPU.
     *
     * <p>Room is given first come, first served: a request that arrives while others wait queues behind them. With
     * barging (a newcomer taking the permit just released, while the waiter it was released for is still being woken
     * up), a busy server admitted newcomers at once and left some waiters queued until their wait ran out, so it
     * refused requests it had room for on average.
     */
    record Room(
            Semaphore permits,
            AtomicInteger waiting,
            int maxWaiting,
            Counter refusedWaited,
            Counter refusedQueueFull,
            Counter refusedNoConnection) {
        Room(String name, int size, MeterRegistry meters) {
            this(
                    new Semaphore(size, true),
                    new AtomicInteger(),
                    4 * size,
                    refused(meters, name, "waited"),
                    refused(meters, name, "queue-full"),
                    refused(meters, name, "no-connection"));
        }

        private static Counter refused(MeterRegistry meters, String room, String reason) {
            return Counter.builder("whatsdex.admission.refused")
                    .description("Requests answered 503 by admission control")
                    .tag("room", room)
                    .tag("reason", reason)
                    .register(meters);
        }

        boolean enter(Duration wait) {
            try {
                // the timed acquire even when not waiting: the untimed tryAcquire() barges past a fair queue
                if (permits.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                    return true;
                }
                if (waiting.incrementAndGet() > maxWaiting) {
                    waiting.decrementAndGet();
                    refusedQueueFull.increment();
                    return false;
                }
                try {
                    if (permits.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                        return true;
                    }
                } finally {
                    waiting.decrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            refusedWaited.increment();
            return false;
        }

        void leave() {
            permits.release();
        }
    }

    AdmissionFilter(HttpProperties properties, ErrorResponses errors, MeterRegistry meters) {
        this.properties = properties;
        this.errors = errors;
        this.webhooks = new Room("webhooks", properties.maxConcurrentWebhooks(), meters);
        this.api = new Room("api", properties.maxConcurrentRequests(), meters);
        this.unroomed = Room.refused(meters, "other", "no-connection");
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
            Room room = roomFor(request.getRequestURI());
            (room == null ? unroomed : room.refusedNoConnection()).increment();
            overloaded(response); // a filter (e.g. the credentials check) found no database connection in time
        } finally {
            if (outermost) {
                RequestConnections.leave();
            }
        }
    }

    private void admit(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Room room = roomFor(request.getRequestURI());
        if (room == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!room.enter(properties.admissionWait())) {
            overloaded(response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            room.leave();
        }
    }

    private void overloaded(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "1");
        errors.write(response, 503, ErrorResponses.OVERLOADED, ErrorResponses.OVERLOADED_MESSAGE);
    }

    /** Webhook requests waiting for room now (for tests). */
    int webhooksWaiting() {
        return webhooks.waiting().get();
    }

    private @Nullable Room roomFor(String path) {
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
