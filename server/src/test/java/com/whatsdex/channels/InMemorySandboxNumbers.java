package com.whatsdex.channels;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Stands in for the sandbox module until it is wired: remembers registered numbers, answers inbound messages with
 * a wamid and has no deliveries. Tests read {@link #numbers} to see what channels registered.
 */
final class InMemorySandboxNumbers implements SandboxNumbers {

    static final String GRAPH_BASE_URL = "http://127.0.0.1:9/sandbox/graph/v21.0";

    final Map<String, Number> numbers = new ConcurrentHashMap<>();
    final Map<String, List<String>> inbound = new ConcurrentHashMap<>();

    @Override
    public String register(Number number) {
        numbers.put(number.phoneNumberId(), number);
        return GRAPH_BASE_URL;
    }

    @Override
    public void unregister(String phoneNumberId) {
        numbers.remove(phoneNumberId);
    }

    @Override
    public String inbound(String phoneNumberId, String from, String text) {
        if (!numbers.containsKey(phoneNumberId)) {
            throw new IllegalArgumentException("unknown sandbox number " + phoneNumberId);
        }
        inbound.computeIfAbsent(phoneNumberId, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(from + ":" + text);
        return "wamid.TEST" + System.nanoTime();
    }

    @Override
    public List<Delivery> deliveries(String phoneNumberId, @Nullable String to, int limit) {
        return List.of();
    }
}
