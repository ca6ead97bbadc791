package com.whatsdex.backups;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A backup or a restore, as the history shows it.
 *
 * @param kind {@code backup} or {@code restore}
 * @param trigger {@code manual} ("Back up now", or a restore someone started), {@code scheduled} or {@code upload}
 *     (a restore of an uploaded archive)
 * @param status {@code queued}, {@code running}, {@code succeeded} or {@code failed}
 * @param errorCode why it failed, for the action to offer: {@code drive_revoked} (link Drive again),
 *     {@code quota_exceeded}, {@code not_found}, {@code drive_error}, {@code invalid_archive}, {@code failed}
 * @param driveLink where to open the archive in Google Drive
 * @param sourceId for a restore: the backup it restored
 * @param counts rows per part (backups) or per table (restores)
 * @param deletedFromDrive the archive was removed from Drive by retention; the entry stays in the history
 */
public record BackupView(
        UUID id,
        String kind,
        String trigger,
        String status,
        @Nullable String error,
        @Nullable String errorCode,
        @Nullable String fileName,
        @Nullable String driveLink,
        @Nullable UUID sourceId,
        @Nullable Long sizeBytes,
        Map<String, Long> counts,
        boolean deletedFromDrive,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt) {}
