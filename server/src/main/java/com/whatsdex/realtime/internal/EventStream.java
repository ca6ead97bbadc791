package com.whatsdex.realtime.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

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
     * frames are shared by all streams of the workspace, an entry costs a stream a reference, 16 KB when full.
     */
    static final int QUEUE_CAPACITY = 2048;

    /** Events written together at most, so one stream's burst does not hold a large write. */
    static final int MAX_PER_WRITE = 256;

    private static final byte[] CLOSE = new byte[0]; // compared by identity
    private static final byte[] HEARTBEAT = ":heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] READY = frame("ready", "{\"type\":\"ready\"}");

    private final UUID tenantId;
    private final SseEmitter emitter;
    private final Duration heartbeat;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
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
        queue.add(READY);
        Thread.ofVirtual().name("sse-" + tenantId).start(this::run);
    }

    /**
     * One event as it goes on the wire ({@code event:} and one {@code data:} line per line of the data), rendered
     * once and written as is by every stream of the workspace.
     */
    static byte[] frame(String type, String data) {
        StringBuilder frame = new StringBuilder(type.length() + data.length() + 16)
                .append("event:")
                .append(type)
                .append('\n');
        data.lines().forEach(line -> frame.append("data:").append(line).append('\n'));
        return frame.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Tells the client to refetch: after this instance may have missed events. */
    void offerReady() {
        offer(READY);
    }

    /** Queues a frame from {@link #frame}. */
    void offer(byte[] frame) {
        if (closed.get()) {
            return;
        }
        if (!queue.offer(frame)) {
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
                byte[] next = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (next == CLOSE) {
                    return;
                }
                if (next == null) {
                    write(HEARTBEAT);
                    continue;
                }
                // what queued up meanwhile goes out in the same write, flushed once: a running campaign's status
                // events come by the hundred, and writing each on its own was most of the streams' cost under load
                ByteArrayOutputStream batch = new ByteArrayOutputStream(next.length * 4);
                batch.writeBytes(next);
                boolean closing = false;
                for (int n = 1; n < MAX_PER_WRITE; n++) {
                    byte[] more = queue.poll();
                    if (more == null || more == CLOSE) {
                        closing = more == CLOSE;
                        break;
                    }
                    batch.writeBytes(more);
                }
                write(batch.toByteArray());
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

    /** Writes the bytes as they are (not as an SSE data field, which {@code SseEmitter.send} would make of them). */
    private void write(byte[] bytes) throws IOException {
        emitter.send(Set.of(new DataWithMediaType(bytes, MediaType.TEXT_EVENT_STREAM)));
    }
}
