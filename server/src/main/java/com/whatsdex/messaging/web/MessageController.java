package com.whatsdex.messaging.web;

import com.whatsdex.messaging.MessageView;
import com.whatsdex.messaging.domain.MessageService;
import com.whatsdex.shared.ApiResponse;
import com.whatsdex.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/messages")
@Tag(name = "messages")
class MessageController {

    private final MessageService messages;

    MessageController(MessageService messages) {
        this.messages = messages;
    }

    @GetMapping
    @Operation(summary = "Messages, newest first, optionally of one channel and/or one contact (keyset pages)")
    ApiResponse<PageResponse<MessageView>> list(
            @RequestParam(required = false) @Nullable UUID channelId,
            @RequestParam(required = false) @Nullable UUID contactId,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return ApiResponse.of(messages.list(channelId, contactId, limit, cursor));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One message")
    ApiResponse<MessageView> get(@PathVariable UUID id) {
        return ApiResponse.of(messages.get(id));
    }

    @GetMapping(path = "/{id}/media", produces = MediaType.ALL_VALUE)
    @Operation(summary = "The stored media file of a message (404 until the media worker has stored it)")
    ResponseEntity<Resource> media(@PathVariable UUID id) {
        MessageService.MediaFile file = messages.media(id);
        MediaType type;
        try {
            type = MediaType.parseMediaType(file.mimeType());
        } catch (IllegalArgumentException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        ContentDisposition disposition = file.filename() == null
                ? ContentDisposition.inline().build()
                : ContentDisposition.inline()
                        .filename(file.filename(), java.nio.charset.StandardCharsets.UTF_8)
                        .build();
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                // the customer's file must not be sniffed into something the browser would run
                .header("X-Content-Type-Options", "nosniff")
                .body(new FileSystemResource(file.path()));
    }
}
