package com.whatsdex.contacts.importing;

import com.whatsdex.realtime.RealtimeEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One import as the dashboard shows it.
 *
 * @param status {@code queued}, {@code running}, {@code completed}, {@code failed} or {@code cancelled}
 * @param rows data rows read so far (blank lines and the header not counted)
 * @param percent how much of the file has been read, 0 to 100
 * @param undoneAt when its contacts were removed by undo, with how many in {@code undoneCount}
 */
public record ContactImport(
        UUID id,
        String filename,
        long sizeBytes,
        String status,
        @Nullable String encoding,
        @Nullable String delimiter,
        String defaultCountry,
        String onExisting,
        List<String> tags,
        long rows,
        long created,
        long updated,
        long skipped,
        long rejected,
        int percent,
        boolean cancelRequested,
        @Nullable String error,
        @Nullable Instant undoneAt,
        @Nullable Long undoneCount,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt) {

    /** The {@code import.progress} event for this state; {@code total} is known once the file has been read. */
    public RealtimeEvent.ImportProgress progressEvent() {
        return new RealtimeEvent.ImportProgress(
                id, status, rows, finished() ? rows : null, created, updated, skipped, rejected, percent);
    }

    public boolean finished() {
        return status.equals("completed") || status.equals("failed") || status.equals("cancelled");
    }
}
