package com.whatsdex.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many dashboard tabs on {@code GET /api/v1/events}, each counting the events it receives. Like a browser's
 * EventSource, a client whose stream ends reconnects (after 1 s) and counts the reconnect. Within a measuring window
 * each client keeps its event count and the longest time it went without any event, which shows whether every
 * stream kept receiving for the whole run.
 */
final class SseClients implements AutoCloseable {

    /** One tab: its workspace's API and what it received. */
    static final class Client {
        final int workspace;
        final AtomicLong events = new AtomicLong();
        final AtomicLong progressEvents = new AtomicLong();
        final AtomicLong windowEvents = new AtomicLong();
        final AtomicLong reconnects = new AtomicLong();
        final AtomicBoolean connected = new AtomicBoolean();
        private volatile long lastEventNanos;
        private volatile long maxGapNanos;
        private volatile boolean measuring;
        private volatile Http1.Streamed stream;

        Client(int workspace) {
            this.workspace = workspace;
        }

        private synchronized void received(String type) {
            long now = System.nanoTime();
            events.incrementAndGet();
            if (type.equals("campaign.progress")) {
                progressEvents.incrementAndGet();
            }
            if (measuring) {
                windowEvents.incrementAndGet();
                maxGapNanos = Math.max(maxGapNanos, now - lastEventNanos);
                lastEventNanos = now;
            }
        }

        private synchronized void startWindow() {
            windowEvents.set(0);
            maxGapNanos = 0;
            lastEventNanos = System.nanoTime();
            measuring = true;
        }

        private synchronized void endWindow() {
            maxGapNanos = Math.max(maxGapNanos, System.nanoTime() - lastEventNanos);
            measuring = false;
        }

        /** The longest time without an event in the window, its start and end included. */
        double maxGapSeconds() {
            return maxGapNanos / 1e9;
        }
    }

    private final List<Client> clients = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private final AtomicBoolean open = new AtomicBoolean(true);

    /** {@code count} clients, client {@code i} on workspace {@code i % workspaces.size()}; answers once all are ready. */
    SseClients(List<ServerApi> workspaces, int count) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            Client client = new Client(i % workspaces.size());
            ServerApi api = workspaces.get(client.workspace);
            Http1 http = new Http1(api.baseUrl(), 0);
            Map<String, String> headers =
                    Map.of("Authorization", "Bearer " + api.apiKey(), "Accept", "text/event-stream");
            clients.add(client);
            readers.add(Thread.ofVirtual().start(() -> read(client, http, headers, ready)));
        }
        if (!ready.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(ready.getCount() + " event streams not ready after 120 s");
        }
    }

    private void read(Client client, Http1 http, Map<String, String> headers, CountDownLatch ready) {
        AtomicBoolean first = new AtomicBoolean(true);
        while (open.get()) {
            try (Http1.Streamed response = http.stream("/api/v1/events", headers)) {
                client.stream = response;
                if (response.status() == 200) {
                    client.connected.set(true);
                    SseLines.read(response.body(), (event, data) -> {
                        if (!event.equals("ready")) {
                            client.received(event);
                        } else if (first.compareAndSet(true, false)) {
                            ready.countDown();
                        }
                    });
                }
            } catch (Exception e) {
                // the stream broke: reconnect below, as EventSource does
            }
            client.connected.set(false);
            if (!open.get()) {
                return;
            }
            client.reconnects.incrementAndGet();
            try {
                Thread.sleep(1000); // EventSource's reconnection delay before trying again
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    List<Client> clients() {
        return clients;
    }

    void startWindow() {
        clients.forEach(Client::startWindow);
    }

    void endWindow() {
        clients.forEach(Client::endWindow);
    }

    @Override
    public void close() throws InterruptedException {
        open.set(false);
        for (Client c : clients) {
            Http1.Streamed stream = c.stream;
            if (stream != null) {
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
        for (Thread reader : readers) {
            reader.interrupt();
            reader.join(5_000);
        }
    }
}
