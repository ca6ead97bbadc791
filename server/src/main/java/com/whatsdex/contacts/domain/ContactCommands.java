package com.whatsdex.contacts.domain;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The contact use cases' inputs, validated at the HTTP boundary; the phone is parsed in the service. */
public final class ContactCommands {

    static final int MAX_TAGS = 50;
    static final int MAX_ATTRIBUTES = 100;

    private ContactCommands() {}

    /**
     * @param phone as typed; national numbers use the workspace's default country
     * @param attributes custom fields; keys up to 64 characters, values up to 1000
     */
    public record CreateContactCmd(
            @NotBlank(message = "is required") @Size(max = 40, message = "must be at most 40 characters")
            String phone,

            @Nullable @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @Nullable
            @Email(message = "must be an email address")
            @Size(max = 320, message = "must be at most 320 characters")
            String email,

            @Nullable @Size(max = MAX_TAGS, message = "must be at most 50 tags")
            List<String> tags,

            @Nullable @Size(max = MAX_ATTRIBUTES, message = "must be at most 100 attributes")
            Map<String, String> attributes,

            @Nullable Boolean optedOut) {}

    /** Absent fields keep their value; an empty name or email clears it. */
    public record UpdateContactCmd(
            @Nullable @Size(min = 1, max = 40, message = "must be 1 to 40 characters")
            String phone,

            @Nullable @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @Nullable
            @Email(message = "must be an email address")
            @Size(max = 320, message = "must be at most 320 characters")
            String email,

            @Nullable @Size(max = MAX_TAGS, message = "must be at most 50 tags")
            List<String> tags,

            @Nullable @Size(max = MAX_ATTRIBUTES, message = "must be at most 100 attributes")
            Map<String, String> attributes,

            @Nullable Boolean optedOut) {}

    /**
     * Either {@code ids} (a selection) or {@code filter} (everything the list shows with these parameters; an empty
     * filter means every contact).
     */
    public record BulkDeleteCmd(
            @Nullable @Size(max = 10_000, message = "must be at most 10000 ids")
            List<UUID> ids,

            @Nullable ContactFilterRequest filter) {}

    /** The list's filter parameters as a body. */
    public record ContactFilterRequest(
            @Nullable @Size(max = 100, message = "must be at most 100 characters")
            String search,

            @Nullable List<String> tags) {}
}
