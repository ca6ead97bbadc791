package com.whatsdex.contacts.importing;

import java.io.InputStream;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * An import's stored file read back chunk by chunk: one chunk in memory at a time, whatever the file's size.
 * Counts the bytes handed out, for progress.
 */
final class StoredFileInputStream extends InputStream {

    private final IntFunction<byte @Nullable []> chunks;
    private byte @Nullable [] current;
    private int position;
    private int nextSeq;
    private long bytesRead;

    /** @param chunks the chunk with a sequence number, or null after the last */
    StoredFileInputStream(IntFunction<byte @Nullable []> chunks) {
        this.chunks = chunks;
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (current == null || position == current.length) {
            current = chunks.apply(nextSeq);
            if (current == null) {
                return -1;
            }
            nextSeq++;
            position = 0;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        bytesRead += n;
        return n;
    }
}
