package com.whatsdex.channels.web;

import com.whatsdex.channels.SandboxNumbers;
import com.whatsdex.channels.domain.ChannelCommands.ChannelConfig;
import com.whatsdex.channels.domain.ChannelCommands.CreateChannelCmd;
import com.whatsdex.channels.domain.ChannelCommands.CreateSandboxChannelCmd;
import com.whatsdex.channels.domain.ChannelCommands.SandboxInboundCmd;
import com.whatsdex.channels.domain.ChannelCommands.UpdateChannelCmd;
import com.whatsdex.channels.domain.ChannelService;
import com.whatsdex.shared.ApiResponse;
import com.whatsdex.shared.Cursors;
import com.whatsdex.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
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
@RequestMapping("/api/v1/channels")
@Tag(name = "channels")
class ChannelController {

    record SandboxInboundResponse(String wamid) {}

    private final ChannelService channels;

    ChannelController(ChannelService channels) {
        this.channels = channels;
    }

    @GetMapping
    @Operation(summary = "The workspace's channels, oldest first (a plan allows at most 100, so one page)")
    ApiResponse<PageResponse<ChannelResponse>> list() {
        return ApiResponse.of(new PageResponse<>(
                channels.listForCaller().stream().map(ChannelResponse::of).toList(), null));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Connect a channel (owner/admin); its connection is tested at once",
            description = "Cloud API: config {phoneNumberId, wabaId, accessToken, appSecret, verifyToken?,"
                    + " graphBaseUrl?, ratePerSecond?}. Sandbox: config {failureRate?, maxMessagesPerSecond?,"
                    + " enforceServiceWindow?}. Beyond the plan's channel limit: 403 upgrade_required.")
    ApiResponse<ChannelResponse> create(@Valid @RequestBody CreateChannelCmd cmd) {
        return ApiResponse.of(ChannelResponse.of(channels.create(cmd)));
    }

    @PostMapping("/sandbox")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "One click: a sandbox channel with a simulated number (owner/admin)")
    ApiResponse<ChannelResponse> createSandbox(
            @Valid @RequestBody(required = false) @Nullable CreateSandboxChannelCmd cmd) {
        return ApiResponse.of(
                ChannelResponse.of(channels.createSandbox(cmd == null ? null : cmd.name(), ChannelConfig.empty())));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One channel")
    ApiResponse<ChannelResponse> get(@PathVariable UUID id) {
        return ApiResponse.of(ChannelResponse.of(channels.getForCaller(id)));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Rename, change the rate or replace credentials (owner/admin); new credentials are tested")
    ApiResponse<ChannelResponse> update(@PathVariable UUID id, @Valid @RequestBody UpdateChannelCmd cmd) {
        return ApiResponse.of(ChannelResponse.of(channels.update(id, cmd)));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a channel (owner/admin)")
    ApiResponse<Void> delete(@PathVariable UUID id) {
        channels.delete(id);
        return ApiResponse.empty();
    }

    @PostMapping("/{id}/test")
    @Operation(summary = "Test the connection now and store the status (owner/admin)")
    ApiResponse<ChannelResponse> test(@PathVariable UUID id) {
        return ApiResponse.of(ChannelResponse.of(channels.test(id)));
    }

    @PostMapping("/{id}/sandbox/inbound")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A simulated phone writes to a sandbox channel")
    ApiResponse<SandboxInboundResponse> sandboxInbound(
            @PathVariable UUID id, @Valid @RequestBody SandboxInboundCmd cmd) {
        return ApiResponse.of(new SandboxInboundResponse(channels.sandboxInbound(id, cmd)));
    }

    @GetMapping("/{id}/sandbox/deliveries")
    @Operation(summary = "What simulated phones received from a sandbox channel, newest first")
    ApiResponse<PageResponse<SandboxNumbers.Delivery>> sandboxDeliveries(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable Integer limit) {
        List<SandboxNumbers.Delivery> items = channels.sandboxDeliveries(id, to, Cursors.limit(limit));
        return ApiResponse.of(new PageResponse<>(items, null));
    }
}
