package com.whatsdex.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a workspace's server-sent event stream over real HTTP, as the dashboard's EventSource does. */
public final class EventStream implements AutoCloseable {

    public record Event(String name, JsonNode data) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpResponse<Stream<String>> response;
    public final List<Event> events = new CopyOnWriteArrayList<>();

    public EventStream(int port, String sessionCookie) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                .header("Accept", "text/event-stream")
                .header("Cookie", "WDX_SESSION=" + sessionCookie)
                .GET()
                .build();
        response = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .send(request, HttpResponse.BodyHandlers.ofLines());
        Thread.ofVirtual().start(this::read);
    }

    public int status() {
        return response.statusCode();
    }

    public List<Event> named(String name) {
        return events.stream().filter(e -> e.name().equals(name)).toList();
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
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring("data:".length()).trim());
                }
            }
        } catch (RuntimeException e) {
            // closed by the test
        }
    }

    @Override
    public void close() {
        response.body().close();
    }
}
