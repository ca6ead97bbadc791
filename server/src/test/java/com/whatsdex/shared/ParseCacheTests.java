package com.whatsdex.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParseCacheTests {

    private final AtomicInteger parses = new AtomicInteger();

    private Integer parse(String text) {
        parses.incrementAndGet();
        return Integer.valueOf(text);
    }

    @Test
    void aTextIsParsedOnceWhileRememberedAndAFailureIsNotRemembered() {
        ParseCache<Integer> cache = new ParseCache<>(2);
        assertThat(cache.get("7", this::parse)).isEqualTo(7);
        assertThat(cache.get("7", this::parse)).isEqualTo(7);
        assertThat(parses).hasValue(1);

        assertThatThrownBy(() -> cache.get("x", this::parse)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> cache.get("x", this::parse)).isInstanceOf(NumberFormatException.class);
        assertThat(parses).hasValue(3);
    }

    @Test
    void pastItsBoundItStartsOver() {
        ParseCache<Integer> cache = new ParseCache<>(2);
        cache.get("1", this::parse);
        cache.get("2", this::parse);
        cache.get("3", this::parse); // full: forgets 1 and 2
        cache.get("3", this::parse);
        cache.get("1", this::parse);
        assertThat(parses).hasValue(4);
    }
}
