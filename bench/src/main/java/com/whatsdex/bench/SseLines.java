package com.whatsdex.bench;

import java.util.function.BiConsumer;
import java.util.stream.Stream;

/** Reads server-sent events off a response's lines, as EventSource does for the fields the benchmarks use. */
final class SseLines {

    private SseLines() {}

    /** Calls {@code onEvent} with each event's name and data as it arrives, until the stream ends. */
    static void read(Stream<String> lines, BiConsumer<String, String> onEvent) {
        String event = null;
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:") && event != null) {
                onEvent.accept(event, line.substring(5).strip());
            } else if (line.isEmpty()) {
                event = null;
            }
        }
    }
}
