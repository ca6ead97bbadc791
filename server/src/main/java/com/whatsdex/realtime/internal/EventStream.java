package com.whatsdex.realtime.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * One browser tab's stream. Events are queued and written by the stream's own virtual thread, so a slow or stalled
 * client blocks only itself, never the listener that serves every workspace. The same thread sends the heartbeat
 * when nothing else was sent for a while, which also finds clients that went away without closing.
 */
final class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    /**
     * Far more than a dashboard needs between two writes; a client this far behind reconnects and refetches. Events
     * come in bursts (one transaction of the webhook ingest may apply hundreds of statuses), so the bound is wide: the
     * payload strings are shared by all streams, an entry costs a stream some 200 bytes, 400 KB when full.
     */
    static final int QUEUE_CAPACITY = 2048;

    /** Events written together at most, so one stream's burst does not hold a large write. */
    static final int MAX_PER_WRITE = 256;

    private static final SseEventBuilder CLOSE = SseEmitter.event().comment("close");

    private final UUID tenantId;
    private final SseEmitter emitter;
    private final Duration heartbeat;
    private final BlockingQueue<SseEventBuilder> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Consumer<EventStream> onClose;

    EventStream(UUID tenantId, SseEmitter emitter, Duration heartbeat, Consumer<EventStream> onClose) {
        this.tenantId = tenantId;
        this.emitter = emitter;
        this.heartbeat = heartbeat;
        this.onClose = onClose;
        emitter.onCompletion(this::close);
        emitter.onTimeout(this::close);
        emitter.onError(e -> close());
    }

    UUID tenantId() {
        return tenantId;
    }

    SseEmitter emitter() {
        return emitter;
    }

    void start() {
        queue.add(ready());
        Thread.ofVirtual().name("sse-" + tenantId).start(this::run);
    }

    /** Tells the client to refetch: on connect, and after this instance may have missed events. */
    private static SseEventBuilder ready() {
        return SseEmitter.event().name("ready").data("{\"type\":\"ready\"}");
    }

    void offerReady() {
        offer(ready());
    }

    void offer(String type, String data) {
        offer(SseEmitter.event().name(type).data(data));
    }

    private void offer(SseEventBuilder event) {
        if (closed.get()) {
            return;
        }
        if (!queue.offer(event)) {
            log.debug("Event stream of workspace {} fell {} events behind; closing it", tenantId, QUEUE_CAPACITY);
            close();
        }
    }

    /** Ends the response; the client's EventSource reconnects (to this or another instance) and refetches. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        onClose.accept(this);
        queue.clear();
        queue.offer(CLOSE);
        try {
            emitter.complete();
        } catch (RuntimeException e) {
            log.debug("Completing an event stream failed", e);
        }
    }

    private void run() {
        try {
            while (!closed.get()) {
                SseEventBuilder next = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (next == null) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                    continue;
                }
                if (next == CLOSE) {
                    return;
                }
                // what queued up meanwhile goes out in the same write, flushed once: a running campaign's status
                // events come by the hundred, and writing each on its own was most of the streams' cost under load
                Set<DataWithMediaType> batch = new LinkedHashSet<>(next.build());
                boolean closing = false;
                for (int n = 1; n < MAX_PER_WRITE; n++) {
                    SseEventBuilder more = queue.poll();
                    if (more == null || more == CLOSE) {
                        closing = more == CLOSE;
                        break;
                    }
                    batch.addAll(more.build());
                }
                emitter.send(batch);
                if (closing) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response already ended
            log.debug("Event stream of workspace {} ended: {}", tenantId, e.toString());
        } finally {
            close();
        }
    }
}
