package com.whatsdex.ai;

import java.util.List;

/**
 * A function the model may call instead of (or before) answering: OpenAI-style function calling. Every parameter is
 * a string, which is all the features using tools need and what every provider handles well.
 *
 * @param name the function's name as the model sees it, e.g. {@code remember_fact}
 * @param description when and why to call it: the model chooses from this text
 */
public record ToolSpec(String name, String description, List<Parameter> parameters) {

    public ToolSpec {
        if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("A tool name is 1-64 letters, digits, _ or -: " + name);
        }
        parameters = List.copyOf(parameters);
    }

    /** A string parameter. */
    public record Parameter(String name, String description, boolean required) {}
}
