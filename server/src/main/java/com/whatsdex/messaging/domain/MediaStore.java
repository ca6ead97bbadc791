package com.whatsdex.messaging.domain;

import com.whatsdex.channels.ChannelCredentials;
import com.whatsdex.channels.ChannelsApi;
import com.whatsdex.channels.OutboundAddresses;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.shared.WhatsDexProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The media store: inbound media files under {@code <data dir>/media/<workspace>/<message>}, fetched through the
 * Graph API with the channel's token (Meta's two steps: the media id gives a short-lived URL, the URL gives the
 * bytes). Downloads stream to disk with a size limit, so a huge file never sits in memory.
 */
@Component
class MediaStore {

    /** Thrown when a file is over the limit: recorded on the message, and retrying will not shrink it. */
    static final class MediaTooLargeException extends IOException {
        MediaTooLargeException(String message) {
            super(message);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MediaStore.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String TOO_LARGE = "too large: ";

    private final MessageRepository messages;
    private final ChannelsApi channels;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final Path dataDir;
    private final long maxBytes;
    private final OutboundAddresses addresses;
    private static final int MAX_REDIRECTS = 3;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER) // followed by hand, each hop checked
            .build();

    MediaStore(
            MessageRepository messages,
            ChannelsApi channels,
            JsonMapper json,
            PlatformTransactionManager txManager,
            WhatsDexProperties properties,
            MessagingProperties messaging,
            OutboundAddresses addresses) {
        this.addresses = addresses;
        this.messages = messages;
        this.channels = channels;
        this.json = json;
        this.tx = new TransactionTemplate(txManager);
        this.dataDir = properties.dataDir().toAbsolutePath().normalize();
        this.maxBytes = messaging.mediaMaxSize().toBytes();
    }

    /** Downloads a message's media unless it is stored already (a job may run twice). */
    void download(UUID messageId) throws IOException, InterruptedException {
        MessageRepository.MediaRecord m =
                tx.execute(s -> messages.findMedia(messageId).orElse(null));
        if (m == null || m.path() != null || m.mediaId() == null) {
            return; // deleted, already stored, or nothing to fetch
        }
        if (m.error() != null && m.error().startsWith(TOO_LARGE)) {
            throw new MediaTooLargeException(m.error());
        }
        ChannelCredentials credentials = channels.credentials(m.channelId());
        JsonNode info = graphInfo(credentials, m.mediaId());
        String url = info.path("url").asString("");
        if (url.isEmpty()) {
            throw new IOException("The Graph API gave no download URL for media " + m.mediaId());
        }
        long declared = info.path("file_size").asLong(-1);
        if (declared > maxBytes) {
            throw tooLarge(messageId, declared + " bytes");
        }
        String mime = info.path("mime_type").asString("");
        UUID tenantId = TenantContext.requireTenantId();
        Path dir = dataDir.resolve("media").resolve(tenantId.toString());
        Files.createDirectories(dir);
        Path target = dir.resolve(messageId.toString());
        Path partial = Files.createTempFile(dir, messageId + "-", ".part");
        try {
            long size = fetch(credentials, url, partial, messageId);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            String relative = dataDir.relativize(target).toString();
            tx.executeWithoutResult(s -> messages.recordMedia(messageId, relative, size, mime.isEmpty() ? null : mime));
            log.debug("Stored media of message {} ({} bytes)", messageId, size);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * The stored file of a message of the current workspace.
     *
     * @throws ApiException not_found when there is no such message or its file is not stored (yet)
     */
    StoredFile open(UUID messageId) {
        MessageRepository.MediaRecord m =
                tx.execute(s -> messages.findMedia(messageId).orElse(null));
        if (m == null || m.path() == null) {
            throw ApiException.notFound("Media");
        }
        Path file = dataDir.resolve(m.path()).normalize();
        if (!file.startsWith(dataDir.resolve("media")) || !Files.isRegularFile(file)) {
            throw ApiException.notFound("Media");
        }
        return new StoredFile(file, m.mime() == null ? "application/octet-stream" : m.mime(), m.filename());
    }

    /** The stored file of a message, if it has one on this server's disk (backups read it). */
    java.util.Optional<Path> file(UUID messageId) {
        MessageRepository.MediaRecord m =
                tx.execute(s -> messages.findMedia(messageId).orElse(null));
        if (m == null || m.path() == null) {
            return java.util.Optional.empty();
        }
        Path file = dataDir.resolve(m.path()).normalize();
        return file.startsWith(dataDir.resolve("media")) && Files.isRegularFile(file)
                ? java.util.Optional.of(file)
                : java.util.Optional.empty();
    }

    /** Stores a message's file from a backup (written aside, then moved in) and records it on the message. */
    void restore(UUID messageId, java.io.InputStream content) throws IOException {
        UUID tenantId = TenantContext.requireTenantId();
        Path dir = dataDir.resolve("media").resolve(tenantId.toString());
        Files.createDirectories(dir);
        Path target = dir.resolve(messageId.toString());
        Path partial = Files.createTempFile(dir, messageId + "-", ".part");
        try {
            long size = Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            String relative = dataDir.relativize(target).toString();
            tx.executeWithoutResult(s -> messages.recordMedia(messageId, relative, size, null));
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** A file to serve, with its type and the name the customer gave it (documents). */
    record StoredFile(Path path, String mimeType, @Nullable String filename) {}

    private JsonNode graphInfo(ChannelCredentials c, String mediaId) throws IOException, InterruptedException {
        String url = stripSlash(c.graphBaseUrl()) + "/" + URLEncoder.encode(mediaId, StandardCharsets.UTF_8);
        requireAllowed(c, url);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + c.accessToken())
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("The Graph API answered " + response.statusCode() + " for media " + mediaId);
        }
        return json.readTree(response.body());
    }

    private long fetch(ChannelCredentials c, String url, Path partial, UUID messageId)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response = download(c, url);
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("The media download answered " + response.statusCode());
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > maxBytes) {
                throw tooLarge(messageId, length + " bytes");
            }
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(partial)) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    total += n;
                    if (total > maxBytes) {
                        throw tooLarge(messageId, "more than " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
            return total;
        }
    }

    /**
     * GETs the URL the Graph API gave, following up to {@link #MAX_REDIRECTS} redirects; every hop must pass
     * {@link OutboundAddresses} (the URL comes from the channel's Graph server), and the token goes only to the host
     * the Graph API named.
     */
    private HttpResponse<InputStream> download(ChannelCredentials c, String url)
            throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("The Graph API gave a download URL that is not a URL");
        }
        String tokenHost = uri.getHost();
        for (int hop = 0; ; hop++) {
            requireAllowed(c, uri.toString());
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
            if (uri.getHost() != null && uri.getHost().equalsIgnoreCase(tokenHost)) {
                request.header("Authorization", "Bearer " + c.accessToken());
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            var location = response.headers().firstValue("Location");
            if (status / 100 != 3 || location.isEmpty()) {
                return response;
            }
            response.body().close();
            if (hop == MAX_REDIRECTS) {
                throw new IOException("The media download redirected more than " + MAX_REDIRECTS + " times");
            }
            try {
                uri = uri.resolve(location.get());
            } catch (IllegalArgumentException e) {
                throw new IOException("The media download redirected to something that is not a URL");
            }
        }
    }

    private void requireAllowed(ChannelCredentials c, String url) throws IOException {
        var refused = addresses.refusal(c, url);
        if (refused.isPresent()) {
            throw new IOException("Media URL " + refused.get());
        }
    }

    private MediaTooLargeException tooLarge(UUID messageId, String size) {
        String error = TOO_LARGE + size + " (the limit is " + maxBytes + " bytes)";
        tx.executeWithoutResult(s -> messages.recordMediaError(messageId, error));
        return new MediaTooLargeException("Media of message " + messageId + " is " + error);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
