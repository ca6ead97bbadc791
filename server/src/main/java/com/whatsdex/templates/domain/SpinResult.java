package com.whatsdex.templates.domain;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What AI spinning produced.
 *
 * @param variants accepted rewrites: valid templates with exactly the input's variables, distinct from each other and
 *     from the input
 * @param rejected rewrites the AI proposed that could not be used, with the reason
 */
public record SpinResult(List<String> variants, List<Rejected> rejected) {

    public SpinResult {
        variants = List.copyOf(variants);
        rejected = List.copyOf(rejected);
    }

    /** A proposed variant that was discarded, e.g. because it dropped {@code {{name}}}. */
    @Schema(name = "SpinRejection")
    public record Rejected(String text, String reason) {}
}
