package com.whatsdex.messaging.domain;

import com.whatsdex.channels.ChannelCredentials;
import com.whatsdex.channels.ChannelsApi;
import com.whatsdex.channels.OutboundAddresses;
import com.whatsdex.channels.OutboundHttp;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.shared.WhatsDexProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
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

    /**
     * A download that did not store the file, with the reason a person reads on the message ({@code media.error}).
     * {@code permanent}: retrying cannot help (too large, gone at the provider); otherwise the job retries and the
     * reason is recorded only if the last attempt fails too.
     */
    static final class NotStoredException extends IOException {
        private final String reason;
        private final boolean permanent;

        NotStoredException(String reason, boolean permanent, @Nullable Throwable cause) {
            super(reason, cause);
            this.reason = reason;
            this.permanent = permanent;
        }

        String reason() {
            return reason;
        }

        boolean permanent() {
            return permanent;
        }
    }

    static final String DISK_FULL = "Not stored: the server's disk was full";
    private static final long SPACE_CHECK_EVERY = 4L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(MediaStore.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final MessageRepository messages;
    private final ChannelsApi channels;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final Path dataDir;
    private final long maxBytes;
    private final long minFreeBytes;
    private final OutboundAddresses addresses;
    private static final int MAX_REDIRECTS = 3;
    private final OutboundHttp http; // redirects followed by hand, each hop checked

    MediaStore(
            MessageRepository messages,
            ChannelsApi channels,
            JsonMapper json,
            PlatformTransactionManager txManager,
            WhatsDexProperties properties,
            MessagingProperties messaging,
            OutboundAddresses addresses,
            OutboundHttp http) {
        this.addresses = addresses;
        this.http = http;
        this.messages = messages;
        this.channels = channels;
        this.json = json;
        this.tx = new TransactionTemplate(txManager);
        this.dataDir = properties.dataDir().toAbsolutePath().normalize();
        this.maxBytes = messaging.mediaMaxSize().toBytes();
        this.minFreeBytes = messaging.mediaMinFreeSpace().toBytes();
    }

    /**
     * Downloads a message's media unless it is stored already (a job may run twice) or its download failed for good.
     * A failure that retrying cannot help, or any failure of the {@code last} attempt, is recorded on the message as
     * {@code media_error}, so the inbox can say why the file is missing.
     *
     * @param attempt this run's number, 1 for the first
     * @throws NotStoredException with {@code permanent} set when retrying cannot help
     */
    void download(UUID messageId, int attempt, boolean last) throws IOException {
        MessageRepository.MediaRecord m =
                tx.execute(s -> messages.findMedia(messageId).orElse(null));
        if (m == null || m.path() != null || m.mediaId() == null || m.error() != null) {
            return; // deleted, already stored, nothing to fetch, or failed for good already
        }
        try {
            store(m);
        } catch (NotStoredException e) {
            if (e.permanent() || last) {
                recordError(messageId, e.reason());
            }
            throw e;
        } catch (IOException e) {
            if (last) {
                recordError(
                        messageId,
                        "Not stored: the download failed " + attempt + " times ("
                                + (e instanceof java.net.http.HttpTimeoutException
                                        ? "timed out"
                                        : "WhatsApp could not be reached")
                                + ")");
            }
            throw e;
        }
    }

    private void store(MessageRepository.MediaRecord m) throws IOException {
        UUID messageId = m.id();
        ChannelCredentials credentials = channels.credentials(m.channelId());
        JsonNode info = graphInfo(credentials, Objects.requireNonNull(m.mediaId()));
        String url = info.path("url").asString("");
        if (url.isEmpty()) {
            throw new NotStoredException("Not stored: WhatsApp gave no download link for the file", true, null);
        }
        long declared = info.path("file_size").asLong(-1);
        if (declared > maxBytes) {
            throw tooLarge(declared);
        }
        String mime = info.path("mime_type").asString("");
        UUID tenantId = TenantContext.requireTenantId();
        Path dir = dataDir.resolve("media").resolve(tenantId.toString());
        Path target = dir.resolve(messageId.toString());
        Path partial;
        try {
            Files.createDirectories(dir);
            requireSpace(dir, Math.max(declared, 0));
            partial = Files.createTempFile(dir, messageId + "-", ".part");
        } catch (IOException e) {
            throw storageFailure(e, dir);
        }
        try {
            long size = fetch(credentials, url, partial, dir);
            try {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw storageFailure(e, dir);
            }
            String relative = dataDir.relativize(target).toString();
            tx.executeWithoutResult(s -> messages.recordMedia(messageId, relative, size, mime.isEmpty() ? null : mime));
            log.debug("Stored media of message {} ({} bytes)", messageId, size);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private void recordError(UUID messageId, String reason) {
        tx.executeWithoutResult(s -> messages.recordMediaError(messageId, reason));
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

    private JsonNode graphInfo(ChannelCredentials c, String mediaId) throws IOException {
        String url = stripSlash(c.graphBaseUrl()) + "/" + URLEncoder.encode(mediaId, StandardCharsets.UTF_8);
        requireAllowed(c, url);
        try (OutboundHttp.Response response = http.exchange(
                c,
                "GET",
                URI.create(url),
                Map.of("Authorization", "Bearer " + c.accessToken(), "Accept", "application/json"),
                null,
                null,
                TIMEOUT)) {
            int status = response.status();
            if (status != 200) {
                if (gone(status)) {
                    throw new NotStoredException(
                            "Not stored: WhatsApp no longer has the file (it answered " + status + ")", true, null);
                }
                throw new IOException("The Graph API answered " + status + " for media " + mediaId);
            }
            return json.readTree(response.bodyBytes());
        } catch (OutboundAddresses.RefusedAddressException e) {
            throw refused(e);
        }
    }

    private long fetch(ChannelCredentials c, String url, Path partial, Path dir) throws IOException {
        try (OutboundHttp.Response response = download(c, url)) {
            InputStream in = response.body();
            int status = response.status();
            if (status != 200) {
                if (gone(status)) {
                    throw new NotStoredException(
                            "Not stored: the download link had expired (WhatsApp answered " + status + ")", true, null);
                }
                throw new IOException("The media download answered " + status);
            }
            long length = response.contentLength();
            if (length > maxBytes) {
                throw tooLarge(length);
            }
            long total = 0;
            long checked = 0;
            byte[] buffer = new byte[64 * 1024];
            // unbuffered: a write the disk refuses fails here, not in a flush on close
            try (OutputStream out = Files.newOutputStream(partial)) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    total += n;
                    if (total > maxBytes) {
                        throw tooLarge(total);
                    }
                    try {
                        if (total - checked >= SPACE_CHECK_EVERY) {
                            checked = total;
                            requireSpace(dir, 0);
                        }
                        out.write(buffer, 0, n);
                    } catch (IOException e) {
                        throw storageFailure(e, dir);
                    }
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
    private OutboundHttp.Response download(ChannelCredentials c, String url) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("The Graph API gave a download URL that is not a URL");
        }
        String tokenHost = uri.getHost();
        for (int hop = 0; ; hop++) {
            requireAllowed(c, uri.toString());
            Map<String, String> headers = uri.getHost() != null && uri.getHost().equalsIgnoreCase(tokenHost)
                    ? Map.of("Authorization", "Bearer " + c.accessToken())
                    : Map.of();
            OutboundHttp.Response response;
            try {
                response = http.exchange(c, "GET", uri, headers, null, null, TIMEOUT);
            } catch (OutboundAddresses.RefusedAddressException e) {
                throw refused(e);
            }
            int status = response.status();
            String location = response.header("Location");
            if (status / 100 != 3 || location == null) {
                return response;
            }
            response.close();
            if (hop == MAX_REDIRECTS) {
                throw new IOException("The media download redirected more than " + MAX_REDIRECTS + " times");
            }
            try {
                uri = uri.resolve(location);
            } catch (IllegalArgumentException e) {
                throw new IOException("The media download redirected to something that is not a URL");
            }
        }
    }

    private void requireAllowed(ChannelCredentials c, String url) throws IOException {
        var refused = addresses.refusal(c, url);
        if (refused.isPresent()) {
            throw refused(new IOException("Media URL " + refused.get()));
        }
    }

    private static NotStoredException refused(IOException cause) {
        return new NotStoredException(
                "Not stored: the download link points to an address this server may not call", true, cause);
    }

    private NotStoredException tooLarge(long size) {
        return new NotStoredException(
                "Not stored: the file is larger than the server's limit of " + megabytes(maxBytes) + " ("
                        + (size > maxBytes ? megabytes(size) : "more") + ")",
                true,
                null);
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    /** 404 and 410 (and the 400 Meta answers for an unknown media id): the file is gone, asking again will not help. */
    private static boolean gone(int status) {
        return status == 400 || status == 403 || status == 404 || status == 410;
    }

    /** Fails as "disk full" when writing {@code more} bytes would leave less than the configured free space. */
    private void requireSpace(Path dir, long more) throws IOException {
        long usable = Files.getFileStore(dir).getUsableSpace();
        if (usable - more < minFreeBytes) {
            throw new NotStoredException(
                    DISK_FULL,
                    false,
                    new IOException("Media store: " + usable + " bytes usable, " + more + " needed and " + minFreeBytes
                            + " kept free"));
        }
    }

    /**
     * A failure writing into the media store. Out of space is retried (an operator may free some) and, if it lasts,
     * recorded as {@link #DISK_FULL}; other write failures are retried as well.
     */
    private NotStoredException storageFailure(IOException e, Path dir) {
        if (e instanceof NotStoredException notStored) {
            return notStored;
        }
        return isOutOfSpace(e, dir)
                ? new NotStoredException(DISK_FULL, false, e)
                : new NotStoredException("Not stored: the server could not save the file", false, e);
    }

    /** ENOSPC or EDQUOT from the kernel, or a store that has (almost) nothing left. */
    static boolean isOutOfSpace(IOException e, Path dir) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
            return true;
        }
        try {
            return Files.getFileStore(dir).getUsableSpace() < 1024 * 1024;
        } catch (IOException | RuntimeException unknown) {
            return false;
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
