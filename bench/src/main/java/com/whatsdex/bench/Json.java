package com.whatsdex.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads single string fields out of small JSON answers; the bench needs no more than that. */
final class Json {

    private Json() {}

    static String string(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                .matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no \"" + field + "\" in " + json);
        }
        return m.group(1).replace("\\/", "/").replace("\\\"", "\"");
    }

    /** The first integer field of that name anywhere in the answer. */
    static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?\\d+)")
                .matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no number \"" + field + "\" in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
