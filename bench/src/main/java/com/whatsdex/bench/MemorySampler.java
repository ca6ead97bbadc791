package com.whatsdex.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples a server's used heap (its Prometheus endpoint, the heap gauge only, all heap pools summed) and its process
 * RSS every 200 ms, keeping the peaks. A sample can miss a short spike; the JVM's {@code -Xmx} is the hard bound.
 */
final class MemorySampler implements AutoCloseable {

    /**
     * Only the heap gauge: the whole Prometheus page took about a tenth of the server's CPU when scraped every 200 ms
     * during the campaign benchmark (a JFR profile of the server), which the benchmark then measured as the server's.
     */
    static final String HEAP_METRIC = "/actuator/prometheus?includedNames=jvm_memory_used_bytes";

    private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)");

    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakRss = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;

    MemorySampler(Launcher.Running server) {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest metrics = HttpRequest.newBuilder(URI.create(server.baseUrl() + MemorySampler.HEAP_METRIC))
                .build();
        sampler = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                try {
                    Matcher m = HEAP.matcher(http.send(metrics, HttpResponse.BodyHandlers.ofString())
                            .body());
                    long used = 0;
                    while (m.find()) {
                        used += (long) Double.parseDouble(m.group(1));
                    }
                    peakHeap.accumulateAndGet(used, Math::max);
                    peakRss.accumulateAndGet(server.rssMegabytes(), Math::max);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the server is busy or gone: try again at the next sample
                }
                try {
                    Thread.sleep(200); // a sampling interval, not a wait for a condition
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
