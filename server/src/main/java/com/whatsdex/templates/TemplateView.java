package com.whatsdex.templates;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message template.
 *
 * @param variables the variables the body uses, in order of first use
 * @param meta the Meta-approved template Cloud API sends use (outside the 24-hour window), if any
 */
public record TemplateView(
        UUID id,
        String name,
        Category category,
        String body,
        @Nullable Media media,
        @Nullable Meta meta,
        List<String> variables,
        Instant createdAt,
        Instant updatedAt) {

    public enum Category {
        marketing,
        utility,
        authentication
    }

    /** Media sent with the body as its caption. */
    @Schema(name = "TemplateMedia")
    public record Media(String kind, String url) {}

    /**
     * @param parameters one body expression per numbered parameter of the Meta template ({@code {{1}}}, {@code
     *     {{2}}} …), e.g. {@code "{{first_name | there}}"}
     */
    @Schema(name = "TemplateMeta")
    public record Meta(String name, String language, List<String> parameters) {}
}
