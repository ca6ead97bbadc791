package com.whatsdex.backups.google;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Drive v3 calls backups make, over plain HTTP: the app's folder, resumable uploads of archives of unknown size
 * (sent in chunks held in memory one at a time, resumed from Drive's confirmed offset after a dropped connection),
 * listing, download and delete. Works identically against Google and a local fake.
 */
@Component
public class Drive {

    private static final Logger log = LoggerFactory.getLogger(Drive.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FOLDER_MIME = "application/vnd.google-apps.folder";
    private static final int ATTEMPTS = 5;

    /** A file in Drive. */
    public record DriveFile(
            String id,
            String name,
            @Nullable Long size,
            @Nullable Instant createdTime,
            @Nullable String webViewLink) {}

    private final GoogleProperties props;
    private final HttpClient http;

    Drive(GoogleProperties props) {
        this.props = props;
        this.http = HttpClient.newBuilder()
                .connectTimeout(props.timeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The folder with this name that this app created (the drive.file scope sees no other), created if missing. */
    public String folder(String token, String name) {
        String q = "name = '" + name.replace("'", "\\'") + "' and mimeType = '" + FOLDER_MIME + "' and trashed = false";
        JsonNode found = json(
                send(token, "GET", "drive/v3/files?spaces=drive&fields=files(id,name)&q=" + enc(q), null, Map.of()));
        JsonNode files = found.path("files");
        if (!files.isEmpty()) {
            return files.get(0).path("id").asString();
        }
        String body = JSON.writeValueAsString(Map.of("name", name, "mimeType", FOLDER_MIME));
        return json(send(
                        token,
                        "POST",
                        "drive/v3/files?fields=id",
                        HttpRequest.BodyPublishers.ofString(body),
                        Map.of("Content-Type", "application/json")))
                .path("id")
                .asString();
    }

    /** The folder's files, newest first. */
    public List<DriveFile> list(String token, String folderId) {
        List<DriveFile> files = new ArrayList<>();
        String pageToken = null;
        do {
            String q = "'" + folderId + "' in parents and trashed = false";
            JsonNode page = json(send(
                    token,
                    "GET",
                    "drive/v3/files?spaces=drive&orderBy=createdTime%20desc&pageSize=100"
                            + "&fields=nextPageToken,files(id,name,size,createdTime,webViewLink)&q=" + enc(q)
                            + (pageToken == null ? "" : "&pageToken=" + enc(pageToken)),
                    null,
                    Map.of()));
            page.path("files").forEach(f -> files.add(toFile(f)));
            pageToken = GoogleOAuth.text(page, "nextPageToken");
        } while (pageToken != null);
        return files;
    }

    /** Deletes a file; one already gone counts as deleted. */
    public void delete(String token, String fileId) {
        try {
            send(token, "DELETE", "drive/v3/files/" + enc(fileId), null, Map.of());
        } catch (DriveException e) {
            if (e.reason() != DriveException.Reason.not_found) {
                throw e;
            }
        }
    }

    /** The file's bytes. */
    public InputStream download(String token, String fileId) {
        HttpResponse<InputStream> r = exchange(
                token,
                "GET",
                "drive/v3/files/" + enc(fileId) + "?alt=media",
                null,
                Map.of(),
                HttpResponse.BodyHandlers.ofInputStream());
        return r.body();
    }

    /**
     * Starts a resumable upload into the folder and answers the stream to write the file to: each chunk is sent as
     * it fills, the last one on {@link OutputStream#close()}, after which {@link Upload#file()} is the stored file.
     */
    public Upload upload(String token, String folderId, String name, String mimeType) {
        String metadata = JSON.writeValueAsString(Map.of("name", name, "parents", List.of(folderId)));
        HttpResponse<String> r = exchange(
                token,
                "POST",
                "upload/drive/v3/files?uploadType=resumable&fields=id,name,size,createdTime,webViewLink",
                HttpRequest.BodyPublishers.ofString(metadata),
                Map.of("Content-Type", "application/json; charset=UTF-8", "X-Upload-Content-Type", mimeType),
                HttpResponse.BodyHandlers.ofString());
        String session = r.headers()
                .firstValue("Location")
                .orElseThrow(() -> new DriveException(
                        DriveException.Reason.drive_error, "Drive did not start a resumable upload"));
        return new Upload(URI.create(session), (int) props.uploadChunk().toBytes());
    }

    /** A resumable upload in progress; an {@link OutputStream} of the file's bytes. */
    public final class Upload extends OutputStream {

        private final URI session;
        private final byte[] chunk;
        private int filled;
        private long offset; // bytes Drive has confirmed
        private @Nullable DriveFile file;
        private int resumes;

        private Upload(URI session, int chunkSize) {
            this.session = session;
            this.chunk = new byte[chunkSize];
        }

        /** The stored file, once closed. */
        public DriveFile file() {
            if (file == null) {
                throw new IllegalStateException("The upload has not finished");
            }
            return file;
        }

        /** How often a dropped connection was resumed. */
        public int resumes() {
            return resumes;
        }

        /** Bytes written so far. */
        public long size() {
            return offset + filled;
        }

        @Override
        public void write(int b) throws IOException {
            if (filled == chunk.length) {
                flushChunk(false);
            }
            chunk[filled++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == chunk.length) {
                    flushChunk(false);
                }
                int n = Math.min(len, chunk.length - filled);
                System.arraycopy(b, off, chunk, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void close() throws IOException {
            if (file == null) {
                flushChunk(true);
            }
        }

        /** Sends the buffered chunk (the last one with the total size), resuming from Drive's offset if cut off. */
        private void flushChunk(boolean last) throws IOException {
            long total = offset + filled;
            long start = offset;
            for (int attempt = 1; ; attempt++) {
                int from = (int) (offset - start);
                int length = filled - from;
                String range = length == 0
                        ? "bytes */" + total
                        : "bytes " + offset + "-" + (offset + length - 1) + "/" + (last ? String.valueOf(total) : "*");
                try {
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(session)
                                    .timeout(props.timeout())
                                    .header("Content-Range", range)
                                    .PUT(HttpRequest.BodyPublishers.ofByteArray(chunk, from, length))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 || r.statusCode() == 201) {
                        file = toFile(GoogleOAuth.parse(r.body()));
                        offset = total;
                        filled = 0;
                        return;
                    }
                    if (r.statusCode() == 308) {
                        long confirmed = confirmed(r);
                        if (confirmed == start + filled) {
                            offset = confirmed;
                            filled = 0;
                            if (!last) {
                                return;
                            }
                        } else {
                            offset = Math.max(start, confirmed); // Drive kept part of it: send the rest
                        }
                    } else if (r.statusCode() >= 500 || r.statusCode() == 429) {
                        offset = Math.max(start, askOffset(last ? total : -1));
                    } else {
                        throw failure(r.statusCode(), r.body());
                    }
                } catch (IOException e) {
                    if (attempt >= ATTEMPTS) {
                        throw e;
                    }
                    resumes++;
                    log.info("Drive upload interrupted at {} bytes ({}); resuming", offset, e.toString());
                    pause(attempt);
                    offset = Math.max(start, askOffset(last ? total : -1));
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while uploading to Drive", e);
                }
                if (attempt >= ATTEMPTS) {
                    throw new DriveException(
                            DriveException.Reason.drive_error, "Drive kept refusing the upload at byte " + offset);
                }
                pause(attempt);
            }
        }

        /** Asks Drive how much of the upload it has (an empty PUT with {@code bytes *}/total). */
        private long askOffset(long total) throws IOException {
            for (int attempt = 1; ; attempt++) {
                try {
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(session)
                                    .timeout(props.timeout())
                                    .header("Content-Range", "bytes */" + (total < 0 ? "*" : String.valueOf(total)))
                                    .PUT(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 308) {
                        return confirmed(r);
                    }
                    if (r.statusCode() == 200 || r.statusCode() == 201) {
                        file = toFile(GoogleOAuth.parse(r.body()));
                        return total;
                    }
                    throw failure(r.statusCode(), r.body());
                } catch (IOException e) {
                    if (attempt >= ATTEMPTS) {
                        throw e;
                    }
                    pause(attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while uploading to Drive", e);
                }
            }
        }

        private static long confirmed(HttpResponse<String> r) {
            return r.headers()
                    .firstValue("Range")
                    .map(v -> Long.parseLong(v.substring(v.indexOf('-') + 1)) + 1)
                    .orElse(0L);
        }

        private static void pause(int attempt) throws IOException {
            try {
                Thread.sleep(Duration.ofMillis(200L * attempt)); // backing off between attempts is the point
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while uploading to Drive", e);
            }
        }
    }

    private static JsonNode json(String body) {
        return GoogleOAuth.parse(body);
    }

    private static DriveFile toFile(JsonNode f) {
        String size = GoogleOAuth.text(f, "size");
        String created = GoogleOAuth.text(f, "createdTime");
        return new DriveFile(
                f.path("id").asString(),
                f.path("name").asString(),
                size == null ? null : Long.parseLong(size),
                created == null ? null : Instant.parse(created),
                GoogleOAuth.text(f, "webViewLink"));
    }

    private String send(
            String token,
            String method,
            String path,
            HttpRequest.@Nullable BodyPublisher body,
            Map<String, String> headers) {
        return exchange(token, method, path, body, headers, HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private <T> HttpResponse<T> exchange(
            String token,
            String method,
            String path,
            HttpRequest.@Nullable BodyPublisher body,
            Map<String, String> headers,
            HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(props.driveRootUrl() + path))
                .timeout(props.timeout())
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        headers.forEach(request::header);
        HttpResponse<T> r;
        try {
            r = http.send(request.build(), handler);
        } catch (IOException e) {
            throw new DriveException(DriveException.Reason.drive_error, "Google Drive could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriveException(DriveException.Reason.drive_error, "Interrupted while talking to Drive", e);
        }
        if (r.statusCode() / 100 == 2) {
            return r;
        }
        String text = r.body() instanceof String s ? s : drain(r.body());
        throw failure(r.statusCode(), text);
    }

    private static String drain(Object body) {
        if (body instanceof InputStream in) {
            try (in) {
                return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
        return "";
    }

    /** Google's error as a {@link DriveException} with the reason the dashboard acts on. */
    static DriveException failure(int status, String body) {
        JsonNode error = GoogleOAuth.parse(body).path("error");
        String reason = error.path("errors").path(0).path("reason").asString("");
        if (reason.isEmpty()) {
            reason = error.path("status").asString("");
        }
        String message = error.path("message").asString("HTTP " + status);
        if (status == 401) {
            return new DriveException(
                    DriveException.Reason.drive_revoked,
                    "Google Drive refused the app's access (" + message + "); link Google Drive again");
        }
        if (reason.equals("storageQuotaExceeded") || reason.equals("quotaExceeded")) {
            return new DriveException(
                    DriveException.Reason.quota_exceeded,
                    "The Google Drive is full: free some space or choose a smaller retention");
        }
        if (status == 404) {
            return new DriveException(DriveException.Reason.not_found, "The file is no longer in Google Drive");
        }
        return new DriveException(
                DriveException.Reason.drive_error,
                "Google Drive answered HTTP " + status + ": "
                        + (message.length() > 200 ? message.substring(0, 200) : message));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
