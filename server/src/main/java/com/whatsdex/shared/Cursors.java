package com.whatsdex.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Keyset pagination: a cursor is the opaque (base64url) sort key of the last item returned. Repositories fetch
 * {@code limit + 1} rows; a full extra row means there is a next page.
 */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Cursors() {}

    public static int limit(@Nullable Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.validation("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    public static @Nullable String decode(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("cursor", "is not a cursor this API returned");
        }
    }

    /** Cuts a {@code limit + 1} result down to a page, with the cursor taken from the last item kept. */
    public static <T> PageResponse<T> page(List<T> rows, int limit, Function<T, String> keyOf) {
        if (rows.size() <= limit) {
            return new PageResponse<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new PageResponse<>(List.copyOf(items), encode(keyOf.apply(items.getLast())));
    }
}
