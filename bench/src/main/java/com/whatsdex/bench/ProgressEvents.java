package com.whatsdex.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A client of {@code GET /api/v1/events} (the dashboard's stream, here with the API key) that keeps every
 * {@code campaign.progress} event with the wall-clock time it arrived.
 */
final class ProgressEvents implements AutoCloseable {

    /** One event as received: when, for which campaign, its status and counters. */
    record Progress(Instant receivedAt, String campaignId, String status, long sent, long failed, long pending) {}

    private final List<Progress> received = new ArrayList<>();
    private final Thread reader;
    private volatile Stream<String> lines;

    ProgressEvents(ServerApi api) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/events"))
                .header("Authorization", "Bearer " + api.apiKey())
                .header("Accept", "text/event-stream")
                .build();
        reader = Thread.ofVirtual().start(() -> {
            try {
                HttpResponse<Stream<String>> response = api.http().send(request, HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("events answered " + response.statusCode());
                }
                lines = response.body();
                SseLines.read(lines, (event, data) -> {
                    if (event.equals("ready")) {
                        ready.countDown();
                    } else if (event.equals("campaign.progress")) {
                        Instant at = Instant.now();
                        synchronized (received) {
                            received.add(new Progress(
                                    at,
                                    Json.string(data, "campaignId"),
                                    Json.string(data, "status"),
                                    Json.number(data, "sent"),
                                    Json.number(data, "failed"),
                                    Json.number(data, "pending")));
                        }
                    }
                });
            } catch (Exception e) {
                // closed, or the server went away
            }
        });
        if (!ready.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no ready event from /api/v1/events");
        }
    }

    /** The events of one campaign, in arrival order. */
    List<Progress> of(String campaignId) {
        synchronized (received) {
            return received.stream()
                    .filter(p -> p.campaignId().equals(campaignId))
                    .toList();
        }
    }

    @Override
    public void close() throws InterruptedException {
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
        reader.interrupt();
        reader.join(5_000);
    }
}
