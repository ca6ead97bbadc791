package com.whatsdex.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs {@code total} operations from {@code clients} concurrent virtual threads, timing each one. */
final class Load {

    /** One operation; answers true when it succeeded. */
    interface Operation {
        boolean run(int index) throws Exception;
    }

    record Result(int total, int errors, double seconds, Latencies latencies) {
        double perSecond() {
            return (total - errors) / seconds;
        }
    }

    private Load() {}

    static Result run(int clients, int total, Operation operation) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Latencies latencies = new Latencies(total);
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            ok = operation.run(i);
                        } catch (Exception e) {
                            ok = false;
                        }
                        latencies.add((System.nanoTime() - t0) / 1_000);
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                    }
                });
            }
        }
        return new Result(total, errors.get(), (System.nanoTime() - start) / 1e9, latencies);
    }
}
