package com.whatsdex.contacts.domain;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which contacts a list, an export, a bulk delete or an audience means.
 *
 * @param search matches the start of the name, of the name's last word, of the email, or of the phone (national or
 *     international input)
 * @param tags contacts with any (or all, see {@code match}) of these tags; empty means no tag condition
 * @param optedInOnly leaves out contacts who opted out
 */
public record ContactFilter(@Nullable String search, List<String> tags, TagMatch match, boolean optedInOnly) {

    public enum TagMatch {
        any,
        all
    }

    public ContactFilter {
        search = search == null || search.isBlank()
                ? null
                : search.replace("\u0000", "").strip();
        tags = tags.stream()
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .distinct()
                .toList();
    }

    public static ContactFilter of(@Nullable String search, @Nullable List<String> tags) {
        return new ContactFilter(search, tags == null ? List.of() : tags, TagMatch.any, false);
    }

    public static ContactFilter everyone() {
        return of(null, null);
    }
}
