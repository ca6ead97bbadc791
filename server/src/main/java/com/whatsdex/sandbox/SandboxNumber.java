package com.whatsdex.sandbox;

import java.util.Objects;

/**
 * A simulated business number, as the Graph API emulator knows it.
 *
 * @param phoneNumberId the id in graph URLs ({@code /{version}/{phoneNumberId}/messages})
 * @param displayPhoneNumber the number shown in webhooks' metadata, digits
 * @param accessToken the Bearer token every graph call for this number must carry
 * @param appSecret the key webhooks are signed with ({@code X-Hub-Signature-256})
 * @param webhookUrl where status and inbound webhooks are posted
 */
public record SandboxNumber(
        String phoneNumberId,
        String displayPhoneNumber,
        String accessToken,
        String appSecret,
        String webhookUrl,
        SandboxSettings settings) {

    public SandboxNumber {
        requireText(phoneNumberId, "phoneNumberId");
        requireText(displayPhoneNumber, "displayPhoneNumber");
        requireText(accessToken, "accessToken");
        requireText(appSecret, "appSecret");
        requireText(webhookUrl, "webhookUrl");
        if (!webhookUrl.startsWith("http://") && !webhookUrl.startsWith("https://")) {
            throw new IllegalArgumentException("webhookUrl must be an http(s) URL");
        }
        // a phone number id travels in URL paths: keep it to what Meta's ids look like
        if (!phoneNumberId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("phoneNumberId must be 1-64 letters, digits, '_' or '-'");
        }
        Objects.requireNonNull(settings, "settings");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
