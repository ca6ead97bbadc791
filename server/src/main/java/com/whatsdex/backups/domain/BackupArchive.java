package com.whatsdex.backups.domain;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The archive format: a ZIP of JSON Lines parts ({@code data/<table>.jsonl}) and media files
 * ({@code media/messages/<message id>}), written as a stream (no part is ever held whole), with
 * {@value #MANIFEST} last: format version, workspace, time, and each part's rows, bytes and SHA-256.
 */
final class BackupArchive {

    static final String MANIFEST = "manifest.json";
    static final String FORMAT = "whatsdex-backup";
    static final int VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One part of the archive.
     *
     * @param rows lines of a JSON Lines part; 0 for a media file
     */
    record PartInfo(String path, long rows, long bytes, String sha256) {}

    record Manifest(
            String format,
            int version,
            UUID workspaceId,
            String workspaceName,
            Instant createdAt,
            List<PartInfo> parts) {}

    /** The archive is not one this server can restore: unreadable, altered, or of an unknown format. */
    static final class InvalidArchiveException extends Exception {
        InvalidArchiveException(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private BackupArchive() {}

    /** Writes an archive to a stream, part by part. */
    static final class Writer {

        private final ZipOutputStream zip;
        private final List<PartInfo> parts = new ArrayList<>();

        Writer(OutputStream out) {
            this.zip = new ZipOutputStream(out);
            this.zip.setLevel(1); // JSON compresses well even at the fastest level; CPU is the scarcer resource
        }

        /** Adds a part; answers its info (rows = lines written). */
        PartInfo part(String path, Body body) throws IOException {
            zip.putNextEntry(new ZipEntry(path));
            Measuring measuring = new Measuring(zip);
            // COPY hands over one row per write: batch them, so the deflater and the digest work on large blocks
            java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(measuring, 256 * 1024);
            body.writeTo(buffered);
            buffered.flush();
            zip.closeEntry();
            PartInfo info = new PartInfo(path, measuring.lines, measuring.bytes, measuring.sha256());
            parts.add(info);
            return info;
        }

        /** Writes the manifest and ends the archive (the underlying stream stays open). */
        Manifest finish(UUID workspaceId, String workspaceName) throws IOException {
            Manifest manifest = new Manifest(FORMAT, VERSION, workspaceId, workspaceName, Instant.now(), parts);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip.closeEntry();
            zip.finish();
            return manifest;
        }
    }

    /**
     * Reads the manifest and checks every part against it (size and SHA-256) before anything is restored; an entry
     * the manifest does not list is refused too.
     */
    static Manifest verify(Path archive) throws InvalidArchiveException, IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            ZipEntry entry = zip.getEntry(MANIFEST);
            if (entry == null) {
                throw new InvalidArchiveException("The file is not a WhatsDeX backup: it has no manifest");
            }
            Manifest manifest;
            try (InputStream in = zip.getInputStream(entry)) {
                manifest = JSON.readValue(in, Manifest.class);
            } catch (JacksonException e) {
                throw new InvalidArchiveException("The backup's manifest cannot be read");
            }
            if (!FORMAT.equals(manifest.format()) || manifest.version() != VERSION) {
                throw new InvalidArchiveException("The backup's format (" + manifest.format() + " version "
                        + manifest.version() + ") is not one this server restores");
            }
            Set<String> listed = new HashSet<>();
            for (PartInfo part : manifest.parts()) {
                listed.add(part.path());
                ZipEntry e = zip.getEntry(part.path());
                if (e == null) {
                    throw new InvalidArchiveException("The backup lacks " + part.path());
                }
                try (DigestInputStream in = new DigestInputStream(zip.getInputStream(e), sha256())) {
                    long bytes = in.transferTo(OutputStream.nullOutputStream());
                    String sha = HexFormat.of().formatHex(in.getMessageDigest().digest());
                    if (bytes != part.bytes() || !sha.equals(part.sha256())) {
                        throw new InvalidArchiveException("The backup's " + part.path()
                                + " does not match its checksum: the file was altered" + " or damaged");
                    }
                }
            }
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                String name = all.nextElement().getName();
                if (!name.equals(MANIFEST) && !listed.contains(name)) {
                    throw new InvalidArchiveException(
                            "The backup holds " + name + ", which its manifest does not list");
                }
            }
            return manifest;
        } catch (java.util.zip.ZipException e) {
            throw new InvalidArchiveException("The file is not a readable ZIP archive");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts bytes and lines and digests what passes, without closing the ZIP entry's stream. */
    private static final class Measuring extends FilterOutputStream {
        private final MessageDigest digest = BackupArchive.sha256();
        long bytes;
        long lines;

        Measuring(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            bytes++;
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
        }

        @Override
        public void close() {
            // the entry is closed by the writer
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
