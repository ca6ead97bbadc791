package com.whatsdex.realtime;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a server-sent event stream over real HTTP, as a browser's EventSource would. */
final class EventStreamClient implements AutoCloseable {

    record Event(String name, JsonNode data) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpResponse<Stream<String>> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private volatile boolean ended;

    private EventStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread.ofVirtual().name("test-sse-reader").start(this::read);
        }
    }

    static EventStreamClient open(int port, @Nullable String sessionCookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                .header("Accept", "text/event-stream")
                .GET();
        if (sessionCookie != null) {
            request.header("Cookie", "WDX_SESSION=" + sessionCookie);
        }
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            return new EventStreamClient(http.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    @Nullable
    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of a response that is not a stream (an error envelope). */
    JsonNode errorBody() {
        try (Stream<String> lines = response.body()) {
            return JSON.readTree(String.join("\n", lines.toList()));
        }
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<Event> events(String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
    }

    List<String> names() {
        return events.stream().map(Event::name).toList();
    }

    private void read() {
        String name = "message";
        List<String> data = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, JSON.readTree(String.join("\n", data))));
                    }
                    name = "message";
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1));
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring("data:".length()).trim());
                }
            }
        } catch (RuntimeException e) {
            // closed by the test, or the connection broke
        } finally {
            ended = true;
        }
    }

    /** The server ended the response (or the test closed it). */
    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        response.body().close();
    }
}
