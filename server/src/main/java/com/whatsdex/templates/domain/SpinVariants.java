package com.whatsdex.templates.domain;

import com.whatsdex.templates.MessageBody;
import com.whatsdex.templates.TemplateSyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules that turn an AI answer into usable variants: tolerant parsing of the answer, and the check that a variant
 * is a valid template with exactly the input's variables.
 */
public final class SpinVariants {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> TEXT_FIELDS = List.of("text", "variant", "body", "message");

    private SpinVariants() {}

    /**
     * The strings of the JSON array in an answer, tolerating what models wrap around it: code fences, a sentence
     * before or after, an object holding the array ({@code {"variants": [...]}}), objects instead of strings
     * ({@code [{"text": "..."}]}), an array cut off after its last complete string.
     *
     * @return null when the answer holds no JSON array at all
     */
    public static @Nullable List<String> parseAnswer(String answer) {
        JsonNode array = null;
        for (String text : List.of(unfenced(answer.strip()), answer)) {
            JsonNode node = json(text);
            if (node == null || arrayIn(node) == null) {
                int open = text.indexOf('[');
                int close = text.lastIndexOf(']');
                node = open >= 0 && close > open ? json(text.substring(open, close + 1)) : null;
            }
            array = node == null ? null : arrayIn(node);
            if (array == null) {
                array = truncatedArray(text);
            }
            if (array != null) {
                break;
            }
        }
        if (array == null) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode item : array) {
            String s = textOf(item);
            if (s != null && !s.isBlank()) {
                strings.add(s.strip());
            }
        }
        return strings;
    }

    /**
     * Sorts candidates into accepted variants (at most {@code count}) and rejected ones. Candidates equal to the input
     * or to an earlier candidate (ignoring case and whitespace) are dropped without a report: they are not variants.
     */
    public static SpinResult sort(String input, List<String> candidates, int count) {
        List<String> expected = MessageBody.parse(input, "body").placeholders();
        Set<String> seen = new HashSet<>();
        seen.add(normalised(input));
        List<String> variants = new ArrayList<>();
        List<SpinResult.Rejected> rejected = new ArrayList<>();
        for (String candidate : candidates) {
            if (candidate.isBlank() || !seen.add(normalised(candidate))) {
                continue;
            }
            String problem = problem(expected, candidate);
            if (problem != null) {
                rejected.add(new SpinResult.Rejected(candidate, problem));
            } else if (variants.size() < count) {
                variants.add(candidate);
            }
        }
        return new SpinResult(variants, rejected);
    }

    /**
     * Why {@code variant} cannot replace a body whose placeholders are {@code expected} (as {@link
     * MessageBody#placeholders()} lists them), or null when it can: it must parse, and use the same placeholders
     * (name and default) the same number of times.
     */
    public static @Nullable String problem(List<String> expected, String variant) {
        List<String> actual;
        try {
            actual = MessageBody.parse(variant, "variant").placeholders();
        } catch (TemplateSyntaxException e) {
            return "Not a valid template: " + e.getMessage();
        }
        Map<String, Integer> missing = counts(expected);
        Map<String, Integer> added = new LinkedHashMap<>();
        for (String p : actual) {
            if (missing.getOrDefault(p, 0) > 0) {
                missing.merge(p, -1, Integer::sum);
            } else {
                added.merge(p, 1, Integer::sum);
            }
        }
        missing.values().removeIf(n -> n == 0);
        if (missing.isEmpty() && added.isEmpty()) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        // a placeholder dropped and one of the same name added: its default was altered
        for (var it = missing.entrySet().iterator(); it.hasNext(); ) {
            var m = it.next();
            String name = nameOf(m.getKey());
            String replacement = added.keySet().stream()
                    .filter(a -> nameOf(a).equals(name))
                    .findFirst()
                    .orElse(null);
            if (replacement != null) {
                reasons.add("alters " + shown(m.getKey()) + " into " + shown(replacement));
                decrement(added, replacement);
                if (m.getValue() == 1) {
                    it.remove();
                } else {
                    m.setValue(m.getValue() - 1);
                }
            }
        }
        missing.keySet().forEach(p -> reasons.add("drops " + shown(p)));
        added.keySet().forEach(p -> reasons.add("adds " + shown(p)));
        String joined = String.join("; ", reasons);
        return Character.toUpperCase(joined.charAt(0)) + joined.substring(1);
    }

    /** Case and runs of whitespace do not make a new variant. */
    static String normalised(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static void decrement(Map<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    private static Map<String, Integer> counts(List<String> items) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        items.forEach(i -> counts.merge(i, 1, Integer::sum));
        return counts;
    }

    private static String nameOf(String placeholder) {
        int bar = placeholder.indexOf('|');
        return bar < 0 ? placeholder : placeholder.substring(0, bar);
    }

    /** A placeholder as a user writes it: {@code {{name}}} or {@code {{first_name | there}}}. */
    private static String shown(String placeholder) {
        int bar = placeholder.indexOf('|');
        return bar < 0
                ? "{{" + placeholder + "}}"
                : "{{" + placeholder.substring(0, bar) + " | " + placeholder.substring(bar + 1) + "}}";
    }

    private static String unfenced(String text) {
        int fence = text.indexOf("```");
        if (fence < 0) {
            return text;
        }
        int start = text.indexOf('\n', fence);
        int end = start < 0 ? -1 : text.indexOf("```", start);
        return start < 0 || end < 0 ? text.substring(fence + 3) : text.substring(start + 1, end);
    }

    private static @Nullable JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * The complete strings of an array the model was cut off in (it reached its token limit): everything up to the
     * last {@code ",} that ends an element, closed with {@code ]}.
     */
    private static @Nullable JsonNode truncatedArray(String text) {
        int open = text.indexOf('[');
        if (open < 0) {
            return null;
        }
        int end = text.length();
        for (int attempt = 0; attempt < 5; attempt++) {
            int cut = text.lastIndexOf("\",", end - 1);
            if (cut <= open) {
                return null;
            }
            JsonNode node = json(text.substring(open, cut + 1) + "]");
            if (node != null && node.isArray()) {
                return node;
            }
            end = cut;
        }
        return null;
    }

    private static @Nullable JsonNode arrayIn(JsonNode node) {
        if (node.isArray()) {
            return node;
        }
        if (node.isObject()) {
            for (JsonNode value : node.values()) {
                if (value.isArray()) {
                    return value;
                }
            }
        }
        return null;
    }

    private static @Nullable String textOf(JsonNode item) {
        if (item.isString()) {
            return item.asString();
        }
        if (item.isObject()) {
            for (String field : TEXT_FIELDS) {
                if (item.path(field).isString()) {
                    return item.path(field).asString();
                }
            }
        }
        return null;
    }
}
