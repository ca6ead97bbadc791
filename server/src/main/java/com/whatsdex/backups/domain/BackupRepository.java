package com.whatsdex.backups.domain;

import com.whatsdex.backups.BackupView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The Drive link, backup settings, the history, uploaded archives and the schedule's due times. */
@Repository
class BackupRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            id, kind, trigger, status, error, error_code, file_name, drive_file_id, drive_link, source_id, size_bytes,
            counts::text as counts, deleted_from_drive, created_at, started_at, finished_at""";

    /** The link as stored: the refresh token still sealed. */
    record Link(
            String sealedRefreshToken,
            @Nullable String email,
            @Nullable String folderId,
            Instant linkedAt) {}

    /** The settings as stored. */
    record Settings(
            String schedule,
            int hour,
            int weekday,
            int retention,
            @Nullable Instant lastSlot) {
        static final Settings DEFAULT = new Settings("off", 3, 7, 7, null);
    }

    /** A history row with what only the server needs (the Drive file id). */
    record Row(BackupView view, @Nullable String driveFileId) {}

    private final JdbcClient jdbc;

    BackupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- link

    Optional<Link> link() {
        return jdbc.sql("select refresh_token, email, folder_id, linked_at from drive_links")
                .query((rs, n) -> new Link(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .optional();
    }

    void saveLink(String sealedRefreshToken, @Nullable String email, @Nullable UUID linkedBy) {
        jdbc.sql("""
                        insert into drive_links (tenant_id, refresh_token, email, linked_by)
                        values (current_tenant_id(), :token, :email, :by)
                        on conflict (tenant_id) do update set refresh_token = excluded.refresh_token,
                            email = excluded.email, linked_by = excluded.linked_by, linked_at = now(), folder_id = null
                        """)
                .param("token", sealedRefreshToken)
                .param("email", email)
                .param("by", linkedBy)
                .update();
    }

    void setFolder(String folderId) {
        jdbc.sql("update drive_links set folder_id = :folder")
                .param("folder", folderId)
                .update();
    }

    boolean deleteLink() {
        return jdbc.sql("delete from drive_links").update() == 1;
    }

    // ---- settings and schedule

    Settings settings() {
        return jdbc.sql("select schedule, hour, weekday, retention, last_slot from backup_settings")
                .query((rs, n) -> new Settings(
                        rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), instant(rs, "last_slot")))
                .optional()
                .orElse(Settings.DEFAULT);
    }

    void saveSettings(String schedule, int hour, int weekday, int retention) {
        jdbc.sql("""
                        insert into backup_settings (tenant_id, schedule, hour, weekday, retention)
                        values (current_tenant_id(), :schedule, :hour, :weekday, :retention)
                        on conflict (tenant_id) do update set schedule = excluded.schedule, hour = excluded.hour,
                            weekday = excluded.weekday, retention = excluded.retention, updated_at = now()
                        """)
                .param("schedule", schedule)
                .param("hour", hour)
                .param("weekday", weekday)
                .param("retention", retention)
                .update();
    }

    /** Claims a scheduled slot: false when a backup was already started for it (another sweep, another node). */
    boolean claimSlot(Instant slot) {
        return jdbc.sql("""
                        update backup_settings set last_slot = :slot
                        where last_slot is null or last_slot < :slot
                        """).param("slot", Timestamp.from(slot)).update() == 1;
    }

    /** The platform's due time of the workspace's next scheduled backup; null removes it (schedule off). */
    void setDue(UUID tenantId, @Nullable Instant dueAt) {
        if (dueAt == null) {
            jdbc.sql("delete from backup_schedule_due where tenant_id = :tenant")
                    .param("tenant", tenantId)
                    .update();
            return;
        }
        jdbc.sql("""
                        insert into backup_schedule_due (tenant_id, due_at) values (:tenant, :due)
                        on conflict (tenant_id) do update set due_at = excluded.due_at
                        """)
                .param("tenant", tenantId)
                .param("due", Timestamp.from(dueAt))
                .update();
    }

    Optional<Instant> due(UUID tenantId) {
        return jdbc.sql("select due_at from backup_schedule_due where tenant_id = :tenant")
                .param("tenant", tenantId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    /** Workspaces whose scheduled backup is due (a platform read: ids only). */
    List<UUID> dueWorkspaces(int limit) {
        return jdbc.sql("select tenant_id from backup_schedule_due where due_at <= now() order by due_at limit :limit")
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    // ---- history

    /** @return false when a backup or restore is already queued or running (the partial unique index) */
    boolean insert(UUID id, String kind, String trigger, @Nullable UUID sourceId, @Nullable String driveFileId) {
        return jdbc.sql("""
                        insert into backups (tenant_id, id, kind, trigger, source_id, drive_file_id)
                        values (current_tenant_id(), :id, :kind, :trigger, :source, :file)
                        on conflict (tenant_id) where status in ('queued', 'running') do nothing
                        """)
                        .param("id", id)
                        .param("kind", kind)
                        .param("trigger", trigger)
                        .param("source", sourceId)
                        .param("file", driveFileId)
                        .update()
                == 1;
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from backups where id = :id")
                .param("id", id)
                .query(BackupRepository::map)
                .optional();
    }

    /** Locks the row and marks it running; empty when it is no longer queued (an earlier attempt took it). */
    Optional<Row> start(UUID id) {
        return jdbc.sql("update backups set status = 'running', started_at = coalesce(started_at, now())"
                        + " where id = :id and status in ('queued', 'running') returning " + COLUMNS)
                .param("id", id)
                .query(BackupRepository::map)
                .optional();
    }

    void succeed(
            UUID id,
            @Nullable String fileName,
            @Nullable String driveFileId,
            @Nullable String driveLink,
            long sizeBytes,
            Map<String, Long> counts) {
        jdbc.sql("""
                        update backups set status = 'succeeded', file_name = :name, drive_file_id = :file,
                            drive_link = :link, size_bytes = :size, counts = cast(:counts as jsonb), error = null,
                            error_code = null, finished_at = now()
                        where id = :id
                        """)
                .param("id", id)
                .param("name", fileName)
                .param("file", driveFileId)
                .param("link", driveLink)
                .param("size", sizeBytes)
                .param("counts", JSON.writeValueAsString(counts))
                .update();
    }

    void fail(UUID id, String code, String error) {
        jdbc.sql("""
                        update backups set status = 'failed', error_code = :code, error = :error, finished_at = now()
                        where id = :id
                        """)
                .param("id", id)
                .param("code", code)
                .param("error", error.length() > 1000 ? error.substring(0, 999) + "…" : error)
                .update();
    }

    /** Newest first. */
    List<Row> list(int limit) {
        return jdbc.sql("select " + COLUMNS + " from backups order by id desc limit :limit")
                .param("limit", limit)
                .query(BackupRepository::map)
                .list();
    }

    void markDeletedFromDrive(List<String> driveFileIds) {
        if (driveFileIds.isEmpty()) {
            return;
        }
        jdbc.sql("update backups set deleted_from_drive = true where drive_file_id = any(:files)")
                .param("files", driveFileIds.toArray(String[]::new))
                .update();
    }

    // ---- uploaded archives

    void insertUploadChunk(UUID uploadId, int seq, byte[] data) {
        jdbc.sql("""
                        insert into backup_uploads (tenant_id, upload_id, seq, data)
                        values (current_tenant_id(), :upload, :seq, :data)
                        """)
                .param("upload", uploadId)
                .param("seq", seq)
                .param("data", data)
                .update();
    }

    Optional<byte[]> uploadChunk(UUID uploadId, int seq) {
        return jdbc.sql("select data from backup_uploads where upload_id = :upload and seq = :seq")
                .param("upload", uploadId)
                .param("seq", seq)
                .query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    void deleteUpload(UUID uploadId) {
        jdbc.sql("delete from backup_uploads where upload_id = :upload")
                .param("upload", uploadId)
                .update();
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        Map<String, Long> counts = JSON.readValue(rs.getString("counts"), new TypeReference<Map<String, Long>>() {});
        return new Row(
                new BackupView(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("trigger"),
                        rs.getString("status"),
                        rs.getString("error"),
                        rs.getString("error_code"),
                        rs.getString("file_name"),
                        rs.getString("drive_link"),
                        rs.getObject("source_id", UUID.class),
                        rs.getObject("size_bytes", Long.class),
                        counts,
                        rs.getBoolean("deleted_from_drive"),
                        rs.getTimestamp("created_at").toInstant(),
                        instant(rs, "started_at"),
                        instant(rs, "finished_at")),
                rs.getString("drive_file_id"));
    }
}
