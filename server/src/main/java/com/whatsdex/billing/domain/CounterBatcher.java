package com.whatsdex.billing.domain;

import com.whatsdex.shared.TenantContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Grants consumption of one counter to many concurrent callers with one locked read-and-update per batch, instead of
 * one row lock per caller (every send of a workspace would otherwise queue on the same row). The first caller to
 * find no batch running becomes the leader: it takes everything queued, grants requests first come first served,
 * each all or nothing within its limit, commits, and answers them all; later callers either join the next batch or
 * lead it. Correct across instances: the row lock still serialises batches of different instances.
 */
final class CounterBatcher {

    record Key(UUID tenant, String period, String metric) {}

    private record Request(long amount, long limit, boolean partial, CompletableFuture<Long> granted) {}

    private static final class Lane {
        final ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean leading = new AtomicBoolean();
    }

    private static final int MAX_BATCH = 1000;

    private final Map<Key, Lane> lanes = new ConcurrentHashMap<>();
    private final UsageCounterRepository counters;
    private final TransactionTemplate ownTransaction;

    CounterBatcher(UsageCounterRepository counters, TransactionTemplate ownTransaction) {
        this.counters = counters;
        this.ownTransaction = ownTransaction;
    }

    /**
     * Counts {@code amount} when it fits under {@code limit} (or, when {@code partial}, as much as fits) and commits
     * before returning.
     *
     * @return what was counted: {@code amount}, 0, or with {@code partial} anything in between
     */
    long consume(Key key, long amount, long limit, boolean partial) {
        Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
        Request request = new Request(amount, limit, partial, new CompletableFuture<>());
        lane.queue.add(request);
        while (true) {
            if (lane.leading.compareAndSet(false, true)) {
                try {
                    drain(key, lane);
                } finally {
                    lane.leading.set(false);
                }
            }
            try {
                // a leader answers within one batch; a request queued just as the leader finished is picked up by
                // taking the lead on the next turn of this loop
                return request.granted().get(5, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // not answered yet: try to lead
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while counting usage", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }

    private void drain(Key key, Lane lane) {
        while (!lane.queue.isEmpty()) {
            List<Request> batch = new ArrayList<>();
            for (Request r = lane.queue.poll(); r != null; r = batch.size() < MAX_BATCH ? lane.queue.poll() : null) {
                batch.add(r);
            }
            long[] granted = new long[batch.size()];
            try {
                TenantContext.runAs(
                        key.tenant(),
                        () -> ownTransaction.executeWithoutResult(s -> {
                            long value = counters.lockValue(key.period(), key.metric());
                            long start = value;
                            for (int i = 0; i < batch.size(); i++) {
                                Request r = batch.get(i);
                                long fits = Math.max(0, Math.min(r.amount(), r.limit() - value));
                                granted[i] = fits == r.amount() || r.partial() ? fits : 0;
                                value += granted[i];
                            }
                            if (value != start) {
                                counters.setValue(key.period(), key.metric(), value);
                            }
                        }));
            } catch (RuntimeException e) {
                batch.forEach(r -> r.granted().completeExceptionally(e));
                continue;
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).granted().complete(granted[i]); // only after the commit
            }
        }
    }
}
