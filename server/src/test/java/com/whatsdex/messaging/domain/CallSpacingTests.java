package com.whatsdex.messaging.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class CallSpacingTests {

    private final CallSpacing spacing = new CallSpacing();

    @Test
    void callsThatAllStartLateAtOnceTakeMomentsOneIntervalApart() throws Exception {
        UUID channel = UUID.randomUUID();
        List<Long> moments = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                senders.submit(() -> {
                    go.await(); // twenty sends woken at the same moment, all past their slots
                    moments.add(spacing.reserve(channel, 50));
                    return null;
                });
            }
            go.countDown();
        }
        List<Long> sorted = new ArrayList<>(moments);
        Collections.sort(sorted);
        long interval = com.whatsdex.channels.SendPacer.intervalNanos(50);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - 1)).as("gap %d", i).isGreaterThanOrEqualTo(interval);
        }
    }

    @Test
    void awaitSleepsUntilTheReservedMoment() throws Exception {
        UUID channel = UUID.randomUUID();
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            spacing.await(channel, 20);
        }
        assertThat(System.nanoTime() - start).as("four intervals of 50 ms").isGreaterThanOrEqualTo(200_000_000L);
    }

    @Test
    void channelsAreSpacedIndependentlyAndAnUnpacedOneNeverWaits() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        long first = spacing.reserve(a, 2);
        long other = spacing.reserve(b, 2);
        assertThat(other - first)
                .as("another channel's first call goes at once")
                .isLessThan(100_000_000L);
        long unpaced = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(spacing.reserve(a, 0)).isLessThanOrEqualTo(System.nanoTime());
        }
        assertThat(System.nanoTime() - unpaced).isLessThan(250_000_000L);
    }
}
