package com.whatsdex.messaging.web;

import com.whatsdex.messaging.domain.WebhookIngest;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meta's webhook events for a channel (the GET handshake lives with the channels). No session: the signature under
 * the channel's app secret is the authentication.
 */
@RestController
@Tag(name = "webhooks")
class WebhookReceiverController {

    // Meta's payloads are a few KB; BodySizeLimitFilter caps every body at 1 MB before this runs anyway
    private static final int MAX_BODY = 1024 * 1024;

    private final WebhookIngest ingest;

    WebhookReceiverController(WebhookIngest ingest) {
        this.ingest = ingest;
    }

    @PostMapping("/webhooks/whatsapp/{channelId}")
    @Operation(
            summary = "Meta's signed webhook events: inbound messages and delivery statuses",
            description = "Verified with X-Hub-Signature-256 over the raw body (401 when bad or missing, nothing"
                    + " stored); malformed JSON is 400. Everything is stored before the 200 answer.")
    ApiResponse<Void> receive(@PathVariable String channelId, HttpServletRequest request) throws IOException {
        UUID id = parse(channelId);
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1); // the raw bytes: the signature covers them, not re-serialised JSON
        }
        if (body.length > MAX_BODY) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large", "The body is over 1 MB");
        }
        ingest.receive(id, body, request.getHeader("X-Hub-Signature-256"));
        return ApiResponse.empty();
    }

    private static UUID parse(String channelId) {
        try {
            return UUID.fromString(channelId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Channel"); // a malformed id names no channel
        }
    }
}
