package com.whatsdex.realtime.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of this instance, by workspace. An event is only ever handed to the streams of the
 * workspace it was published for.
 *
 * <p>A lifecycle bean in the latest phase, so it stops before the web server's graceful shutdown starts: that
 * shutdown waits for open requests, and an event stream never ends by itself.
 */
@Component
public final class EventStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

    /** Proxies and load balancers commonly drop a response that is silent for 30 to 60 seconds. */
    static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final Map<UUID, Set<EventStream>> byTenant = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean running;

    EventStreams(MeterRegistry meters) {
        Gauge.builder("whatsdex.realtime.streams", open, AtomicInteger::get)
                .description("Open server-sent event streams on this instance")
                .register(meters);
    }

    /** A new stream for one browser tab of the workspace; it starts with a {@code ready} event. */
    public SseEmitter open(UUID tenantId) {
        // no timeout: the heartbeat finds dead clients, and a live one may stay for a whole working day
        SseEmitter emitter = new SseEmitter(0L);
        if (!running) {
            // shutting down: end at once so the client reconnects to an instance that stays
            emitter.complete();
            return emitter;
        }
        EventStream stream = new EventStream(tenantId, emitter, HEARTBEAT, this::remove);
        byTenant.compute(tenantId, (id, streams) -> {
            Set<EventStream> set = streams == null ? ConcurrentHashMap.newKeySet() : streams;
            set.add(stream);
            return set;
        });
        open.incrementAndGet();
        stream.start();
        if (!running) {
            stream.close(); // stop() ran while this stream was being added
        }
        return emitter;
    }

    void deliver(UUID tenantId, String type, String data) {
        Set<EventStream> streams = byTenant.get(tenantId);
        if (streams != null) {
            byte[] frame = EventStream.frame(type, data);
            streams.forEach(stream -> stream.offer(frame));
        }
    }

    /** After the listener was disconnected, events may have been missed; every client refetches. */
    void resyncAll() {
        byTenant.values().forEach(streams -> streams.forEach(EventStream::offerReady));
    }

    private void remove(EventStream stream) {
        byTenant.computeIfPresent(stream.tenantId(), (id, set) -> {
            if (set.remove(stream)) {
                open.decrementAndGet();
            }
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        List<EventStream> all = new ArrayList<>();
        byTenant.values().forEach(all::addAll);
        if (!all.isEmpty()) {
            log.info("Closing {} event streams for shutdown", all.size());
        }
        all.forEach(EventStream::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
