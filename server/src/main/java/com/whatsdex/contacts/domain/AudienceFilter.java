package com.whatsdex.contacts.domain;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An audience's conditions.
 *
 * @param tags contacts with any or all ({@code match}) of these tags; empty: no tag condition
 * @param optedInOnly leave out contacts who opted out (the default, and what campaigns need)
 * @param search optionally, the contacts list's search as well
 */
public record AudienceFilter(
        @NotNull(message = "is required") @Size(max = 50, message = "must be at most 50 tags")
        List<String> tags,

        ContactFilter.@NotNull(message = "is required") TagMatch match,
        boolean optedInOnly,

        @Nullable @Size(max = 100, message = "must be at most 100 characters")
        String search) {

    ContactFilter toContactFilter() {
        return new ContactFilter(search, tags, match, optedInOnly);
    }
}
