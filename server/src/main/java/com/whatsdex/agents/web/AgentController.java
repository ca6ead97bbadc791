package com.whatsdex.agents.web;

import com.whatsdex.agents.AgentReplyView;
import com.whatsdex.agents.AgentView;
import com.whatsdex.agents.ConversationAgentState;
import com.whatsdex.agents.domain.AgentService;
import com.whatsdex.ai.ChatTurn;
import com.whatsdex.shared.ApiResponse;
import com.whatsdex.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/agents")
@Tag(name = "agents")
class AgentController {

    @Schema(name = "SaveAgentCmd")
    record AgentCmd(
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters")
            String name,

            @NotBlank(message = "is required") @Size(max = 8000, message = "must be at most 8000 characters")
            String instructions,

            @Nullable @Size(max = 200, message = "must be at most 200 characters")
            String model,

            @Nullable
            @DecimalMin(value = "0", message = "must be between 0 and 2")
            @DecimalMax(value = "2", message = "must be between 0 and 2")
            Double temperature,

            @Nullable
            @Min(value = 20, message = "must be between 20 and 4096")
            @Max(value = 4096, message = "must be between 20 and 4096")
            Integer maxReplyChars,

            @Nullable
            @Min(value = 0, message = "must be between 0 and 60")
            @Max(value = 60, message = "must be between 0 and 60")
            Integer replyDelaySeconds,

            @Nullable
            @Min(value = 1, message = "must be between 1 and 10080")
            @Max(value = 10080, message = "must be between 1 and 10080")
            Integer handoverMinutes,

            @Nullable Boolean enabled,

            @Nullable @Size(max = 100, message = "must have at most 100 channels")
            List<@NotNull UUID> channelIds) {}

    record EnabledCmd(@NotNull(message = "is required") Boolean enabled) {}

    @Schema(name = "AgentChatTurn")
    record ChatTurnCmd(
            @NotNull(message = "is required") Role role,

            @NotBlank(message = "is required") @Size(max = 4096, message = "must be at most 4096 characters")
            String text) {

        enum Role {
            customer,
            agent
        }
    }

    @Schema(name = "AgentTestChatCmd")
    record TestChatCmd(
            @NotEmpty(message = "needs at least one message") @Size(max = 50, message = "must have at most 50 messages")
            List<@Valid @NotNull ChatTurnCmd> messages,

            @Nullable UUID contactId) {}

    private final AgentService agents;

    AgentController(AgentService agents) {
        this.agents = agents;
    }

    @GetMapping("/availability")
    @Operation(
            summary = "Whether agents can run",
            description = "Whether an AI provider is configured (agents cannot be enabled without one), and the plan's"
                    + " agent limit.")
    ApiResponse<AgentService.Availability> availability() {
        return ApiResponse.of(agents.availability());
    }

    @GetMapping
    @Operation(summary = "List agents", description = "Every agent of the workspace, by name.")
    ApiResponse<List<AgentView>> list() {
        return ApiResponse.of(agents.list());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create an agent",
            description = "Owners and admins. A channel answered by another agent answers 409; enabling without an AI"
                    + " provider answers 503 ai_not_configured; over the plan's limit 403 upgrade_required.")
    ApiResponse<AgentView> create(@Valid @RequestBody AgentCmd cmd) {
        return ApiResponse.of(agents.create(fields(cmd)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get an agent")
    ApiResponse<AgentView> get(@PathVariable UUID id) {
        return ApiResponse.of(agents.get(id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace an agent's settings and channels")
    ApiResponse<AgentView> update(@PathVariable UUID id, @Valid @RequestBody AgentCmd cmd) {
        return ApiResponse.of(agents.update(id, fields(cmd)));
    }

    @PutMapping("/{id}/enabled")
    @Operation(summary = "Turn an agent on or off")
    ApiResponse<AgentView> setEnabled(@PathVariable UUID id, @Valid @RequestBody EnabledCmd cmd) {
        return ApiResponse.of(agents.setEnabled(id, cmd.enabled()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an agent", description = "Its channels are unbound; facts it remembered stay.")
    void delete(@PathVariable UUID id) {
        agents.delete(id);
    }

    @PostMapping("/{id}/chat")
    @Operation(
            summary = "Talk to an agent without WhatsApp",
            description = "The agent answers the conversation given, sending nothing. With contactId it knows that"
                    + " contact's facts and its memory tools change them; without, tool calls are only reported.")
    ApiResponse<AgentService.TestReply> chat(@PathVariable UUID id, @Valid @RequestBody TestChatCmd cmd) {
        List<ChatTurn> turns = cmd.messages().stream()
                .map(t ->
                        t.role() == ChatTurnCmd.Role.customer ? ChatTurn.user(t.text()) : ChatTurn.assistant(t.text()))
                .toList();
        return ApiResponse.of(agents.testChat(id, turns, cmd.contactId()));
    }

    @GetMapping("/activity")
    @Operation(
            summary = "Agents' replies",
            description = "Newest first: every customer message an agent was asked to answer and what became of it.")
    ApiResponse<PageResponse<AgentReplyView>> activity(
            @RequestParam(required = false) @Nullable UUID agentId,
            @RequestParam(required = false) @Nullable UUID contactId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return ApiResponse.of(agents.activity(agentId, contactId, status, limit, cursor));
    }

    @GetMapping("/conversations/{contactId}")
    @Operation(
            summary = "Whether an agent answers a contact",
            description = "active, paused (someone answered from the inbox), needs_human (handed over) or none.")
    ApiResponse<ConversationAgentState> conversation(@PathVariable UUID contactId) {
        return ApiResponse.of(agents.conversationState(contactId));
    }

    @PostMapping("/conversations/{contactId}/resume")
    @Operation(
            summary = "Let the agent answer a contact again",
            description = "Clears a hand-over; a pause after a person's reply still runs out by itself.")
    ApiResponse<ConversationAgentState> resume(@PathVariable UUID contactId) {
        return ApiResponse.of(agents.resume(contactId));
    }

    private static AgentService.AgentFields fields(AgentCmd cmd) {
        return new AgentService.AgentFields(
                cmd.name(),
                cmd.instructions(),
                cmd.model(),
                cmd.temperature(),
                cmd.maxReplyChars(),
                cmd.replyDelaySeconds(),
                cmd.handoverMinutes(),
                Boolean.TRUE.equals(cmd.enabled()),
                cmd.channelIds() == null ? List.of() : cmd.channelIds());
    }
}
