package com.whatsdex.channels;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One message as the Graph API takes it. {@code to} is the recipient's E.164 number, with or without {@code +}.
 */
public sealed interface OutboundContent {

    String to();

    /** Free-form text: only inside the 24-hour window after the contact last wrote. */
    record Text(String to, String body, boolean previewUrl) implements OutboundContent {}

    /** A Meta-approved template, allowed outside the 24-hour window; parameters fill the body's {{1}}, {{2}}… */
    record Template(String to, String name, String language, List<String> bodyParameters) implements OutboundContent {}

    /** Media by public link. */
    record Media(
            String to,
            MediaKind kind,
            String link,
            @Nullable String caption,
            @Nullable String filename) implements OutboundContent {}

    enum MediaKind {
        image,
        video,
        audio,
        document
    }
}
