package com.whatsdex.backups.domain;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes every table a workspace owns as JSON Lines, by COPY on the current transaction's connection (the
 * workspace is set on it, so row-level security limits every statement to it). The one place that reads other
 * modules' tables, the way pg_dump would: a backup must hold everything, and a restore must write it back as it was.
 */
@Repository
class ArchiveRepository {

    /**
     * One JSON Lines part of an archive: a table's rows (its own columns less {@code exclude}, never
     * {@code tenant_id} nor generated ones), or a query giving one JSON text per row.
     */
    record Part(String name, @Nullable String select, List<String> exclude) {

        static Part table(String name, String... exclude) {
            return new Part(name, null, List.of(exclude));
        }

        static Part query(String name, String select) {
            return new Part(name, select, List.of());
        }
    }

    /** Everything a workspace owns, in the order a restore writes it back (referenced rows first). */
    static final List<Part> PARTS = List.of(
            Part.query(
                    "workspace",
                    "select (to_jsonb(t) - 'plan' - 'trial_plan' - 'trial_ends_at')::text from workspaces t"),
            Part.query(
                    "members",
                    "select jsonb_build_object('user_id', m.user_id, 'email', u.email, 'name', u.name, 'role', m.role,"
                            + " 'created_at', m.created_at)::text from members m join users u on u.id = m.user_id"
                            + " where m.tenant_id = current_tenant_id()"),
            Part.table("channels", "access_token", "app_secret", "verify_token"),
            Part.table("contacts"),
            Part.table("contact_attribute_keys"),
            Part.table("audiences"),
            Part.table("contact_imports"),
            Part.table("templates"),
            Part.table("template_media"),
            Part.table("template_media_chunks"),
            Part.table("campaigns"),
            Part.table("campaign_recipients"),
            Part.table("messages"),
            Part.table("conversations"),
            Part.table("agents"),
            Part.table("agent_channels"),
            Part.table("contact_facts"),
            Part.table("agent_replies"),
            Part.table("agent_handovers"),
            Part.table("usage_counters"),
            Part.table("stats_daily"),
            Part.table("stats_monthly"),
            Part.table("backup_settings", "last_slot"));

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    ArchiveRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Writes the part's rows to {@code out}, one JSON text per line; answers how many. */
    long export(Part part, OutputStream out) {
        String select = part.select();
        if (select == null) {
            // row_to_json of a plain row writes text directly: about twice as fast as building jsonb first
            List<String> columns = columns(part.name()).stream()
                    .filter(c -> !part.exclude().contains(c))
                    .map(c -> "\"" + c + "\"")
                    .toList();
            select = "select row_to_json(r)::text from (select " + String.join(", ", columns) + " from " + part.name()
                    + ") r";
        }
        try {
            return copyApi().copyOut("copy (" + select + ") to stdout", new Unescape(out));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not export " + part.name(), e);
        }
    }

    /** The workspace's messages with a stored media file, in id order after {@code after}. */
    List<UUID> messagesWithMedia(@Nullable UUID after, int limit) {
        return jdbc.sql("""
                        select id from messages where media_path is not null and id > :after order by id limit :limit
                        """)
                .param("after", after == null ? new UUID(0, 0) : after)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** Whether the workspace has anything a restore would write over. */
    boolean workspaceHasData() {
        return jdbc.sql("""
                        select exists (select 1 from contacts) or exists (select 1 from channels)
                            or exists (select 1 from messages) or exists (select 1 from templates)
                            or exists (select 1 from campaigns) or exists (select 1 from agents)
                            or exists (select 1 from audiences)
                        """).query(Boolean.class).single();
    }

    // ---- restore

    /** Loads a part's JSON Lines into the transaction's staging table {@code restore_rows}, emptied first. */
    long stage(InputStream jsonLines) {
        jdbc.sql("create temporary table if not exists restore_rows (line jsonb not null) on commit drop")
                .update();
        jdbc.sql("truncate restore_rows").update();
        try {
            CopyIn copy = copyApi().copyIn("copy restore_rows from stdin (format text)");
            byte[] buffer = new byte[64 * 1024];
            byte[] escaped = new byte[buffer.length * 2];
            long lines = 0;
            int n;
            while ((n = jsonLines.read(buffer)) > 0) {
                int e = 0;
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\\') {
                        escaped[e++] = '\\'; // COPY's text format: a backslash is written doubled
                    } else if (b == '\n') {
                        lines++;
                    }
                    escaped[e++] = b;
                }
                copy.writeToCopy(escaped, 0, e);
            }
            copy.endCopy();
            return lines;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not read the backup's rows", e);
        }
    }

    /** The staged lines as text (small parts read in Java: the workspace, channels). */
    List<String> stagedLines() {
        return jdbc.sql("select line::text from restore_rows")
                .query(String.class)
                .list();
    }

    /** Remembers that the backup's channel {@code from} is {@code to} in this workspace. */
    void mapChannel(UUID from, UUID to) {
        createChannelMap();
        jdbc.sql("insert into restore_channel_map values (:old, :new)")
                .param("old", from.toString())
                .param("new", to.toString())
                .update();
    }

    /** Rewrites the staged rows' channel ids (these fields, and the array {@code channel_ids}) to this workspace's. */
    void remapChannels(List<String> fields) {
        createChannelMap();
        for (String field : fields) {
            jdbc.sql("update restore_rows s set line = jsonb_set(s.line, array['" + field
                            + "'], to_jsonb(m.new_id)) from restore_channel_map m where s.line->>'" + field
                            + "' = m.old_id")
                    .update();
        }
        jdbc.sql("""
                        update restore_rows s set line = jsonb_set(s.line, '{channel_ids}', (
                            select coalesce(jsonb_agg(coalesce(m.new_id, e.id) order by e.n), '[]'::jsonb)
                            from jsonb_array_elements_text(s.line->'channel_ids') with ordinality e(id, n)
                            left join restore_channel_map m on m.old_id = e.id))
                        where s.line->'channel_ids' is not null
                        """).update();
    }

    /** The transaction's map from the backup's channel ids to this workspace's. */
    private void createChannelMap() {
        jdbc.sql("create temporary table if not exists restore_channel_map (old_id text primary key, new_id text)"
                        + " on commit drop")
                .update();
    }

    /** Applies {@code expression} (a jsonb expression over {@code line}) to every staged row. */
    void transform(String expression) {
        jdbc.sql("update restore_rows set line = " + expression).update();
    }

    /**
     * Inserts the staged rows into {@code table} as the current workspace (its own columns only: generated columns
     * are computed again); rows already there are left alone. Answers how many were inserted.
     */
    int insertStaged(String table) {
        List<String> columns =
                jdbc.sql("""
                        select column_name from information_schema.columns
                        where table_schema = 'public' and table_name = :table and is_generated = 'NEVER'
                            and identity_generation is null and column_name <> 'tenant_id'
                        order by ordinal_position
                        """).param("table", table).query(String.class).list();
        if (columns.isEmpty()) {
            throw new IllegalStateException("No table " + table);
        }
        String list =
                String.join(", ", columns.stream().map(c -> "\"" + c + "\"").toList());
        String values =
                String.join(", ", columns.stream().map(c -> "r.\"" + c + "\"").toList());
        return jdbc.sql("insert into " + table + " (tenant_id, " + list + ") select current_tenant_id(), " + values
                        + " from restore_rows s cross join lateral jsonb_populate_record(null::" + table
                        + ", s.line) r on conflict do nothing")
                .update();
    }

    /** The table's own columns: not {@code tenant_id}, not generated, not identity. */
    private List<String> columns(String table) {
        return jdbc.sql("""
                        select column_name from information_schema.columns
                        where table_schema = 'public' and table_name = :table and is_generated = 'NEVER'
                            and identity_generation is null and column_name <> 'tenant_id'
                        order by ordinal_position
                        """).param("table", table).query(String.class).list();
    }

    /** Brings back what the inbox knew of each conversation (its rows were rebuilt by the messages' trigger). */
    void restoreConversationState() {
        jdbc.sql("""
                update conversations c set status = r.status, unread_count = r.unread_count
                from restore_rows s cross join lateral jsonb_populate_record(null::conversations, s.line) r
                where c.contact_id = r.contact_id
                """).update();
    }

    /** Takes the workspace's settings (time zone, default country) from the backup's. */
    void restoreWorkspaceSettings(String timeZone, String defaultCountry) {
        jdbc.sql("update workspaces set time_zone = :zone, default_country = :country, updated_at = now()")
                .param("zone", timeZone)
                .param("country", defaultCountry)
                .update();
    }

    private org.postgresql.copy.CopyManager copyApi() throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        return connection.unwrap(PGConnection.class).getCopyAPI();
    }

    /**
     * COPY's text format writes a backslash doubled (JSON text holds no other character COPY escapes: control
     * characters are already escaped by JSON); this turns it back into the JSON text.
     */
    private static final class Unescape extends FilterOutputStream {

        private boolean pending;

        Unescape(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (pending) {
                pending = false;
                if (b == '\\') {
                    return; // the second half of an escaped backslash
                }
            }
            if (b == '\\') {
                pending = true;
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            int end = off + len;
            for (int i = off; i < end; i++) {
                if (pending) {
                    pending = false;
                    if (b[i] == '\\') {
                        start = i + 1; // the second half of an escaped backslash is left out
                        continue;
                    }
                }
                if (b[i] == '\\') {
                    out.write(b, start, i - start + 1); // through the first backslash
                    pending = true;
                    start = i + 1;
                }
            }
            if (start < end) {
                out.write(b, start, end - start);
            }
        }
    }
}
