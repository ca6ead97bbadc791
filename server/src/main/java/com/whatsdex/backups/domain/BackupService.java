package com.whatsdex.backups.domain;

import com.whatsdex.backups.BackupSettingsView;
import com.whatsdex.backups.BackupView;
import com.whatsdex.backups.DriveLinkView;
import com.whatsdex.backups.google.Drive;
import com.whatsdex.backups.google.DriveException;
import com.whatsdex.backups.google.GoogleOAuth;
import com.whatsdex.jobs.JobScheduler;
import com.whatsdex.realtime.RealtimeEvent;
import com.whatsdex.realtime.RealtimeEvents;
import com.whatsdex.secrets.SecretBox;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.Principals;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.shared.WhatsDexProperties;
import com.whatsdex.shared.WorkspacePrincipal;
import com.whatsdex.tenancy.Plan;
import com.whatsdex.tenancy.PlanLimits;
import com.whatsdex.tenancy.TenancyApi;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Linking Google Drive, the schedule and retention, "Back up now", restores, and the history the dashboard shows. */
@Service
public class BackupService {

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String STATE_PURPOSE = "google-drive-state";
    private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    static final String CALLBACK_PATH = "/api/v1/integrations/google-drive/callback";
    /** Where the browser lands after Google: the dashboard's backup settings. */
    static final String SETTINGS_PAGE = "/settings/backups";

    private static final int UPLOAD_CHUNK = 1024 * 1024;

    /** What the backups page shows. */
    public record Overview(
            DriveLinkView drive,
            BackupSettingsView settings,
            @Nullable BackupView last,
            @Nullable BackupView lastSuccessful,
            List<BackupView> items) {}

    private final BackupRepository backups;
    private final ArchiveRepository archive;
    private final GoogleOAuth oauth;
    private final Drive drive;
    private final SecretBox secrets;
    private final TenancyApi tenancy;
    private final JobScheduler jobs;
    private final RealtimeEvents realtime;
    private final WhatsDexProperties properties;
    private final TransactionTemplate tx;
    private final long maxUpload;

    BackupService(
            BackupRepository backups,
            ArchiveRepository archive,
            GoogleOAuth oauth,
            Drive drive,
            SecretBox secrets,
            TenancyApi tenancy,
            JobScheduler jobs,
            RealtimeEvents realtime,
            WhatsDexProperties properties,
            BackupProperties backupProperties,
            PlatformTransactionManager txManager) {
        this.maxUpload = backupProperties.maxUpload().toBytes();
        this.backups = backups;
        this.archive = archive;
        this.oauth = oauth;
        this.drive = drive;
        this.secrets = secrets;
        this.tenancy = tenancy;
        this.jobs = jobs;
        this.realtime = realtime;
        this.properties = properties;
        this.tx = new TransactionTemplate(txManager);
    }

    // ---- Drive link

    public DriveLinkView drive() {
        boolean allowed = tenancy.currentWorkspace().limits().driveBackups();
        Optional<BackupRepository.Link> link = inTx(backups::link);
        return new DriveLinkView(
                oauth.configured(),
                allowed,
                allowed ? null : Plan.cheapestWith(PlanLimits::driveBackups).name(),
                link.isPresent(),
                link.map(BackupRepository.Link::email).orElse(null),
                link.map(BackupRepository.Link::linkedAt).orElse(null));
    }

    /**
     * The Google consent URL. Its {@code state} is sealed (encrypted and authenticated with the server's key) and
     * binds the caller, the workspace, an expiry and the PKCE verifier, so a callback works only for the person who
     * started it, within ten minutes, once.
     */
    public String authorizationUrl() {
        WorkspacePrincipal me = requireDriveManager("link Google Drive");
        if (me.userId() == null) {
            throw ApiException.forbidden("Link Google Drive from the dashboard, signed in as a person");
        }
        String verifier = GoogleOAuth.newVerifier();
        Map<String, Object> claims = Map.of(
                "u", me.userId().toString(),
                "w", TenantContext.requireTenantId().toString(),
                "e", Instant.now().plus(STATE_LIFETIME).getEpochSecond(),
                "v", verifier);
        String state = secrets.seal(JSON.writeValueAsString(claims), STATE_PURPOSE);
        return oauth.authorizationUrl(state, verifier, redirectUri());
    }

    /**
     * Google sent the browser back. Checks the state against the caller, exchanges the code and stores the refresh
     * token sealed. Answers where to send the browser next: the backup settings, with the outcome in the query.
     */
    public String completeLink(@Nullable String code, @Nullable String state, @Nullable String error) {
        WorkspacePrincipal me = requireDriveManager("link Google Drive");
        if (error != null) {
            return SETTINGS_PAGE + "?drive=error&reason=" + ("access_denied".equals(error) ? "denied" : "google");
        }
        if (code == null || state == null) {
            throw ApiException.badRequest("Google's answer lacks the code or the state");
        }
        String verifier = verifiedState(state, me);
        GoogleOAuth.Grant grant;
        try {
            grant = oauth.exchange(code, verifier, redirectUri());
        } catch (DriveException e) {
            log.warn("Linking Google Drive failed: {}", e.getMessage());
            return SETTINGS_PAGE + "?drive=error&reason=exchange";
        }
        UUID tenantId = TenantContext.requireTenantId();
        String sealed = secrets.seal(grant.refreshToken(), aad(tenantId));
        tx.executeWithoutResult(s -> backups.saveLink(sealed, grant.email(), me.userId()));
        return SETTINGS_PAGE + "?drive=linked";
    }

    /** Revokes the app's access at Google and forgets the token; scheduled backups stop until Drive is linked again. */
    public void unlink() {
        Principals.requireManager("unlink Google Drive");
        UUID tenantId = TenantContext.requireTenantId();
        Optional<BackupRepository.Link> link = inTx(backups::link);
        if (link.isEmpty()) {
            throw ApiException.notFound("Google Drive link");
        }
        try {
            oauth.revoke(secrets.open(link.get().sealedRefreshToken(), aad(tenantId)));
        } catch (RuntimeException e) {
            log.warn("Could not revoke the Drive token before forgetting it: {}", e.toString());
        }
        tx.executeWithoutResult(s -> backups.deleteLink());
    }

    // ---- settings

    public BackupSettingsView settings() {
        UUID tenantId = TenantContext.requireTenantId();
        BackupRepository.Settings s = inTx(backups::settings);
        Optional<Instant> due = inTx(() -> backups.due(tenantId));
        return new BackupSettingsView(
                s.schedule(),
                s.hour(),
                s.weekday(),
                s.retention(),
                tenancy.currentWorkspace().timeZone(),
                "off".equals(s.schedule()) ? null : due.orElse(null));
    }

    public BackupSettingsView saveSettings(String schedule, int hour, @Nullable Integer weekday, int retention) {
        requireDriveManager("change backup settings");
        if (!List.of("off", "daily", "weekly").contains(schedule)) {
            throw ApiException.validation("schedule", "must be off, daily or weekly");
        }
        if (hour < 0 || hour > 23) {
            throw ApiException.validation("hour", "must be between 0 and 23");
        }
        int day = weekday == null ? 7 : weekday;
        if (day < 1 || day > 7) {
            throw ApiException.validation("weekday", "must be between 1 (Monday) and 7 (Sunday)");
        }
        if (retention < 1 || retention > 100) {
            throw ApiException.validation("retention", "must be between 1 and 100");
        }
        UUID tenantId = TenantContext.requireTenantId();
        ZoneId zone = ZoneId.of(tenancy.currentWorkspace().timeZone());
        tx.executeWithoutResult(s -> {
            backups.saveSettings(schedule, hour, day, retention);
            BackupRepository.Settings saved = backups.settings();
            backups.setDue(tenantId, Schedules.next(saved, zone, Instant.now()));
        });
        return settings();
    }

    // ---- history, run now, restore

    public Overview overview() {
        List<BackupView> items = inTx(() -> backups.list(50)).stream()
                .map(BackupRepository.Row::view)
                .toList();
        BackupView last = items.stream()
                .filter(b -> b.kind().equals("backup"))
                .findFirst()
                .orElse(null);
        BackupView good = items.stream()
                .filter(b -> b.kind().equals("backup") && b.status().equals("succeeded"))
                .findFirst()
                .orElse(null);
        return new Overview(drive(), settings(), last, good, items);
    }

    public BackupView get(UUID id) {
        return inTx(() -> backups.find(id))
                .map(BackupRepository.Row::view)
                .orElseThrow(() -> ApiException.notFound("Backup"));
    }

    /** "Back up now": queued at once; 409 while another backup or restore runs. */
    public BackupView backUpNow() {
        requireDriveManager("back up");
        if (inTx(backups::link).isEmpty()) {
            throw ApiException.invalidState("Link Google Drive first");
        }
        return enqueue("backup", "manual", null, null);
    }

    /** Restores a backup listed in this workspace's history into this (empty) workspace. */
    public BackupView restore(UUID backupId) {
        requireDriveManager("restore backups");
        BackupRepository.Row source =
                inTx(() -> backups.find(backupId)).orElseThrow(() -> ApiException.notFound("Backup"));
        BackupView v = source.view();
        if (!v.kind().equals("backup") || !v.status().equals("succeeded") || source.driveFileId() == null) {
            throw ApiException.invalidState("Only a backup that succeeded can be restored");
        }
        if (v.deletedFromDrive()) {
            throw ApiException.invalidState("This backup was deleted from Google Drive by retention");
        }
        requireEmpty();
        return enqueue("restore", "manual", backupId, null);
    }

    /**
     * The backups in the linked Drive's "WhatsDeX Backups" folder, newest first: also those another workspace wrote
     * with the same Google account, so a new workspace can restore them.
     */
    public List<Drive.DriveFile> driveFiles() {
        requireDriveManager("list backups in Google Drive");
        UUID tenantId = TenantContext.requireTenantId();
        BackupRepository.Link link =
                inTx(backups::link).orElseThrow(() -> ApiException.invalidState("Link Google Drive first"));
        String token = oauth.accessToken(secrets.open(link.sealedRefreshToken(), aad(tenantId)));
        String folder = link.folderId() != null ? link.folderId() : drive.folder(token, BackupRunner.FOLDER);
        return drive.list(token, folder).stream()
                .filter(f -> f.name().startsWith(BackupRunner.FILE_PREFIX)
                        && f.name().endsWith(".zip"))
                .toList();
    }

    /** Restores a backup file of the linked Drive (see {@link #driveFiles}) into this (empty) workspace. */
    public BackupView restoreFromDrive(String fileId) {
        requireDriveManager("restore backups");
        if (inTx(backups::link).isEmpty()) {
            throw ApiException.invalidState("Link Google Drive first");
        }
        requireEmpty();
        return enqueue("restore", "manual", null, fileId);
    }

    /** Restores an uploaded archive into this (empty) workspace: stored first (any instance can then restore it). */
    public BackupView restoreUpload(InputStream body) throws IOException {
        requireDriveManager("restore backups");
        requireEmpty();
        UUID uploadId = Ids.newId();
        byte[] buffer = new byte[UPLOAD_CHUNK];
        int seq = 0;
        long total = 0;
        while (true) {
            int n = body.readNBytes(buffer, 0, buffer.length);
            if (n <= 0) {
                break;
            }
            total += n;
            if (total > maxUpload) {
                tx.executeWithoutResult(t -> backups.deleteUpload(uploadId));
                throw new ApiException(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "payload_too_large",
                        "The archive is larger than " + maxUpload / (1024 * 1024) + " MB, the largest restore upload");
            }
            byte[] chunk = java.util.Arrays.copyOf(buffer, n);
            int s = seq++;
            tx.executeWithoutResult(t -> backups.insertUploadChunk(uploadId, s, chunk));
        }
        if (seq == 0) {
            throw ApiException.badRequest("The upload is empty: send the backup's .zip file as the body");
        }
        try {
            return enqueue("restore", "upload", uploadId, null);
        } catch (ApiException e) {
            tx.executeWithoutResult(t -> backups.deleteUpload(uploadId));
            throw e;
        }
    }

    BackupView enqueue(String kind, String trigger, @Nullable UUID sourceId, @Nullable String driveFileId) {
        UUID id = Ids.newId();
        UUID tenantId = TenantContext.requireTenantId();
        boolean queued = Boolean.TRUE.equals(tx.execute(s -> {
            if (!backups.insert(id, kind, trigger, sourceId, driveFileId)) {
                return false;
            }
            jobs.scheduleNow(BackupRunner.TASK, id.toString(), new BackupRunner.BackupJob(tenantId, id));
            realtime.publish(new RealtimeEvent.BackupStatus(id, "queued", null, null));
            return true;
        }));
        if (!queued) {
            throw new ApiException(
                    HttpStatus.CONFLICT, "invalid_state", "A backup or restore is already running for this workspace");
        }
        return get(id);
    }

    private void requireEmpty() {
        if (inTx(archive::workspaceHasData)) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "invalid_state",
                    "A backup is restored into an empty workspace only; this one already has contacts, channels or"
                            + " other data. Create a new workspace and restore there.");
        }
    }

    private WorkspacePrincipal requireDriveManager(String action) {
        WorkspacePrincipal me = Principals.requireManager(action);
        tenancy.requireFeature("Google Drive backups", PlanLimits::driveBackups);
        if (!oauth.configured()) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "google_not_configured",
                    "Google Drive is not set up on this server: the operator sets WHATSDEX_GOOGLE_CLIENT_ID and"
                            + " WHATSDEX_GOOGLE_CLIENT_SECRET");
        }
        return me;
    }

    /** The PKCE verifier from a state this server sealed for this caller, not expired. */
    private String verifiedState(String state, WorkspacePrincipal me) {
        JsonNode claims;
        try {
            claims = JSON.readTree(secrets.open(state, STATE_PURPOSE));
        } catch (RuntimeException e) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "invalid_state_parameter",
                    "The answer from Google could not be verified; start linking Google Drive again");
        }
        if (claims == null
                || Instant.now().getEpochSecond() > claims.path("e").asLong(0)
                || !String.valueOf(me.userId()).equals(claims.path("u").asString(""))
                || !TenantContext.requireTenantId()
                        .toString()
                        .equals(claims.path("w").asString(""))) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "invalid_state_parameter",
                    "The link with Google expired or was started by someone else; start linking Google Drive again");
        }
        return claims.path("v").asString();
    }

    String redirectUri() {
        String base = properties.publicUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + CALLBACK_PATH;
    }

    static String aad(UUID tenantId) {
        return "drive:" + tenantId;
    }

    private <T> T inTx(Supplier<T> work) {
        T result = tx.execute(s -> work.get());
        if (result == null) {
            throw new IllegalStateException("no result");
        }
        return result;
    }
}
