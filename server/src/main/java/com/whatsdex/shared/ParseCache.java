package com.whatsdex.shared;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what a pure function made of a text (a campaign's JSON settings, a message body, a sealed secret), so
 * the rows a hot path reads again and again are not parsed or opened again each time. The values must be immutable.
 * Bounded: past {@code max} texts it starts over.
 */
public final class ParseCache<T> {

    private final Map<String, T> parsed = new ConcurrentHashMap<>();
    private final int max;

    public ParseCache(int max) {
        this.max = max;
    }

    /**
     * What {@code parser} makes of {@code text}, parsed at most once while remembered; a parser's exception is
     * thrown and nothing is remembered. Every parser given for one cache must make the same of the same text.
     */
    public T get(String text, Function<String, T> parser) {
        T known = parsed.get(text);
        if (known != null) {
            return known;
        }
        T value = Objects.requireNonNull(parser.apply(text));
        if (parsed.size() >= max) {
            parsed.clear();
        }
        parsed.put(text, value);
        return value;
    }
}
