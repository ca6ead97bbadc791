package com.whatsdex.messaging.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Writes the work of concurrent callers that share a key (a workspace) in one transaction, and returns to each
 * caller only once its own work is committed. While one batch of a key is being written, the callers arriving for
 * that key queue up; when it is done, the first of them writes everything queued (up to {@code maxBatch} items) in
 * the next one. So a key has at most one transaction in flight on this instance: the rows every item of a workspace
 * updates (its usage counter, its contact count) are locked once per batch instead of once per item, and a batch
 * waits for the disk once.
 *
 * <p>A batch that fails is written again item by item, each in a transaction of its own, so one item's failure is
 * that item's caller's alone, unless the work must not run twice (a send): then every caller of the batch gets the
 * failure.
 *
 * @param <K> what batches items together
 * @param <T> one caller's work
 * @param <R> what one caller gets back
 */
final class GroupCommit<K, T, R> {

    private final int maxBatch;
    private final boolean retryAlone;
    private final BiFunction<K, List<T>, List<R>> write;
    private final Map<K, Lane> lanes = new ConcurrentHashMap<>();

    /**
     * @param retryAlone whether a failed batch is written again item by item (only for work that may run again)
     * @param write does the items' work, all or nothing, and answers one result per item, in order
     */
    GroupCommit(int maxBatch, boolean retryAlone, BiFunction<K, List<T>, List<R>> write) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.retryAlone = retryAlone;
        this.write = write;
    }

    /** Does the item's work with whatever else is waiting for its key; returns its result once that is committed. */
    R submit(K key, T item) {
        Waiter me = new Waiter(item);
        Lane lane = join(key, me);
        if (!me.leads) {
            me.await();
            if (!me.leads) {
                return me.outcome(); // done in another caller's batch
            }
        }
        List<Waiter> batch;
        synchronized (lane) {
            batch = new ArrayList<>(Math.min(maxBatch, lane.queue.size()));
            while (batch.size() < maxBatch && !lane.queue.isEmpty()) {
                batch.add(lane.queue.poll());
            }
        }
        try {
            writeAll(key, batch);
        } finally {
            handOver(key, lane);
            for (Waiter w : batch) {
                if (w != me) {
                    w.release();
                }
            }
        }
        return me.outcome();
    }

    /** How many callers of the key wait for their batch to start (for tests). */
    int waiting(K key) {
        Lane lane = lanes.get(key);
        if (lane == null) {
            return 0;
        }
        synchronized (lane) {
            return lane.queue.size();
        }
    }

    /** Queues the waiter in its key's lane; it leads when nobody is writing for the key. */
    private Lane join(K key, Waiter me) {
        while (true) {
            Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
            synchronized (lane) {
                if (lane.retired) {
                    continue; // removed while idle, between the lookup and the lock: take the new one
                }
                lane.queue.add(me);
                if (!lane.writing) {
                    lane.writing = true;
                    me.leads = true;
                }
                return lane;
            }
        }
    }

    /** The next queued caller writes the next batch; an idle lane is removed so the map does not grow. */
    private void handOver(K key, Lane lane) {
        Waiter next;
        synchronized (lane) {
            next = lane.queue.peek();
            if (next == null) {
                lane.writing = false;
                lane.retired = true;
                lanes.remove(key, lane);
                return;
            }
        }
        next.leads = true;
        next.release();
    }

    private void writeAll(K key, List<Waiter> batch) {
        try {
            List<R> results = write.apply(key, batch.stream().map(w -> w.item).toList());
            if (results.size() != batch.size()) {
                throw new IllegalStateException(results.size() + " results for " + batch.size() + " items");
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result = results.get(i);
            }
            return;
        } catch (RuntimeException | Error e) {
            if (batch.size() == 1 || !retryAlone) {
                batch.forEach(w -> w.failure = e);
                return;
            }
        }
        for (Waiter w : batch) {
            try {
                w.result = write.apply(key, List.of(w.item)).getFirst();
            } catch (RuntimeException | Error e) {
                w.failure = e;
            }
        }
    }

    private final class Lane {
        final ArrayDeque<Waiter> queue = new ArrayDeque<>();
        boolean writing;
        boolean retired;
    }

    private final class Waiter {
        final T item;
        final CountDownLatch released = new CountDownLatch(1);
        volatile boolean leads;
        volatile @Nullable Throwable failure;
        volatile @Nullable R result;

        Waiter(T item) {
            this.item = item;
        }

        void release() {
            released.countDown();
        }

        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    released.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the item is in a batch already: it must see how that ends
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        R outcome() {
            Throwable f = failure;
            if (f instanceof RuntimeException e) {
                throw e;
            }
            if (f instanceof Error e) {
                throw e;
            }
            return Objects.requireNonNull(result);
        }
    }
}
