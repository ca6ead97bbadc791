package com.whatsdex.secrets.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the 32-byte master key: {@code WHATSDEX_MASTER_KEY} (base64) when set, else {@code <dataDir>/master.key},
 * generated on first start. Generating it means a new install works with no setup, and keeping it next to the
 * database it protects means a restart reads its own secrets. Losing the key loses the secrets, so it is never
 * overwritten.
 */
public final class MasterKeys {

    public static final String KEY_FILE = "master.key";
    private static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final Logger log = LoggerFactory.getLogger(MasterKeys.class);

    private MasterKeys() {}

    public static byte[] load(@Nullable String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.trim(), "WHATSDEX_MASTER_KEY (whatsdex.master-key)");
        }
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read or create the master key " + file.toAbsolutePath() + ": " + e.getMessage()
                            + ". Set WHATSDEX_MASTER_KEY or make the data directory writable",
                    e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        warnIfReadableByOthers(file);
        return decode(
                Files.readString(file, StandardCharsets.US_ASCII).trim(),
                file.toAbsolutePath().toString());
    }

    /**
     * Written to a private temporary file, then linked into place: the link fails if another instance sharing the
     * data directory created the key first, and then that key is the one both use.
     */
    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path tmp = Files.createTempFile(dir, ".master", ".tmp", ownerOnly(dir));
        try {
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                return;
            } catch (UnsupportedOperationException | IOException e) {
                if (Files.exists(file)) {
                    return;
                }
                // file systems without hard links: an atomic rename, which cannot refuse to replace
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            log.warn(
                    "Generated a new master key in {}. Back it up with the data: without it stored secrets"
                            + " cannot be read",
                    file.toAbsolutePath());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
        }
        return new FileAttribute<?>[0];
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(perms)) {
            log.warn(
                    "{} is readable by others ({}); restrict it with chmod 600",
                    file.toAbsolutePath(),
                    PosixFilePermissions.toString(perms));
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "The master key in " + source + " is not valid base64; generate one with: openssl rand -base64 32");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("The master key in " + source + " decodes to " + key.length
                    + " bytes; AES-256 needs exactly " + KEY_BYTES + ". Generate one with: openssl rand -base64 32");
        }
        return key;
    }
}
