package com.whatsdex.templates;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The values a body's variables take for one contact. */
public final class Variables {

    private Variables() {}

    /**
     * {@code name}, {@code first_name} (the name's first word), {@code last_name}, {@code phone}, {@code email}, and
     * every custom attribute by its key (lower case). Built-in names win over attributes of the same key.
     */
    public static Map<String, String> of(
            @Nullable String name, String phone, @Nullable String email, Map<String, String> attributes) {
        Map<String, String> values = new HashMap<>();
        attributes.forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), v));
        if (name != null && !name.isBlank()) {
            String trimmed = name.strip();
            values.put("name", trimmed);
            String[] words = trimmed.split("\\s+", 2);
            values.put("first_name", words[0]);
            values.put("last_name", words.length > 1 ? words[1] : "");
        } else {
            values.remove("name");
            values.remove("first_name");
            values.remove("last_name");
        }
        values.put("phone", phone);
        if (email != null) {
            values.put("email", email);
        } else {
            values.remove("email");
        }
        return values;
    }

    /** A seed from what identifies one send (e.g. campaign id and recipient id): stable across retries. */
    public static long seed(Object... parts) {
        long h = 1125899906842597L;
        for (Object part : parts) {
            String s = String.valueOf(part);
            for (int i = 0; i < s.length(); i++) {
                h = 31 * h + s.charAt(i);
            }
            h = 31 * h + '|';
        }
        return h;
    }
}
