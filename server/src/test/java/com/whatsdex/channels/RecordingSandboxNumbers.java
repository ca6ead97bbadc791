package com.whatsdex.channels;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * Passes every call on to the real embedded sandbox and remembers what channels asked of it, so tests can see the
 * registrations (found by component scanning: every test class shares one application context).
 */
@Component
@Primary
class RecordingSandboxNumbers implements SandboxNumbers {

    final Map<String, Number> numbers = new ConcurrentHashMap<>();
    final Map<String, List<String>> inbound = new ConcurrentHashMap<>();
    private final SandboxNumbers real;

    RecordingSandboxNumbers(List<SandboxNumbers> all) {
        this.real = all.stream()
                .filter(s -> !(s instanceof RecordingSandboxNumbers))
                .findFirst()
                .orElseThrow();
    }

    @Override
    public String register(Number number) {
        String graphBaseUrl = real.register(number);
        numbers.put(number.phoneNumberId(), number);
        return graphBaseUrl;
    }

    @Override
    public void unregister(String phoneNumberId) {
        real.unregister(phoneNumberId);
        numbers.remove(phoneNumberId);
    }

    @Override
    public String inbound(String phoneNumberId, String from, String text) {
        String wamid = real.inbound(phoneNumberId, from, text);
        inbound.computeIfAbsent(phoneNumberId, k -> new CopyOnWriteArrayList<>())
                .add(from + ":" + text);
        return wamid;
    }

    @Override
    public List<Delivery> deliveries(String phoneNumberId, @Nullable String to, int limit) {
        return real.deliveries(phoneNumberId, to, limit);
    }
}
