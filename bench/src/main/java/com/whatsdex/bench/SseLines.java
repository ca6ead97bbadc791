package com.whatsdex.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/** Reads server-sent events off a response's lines, as EventSource does for the fields the benchmarks use. */
final class SseLines {

    private SseLines() {}

    /** Calls {@code onEvent} with each event's name and data as it arrives (UTF-8), until the stream ends. */
    static void read(InputStream body, BiConsumer<String, String> onEvent) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String event = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
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
