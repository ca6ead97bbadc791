package com.whatsdex.bench;

import java.util.Arrays;

/** Latency samples in microseconds, recorded from many threads. */
final class Latencies {

    private long[] samples;
    private int size;

    Latencies(int capacity) {
        samples = new long[capacity];
    }

    synchronized void add(long micros) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = micros;
    }

    synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int index = (int) Math.min(size - 1, Math.ceil(p / 100.0 * size) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    /** Adds these samples to another set (e.g. several endpoints' latencies into one). */
    synchronized void addAllTo(Latencies other) {
        for (int i = 0; i < size; i++) {
            other.add(samples[i]);
        }
    }

    synchronized int count() {
        return size;
    }
}
