package com.whatsdex.channels.web;

import com.whatsdex.channels.domain.ChannelService;
import com.whatsdex.shared.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Meta's webhook endpoint for a channel. No session: the channel id in the path names the workspace. */
@RestController
@Tag(name = "webhooks")
class WebhookController {

    private final ChannelService channels;

    WebhookController(ChannelService channels) {
        this.channels = channels;
    }

    @GetMapping(path = "/webhooks/whatsapp/{channelId}", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "Meta's verification handshake: echoes hub.challenge when hub.verify_token matches")
    String verify(
            @PathVariable String channelId,
            @RequestParam(name = "hub.mode", required = false) @Nullable String mode,
            @RequestParam(name = "hub.verify_token", required = false) @Nullable String token,
            @RequestParam(name = "hub.challenge", required = false) @Nullable String challenge) {
        UUID id = parse(channelId);
        if (!channels.verifyHandshake(id, mode, token) || challenge == null) {
            throw ApiException.forbidden("The verify token does not match this channel's");
        }
        return challenge;
    }

    private static UUID parse(String channelId) {
        try {
            return UUID.fromString(channelId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Channel"); // a malformed id names no channel
        }
    }
}
