package com.whatsdex.campaigns.web;

import com.whatsdex.campaigns.CampaignRecipientView;
import com.whatsdex.campaigns.CampaignStatus;
import com.whatsdex.campaigns.CampaignView;
import com.whatsdex.campaigns.domain.CampaignService;
import com.whatsdex.shared.ApiResponse;
import com.whatsdex.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Instant;
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
@RequestMapping("/api/v1/campaigns")
@Tag(name = "campaigns")
class CampaignController {

    @Schema(name = "SaveCampaignCmd")
    record SaveCampaignCmd(
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String name,

            @Nullable UUID templateId,

            @Nullable @Size(max = 4096, message = "must be at most 4096 characters")
            String body,

            @Nullable @Size(max = 10, message = "must list at most 10 variants")
            List<@NotNull @Size(max = 4096, message = "must be at most 4096 characters") String> variants,

            @NotNull(message = "is required") @Valid AudienceCmd audience,

            @NotEmpty(message = "must name at least one channel") @Size(max = 100, message = "at most 100 channels")
            List<@NotNull UUID> channelIds,

            @Nullable Instant scheduledAt,
            @Nullable @Valid PacingCmd pacing,

            @Nullable
            @Min(value = 1, message = "must be between 1 and 100")
            @Max(value = 100, message = "must be between 1 and 100")
            Integer failureThreshold) {}

    @Schema(name = "CampaignAudienceCmd")
    record AudienceCmd(
            @NotNull(message = "is required") CampaignView.AudienceKind kind,
            @Nullable UUID audienceId,

            @Nullable @Size(max = 50, message = "must list at most 50 tags")
            List<@NotBlank String> tags,

            CampaignView.@Nullable TagMatch tagMatch,

            @Nullable @Size(max = 10_000, message = "must list at most 10000 contacts")
            List<@NotNull UUID> contactIds) {}

    @Schema(name = "CampaignPacingCmd")
    record PacingCmd(
            @Nullable Integer delayMinSeconds,
            @Nullable Integer delayMaxSeconds,
            @Nullable Integer batchPauseEvery,
            @Nullable Integer batchPauseMinMinutes,
            @Nullable Integer batchPauseMaxMinutes,
            @Nullable @Valid SendWindowCmd window) {}

    /** A window's time zone defaults to the workspace's. */
    @Schema(name = "CampaignSendWindowCmd")
    record SendWindowCmd(
            @NotEmpty(message = "must name at least one day")
            List<@NotNull DayOfWeek> days,

            @Min(value = 0, message = "must be between 0 and 23") @Max(value = 23, message = "must be between 0 and 23")
            int startHour,

            @Min(value = 1, message = "must be between 1 and 24") @Max(value = 24, message = "must be between 1 and 24")
            int endHour,

            @Nullable String timeZone) {}

    private final CampaignService campaigns;

    CampaignController(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @GetMapping
    @Operation(
            operationId = "listCampaigns",
            summary = "List campaigns",
            description = "Newest first, with their counters.")
    ApiResponse<PageResponse<CampaignView>> list(
            @RequestParam(required = false) @Nullable CampaignStatus status,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return ApiResponse.of(campaigns.list(status, limit, cursor));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createCampaign",
            summary = "Create a draft campaign",
            description = "Needs the Pro or Enterprise plan (403 upgrade_required). Every channel must belong to the"
                    + " workspace; give a templateId or a body.")
    ApiResponse<CampaignView> create(@Valid @RequestBody SaveCampaignCmd cmd) {
        return ApiResponse.of(campaigns.create(fields(cmd)));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getCampaign", summary = "Get a campaign with its counters, send rate and ETA")
    ApiResponse<CampaignView> get(@PathVariable UUID id) {
        return ApiResponse.of(campaigns.get(id));
    }

    @PatchMapping("/{id}")
    @Operation(
            operationId = "updateCampaign",
            summary = "Edit a draft or scheduled campaign",
            description = "Other states answer 409 invalid_state.")
    ApiResponse<CampaignView> update(@PathVariable UUID id, @Valid @RequestBody SaveCampaignCmd cmd) {
        return ApiResponse.of(campaigns.update(id, fields(cmd)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteCampaign",
            summary = "Delete a campaign",
            description = "A running campaign stops sending first.")
    void delete(@PathVariable UUID id) {
        campaigns.delete(id);
    }

    @PostMapping("/{id}/start")
    @Operation(
            operationId = "startCampaign",
            summary = "Start a draft",
            description = "Sends now, or becomes scheduled when scheduledAt is ahead. Recipients are materialised at"
                    + " start.")
    ApiResponse<CampaignView> start(@PathVariable UUID id) {
        return ApiResponse.of(campaigns.start(id));
    }

    @PostMapping("/{id}/pause")
    @Operation(
            operationId = "pauseCampaign",
            summary = "Pause a running campaign",
            description = "The batch in flight finishes.")
    ApiResponse<CampaignView> pause(@PathVariable UUID id) {
        return ApiResponse.of(campaigns.pause(id));
    }

    @PostMapping("/{id}/resume")
    @Operation(operationId = "resumeCampaign", summary = "Resume a paused campaign")
    ApiResponse<CampaignView> resume(@PathVariable UUID id) {
        return ApiResponse.of(campaigns.resume(id));
    }

    @PostMapping("/{id}/cancel")
    @Operation(operationId = "cancelCampaign", summary = "Cancel a scheduled, running or paused campaign")
    ApiResponse<CampaignView> cancel(@PathVariable UUID id) {
        return ApiResponse.of(campaigns.cancel(id));
    }

    @PostMapping("/{id}/duplicate")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "duplicateCampaign",
            summary = "Copy a campaign as a new draft",
            description = "Named \"<name> (copy)\", with no schedule.")
    ApiResponse<CampaignView> duplicate(@PathVariable UUID id) {
        return ApiResponse.of(campaigns.duplicate(id));
    }

    @PostMapping("/{id}/retry-failed")
    @Operation(
            operationId = "retryFailedCampaignRecipients",
            summary = "Send again to failed and unknown recipients",
            description = "Only those go back to pending; a completed campaign runs again for them.")
    ApiResponse<CampaignView> retryFailed(@PathVariable UUID id) {
        return ApiResponse.of(campaigns.retryFailed(id));
    }

    @GetMapping("/{id}/recipients")
    @Operation(
            operationId = "listCampaignRecipients",
            summary = "List a campaign's recipients",
            description = "In materialisation order; status filters by the recipient's current status.")
    ApiResponse<PageResponse<CampaignRecipientView>> recipients(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return ApiResponse.of(campaigns.recipients(id, status, limit, cursor));
    }

    private static CampaignService.CampaignFields fields(SaveCampaignCmd cmd) {
        AudienceCmd a = cmd.audience();
        PacingCmd p = cmd.pacing();
        CampaignView.Pacing pacing = p == null
                ? null
                : new CampaignView.Pacing(
                        p.delayMinSeconds(),
                        p.delayMaxSeconds(),
                        p.batchPauseEvery(),
                        p.batchPauseMinMinutes(),
                        p.batchPauseMaxMinutes(),
                        p.window() == null
                                ? null
                                : new CampaignView.SendWindow(
                                        p.window().days(),
                                        p.window().startHour(),
                                        p.window().endHour(),
                                        p.window().timeZone() == null
                                                ? ""
                                                : p.window().timeZone()));
        return new CampaignService.CampaignFields(
                cmd.name(),
                cmd.templateId(),
                cmd.body(),
                cmd.variants(),
                new CampaignView.Audience(
                        a.kind(),
                        a.audienceId(),
                        a.tags() == null ? List.of() : a.tags(),
                        a.tagMatch() == null ? CampaignView.TagMatch.any : a.tagMatch(),
                        a.contactIds() == null ? List.of() : a.contactIds()),
                cmd.channelIds(),
                cmd.scheduledAt(),
                pacing,
                cmd.failureThreshold());
    }
}
