package com.whatsdex.messaging.web;

import com.whatsdex.messaging.WebhookReceiver;
import com.whatsdex.shared.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meta's webhook events for a channel (the GET handshake lives with the channels). No session: the signature under
 * the channel's app secret is the authentication. {@code WebhookFastPath} answers these posts before Spring Security
 * and MVC (the same {@link WebhookReceiver}); this mapping documents the endpoint and serves a post that reaches MVC.
 */
@RestController
@Tag(name = "webhooks")
class WebhookReceiverController {

    private final WebhookReceiver receiver;

    WebhookReceiverController(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    @PostMapping("/webhooks/whatsapp/{channelId}")
    @Operation(
            summary = "Meta's signed webhook events: inbound messages and delivery statuses",
            description = "Verified with X-Hub-Signature-256 over the raw body (401 when bad or missing, nothing"
                    + " stored); malformed JSON is 400. Everything is stored before the 200 answer.")
    ApiResponse<Void> receive(@PathVariable String channelId, HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            receiver.receive(channelId, in, request.getHeader("X-Hub-Signature-256"));
        }
        return ApiResponse.empty();
    }
}
