package com.whatsdex.templates.domain;

import com.whatsdex.secrets.SecretBox;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.shared.WhatsDexProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files for templates: uploaded (streamed into the database a chunk at a time, within WhatsApp's size limit for the
 * kind), then served at a public capability link that the template's media URL points to, so WhatsApp can fetch it.
 */
@Service
public class TemplateMediaService {

    static final int CHUNK_BYTES = 1 << 20;
    static final String MAC_PURPOSE = "template-media";

    /** An uploaded file and the link to put in a template's media URL. */
    @Schema(name = "TemplateMediaUpload")
    public record Upload(UUID id, String kind, String filename, String mime, long sizeBytes, String url) {}

    /** A stored file's description. */
    public record StoredMedia(UUID id, String kind, String filename, String mime, long sizeBytes) {}

    /** What WhatsApp's Cloud API accepts, by file extension: kind, MIME type and size limit. */
    private record Accepted(String kind, String mime, long maxBytes) {}

    private static final long MB = 1024 * 1024;
    private static final Map<String, Accepted> ACCEPTED = Map.ofEntries(
            Map.entry("jpg", new Accepted("image", "image/jpeg", 5 * MB)),
            Map.entry("jpeg", new Accepted("image", "image/jpeg", 5 * MB)),
            Map.entry("png", new Accepted("image", "image/png", 5 * MB)),
            Map.entry("mp4", new Accepted("video", "video/mp4", 16 * MB)),
            Map.entry("3gp", new Accepted("video", "video/3gpp", 16 * MB)),
            Map.entry("pdf", new Accepted("document", "application/pdf", 100 * MB)),
            Map.entry("txt", new Accepted("document", "text/plain", 100 * MB)),
            Map.entry("doc", new Accepted("document", "application/msword", 100 * MB)),
            Map.entry(
                    "docx",
                    new Accepted(
                            "document",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            100 * MB)),
            Map.entry("xls", new Accepted("document", "application/vnd.ms-excel", 100 * MB)),
            Map.entry(
                    "xlsx",
                    new Accepted(
                            "document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 100 * MB)),
            Map.entry("ppt", new Accepted("document", "application/vnd.ms-powerpoint", 100 * MB)),
            Map.entry(
                    "pptx",
                    new Accepted(
                            "document",
                            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                            100 * MB)));

    private final TemplateMediaRepository media;
    private final SecretBox secrets;
    private final WhatsDexProperties properties;
    private final TransactionTemplate tx;

    TemplateMediaService(
            TemplateMediaRepository media,
            SecretBox secrets,
            WhatsDexProperties properties,
            PlatformTransactionManager txManager) {
        this.media = media;
        this.secrets = secrets;
        this.properties = properties;
        this.tx = new TransactionTemplate(txManager);
    }

    /**
     * Stores an uploaded file. Refuses types WhatsApp does not send (415), files whose first bytes contradict their
     * extension (415), empty files (400) and files over WhatsApp's limit for the kind (413); nothing is kept then.
     */
    public Upload upload(InputStream body, String originalFilename) throws IOException {
        String filename = cleanFilename(originalFilename);
        int dot = filename.lastIndexOf('.');
        String extension = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        Accepted accepted = ACCEPTED.get(extension);
        if (accepted == null) {
            throw unsupported();
        }
        byte[] buffer = new byte[CHUNK_BYTES];
        int n = body.readNBytes(buffer, 0, CHUNK_BYTES);
        if (n == 0) {
            throw ApiException.validation("file", "is empty");
        }
        if (!contentMatches(accepted.mime(), buffer, n)) {
            throw new ApiException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "The file's content is not " + accepted.mime() + " as its name says");
        }
        UUID tenantId = TenantContext.requireTenantId();
        UUID id = Ids.newId();
        tx.executeWithoutResult(s -> media.insert(tenantId, id, accepted.kind(), filename, accepted.mime()));
        boolean stored = false;
        try {
            long size = 0;
            int seq = 0;
            while (n > 0) {
                size += n;
                if (size > accepted.maxBytes()) {
                    throw new ApiException(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "payload_too_large",
                            "WhatsApp sends " + accepted.kind() + "s of at most " + accepted.maxBytes() / MB + " MB");
                }
                int chunk = seq++;
                int length = n;
                tx.executeWithoutResult(s -> media.insertChunk(tenantId, id, chunk, buffer, length));
                n = body.readNBytes(buffer, 0, CHUNK_BYTES);
            }
            long total = size;
            tx.executeWithoutResult(s -> media.complete(id, total));
            stored = true;
            return new Upload(id, accepted.kind(), filename, accepted.mime(), total, publicUrl(tenantId, id, filename));
        } finally {
            if (!stored) {
                tx.executeWithoutResult(s -> media.delete(id));
            }
        }
    }

    /** The file behind a public link, or empty when the link's tag does not match (a forged or altered link). */
    public Optional<StoredMedia> open(UUID tenantId, UUID id, String tag) {
        if (!secrets.verifyMac(MAC_PURPOSE, tenantId + "/" + id, tag)) {
            return Optional.empty();
        }
        return TenantContext.callAs(tenantId, () -> tx.execute(s -> media.find(id)));
    }

    /** Streams a file's bytes, one chunk in memory at a time. */
    public void copy(UUID tenantId, UUID id, OutputStream out) throws IOException {
        for (int seq = 0; ; seq++) {
            int current = seq;
            byte[] chunk = TenantContext.callAs(tenantId, () -> tx.execute(s -> media.chunk(id, current)));
            if (chunk == null) {
                return;
            }
            out.write(chunk);
        }
    }

    private String publicUrl(UUID tenantId, UUID id, String filename) {
        String tag = secrets.mac(MAC_PURPOSE, tenantId + "/" + id);
        String base = properties.publicUrl().replaceAll("/+$", "");
        return base + "/media/templates/" + tenantId + "/" + id + "/" + tag + "/"
                + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean contentMatches(String mime, byte[] head, int n) {
        return switch (mime) {
            case "image/jpeg" ->
                n >= 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && (head[2] & 0xff) == 0xFF;
            case "image/png" ->
                n >= 4 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
            case "application/pdf" -> n >= 4 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F';
            case "video/mp4", "video/3gpp" ->
                n >= 8 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p';
            default -> true;
        };
    }

    private static ApiException unsupported() {
        return new ApiException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "WhatsApp sends JPEG or PNG images (5 MB), MP4 or 3GP videos (16 MB) and PDF, Word, Excel, PowerPoint"
                        + " or text documents (100 MB)");
    }

    private static String cleanFilename(String filename) {
        String name = filename.replaceAll(".*[\\\\/]", "")
                .replaceAll("\\p{Cntrl}", "")
                .strip();
        if (name.isEmpty()) {
            name = "file";
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }
}
