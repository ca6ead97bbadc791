package com.whatsdex.messaging.web;

import com.whatsdex.messaging.MessageView;
import com.whatsdex.messaging.OutboundMessages;
import com.whatsdex.messaging.OutboundRequest;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sending for integrations: the same outbound pipeline as campaigns, the inbox and agents. */
@RestController
@Tag(name = "messages")
class SendMessageController {

    /** Exactly one of {@code text}, {@code template} or {@code media}. */
    record SendMessageCmd(
            @Nullable String to,
            @Nullable UUID contactId,
            @Nullable UUID channelId,

            @Nullable @Size(min = 1, max = 4096, message = "must be 1 to 4096 characters")
            String text,

            @Nullable @Valid TemplateCmd template,
            @Nullable @Valid MediaCmd media) {}

    record TemplateCmd(
            @NotBlank(message = "is required") String name,
            @NotBlank(message = "is required") String language,
            @Nullable List<String> parameters) {}

    record MediaCmd(
            @NotBlank(message = "is required")
            @Pattern(regexp = "image|video|audio|document", message = "must be image, video, audio or document")
            String kind,

            @NotBlank(message = "is required") @Pattern(regexp = "https?://.+", message = "must be an http(s) URL")
            String link,

            @Nullable String caption,
            @Nullable String filename) {}

    private final OutboundMessages outbound;

    SendMessageController(OutboundMessages outbound) {
        this.outbound = outbound;
    }

    @PostMapping("/api/v1/messages")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Send a message",
            description = "Through the channel given, or the one that last talked with the contact. Send the same"
                    + " Idempotency-Key again to get the first message back instead of a second send.")
    ApiResponse<MessageView> send(
            @Valid @RequestBody SendMessageCmd cmd,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
        if (cmd.to() == null && cmd.contactId() == null) {
            throw ApiException.validation("to", "is required when no contactId is given");
        }
        int kinds = (cmd.text() == null ? 0 : 1) + (cmd.template() == null ? 0 : 1) + (cmd.media() == null ? 0 : 1);
        if (kinds != 1) {
            throw ApiException.validation("text", "give exactly one of text, template or media");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ApiException.validation("Idempotency-Key", "must be 1 to 200 characters");
        }
        OutboundRequest.Content content;
        if (cmd.text() != null) {
            content = new OutboundRequest.Content.Text(cmd.text());
        } else if (cmd.template() != null) {
            TemplateCmd t = cmd.template();
            content = new OutboundRequest.Content.Template(
                    t.name(), t.language(), t.parameters() == null ? List.of() : t.parameters());
        } else {
            MediaCmd m = java.util.Objects.requireNonNull(cmd.media());
            content = new OutboundRequest.Content.Media(m.kind(), m.link(), m.caption(), m.filename());
        }
        return ApiResponse.of(outbound.send(new OutboundRequest(
                cmd.contactId(),
                cmd.to(),
                cmd.channelId(),
                content,
                idempotencyKey == null ? null : "api:" + idempotencyKey,
                null,
                OutboundRequest.Origin.api)));
    }
}
