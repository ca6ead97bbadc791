package com.whatsdex.messaging.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTests {

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void callersArrivingDuringAWriteShareTheNextOneAndEachReturnsAfterItsOwn() throws Exception {
        HeldFirst held = new HeldFirst();
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, Integer, Integer> commits = new GroupCommit<>(100, true, (key, items) -> {
            held.atWrite(items);
            batches.add(items);
            return items;
        });

        List<Future<?>> rest = held.queueBehind(commits, 5);
        assertThat(rest).noneMatch(Future::isDone); // nobody returns before its item is written

        held.release();
        for (Future<?> f : rest) {
            f.get();
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).containsExactly(0);
        assertThat(batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void oneKeyNeverHasTwoWritesAtOnceAndEveryItemIsWrittenOnce() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        ConcurrentHashMap<Integer, Integer> written = new ConcurrentHashMap<>();
        GroupCommit<String, Integer, Integer> commits = new GroupCommit<>(7, true, (key, items) -> {
            if (inFlight.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.onSpinWait();
            items.forEach(i -> written.merge(i, 1, Integer::sum));
            inFlight.decrementAndGet();
            return items;
        });
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int item = i;
            all.add(callers.submit(() -> commits.submit("w", item)));
        }
        for (Future<?> f : all) {
            f.get();
        }
        assertThat(overlaps).hasValue(0);
        assertThat(written).hasSize(2_000);
        assertThat(written.values()).containsOnly(1);
        assertThat(commits.waiting("w")).isZero();
    }

    @Test
    void aFailingBatchIsWrittenAgainItemByItemAndOnlyTheFailingCallerSeesTheFailure() throws Exception {
        HeldFirst held = new HeldFirst();
        List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, Integer, Integer> commits = new GroupCommit<>(100, true, (key, items) -> {
            held.atWrite(items);
            if (items.contains(3)) {
                throw new IllegalStateException("item 3 cannot be stored");
            }
            committed.addAll(items);
            return items;
        });
        List<Future<?>> rest = held.queueBehind(commits, 4);
        held.release();

        rest.get(0).get();
        rest.get(1).get();
        assertThatThrownBy(() -> rest.get(2).get()).hasRootCauseMessage("item 3 cannot be stored");
        rest.get(3).get();
        assertThat(committed).containsExactlyInAnyOrder(0, 1, 2, 4);
    }

    @Test
    void eachCallerGetsItsOwnResult() throws Exception {
        GroupCommit<String, Integer, String> commits = new GroupCommit<>(
                100, false, (key, items) -> items.stream().map(i -> key + i).toList());
        List<Future<String>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int item = i;
            all.add(callers.submit(() -> commits.submit("w", item)));
        }
        for (int i = 0; i < 200; i++) {
            assertThat(all.get(i).get()).isEqualTo("w" + i);
        }
    }

    @Test
    void workThatMustNotRunTwiceIsNotRetriedAloneAndEveryCallerOfTheBatchSeesTheFailure() throws Exception {
        HeldFirst held = new HeldFirst();
        AtomicInteger runs = new AtomicInteger();
        GroupCommit<String, Integer, Integer> commits = new GroupCommit<>(100, false, (key, items) -> {
            runs.incrementAndGet();
            if (items.contains(0)) {
                held.atWrite(items);
                return items;
            }
            throw new IllegalStateException("the provider broke mid-batch");
        });
        List<Future<?>> rest = held.queueBehind(commits, 3);
        held.release();
        for (Future<?> f : rest) {
            assertThatThrownBy(f::get).hasRootCauseMessage("the provider broke mid-batch");
        }
        assertThat(runs).as("the first batch and the failed one, nothing again").hasValue(2);
    }

    @Test
    void differentKeysDoNotWaitForEachOther() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        GroupCommit<String, Integer, Integer> commits = new GroupCommit<>(100, true, (key, items) -> {
            if (key.equals("slow")) {
                hold(blocked);
            }
            return items;
        });
        Future<?> slow = callers.submit(() -> commits.submit("slow", 1));
        callers.submit(() -> commits.submit("fast", 2)).get(); // returns while "slow" is still being written
        assertThat(slow.isDone()).isFalse();
        blocked.countDown();
        slow.get();
    }

    /**
     * Holds the write of the batch with item 0 until {@link #release}, so callers submitted meanwhile queue up behind
     * it: the write function calls {@link #atWrite} first.
     */
    private final class HeldFirst {
        private final CountDownLatch writing = new CountDownLatch(1);
        private final CountDownLatch mayFinish = new CountDownLatch(1);
        private Future<?> first = CompletableFuture.completedFuture(null);

        void atWrite(List<Integer> items) {
            if (items.contains(0)) {
                writing.countDown();
                hold(mayFinish);
            }
        }

        /** Submits item 0, then items 1 … n once it is being written; answers once all n wait behind it. */
        List<Future<?>> queueBehind(GroupCommit<String, Integer, Integer> commits, int n) throws Exception {
            first = callers.submit(() -> commits.submit("w", 0));
            assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
            List<Future<?>> rest = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                int item = i;
                rest.add(callers.submit(() -> commits.submit("w", item)));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> commits.waiting("w") == n);
            return rest;
        }

        /** Lets the first batch finish, and waits until its caller returned. */
        void release() throws Exception {
            mayFinish.countDown();
            first.get();
        }
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
