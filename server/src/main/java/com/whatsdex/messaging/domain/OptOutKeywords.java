package com.whatsdex.messaging.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The opt-out rule of domain.md: only a message that is nothing but a keyword counts, so "please stop sending" or
 * "don't stop" never opts anyone out by accident.
 */
public final class OptOutKeywords {

    private static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    private static final Set<String> OPT_IN = Set.of("START", "UNSTOP");

    private OptOutKeywords() {}

    /** {@code true} to opt out, {@code false} to opt back in, empty when the text is neither. */
    public static Optional<Boolean> decision(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        String word = stripPunctuation(text).toUpperCase(Locale.ROOT);
        if (OPT_OUT.contains(word)) {
            return Optional.of(true);
        }
        if (OPT_IN.contains(word)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** Removes whitespace and punctuation (including emoji and symbols) around the text, never inside it. */
    private static String stripPunctuation(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && !Character.isLetterOrDigit(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && !Character.isLetterOrDigit(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }
}
