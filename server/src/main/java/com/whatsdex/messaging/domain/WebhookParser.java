package com.whatsdex.messaging.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads what we use from Meta's webhook payload ({@code entry[].changes[].value} with {@code messages[]} and
 * {@code statuses[]}) and ignores everything else: Meta adds fields and value kinds without notice, and an
 * unknown one must never make us refuse (and so lose) the rest of a batch.
 */
public final class WebhookParser {

    /** The payload's messages and statuses in the order Meta sent them. */
    public record Parsed(List<InboundMessage> messages, List<StatusUpdate> statuses) {}

    static final Set<String> KNOWN_TYPES = Set.of(
            "text",
            "image",
            "document",
            "audio",
            "video",
            "sticker",
            "location",
            "contacts",
            "button",
            "interactive",
            "reaction",
            "order",
            "system");

    private static final Pattern WA_ID = Pattern.compile("[1-9][0-9]{6,14}");

    private WebhookParser() {}

    public static Parsed parse(JsonNode root) {
        List<InboundMessage> messages = new ArrayList<>();
        List<StatusUpdate> statuses = new ArrayList<>();
        for (JsonNode entry : array(root, "entry")) {
            for (JsonNode change : array(entry, "changes")) {
                JsonNode value = change.path("value");
                Map<String, String> names = new HashMap<>();
                for (JsonNode contact : array(value, "contacts")) {
                    String waId = text(contact, "wa_id");
                    String name = text(contact.path("profile"), "name");
                    if (waId != null && name != null) {
                        names.put(waId, name);
                    }
                }
                for (JsonNode message : array(value, "messages")) {
                    InboundMessage m = message(message, names);
                    if (m != null) {
                        messages.add(m);
                    }
                }
                for (JsonNode status : array(value, "statuses")) {
                    StatusUpdate s = status(status);
                    if (s != null) {
                        statuses.add(s);
                    }
                }
            }
        }
        return new Parsed(messages, statuses);
    }

    private static @Nullable InboundMessage message(JsonNode m, Map<String, String> names) {
        String wamid = text(m, "id");
        String from = text(m, "from");
        if (wamid == null || from == null || !WA_ID.matcher(from).matches()) {
            return null; // nothing to dedupe on or no one to file it under
        }
        String type = text(m, "type");
        String stored = type != null && KNOWN_TYPES.contains(type) ? type : "unsupported";
        String body = null;
        String mediaId = null;
        String mime = null;
        String sha256 = null;
        String caption = null;
        String filename = null;
        String location = null;
        String replyId = null;
        String replyTitle = null;
        switch (stored) {
            case "text" -> body = text(m.path("text"), "body");
            case "image", "document", "audio", "video", "sticker" -> {
                JsonNode media = m.path(stored);
                mediaId = text(media, "id");
                mime = text(media, "mime_type");
                sha256 = text(media, "sha256");
                caption = text(media, "caption");
                filename = text(media, "filename");
            }
            case "location" ->
                location = m.path("location").isObject() ? m.path("location").toString() : null;
            case "button" -> {
                replyId = text(m.path("button"), "payload");
                replyTitle = text(m.path("button"), "text");
                body = replyTitle;
            }
            case "interactive" -> {
                JsonNode interactive = m.path("interactive");
                JsonNode reply = interactive.has("button_reply")
                        ? interactive.path("button_reply")
                        : interactive.path("list_reply");
                replyId = text(reply, "id");
                replyTitle = text(reply, "title");
                body = replyTitle;
            }
            case "reaction" -> body = text(m.path("reaction"), "emoji");
            default -> {}
        }
        return new InboundMessage(
                wamid,
                "+" + from,
                names.get(from),
                stored,
                body,
                mediaId,
                mime,
                sha256,
                caption,
                filename,
                location,
                replyId,
                replyTitle,
                timestamp(m));
    }

    private static @Nullable StatusUpdate status(JsonNode s) {
        String wamid = text(s, "id");
        String value = text(s, "status");
        if (wamid == null || value == null) {
            return null;
        }
        DeliveryStatus status = DeliveryStatus.fromWebhook(value).orElse(null);
        if (status == null) {
            return null;
        }
        String code = null;
        String title = null;
        String detail = null;
        if (status == DeliveryStatus.failed) {
            JsonNode error = s.path("errors").path(0);
            code = text(error, "code");
            title = text(error, "title");
            detail = text(error.path("error_data"), "details");
            if (title == null) {
                title = text(error, "message");
            }
        }
        return new StatusUpdate(wamid, status, timestamp(s), code, title, detail);
    }

    /** Meta's Unix seconds (sent as a string); the receipt time when it is missing or garbled. */
    private static Instant timestamp(JsonNode node) {
        String value = text(node, "timestamp");
        if (value != null) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(value.trim()));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                // fall through
            }
        }
        return Instant.now();
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isArray() ? value : List.of();
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainer()) {
            return null;
        }
        String s = value.asString();
        return s.isEmpty() ? null : s;
    }
}
