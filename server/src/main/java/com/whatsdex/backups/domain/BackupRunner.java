package com.whatsdex.backups.domain;

import com.whatsdex.backups.google.Drive;
import com.whatsdex.backups.google.DriveException;
import com.whatsdex.backups.google.GoogleOAuth;
import com.whatsdex.channels.ChannelProvider;
import com.whatsdex.channels.ChannelsApi;
import com.whatsdex.jobs.JobContext;
import com.whatsdex.jobs.JobScheduler;
import com.whatsdex.jobs.RecurringJob;
import com.whatsdex.jobs.RetryPolicy;
import com.whatsdex.jobs.TenantJobData;
import com.whatsdex.jobs.TenantTask;
import com.whatsdex.jobs.WorkerGroup;
import com.whatsdex.messaging.MessagingApi;
import com.whatsdex.realtime.RealtimeEvent;
import com.whatsdex.realtime.RealtimeEvents;
import com.whatsdex.secrets.SecretBox;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.shared.WhatsDexProperties;
import com.whatsdex.tenancy.TenancyApi;
import com.whatsdex.tenancy.WorkspaceView;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs backups and restores ({@value #TASK} on the {@code media} worker group, one per workspace at a time) and the
 * schedule's sweep. A backup streams the workspace, part by part from one consistent snapshot, through a ZIP writer
 * straight into a Drive resumable upload: memory holds one upload chunk, whatever the workspace's size.
 */
@Service
public class BackupRunner {

    static final String TASK = "backups.run";
    static final String FOLDER = "WhatsDeX Backups";
    static final String FILE_PREFIX = "whatsdex-";

    private static final Logger log = LoggerFactory.getLogger(BackupRunner.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** The job's data: the history row to work on. */
    public record BackupJob(UUID tenantId, UUID backupId) implements TenantJobData {}

    @Configuration(proxyBeanMethods = false)
    static class Jobs {

        @Bean
        TenantTask<BackupJob> backupTask(BackupRunner runner) {
            // failures end in the history row; a second attempt only covers a node that died mid-run
            return TenantTask.of(
                    TASK,
                    WorkerGroup.media,
                    BackupJob.class,
                    new RetryPolicy(2, Duration.ofSeconds(5), Duration.ofSeconds(5)),
                    runner::run);
        }

        @Bean
        RecurringJob backupSchedule(BackupRunner runner, BackupProperties props) {
            return RecurringJob.fixedDelay(
                    "backups.schedule", WorkerGroup.media, props.sweepInterval(), ctx -> runner.sweep());
        }
    }

    private final BackupRepository backups;
    private final ArchiveRepository archive;
    private final GoogleOAuth oauth;
    private final Drive drive;
    private final SecretBox secrets;
    private final TenancyApi tenancy;
    private final ChannelsApi channels;
    private final MessagingApi messaging;
    private final JobScheduler jobs;
    private final RealtimeEvents realtime;
    private final Path tempDir;
    private final TransactionTemplate tx;
    private final TransactionTemplate snapshot;

    BackupRunner(
            BackupRepository backups,
            ArchiveRepository archive,
            GoogleOAuth oauth,
            Drive drive,
            SecretBox secrets,
            TenancyApi tenancy,
            ChannelsApi channels,
            MessagingApi messaging,
            JobScheduler jobs,
            RealtimeEvents realtime,
            WhatsDexProperties properties,
            PlatformTransactionManager txManager) {
        this.backups = backups;
        this.archive = archive;
        this.oauth = oauth;
        this.drive = drive;
        this.secrets = secrets;
        this.tenancy = tenancy;
        this.channels = channels;
        this.messaging = messaging;
        this.jobs = jobs;
        this.realtime = realtime;
        this.tempDir = properties.dataDir().resolve("tmp");
        this.tx = new TransactionTemplate(txManager);
        this.snapshot = new TransactionTemplate(txManager);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    void run(BackupJob job, JobContext context) {
        BackupRepository.Row row = tx.execute(s -> backups.start(job.backupId()).orElse(null));
        if (row == null) {
            return; // finished by an earlier attempt
        }
        realtime.publish(new RealtimeEvent.BackupStatus(row.view().id(), "running", null, null));
        try {
            if (row.view().kind().equals("backup")) {
                backUp(row);
            } else {
                restore(row);
            }
        } catch (DriveException e) {
            fail(row, e.reason().name(), e.getMessage());
        } catch (BackupArchive.InvalidArchiveException e) {
            fail(row, "invalid_archive", e.getMessage());
        } catch (Exception e) {
            log.warn("{} {} failed", row.view().kind(), row.view().id(), e);
            fail(row, "failed", "The " + row.view().kind() + " failed: " + e.getMessage());
        }
    }

    // ---- backup

    private void backUp(BackupRepository.Row row) throws IOException {
        UUID id = row.view().id();
        WorkspaceView workspace = tenancy.currentWorkspace();
        BackupRepository.Link link = tx.execute(s -> backups.link().orElse(null));
        if (link == null) {
            throw new DriveException(DriveException.Reason.drive_revoked, "Google Drive is not linked");
        }
        String token = oauth.accessToken(secrets.open(link.sealedRefreshToken(), BackupService.aad(workspace.id())));
        String folder = link.folderId();
        if (folder == null) {
            String created = drive.folder(token, FOLDER);
            tx.executeWithoutResult(s -> backups.setFolder(created));
            folder = created;
        }
        String name = prefix(workspace) + STAMP.format(Instant.now()) + ".zip";
        Drive.Upload upload = drive.upload(token, folder, name, "application/zip");
        Map<String, Long> counts = new LinkedHashMap<>();
        IOException[] failure = new IOException[1];
        snapshot.executeWithoutResult(s -> {
            try {
                BackupArchive.Writer writer = new BackupArchive.Writer(upload);
                for (ArchiveRepository.Part part : ArchiveRepository.PARTS) {
                    BackupArchive.PartInfo info =
                            writer.part("data/" + part.name() + ".jsonl", out -> archive.export(part, out));
                    counts.put(part.name(), info.rows());
                }
                long files = 0;
                UUID after = null;
                for (List<UUID> batch = archive.messagesWithMedia(null, 500);
                        !batch.isEmpty();
                        batch = archive.messagesWithMedia(after, 500)) {
                    for (UUID messageId : batch) {
                        Path file = messaging.mediaFile(messageId).orElse(null);
                        if (file != null) {
                            writer.part("media/messages/" + messageId, out -> Files.copy(file, out));
                            files++;
                        }
                    }
                    after = batch.getLast();
                }
                counts.put("media_files", files);
                writer.finish(workspace.id(), workspace.name());
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        upload.close();
        Drive.DriveFile file = upload.file();
        String linkUrl = file.webViewLink() != null
                ? file.webViewLink()
                : "https://drive.google.com/file/d/" + file.id() + "/view";
        int retention = tx.execute(s -> backups.settings()).retention();
        tx.executeWithoutResult(s -> {
            backups.succeed(id, name, file.id(), linkUrl, upload.size(), counts);
            realtime.publish(new RealtimeEvent.BackupStatus(id, "succeeded", upload.size(), null));
        });
        log.info(
                "Backup {} of workspace {}: {} bytes in Drive ({} resumes)",
                id,
                workspace.id(),
                upload.size(),
                upload.resumes());
        applyRetention(token, folder, prefix(workspace), retention);
    }

    /**
     * How this workspace's archives are named: several workspaces may back up to one Google account, and retention
     * must only ever count (and delete) the workspace's own.
     */
    static String prefix(WorkspaceView workspace) {
        return FILE_PREFIX + slug(workspace.name()) + "-"
                + workspace.id().toString().substring(0, 8) + "-";
    }

    /** Keeps the newest {@code retention} backups in the folder and deletes the rest from Drive. */
    private void applyRetention(String token, String folder, String prefix, int retention) {
        try {
            List<Drive.DriveFile> files = drive.list(token, folder).stream()
                    .filter(f -> f.name().startsWith(prefix) && f.name().endsWith(".zip"))
                    .toList();
            List<String> deleted = new ArrayList<>();
            for (Drive.DriveFile old : files.subList(Math.min(retention, files.size()), files.size())) {
                drive.delete(token, old.id());
                deleted.add(old.id());
            }
            tx.executeWithoutResult(s -> backups.markDeletedFromDrive(deleted));
        } catch (DriveException e) {
            log.warn("Backup retention could not clean up Drive: {}", e.getMessage()); // the backup itself is fine
        }
    }

    // ---- restore

    private void restore(BackupRepository.Row row) throws Exception {
        UUID id = row.view().id();
        if (Boolean.TRUE.equals(tx.execute(s -> archive.workspaceHasData()))) {
            throw new BackupArchive.InvalidArchiveException(
                    "The workspace is no longer empty; a backup is restored into an empty workspace only");
        }
        Files.createDirectories(tempDir);
        Path file = Files.createTempFile(tempDir, "restore-", ".zip");
        try {
            fetch(row, file);
            BackupArchive.verify(file);
            Map<String, Long> counts = new LinkedHashMap<>();
            List<UUID> media = new ArrayList<>();
            try (ZipFile zip = new ZipFile(file.toFile())) {
                tx.executeWithoutResult(s -> {
                    try {
                        for (ArchiveRepository.Part part : ArchiveRepository.PARTS) {
                            ZipEntry entry = zip.getEntry("data/" + part.name() + ".jsonl");
                            if (entry != null) {
                                try (InputStream in = zip.getInputStream(entry)) {
                                    counts.put(part.name(), load(part.name(), in));
                                }
                            }
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                zip.stream()
                        .map(ZipEntry::getName)
                        .filter(n -> n.startsWith("media/messages/"))
                        .forEach(n -> media.add(UUID.fromString(n.substring("media/messages/".length()))));
                for (UUID messageId : media) {
                    try (InputStream in = zip.getInputStream(zip.getEntry("media/messages/" + messageId))) {
                        messaging.restoreMedia(messageId, in);
                    }
                }
            }
            counts.put("media_files", (long) media.size());
            long size = sizeOf(file);
            tx.executeWithoutResult(s -> {
                backups.succeed(id, row.view().fileName(), null, null, size, counts);
                if (row.view().trigger().equals("upload") && row.view().sourceId() != null) {
                    backups.deleteUpload(row.view().sourceId());
                }
                realtime.publish(new RealtimeEvent.BackupStatus(id, "succeeded", size, null));
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Copies the archive to restore into a local file: from Drive, or from the uploaded chunks. */
    private void fetch(BackupRepository.Row row, Path file) throws IOException {
        UUID sourceId = row.view().sourceId();
        try (OutputStream out = Files.newOutputStream(file)) {
            if (sourceId == null) {
                // a file picked from the linked Drive's backup folder
                String fileId = row.driveFileId();
                if (fileId == null) {
                    throw new IllegalStateException("A restore without a source");
                }
                try (InputStream in = drive.download(token(), fileId)) {
                    in.transferTo(out);
                }
                return;
            }
            if (row.view().trigger().equals("upload")) {
                for (int seq = 0; ; seq++) {
                    int s = seq;
                    byte[] chunk =
                            tx.execute(t -> backups.uploadChunk(sourceId, s).orElse(null));
                    if (chunk == null) {
                        break;
                    }
                    out.write(chunk);
                }
                return;
            }
            BackupRepository.Row source = tx.execute(s -> backups.find(sourceId).orElse(null));
            if (source == null || source.driveFileId() == null) {
                throw new DriveException(DriveException.Reason.not_found, "The backup to restore is gone");
            }
            try (InputStream in = drive.download(token(), source.driveFileId())) {
                in.transferTo(out);
            }
        }
    }

    /** An access token of the linked account. */
    private String token() {
        BackupRepository.Link link = tx.execute(s -> backups.link().orElse(null));
        if (link == null) {
            throw new DriveException(DriveException.Reason.drive_revoked, "Google Drive is not linked");
        }
        return oauth.accessToken(
                secrets.open(link.sealedRefreshToken(), BackupService.aad(TenantContext.requireTenantId())));
    }

    /** Writes one part back; answers how many rows it restored. */
    private long load(String part, InputStream in) {
        long staged = archive.stage(in);
        switch (part) {
            case "workspace" -> {
                for (String line : archive.stagedLines()) {
                    JsonNode w = JSON.readTree(line);
                    archive.restoreWorkspaceSettings(
                            w.path("time_zone").asString("UTC"),
                            w.path("default_country").asString("US"));
                }
                return staged;
            }
            case "members", "backup_settings" -> {
                return 0; // people sign in to their own workspace; the new workspace keeps its own schedule
            }
            case "channels" -> {
                for (String line : archive.stagedLines()) {
                    JsonNode c = JSON.readTree(line);
                    UUID newId = channels.restore(
                            c.path("name").asString(),
                            ChannelProvider.valueOf(c.path("provider").asString()),
                            c.path("phone_number_id").asString(),
                            textOf(c, "waba_id"),
                            textOf(c, "graph_base_url"),
                            c.path("rate_per_second").asInt(80));
                    archive.mapChannel(UUID.fromString(c.path("id").asString()), newId);
                }
                return staged;
            }
            case "conversations" -> {
                archive.restoreConversationState();
                return staged;
            }
            case "campaigns" -> {
                archive.remapChannels(List.of());
                archive.transform("""
                        case when line->>'status' in ('running', 'scheduled')
                            then line || '{"status": "paused", "status_reason": "Restored from a backup: resume it to send the rest"}'::jsonb
                            else line end""");
            }
            case "campaign_recipients" -> archive.transform("""
                        case when line->>'status' = 'sending'
                            then line || '{"status": "unknown", "reason": "send_interrupted"}'::jsonb else line end""");
            case "messages" -> {
                archive.remapChannels(List.of("channel_id"));
                archive.transform("line - 'media_path'");
            }
            case "contacts" -> archive.remapChannels(List.of("last_channel_id"));
            case "agent_channels", "agent_replies", "stats_daily" -> archive.remapChannels(List.of("channel_id"));
            default -> {
                // written back as it was
            }
        }
        return archive.insertStaged(part);
    }

    private void fail(BackupRepository.Row row, String code, String message) {
        UUID id = row.view().id();
        tx.executeWithoutResult(s -> {
            backups.fail(id, code, message);
            realtime.publish(new RealtimeEvent.BackupStatus(id, "failed", null, message));
        });
    }

    // ---- schedule

    /** Starts the scheduled backups that are due, once per slot across every instance, and moves their due times. */
    void sweep() {
        for (UUID tenantId : tx.execute(s -> backups.dueWorkspaces(100))) {
            try {
                TenantContext.runAs(tenantId, () -> due(tenantId));
            } catch (RuntimeException e) {
                log.warn("Scheduled backup of workspace {} could not start", tenantId, e);
            }
        }
    }

    private void due(UUID tenantId) {
        WorkspaceView workspace = tenancy.currentWorkspace();
        ZoneId zone = ZoneId.of(workspace.timeZone());
        Instant now = Instant.now();
        tx.executeWithoutResult(s -> {
            BackupRepository.Settings settings = backups.settings();
            Instant slot = Schedules.current(settings, zone, now);
            backups.setDue(tenantId, Schedules.next(settings, zone, now));
            if (slot == null
                    || !workspace.limits().driveBackups()
                    || backups.link().isEmpty()) {
                return; // off, or nothing to back up to: the next due time is kept for when it is linked again
            }
            if (!backups.claimSlot(slot)) {
                return;
            }
            UUID id = Ids.newId();
            if (backups.insert(id, "backup", "scheduled", null, null)) {
                jobs.scheduleNow(TASK, id.toString(), new BackupJob(tenantId, id));
                realtime.publish(new RealtimeEvent.BackupStatus(id, "queued", null, null));
            }
        });
    }

    private static @Nullable String textOf(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String slug(@Nullable String name) {
        String s = name == null ? "" : name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        s = s.replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "workspace" : s.length() > 40 ? s.substring(0, 40) : s;
    }
}
