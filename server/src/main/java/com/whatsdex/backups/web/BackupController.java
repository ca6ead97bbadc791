package com.whatsdex.backups.web;

import com.whatsdex.backups.BackupSettingsView;
import com.whatsdex.backups.BackupView;
import com.whatsdex.backups.domain.BackupService;
import com.whatsdex.shared.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/backups")
@Tag(name = "backups")
class BackupController {

    @Schema(name = "SaveBackupSettingsCmd")
    record SettingsCmd(
            @NotNull(message = "is required")
            @Pattern(regexp = "off|daily|weekly", message = "must be off, daily or weekly")
            String schedule,

            @NotNull(message = "is required")
            @Min(value = 0, message = "must be between 0 and 23")
            @Max(value = 23, message = "must be between 0 and 23")
            Integer hour,

            @Nullable
            @Min(value = 1, message = "must be between 1 (Monday) and 7 (Sunday)")
            @Max(value = 7, message = "must be between 1 (Monday) and 7 (Sunday)")
            Integer weekday,

            @NotNull(message = "is required")
            @Min(value = 1, message = "must be between 1 and 100")
            @Max(value = 100, message = "must be between 1 and 100")
            Integer retention) {}

    private final BackupService backups;

    BackupController(BackupService backups) {
        this.backups = backups;
    }

    @GetMapping
    @Operation(
            summary = "Backups: the Drive link, the schedule, the last result and the history",
            description = "lastSuccessful is what Settings shows as Backup Successful; last is the latest backup,"
                    + " which may have failed (its errorCode says whether to link Drive again).")
    ApiResponse<BackupService.Overview> overview() {
        return ApiResponse.of(backups.overview());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Back up now",
            description = "Owners and admins, Pro and Enterprise, with Google Drive linked. 409 while a backup or"
                    + " restore runs. Follow it with backup.status events or GET /api/v1/backups/{id}.")
    ApiResponse<BackupView> backUpNow() {
        return ApiResponse.of(backups.backUpNow());
    }

    @GetMapping("/settings")
    @Operation(summary = "The backup schedule and retention")
    ApiResponse<BackupSettingsView> settings() {
        return ApiResponse.of(backups.settings());
    }

    @PutMapping("/settings")
    @Operation(
            summary = "Change the backup schedule and retention",
            description = "Daily or weekly at an hour of the workspace's time zone; retention keeps the newest N"
                    + " backups in Drive.")
    ApiResponse<BackupSettingsView> saveSettings(@Valid @RequestBody SettingsCmd cmd) {
        return ApiResponse.of(backups.saveSettings(cmd.schedule(), cmd.hour(), cmd.weekday(), cmd.retention()));
    }

    @Schema(name = "RestoreFromDriveCmd")
    record DriveFileCmd(
            @jakarta.validation.constraints.NotBlank(message = "is required")
            String fileId) {}

    @GetMapping("/drive-files")
    @Operation(
            summary = "Backups in the linked Google Drive",
            description = "The archives in the \"WhatsDeX Backups\" folder, newest first, also those another workspace"
                    + " wrote with the same Google account: what a new workspace can restore.")
    ApiResponse<java.util.List<com.whatsdex.backups.google.Drive.DriveFile>> driveFiles() {
        return ApiResponse.of(backups.driveFiles());
    }

    @PostMapping("/restore-drive")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Restore a backup file of the linked Google Drive into this workspace",
            description = "Only into an empty workspace (409 otherwise); checksums are checked first.")
    ApiResponse<BackupView> restoreFromDrive(@Valid @RequestBody DriveFileCmd cmd) {
        return ApiResponse.of(backups.restoreFromDrive(cmd.fileId()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One backup or restore")
    ApiResponse<BackupView> get(@PathVariable UUID id) {
        return ApiResponse.of(backups.get(id));
    }

    @PostMapping("/{id}/restore")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Restore a backup into this workspace",
            description = "Only into an empty workspace (409 otherwise). The archive's checksums are checked before"
                    + " anything is written; channels come back disconnected (backups hold no secrets).")
    ApiResponse<BackupView> restore(@PathVariable UUID id) {
        return ApiResponse.of(backups.restore(id));
    }

    @PostMapping(
            path = "/restore",
            consumes = {"application/zip", "application/octet-stream"})
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Restore an uploaded backup archive into this workspace",
            description = "The body is the .zip a backup wrote. Only into an empty workspace (409 otherwise); an"
                    + " altered archive fails with invalid_archive before anything is written.")
    ApiResponse<BackupView> restoreUpload(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return ApiResponse.of(backups.restoreUpload(in));
        }
    }
}
