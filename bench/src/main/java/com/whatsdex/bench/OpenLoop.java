package com.whatsdex.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Operations at a fixed rate from a schedule (open loop): operation {@code i} is due at {@code start + i / rate}, a
 * slow answer delays no later arrival, and each latency runs from the operation's due time, not from when it was
 * actually sent, so a stall counts against every request it held up (no coordinated omission). At most
 * {@code maxInFlight} operations run at once, which bounds the generator; when it is reached, later operations start
 * late and their lateness is part of their latency. No operation starts after the run's duration: those still
 * waiting for a slot then are counted as errors ("not sent"), so a server that falls behind cannot stretch the run.
 */
final class OpenLoop {

    /**
     * Per label (an endpoint): the latencies (from the due time) of the operations that ran, how many never started
     * (the in-flight bound was still reached when the run's time was up), its errors (those included) by reason.
     */
    record Endpoint(
            Latencies latencies, AtomicInteger notSent, AtomicInteger errors, Map<String, AtomicInteger> reasons) {
        static Endpoint empty() {
            return new Endpoint(
                    new Latencies(1024), new AtomicInteger(), new AtomicInteger(), new ConcurrentHashMap<>());
        }

        /** Operations scheduled: those that ran and those never sent. */
        int count() {
            return latencies.count() + notSent.get();
        }

        void fail(String reason) {
            errors.incrementAndGet();
            reasons.computeIfAbsent(reason.substring(0, Math.min(80, reason.length())), r -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    /** What a run did: per label, the seconds it took and how far behind its schedule the generator fell at worst. */
    record Result(Map<String, Endpoint> endpoints, double seconds, double maxStartLagMillis) {

        int total() {
            return endpoints.values().stream().mapToInt(Endpoint::count).sum();
        }

        int errors() {
            return endpoints.values().stream().mapToInt(e -> e.errors().get()).sum();
        }

        double okPerSecond() {
            return (total() - errors()) / seconds;
        }

        int notSent() {
            return endpoints.values().stream().mapToInt(e -> e.notSent().get()).sum();
        }

        /** Every label's latencies together. */
        Latencies all() {
            Latencies all = new Latencies(Math.max(1, total()));
            endpoints.values().forEach(e -> e.latencies().addAllTo(all));
            return all;
        }
    }

    private OpenLoop() {}

    /**
     * Runs {@code rate × duration} operations; {@code label} names operation {@code i}'s endpoint. An operation fails
     * by answering false or throwing (the exception's message is its reason).
     */
    static Result run(
            double rate, Duration duration, int maxInFlight, IntFunction<String> label, Load.Operation operation)
            throws InterruptedException {
        long total = (long) (rate * duration.toNanos() / 1e9);
        Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicLong maxLag = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * 1e9 / rate);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait); // waiting for the operation's due time (the schedule), not polling
                }
                Endpoint endpoint = endpoints.computeIfAbsent(label.apply(i), l -> Endpoint.empty());
                if (!inFlight.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    for (int rest = i; rest < total; rest++) { // time is up: the rest is never sent
                        Endpoint e = endpoints.computeIfAbsent(label.apply(rest), l -> Endpoint.empty());
                        e.notSent().incrementAndGet();
                        e.fail("not sent: " + maxInFlight + " requests still in flight at the end of the run");
                    }
                    break;
                }
                maxLag.accumulateAndGet(System.nanoTime() - due, Math::max);
                int index = i;
                pool.submit(() -> {
                    String failure;
                    try {
                        failure = operation.run(index) ? null : "failed";
                    } catch (Exception e) {
                        failure = String.valueOf(
                                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                    } finally {
                        inFlight.release();
                    }
                    endpoint.latencies().add((System.nanoTime() - due) / 1_000);
                    if (failure != null) {
                        endpoint.errors().incrementAndGet();
                        endpoint.reasons()
                                .computeIfAbsent(
                                        failure.substring(0, Math.min(80, failure.length())), r -> new AtomicInteger())
                                .incrementAndGet();
                    }
                });
            }
        }
        return new Result(new TreeMap<>(endpoints), (System.nanoTime() - start) / 1e9, maxLag.get() / 1e6);
    }
}
