package com.whatsdex.messaging.web;

import com.whatsdex.messaging.MessageView;
import com.whatsdex.messaging.OutboundMessages;
import com.whatsdex.messaging.OutboundRequest;
import com.whatsdex.shared.ApiErrorResponse;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

    /** One message of a batch: a {@link SendMessageCmd} with its own optional idempotency key. */
    record BatchMessageCmd(
            @Nullable String to,
            @Nullable UUID contactId,
            @Nullable UUID channelId,

            @Nullable @Size(min = 1, max = 4096, message = "must be 1 to 4096 characters")
            String text,

            @Nullable @Valid TemplateCmd template,
            @Nullable @Valid MediaCmd media,

            @Nullable @Size(min = 1, max = 200, message = "must be 1 to 200 characters")
            String idempotencyKey) {}

    record SendBatchCmd(
            @NotEmpty(message = "must hold at least one message")
            @Size(max = MAX_BATCH, message = "must hold at most " + MAX_BATCH + " messages")
            List<@Valid BatchMessageCmd> messages) {}

    /** One answer per message of the batch, in order: the stored message or why it was refused. */
    record BatchItem(@Nullable MessageView message, ApiErrorResponse.@Nullable ApiError error) {}

    static final int MAX_BATCH = 1000;

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
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ApiException.validation("Idempotency-Key", "must be 1 to 200 characters");
        }
        return ApiResponse.of(outbound.sendAlongside(request(
                "",
                cmd.to(),
                cmd.contactId(),
                cmd.channelId(),
                cmd.text(),
                cmd.template(),
                cmd.media(),
                idempotencyKey)));
    }

    @PostMapping("/api/v1/messages/batch")
    @Operation(
            summary = "Send many messages",
            description = "Up to " + MAX_BATCH + " messages through the same pipeline as one, checked, counted and"
                    + " stored together: one answer per message, in order, each the stored message or the error that"
                    + " refused it (the others go on). Each message may carry its own idempotencyKey. When the plan's"
                    + " limit is reached mid-batch, the messages that still fit are sent, in order.")
    ApiResponse<List<BatchItem>> sendBatch(@Valid @RequestBody SendBatchCmd cmd) {
        List<OutboundRequest> requests = new ArrayList<>(cmd.messages().size());
        for (int i = 0; i < cmd.messages().size(); i++) {
            BatchMessageCmd m = cmd.messages().get(i);
            requests.add(request(
                    "messages[" + i + "].",
                    m.to(),
                    m.contactId(),
                    m.channelId(),
                    m.text(),
                    m.template(),
                    m.media(),
                    m.idempotencyKey()));
        }
        return ApiResponse.of(outbound.sendAll(requests).stream()
                .map(r -> {
                    ApiException e = r.error();
                    return new BatchItem(
                            r.message(),
                            e == null
                                    ? null
                                    : new ApiErrorResponse.ApiError(e.code(), e.getMessage(), e.details(), null));
                })
                .toList());
    }

    private static OutboundRequest request(
            String field,
            @Nullable String to,
            @Nullable UUID contactId,
            @Nullable UUID channelId,
            @Nullable String text,
            @Nullable TemplateCmd template,
            @Nullable MediaCmd media,
            @Nullable String idempotencyKey) {
        if (to == null && contactId == null) {
            throw ApiException.validation(field + "to", "is required when no contactId is given");
        }
        int kinds = (text == null ? 0 : 1) + (template == null ? 0 : 1) + (media == null ? 0 : 1);
        if (kinds != 1) {
            throw ApiException.validation(field + "text", "give exactly one of text, template or media");
        }
        OutboundRequest.Content content;
        if (text != null) {
            content = new OutboundRequest.Content.Text(text);
        } else if (template != null) {
            content = new OutboundRequest.Content.Template(
                    template.name(),
                    template.language(),
                    template.parameters() == null ? List.of() : template.parameters());
        } else {
            MediaCmd m = Objects.requireNonNull(media);
            content = new OutboundRequest.Content.Media(m.kind(), m.link(), m.caption(), m.filename());
        }
        return new OutboundRequest(
                contactId,
                to,
                channelId,
                content,
                idempotencyKey == null ? null : "api:" + idempotencyKey,
                null,
                OutboundRequest.Origin.api);
    }
}
