package com.whatsdex.contacts.importing;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/** Imports, their stored files and rejected rows, and the set-wise merge of a batch into contacts. */
@Repository
class ImportRepository {

    private static final String COLUMNS = """
            id, filename, size_bytes, status, encoding, delimiter, default_country, on_existing, tags, rows_total,
            created, updated, skipped, rejected, bytes_processed, cancel_requested, error, undone_at, undone_count,
            created_at, started_at, finished_at""";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    ImportRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    // ---- imports -------------------------------------------------------------------------------------------

    void insert(
            UUID tenantId,
            UUID id,
            @Nullable UUID userId,
            String filename,
            String defaultCountry,
            String onExisting,
            List<String> tags,
            @Nullable String mappingJson) {
        jdbc.sql("""
                insert into contact_imports (tenant_id, id, created_by, filename, status, default_country,
                                             on_existing, tags, mapping)
                values (:tenant, :id, :user, :filename, 'uploading', :country, :onExisting, :tags,
                        cast(:mapping as jsonb))
                """)
                .param("tenant", tenantId)
                .param("id", id)
                .param("user", userId)
                .param("filename", filename)
                .param("country", defaultCountry)
                .param("onExisting", onExisting)
                .param("tags", tags.toArray(String[]::new))
                .param("mapping", mappingJson)
                .update();
    }

    void markQueued(UUID id) {
        jdbc.sql("update contact_imports set status = 'queued' where id = :id and status = 'uploading'")
                .param("id", id)
                .update();
    }

    void delete(UUID id) {
        jdbc.sql("delete from contact_imports where id = :id").param("id", id).update();
    }

    void setSize(UUID id, long sizeBytes) {
        jdbc.sql("update contact_imports set size_bytes = :size where id = :id")
                .param("size", sizeBytes)
                .param("id", id)
                .update();
    }

    Optional<ContactImport> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from contact_imports where id = :id")
                .param("id", id)
                .query(ImportRepository::map)
                .optional();
    }

    /** Newest first; {@code after} is the last row of the previous page. */
    List<ContactImport> list(@Nullable Instant afterCreatedAt, @Nullable UUID afterId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from contact_imports"
                        + (afterId == null ? "" : " where (created_at, id) < (:at, :after)")
                        + " order by created_at desc, id desc limit :limit")
                .param("at", afterCreatedAt == null ? null : Timestamp.from(afterCreatedAt))
                .param("after", afterId)
                .param("limit", limit)
                .query(ImportRepository::map)
                .list();
    }

    /** What the job needs to start or resume, the row locked against a concurrent cancel. */
    record JobState(
            String status,
            boolean cancelRequested,
            String defaultCountry,
            String onExisting,
            List<String> tags,
            @Nullable String mappingJson,
            long checkpointRecords,
            long sizeBytes) {}

    Optional<JobState> lockForJob(UUID id) {
        return jdbc.sql("""
                select status, cancel_requested, default_country, on_existing, tags, mapping::text as mapping,
                       checkpoint_records, size_bytes
                from contact_imports where id = :id for update
                """)
                .param("id", id)
                .query((rs, n) -> new JobState(
                        rs.getString("status"),
                        rs.getBoolean("cancel_requested"),
                        rs.getString("default_country"),
                        rs.getString("on_existing"),
                        strings(rs.getArray("tags")),
                        rs.getString("mapping"),
                        rs.getLong("checkpoint_records"),
                        rs.getLong("size_bytes")))
                .optional();
    }

    void markRunning(UUID id, String encoding, String delimiter, List<String> headers) {
        jdbc.sql("""
                update contact_imports
                set status = 'running', started_at = coalesce(started_at, now()), encoding = :encoding,
                    delimiter = :delimiter, headers = :headers
                where id = :id
                """)
                .param("id", id)
                .param("encoding", encoding)
                .param("delimiter", delimiter)
                .param("headers", headers.toArray(String[]::new))
                .update();
    }

    /** Ends the import; its stored file is no longer needed. */
    void finish(UUID id, String status, @Nullable String error) {
        jdbc.sql("""
                update contact_imports set status = :status, error = :error, finished_at = now(),
                    bytes_processed = case when :status = 'completed' then size_bytes else bytes_processed end
                where id = :id
                """)
                .param("id", id)
                .param("status", status)
                .param("error", error)
                .update();
        jdbc.sql("delete from contact_import_chunks where import_id = :id")
                .param("id", id)
                .update();
    }

    /** Asks a running import to stop at its next batch. */
    void requestCancel(UUID id) {
        jdbc.sql("update contact_imports set cancel_requested = true where id = :id")
                .param("id", id)
                .update();
    }

    /** Removes the contacts the import created; returns how many. */
    long undo(UUID tenantId, UUID id) {
        int deleted = jdbc.sql("delete from contacts where tenant_id = :tenant and import_id = :id")
                .param("tenant", tenantId)
                .param("id", id)
                .update();
        jdbc.sql("update contact_imports set undone_at = now(), undone_count = :n where id = :id")
                .param("n", deleted)
                .param("id", id)
                .update();
        return deleted;
    }

    // ---- the stored file -----------------------------------------------------------------------------------

    void insertChunk(UUID tenantId, UUID importId, int seq, byte[] data, int length) {
        jdbc.sql("insert into contact_import_chunks (tenant_id, import_id, seq, data) values (:t, :i, :s, :d)")
                .param("t", tenantId)
                .param("i", importId)
                .param("s", seq)
                .param("d", length == data.length ? data : Arrays.copyOf(data, length))
                .update();
    }

    @Nullable
    byte[] chunk(UUID importId, int seq) {
        return jdbc.sql("select data from contact_import_chunks where import_id = :i and seq = :s")
                .param("i", importId)
                .param("s", seq)
                .query(byte[].class)
                .optional()
                .orElse(null);
    }

    // ---- rejected rows -------------------------------------------------------------------------------------

    List<String> headers(UUID importId) {
        return jdbc.sql("select headers from contact_imports where id = :id")
                .param("id", importId)
                .query((rs, n) -> strings(rs.getArray(1)))
                .optional()
                .orElse(List.of());
    }

    /** Rejected rows in file order after {@code afterRow}, {@code limit} at a time (for streaming the CSV). */
    List<RejectedRow> rejects(UUID importId, long afterRow, int limit) {
        return jdbc.sql("""
                select row_number, cells, error from contact_import_rejects
                where import_id = :id and row_number > :after order by row_number limit :limit
                """)
                .param("id", importId)
                .param("after", afterRow)
                .param("limit", limit)
                .query((rs, n) -> new RejectedRow(rs.getLong(1), strings(rs.getArray(2)), rs.getString(3)))
                .list();
    }

    // ---- merging a batch -----------------------------------------------------------------------------------

    /** The counts a merged batch adds to the import. */
    record BatchCounts(long created, long updated, long skipped, long rejected) {}

    /**
     * Loads a batch's rows (COPY text, see {@link StagingWriter}) into a fresh temporary staging table on the current
     * transaction's connection (the workspace is set on it); {@link #merge} then folds them into contacts.
     */
    void stage(StagingWriter rows) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (var st = connection.createStatement()) {
            st.execute("""
                    create temporary table import_stage (
                        row_number bigint not null, id uuid, phone text, raw_phone text, name text, email text,
                        tags text[], attributes jsonb, cells text[], error text
                    ) on commit drop""");
            CopyIn copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy import_stage from stdin (format text)");
            byte[] bytes = rows.bytes();
            for (int off = 0; off < rows.length(); off += 64 * 1024) {
                copy.writeToCopy(bytes, off, Math.min(64 * 1024, rows.length() - off));
            }
            copy.endCopy();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not stage the import's rows", e);
        }
    }

    /**
     * Merges the staged rows: rejects are recorded; of several rows with one phone the first is kept and the rest
     * skipped; a phone this import already created (an earlier batch) is skipped; existing contacts are updated or
     * skipped as asked; new ones are inserted up to the plan's remaining capacity, the rest rejected. The
     * workspace's contact counter row stays locked until commit, so concurrent creates cannot pass the limit.
     */
    BatchCounts merge(UUID tenantId, UUID importId, boolean update, long contactLimit) {
        // a temporary table has no statistics; without them the planner may hash-join all of contacts
        jdbc.sql("analyze import_stage").update();
        long rejected = jdbc.sql("""
                insert into contact_import_rejects (tenant_id, import_id, row_number, cells, error)
                select :tenant, :import, row_number, cells, error from import_stage where error is not null
                on conflict do nothing
                """)
                .param("tenant", tenantId)
                .param("import", importId)
                .update();
        long valid = jdbc.sql("select count(*) from import_stage where error is null")
                .query(Long.class)
                .single();
        if (valid == 0) {
            return new BatchCounts(0, 0, 0, rejected);
        }
        jdbc.sql("""
                create temporary table import_batch on commit drop as
                select distinct on (s.phone) s.*, c.id as existing_id, c.import_id as existing_import
                from import_stage s
                left join contacts c on c.tenant_id = :tenant and c.phone = s.phone
                where s.error is null
                order by s.phone, s.row_number
                """).param("tenant", tenantId).update();
        jdbc.sql("analyze import_batch").update();
        // one pass: rows kept, phones this import created in an earlier batch, other existing contacts, new phones
        long[] n = jdbc.sql("""
                select count(*),
                       count(*) filter (where existing_import = :import),
                       count(*) filter (where existing_id is not null and existing_import is distinct from :import),
                       count(*) filter (where existing_id is null)
                from import_batch
                """)
                .param("import", importId)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
                .single();
        long skipped = valid - n[0] + n[1];
        long existingOthers = n[2];
        long newRows = n[3];
        long updated = 0;
        if (update && existingOthers > 0) {
            updated = jdbc.sql("""
                    update contacts c set
                        name = coalesce(b.name, c.name),
                        email = coalesce(b.email, c.email),
                        tags = c.tags || array(select t from unnest(b.tags) t where t <> all (c.tags)),
                        attributes = c.attributes || b.attributes,
                        updated_at = now()
                    from import_batch b
                    where b.existing_id is not null and c.tenant_id = :tenant and c.id = b.existing_id
                      and b.existing_import is distinct from :import
                    """)
                    .param("tenant", tenantId)
                    .param("import", importId)
                    .update();
        }
        skipped += existingOthers - updated;
        long created = 0;
        long overLimit = 0;
        if (newRows > 0) {
            jdbc.sql("insert into contact_counts (tenant_id) values (:tenant) on conflict do nothing")
                    .param("tenant", tenantId)
                    .update();
            long total = jdbc.sql("select total from contact_counts for update")
                    .query(Long.class)
                    .single();
            long remaining = Math.max(0, contactLimit - total);
            created = jdbc.sql("""
                    insert into contacts (tenant_id, id, name, phone, raw_phone, email, tags, attributes, import_id)
                    select :tenant, id, name, phone, raw_phone, email, tags, attributes, :import
                    from import_batch where existing_id is null
                    order by row_number
                    limit :remaining
                    on conflict (tenant_id, phone) do nothing
                    """)
                    .param("tenant", tenantId)
                    .param("import", importId)
                    .param("remaining", remaining)
                    .update();
            if (created < newRows) {
                overLimit = jdbc.sql("""
                        insert into contact_import_rejects (tenant_id, import_id, row_number, cells, error)
                        select :tenant, :import, b.row_number, b.cells, :error
                        from import_batch b
                        where b.existing_id is null
                          and not exists (select 1 from contacts c where c.tenant_id = :tenant and c.phone = b.phone)
                        on conflict do nothing
                        """)
                        .param("tenant", tenantId)
                        .param("import", importId)
                        .param("error", "your plan's limit of " + contactLimit + " contacts is reached")
                        .update();
            }
        }
        // a phone someone else created between the lookup and the insert is a duplicate, not a failure
        skipped += newRows - created - overLimit;
        return new BatchCounts(created, updated, skipped, rejected + overLimit);
    }

    void recordBatch(UUID id, long rows, BatchCounts counts, long checkpointRecords, long bytesProcessed) {
        jdbc.sql("""
                update contact_imports set rows_total = rows_total + :rows, created = created + :created,
                    updated = updated + :updated, skipped = skipped + :skipped, rejected = rejected + :rejected,
                    checkpoint_records = :checkpoint, bytes_processed = greatest(bytes_processed, :bytes)
                where id = :id
                """)
                .param("id", id)
                .param("rows", rows)
                .param("created", counts.created())
                .param("updated", counts.updated())
                .param("skipped", counts.skipped())
                .param("rejected", counts.rejected())
                .param("checkpoint", checkpointRecords)
                .param("bytes", bytesProcessed)
                .update();
    }

    // ---- mapping -------------------------------------------------------------------------------------------

    private static ContactImport map(ResultSet rs, int n) throws SQLException {
        long size = rs.getLong("size_bytes");
        long processed = rs.getLong("bytes_processed");
        String status = rs.getString("status");
        int percent = status.equals("completed") ? 100 : size <= 0 ? 0 : (int) Math.min(99, processed * 100 / size);
        long undone = rs.getLong("undone_count");
        return new ContactImport(
                rs.getObject("id", UUID.class),
                rs.getString("filename"),
                size,
                status,
                rs.getString("encoding"),
                rs.getString("delimiter"),
                rs.getString("default_country"),
                rs.getString("on_existing"),
                strings(rs.getArray("tags")),
                rs.getLong("rows_total"),
                rs.getLong("created"),
                rs.getLong("updated"),
                rs.getLong("skipped"),
                rs.getLong("rejected"),
                percent,
                rs.getBoolean("cancel_requested"),
                rs.getString("error"),
                instant(rs.getTimestamp("undone_at")),
                rs.wasNull() ? null : undone,
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /**
     * A batch's rows in COPY's text format (tab-separated, backslash escapes, {@code \N} for null), built in memory
     * by the parsing thread while the previous batch merges: one batch at a time, never the whole file.
     */
    static final class StagingWriter {

        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1 << 20);
        private final StringBuilder line = new StringBuilder(64 * 1024);
        private boolean finished;

        void row(
                long rowNumber,
                @Nullable UUID id,
                @Nullable String phone,
                @Nullable String rawPhone,
                @Nullable String name,
                @Nullable String email,
                @Nullable List<String> tags,
                @Nullable String attributesJson,
                List<String> cells,
                @Nullable String error) {
            line.append(rowNumber).append('\t');
            field(id == null ? null : id.toString());
            field(phone);
            field(rawPhone);
            field(name);
            field(email);
            field(tags == null ? null : arrayLiteral(tags));
            field(attributesJson);
            field(arrayLiteral(cells));
            escape(error);
            line.append('\n');
            if (line.length() >= 60 * 1024) {
                flush();
            }
        }

        /** Ends the batch's text. */
        void finish() {
            flush();
            finished = true;
        }

        byte[] bytes() {
            if (!finished) {
                throw new IllegalStateException("finish() first");
            }
            return out.toByteArray();
        }

        int length() {
            return out.size();
        }

        private void field(@Nullable String value) {
            escape(value);
            line.append('\t');
        }

        private void escape(@Nullable String value) {
            if (value == null) {
                line.append("\\N");
                return;
            }
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                switch (ch) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    case '\0' -> {} // PostgreSQL text cannot hold NUL
                    default -> line.append(ch);
                }
            }
        }

        /** A text[] literal: every element double-quoted, with {@code "} and {@code \} escaped by a backslash. */
        private static String arrayLiteral(List<String> values) {
            StringBuilder a = new StringBuilder(values.size() * 16 + 2).append('{');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    a.append(',');
                }
                a.append('"');
                String v = values.get(i);
                for (int j = 0; j < v.length(); j++) {
                    char ch = v.charAt(j);
                    if (ch == '"' || ch == '\\') {
                        a.append('\\');
                    }
                    a.append(ch);
                }
                a.append('"');
            }
            return a.append('}').toString();
        }

        private void flush() {
            if (line.isEmpty()) {
                return;
            }
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
            line.setLength(0);
        }
    }
}
