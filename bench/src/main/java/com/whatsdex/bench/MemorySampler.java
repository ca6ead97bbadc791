package com.whatsdex.bench;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a server's used heap ({@link HeapGauge}: its performance-data counters, read without asking the server) and
 * its process RSS every {@code interval} milliseconds, keeping the peaks. A sample can miss a short spike; the JVM's
 * {@code -Xmx} is the hard bound.
 */
final class MemorySampler implements AutoCloseable {

    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakRss = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;

    MemorySampler(Launcher.Running server) throws IOException {
        this(server, 200);
    }

    MemorySampler(Launcher.Running server, long intervalMillis) throws IOException {
        HeapGauge heap = HeapGauge.of(server.process().pid());
        sampler = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                peakHeap.accumulateAndGet(heap.usedBytes(), Math::max);
                peakRss.accumulateAndGet(server.rssMegabytes(), Math::max);
                try {
                    Thread.sleep(intervalMillis); // a sampling interval, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    long peakHeapMegabytes() {
        return peakHeap.get() / (1024 * 1024);
    }

    long peakRssMegabytes() {
        return peakRss.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        sampler.join();
    }
}
