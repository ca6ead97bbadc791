package com.whatsdex.messaging;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One message to send through the outbound pipeline, from any sender (API, inbox, campaign, agent).
 *
 * @param contactId the recipient, or null with {@code to}
 * @param to the recipient's phone (E.164) when there is no contact id; a contact is created for it
 * @param channelId the channel to send through; null = the channel that last interacted with the contact
 * @param clientKey makes the send idempotent: a second request with the same key returns the first message
 * @param campaignId the campaign a campaign send belongs to
 */
public record OutboundRequest(
        @Nullable UUID contactId,
        @Nullable String to,
        @Nullable UUID channelId,
        Content content,
        @Nullable String clientKey,
        @Nullable UUID campaignId,
        Origin origin) {

    public enum Origin {
        api,
        inbox,
        campaign,
        agent
    }

    /** What is sent. Free-form content needs WhatsApp's 24-hour window; a Meta template does not. */
    public sealed interface Content {

        /** Free text. */
        record Text(String body) implements Content {}

        /** A Meta-approved template with its body parameters. */
        record Template(String name, String language, List<String> parameters) implements Content {}

        /** Media by public link: image, video, audio or document. */
        record Media(
                String kind,
                String link,
                @Nullable String caption,
                @Nullable String filename) implements Content {}

        default boolean freeForm() {
            return !(this instanceof Template);
        }
    }
}
