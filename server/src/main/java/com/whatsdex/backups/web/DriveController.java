package com.whatsdex.backups.web;

import com.whatsdex.backups.DriveLinkView;
import com.whatsdex.backups.domain.BackupService;
import com.whatsdex.shared.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/integrations/google-drive")
@Tag(name = "backups")
class DriveController {

    /** Where to send the browser to link Google Drive. */
    record AuthorizeResponse(String url) {}

    private final BackupService backups;

    DriveController(BackupService backups) {
        this.backups = backups;
    }

    @GetMapping
    @Operation(summary = "Whether Google Drive is linked", description = "Never the token.")
    ApiResponse<DriveLinkView> status() {
        return ApiResponse.of(backups.drive());
    }

    @GetMapping("/authorize")
    @Operation(
            summary = "Start linking Google Drive",
            description = "Owners and admins, Pro and Enterprise. The browser goes to url, consents at Google and comes"
                    + " back to the callback. 503 google_not_configured without an OAuth client on the server.")
    ApiResponse<AuthorizeResponse> authorize() {
        return ApiResponse.of(new AuthorizeResponse(backups.authorizationUrl()));
    }

    @GetMapping("/callback")
    @Operation(
            summary = "Google sends the browser back here",
            description = "Checks the state (same person, same workspace, within ten minutes), stores the refresh token"
                    + " encrypted and redirects to the dashboard's backup settings with drive=linked or"
                    + " drive=error. A forged or expired state answers 400.")
    ResponseEntity<Void> callback(
            @RequestParam(required = false) @Nullable String code,
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String error) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create(backups.completeLink(code, state, error)))
                .build();
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Unlink Google Drive", description = "Revokes the app's access at Google and forgets it.")
    void unlink() {
        backups.unlink();
    }
}
