package com.whatsdex.inbox.web;

import com.whatsdex.inbox.ConversationDetail;
import com.whatsdex.inbox.ConversationView;
import com.whatsdex.inbox.domain.InboxService;
import com.whatsdex.messaging.MessageView;
import com.whatsdex.shared.ApiResponse;
import com.whatsdex.shared.PageResponse;
import com.whatsdex.shared.Principals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/inbox")
@Tag(name = "inbox")
class InboxController {

    /** Free {@code text} or a {@code templateId}; {@code channelId} overrides the channel that last talked. */
    @Schema(name = "ReplyCmd")
    record ReplyCmd(
            @Nullable @Size(max = 4096, message = "must be at most 4096 characters")
            String text,

            @Nullable UUID templateId,
            @Nullable UUID channelId,

            @Nullable @Size(max = 100, message = "must be at most 100 characters")
            String clientKey) {}

    /** Fields left out stay as they are; {@code unassign} clears the assignee. */
    @Schema(name = "UpdateConversationCmd")
    record UpdateCmd(
            ConversationView.@Nullable Status status,
            @Nullable UUID assigneeId,
            @Nullable Boolean unassign) {}

    @Schema(name = "InboxUnread")
    record Unread(long conversations) {}

    private final InboxService inbox;

    InboxController(InboxService inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/conversations")
    @Operation(
            summary = "Conversations, latest activity first (keyset pages)",
            description = "q matches the contact's name, phone or email prefix, or a word of the conversation's recent"
                    + " messages; assignee is a member id, me or none")
    ApiResponse<PageResponse<ConversationView>> list(
            @RequestParam(required = false) @Nullable UUID channelId,
            @RequestParam(required = false) ConversationView.@Nullable Status status,
            @RequestParam(required = false) @Nullable Boolean unread,
            @RequestParam(required = false) @Nullable String assignee,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        InboxService.ListQuery query =
                new InboxService.ListQuery(channelId, status, Boolean.TRUE.equals(unread), assignee, q);
        return ApiResponse.of(inbox.list(query, Principals.current().userId(), limit, cursor));
    }

    @GetMapping("/unread")
    @Operation(summary = "How many conversations have unread messages (the notification badge)")
    ApiResponse<Unread> unread() {
        return ApiResponse.of(new Unread(inbox.unreadConversations()));
    }

    @GetMapping("/conversations/{contactId}")
    @Operation(summary = "A conversation with WhatsApp's 24-hour window and the channel a reply goes through")
    ApiResponse<ConversationDetail> get(@PathVariable UUID contactId) {
        return ApiResponse.of(inbox.get(contactId));
    }

    @PatchMapping("/conversations/{contactId}")
    @Operation(summary = "Close, reopen or assign a conversation")
    ApiResponse<ConversationDetail> update(@PathVariable UUID contactId, @RequestBody @Valid UpdateCmd cmd) {
        return ApiResponse.of(
                inbox.update(contactId, cmd.status(), cmd.assigneeId(), Boolean.TRUE.equals(cmd.unassign())));
    }

    @GetMapping("/conversations/{contactId}/messages")
    @Operation(summary = "The conversation's messages of every channel, newest first (keyset pages)")
    ApiResponse<PageResponse<MessageView>> messages(
            @PathVariable UUID contactId,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return ApiResponse.of(inbox.thread(contactId, limit, cursor));
    }

    @PostMapping("/conversations/{contactId}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mark the conversation read for the workspace")
    void read(@PathVariable UUID contactId) {
        inbox.markRead(contactId);
    }

    @PostMapping("/conversations/{contactId}/reply")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Reply through the channel that last talked to the contact, or channelId",
            description = "409 invalid_state when that channel is deleted or not connected (nothing is sent);"
                    + " 409 outside_service_window for free text more than 24 hours after the contact last wrote")
    ApiResponse<MessageView> reply(@PathVariable UUID contactId, @RequestBody @Valid ReplyCmd cmd) {
        return ApiResponse.of(inbox.reply(
                contactId, new InboxService.Reply(cmd.text(), cmd.templateId(), cmd.channelId(), cmd.clientKey())));
    }
}
