package com.whatsdex.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A client of {@code GET /api/v1/events} (the dashboard's stream, here with the API key) that keeps every
 * {@code campaign.progress} event with the wall-clock time it arrived.
 */
final class ProgressEvents implements AutoCloseable {

    /** One event as received: when, for which campaign, its status and counters. */
    record Progress(Instant receivedAt, String campaignId, String status, long sent, long failed, long pending) {}

    private final List<Progress> received = new ArrayList<>();
    private final Thread reader;
    private volatile Http1.Streamed stream;

    ProgressEvents(ServerApi api) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        Http1 http = new Http1(api.baseUrl(), 0);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + api.apiKey(), "Accept", "text/event-stream");
        // the workspace's stream carries every message's status events too (thousands a second in a campaign):
        // read with the small blocking client, so the reading costs the machine little
        reader = Thread.ofVirtual().start(() -> {
            try (Http1.Streamed response = http.stream("/api/v1/events", headers)) {
                stream = response;
                if (response.status() != 200) {
                    throw new IllegalStateException("events answered " + response.status());
                }
                SseLines.read(response.body(), (event, data) -> {
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
        Http1.Streamed open = stream;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        reader.interrupt();
        reader.join(5_000);
    }
}
