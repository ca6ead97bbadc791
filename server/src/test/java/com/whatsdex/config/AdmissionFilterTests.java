package com.whatsdex.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

class AdmissionFilterTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AdmissionFilter filter = new AdmissionFilter(
            new HttpProperties(
                    DataSize.ofMegabytes(1), List.of("/api/v1/contacts/imports"), 2, 3, Duration.ofMillis(50)),
            new ErrorResponses(JsonMapper.builder().build()),
            meters);

    @Test
    void webhooksBeyondTheirRoomAre503WithRetryAfterAndAdmittedAgainOnceRoomIsFree() throws Exception {
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        FilterChain busy = busyUntil(inside, release);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<MockHttpServletResponse> first = callers.submit(() -> call("/webhooks/whatsapp/a", busy));
            Future<MockHttpServletResponse> second = callers.submit(() -> call("/webhooks/whatsapp/b", busy));
            assertThat(inside.await(5, TimeUnit.SECONDS)).as("both admitted").isTrue();

            MockHttpServletResponse refused = call("/webhooks/whatsapp/c", (req, res) -> {
                throw new AssertionError("must not run while the webhooks' room is full");
            });
            assertThat(refused.getStatus()).isEqualTo(503);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
            assertThat(refused.getContentAsString()).contains("\"overloaded\"");
            assertThat(refusals("webhooks", "waited")).isEqualTo(1);

            // the API has its own room: a full webhook room does not refuse the dashboard
            assertThat(call("/api/v1/contacts", ok()).getStatus()).isEqualTo(200);

            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
            assertThat(second.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        }
        assertThat(call("/webhooks/whatsapp/c", ok()).getStatus()).isEqualTo(200);
    }

    @Test
    void beyondFourTimesItsRoomWaitingAWebhookIsRefusedAtOnceAndTheWaitingAreAdmittedLater() throws Exception {
        AdmissionFilter patient = new AdmissionFilter(
                new HttpProperties(DataSize.ofMegabytes(1), List.of(), 2, 3, Duration.ofSeconds(30)),
                new ErrorResponses(JsonMapper.builder().build()),
                meters);
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        FilterChain busy = busyUntil(inside, release);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<MockHttpServletResponse>> admitted = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                admitted.add(callers.submit(() -> call(patient, "/webhooks/whatsapp/a", busy)));
            }
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
            List<Future<MockHttpServletResponse>> waiting = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                waiting.add(callers.submit(() -> call(patient, "/webhooks/whatsapp/b", ok())));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> patient.webhooksWaiting() == 8);

            // the ninth would wait up to 30 s; it is refused at once instead, while the eight still wait
            MockHttpServletResponse refused = callers.submit(() -> call(patient, "/webhooks/whatsapp/c", ok()))
                    .get(5, TimeUnit.SECONDS);
            assertThat(refused.getStatus()).isEqualTo(503);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
            assertThat(waiting).noneMatch(Future::isDone);
            assertThat(refusals("webhooks", "queue-full")).isEqualTo(1);
            assertThat(refusals("webhooks", "waited")).isZero();

            release.countDown();
            for (Future<MockHttpServletResponse> f : admitted) {
                assertThat(f.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
            }
            for (Future<MockHttpServletResponse> f : waiting) {
                assertThat(f.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
            }
        }
        assertThat(patient.webhooksWaiting()).isZero();
    }

    @Test
    void roomIsGivenInTurnANewcomerNeverTakesItFromAWaiter() throws Exception {
        AdmissionFilter.Room room = new AdmissionFilter.Room("test", 1, meters);
        assertThat(room.enter(Duration.ZERO)).isTrue();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Boolean> waiter = callers.submit(() -> room.enter(Duration.ofSeconds(30)));
            await().atMost(Duration.ofSeconds(5)).until(() -> room.waiting().get() == 1);

            // the room is released for the waiter; a newcomer right after it must queue, not take it
            room.leave();
            assertThat(room.enter(Duration.ZERO))
                    .as("newcomer while a waiter is due")
                    .isFalse();
            assertThat(waiter.get(5, TimeUnit.SECONDS)).as("the waiter").isTrue();
        }
        assertThat(refusals("test", "waited")).isEqualTo(1);
        room.leave();
        assertThat(room.enter(Duration.ZERO)).as("free again").isTrue();
    }

    @Test
    void theEventStreamUploadsAndTheDashboardAreNotCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inside = new CountDownLatch(3);
        FilterChain busy = busyUntil(inside, release);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 3; i++) {
                callers.submit(() -> call("/api/v1/campaigns", busy));
            }
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(call("/api/v1/campaigns", ok()).getStatus()).isEqualTo(503);
            assertThat(refusals("api", "waited")).isEqualTo(1);
            assertThat(call("/api/v1/events", ok()).getStatus()).isEqualTo(200);
            assertThat(call("/api/v1/contacts/imports", ok()).getStatus()).isEqualTo(200);
            assertThat(call("/inbox", ok()).getStatus()).isEqualTo(200);
            release.countDown();
        }
    }

    private double refusals(String room, String reason) {
        return meters.get("whatsdex.admission.refused")
                .tag("room", room)
                .tag("reason", reason)
                .counter()
                .count();
    }

    /** A request that, once admitted, counts itself in and holds its room until released, then answers 200. */
    private static FilterChain busyUntil(CountDownLatch inside, CountDownLatch release) {
        return (req, res) -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ((MockHttpServletResponse) res).setStatus(200);
        };
    }

    private static FilterChain ok() {
        return (req, res) -> ((MockHttpServletResponse) res).setStatus(200);
    }

    private MockHttpServletResponse call(String path, FilterChain chain) throws Exception {
        return call(filter, path, chain);
    }

    private static MockHttpServletResponse call(AdmissionFilter through, String path, FilterChain chain)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRequestURI(path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        through.doFilter(request, response, chain);
        return response;
    }
}
