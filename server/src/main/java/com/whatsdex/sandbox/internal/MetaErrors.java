package com.whatsdex.sandbox.internal;

import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meta's error shapes, with the codes and titles Meta uses, so a client written against the real Graph API
 * handles the sandbox's errors with the same code paths.
 */
final class MetaErrors {

    static final String HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

    /** An error the Graph API emulator reports at once, in its HTTP answer. */
    record GraphError(
            int httpStatus,
            int code,
            @Nullable Integer subcode,
            String message,
            @Nullable String details) {}

    /** An error a simulated phone reports later, in a {@code failed} status webhook. */
    record StatusError(int code, String title, String details) {}

    static final StatusError UNDELIVERABLE = new StatusError(131026, "Message undeliverable", "Message Undeliverable.");
    static final StatusError MARKETING_OPT_OUT = new StatusError(
            131050,
            "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on"
                    + " WhatsApp from your business",
            "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on"
                    + " WhatsApp from your business");
    static final StatusError REENGAGEMENT = new StatusError(
            131047,
            "Re-engagement message",
            "Message failed to send because more than 24 hours have passed since the customer last replied to this"
                    + " number.");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private MetaErrors() {}

    static GraphError invalidParameter(String details) {
        return new GraphError(400, 100, null, "(#100) Invalid parameter", details);
    }

    static GraphError requiredParameter(String name) {
        return new GraphError(400, 100, null, "(#100) The parameter " + name + " is required.", null);
    }

    static GraphError unsupported(String method, String id) {
        return new GraphError(
                400,
                100,
                33,
                "Unsupported " + method + " request. Object with ID '" + id + "' does not exist, cannot be loaded due"
                        + " to missing permissions, or does not support this operation. Please read the Graph API"
                        + " documentation at https://developers.facebook.com/docs/graph-api",
                null);
    }

    static GraphError unknownPath() {
        return new GraphError(400, 2500, null, "Unknown path components", null);
    }

    static GraphError invalidToken() {
        return new GraphError(401, 190, null, "Invalid OAuth access token - Cannot parse access token", null);
    }

    // Meta answers 130429 with HTTP 400, not 429: clients must key on error.code, and the sandbox keeps them honest.
    static GraphError rateLimitHit() {
        return new GraphError(
                400, 130429, null, "(#130429) Rate limit hit", "Cloud API message throughput has been reached.");
    }

    static GraphError unknown() {
        return new GraphError(500, 1, null, "An unknown error occurred", null);
    }

    static GraphResponse response(JsonMapper json, GraphError error) {
        ObjectNode root = json.createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", error.message());
        e.put("type", "OAuthException");
        e.put("code", error.code());
        if (error.details() != null) {
            ObjectNode data = e.putObject("error_data");
            data.put("messaging_product", "whatsapp");
            data.put("details", error.details());
        }
        if (error.subcode() != null) {
            e.put("error_subcode", error.subcode());
        }
        e.put("fbtrace_id", fbtraceId());
        return new GraphResponse(error.httpStatus(), GraphResponse.JSON, json.writeValueAsBytes(root));
    }

    static void addTo(ObjectNode status, StatusError error) {
        ObjectNode e = status.putArray("errors").addObject();
        e.put("code", error.code());
        e.put("title", error.title());
        e.put("message", error.title());
        e.putObject("error_data").put("details", error.details());
        e.put("href", HREF);
    }

    private static String fbtraceId() {
        StringBuilder id = new StringBuilder("A");
        for (int i = 0; i < 22; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
