package com.whatsdex.templates.domain;

import com.whatsdex.templates.domain.TemplateMediaService.StoredMedia;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Uploaded template files and their chunks, under the workspace's row-level security. */
@Repository
class TemplateMediaRepository {

    private final JdbcClient jdbc;

    TemplateMediaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID tenantId, UUID id, String kind, String filename, String mime) {
        jdbc.sql("""
                insert into template_media (tenant_id, id, kind, filename, mime)
                values (:tenant, :id, :kind, :filename, :mime)
                """)
                .param("tenant", tenantId)
                .param("id", id)
                .param("kind", kind)
                .param("filename", filename)
                .param("mime", mime)
                .update();
    }

    void insertChunk(UUID tenantId, UUID id, int seq, byte[] data, int length) {
        jdbc.sql("insert into template_media_chunks (tenant_id, media_id, seq, data) values (:t, :m, :s, :d)")
                .param("t", tenantId)
                .param("m", id)
                .param("s", seq)
                .param("d", length == data.length ? data : Arrays.copyOf(data, length))
                .update();
    }

    void complete(UUID id, long size) {
        jdbc.sql("update template_media set size_bytes = :size, complete = true where id = :id")
                .param("size", size)
                .param("id", id)
                .update();
    }

    void delete(UUID id) {
        jdbc.sql("delete from template_media where id = :id").param("id", id).update();
    }

    /** A completely uploaded file. */
    Optional<StoredMedia> find(UUID id) {
        return jdbc.sql("select id, kind, filename, mime, size_bytes from template_media where id = :id and complete")
                .param("id", id)
                .query((rs, n) -> new StoredMedia(
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
                .optional();
    }

    byte @Nullable [] chunk(UUID id, int seq) {
        return jdbc.sql("select data from template_media_chunks where media_id = :m and seq = :s")
                .param("m", id)
                .param("s", seq)
                .query(byte[].class)
                .optional()
                .orElse(null);
    }
}
