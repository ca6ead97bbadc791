package com.whatsdex.contacts.importing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a CSV file's first bytes say about it: its encoding (byte order mark, else UTF-8 when the bytes are valid
 * UTF-8, else Windows-1252, the encoding Excel uses on Western Windows), whether it is text at all, and its
 * delimiter.
 *
 * @param charset how to decode the bytes after the byte order mark
 * @param bomLength bytes of byte order mark to skip
 */
record CsvFormat(Charset charset, int bomLength) {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    static final List<Character> DELIMITERS = List.of(',', ';', '\t', '|');

    /** Sniffs the encoding from the start of the file (at most the first megabyte is looked at). */
    static CsvFormat sniff(byte[] head, int length) {
        if (length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            return new CsvFormat(StandardCharsets.UTF_8, 3);
        }
        if (length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
            return new CsvFormat(StandardCharsets.UTF_16LE, 2);
        }
        if (length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
            return new CsvFormat(StandardCharsets.UTF_16BE, 2);
        }
        return new CsvFormat(validUtf8(head, length) ? StandardCharsets.UTF_8 : WINDOWS_1252, 0);
    }

    /** The name shown to people: "UTF-8", "UTF-8 with BOM", "UTF-16LE", "windows-1252". */
    String label() {
        return charset.equals(StandardCharsets.UTF_8) && bomLength > 0 ? "UTF-8 with BOM" : charset.name();
    }

    /**
     * True when the head holds bytes no text file has: NUL (outside UTF-16) or many other control characters. A
     * spreadsheet, image or zip renamed to .csv is refused instead of importing garbage.
     */
    boolean looksBinary(byte[] head, int length) {
        if (charset.equals(StandardCharsets.UTF_16LE) || charset.equals(StandardCharsets.UTF_16BE)) {
            return false;
        }
        int controls = 0;
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xff;
            if (b == 0) {
                return true;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != 0x0C) {
                controls++;
            }
        }
        return length > 0 && controls * 100 > length;
    }

    /** Whether the bytes are valid UTF-8, allowing a multi-byte character cut off at the end of the sample. */
    static boolean validUtf8(byte[] bytes, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, false);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                // leftover bytes are at most an incomplete character at the sample's end
                return in.remaining() < 4;
            }
            out.clear();
        }
    }

    /** Decodes a sample strictly enough for sniffing; invalid bytes become U+FFFD. */
    String decodeSample(byte[] head, int length) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(head, bomLength, Math.max(0, length - bomLength)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e); // REPLACE never throws
        }
    }

    /**
     * The delimiter among {@code , ; tab |} that splits the sample's first lines (outside quotes) into the same number
     * of fields, more than one, most consistently; a comma when none does.
     */
    static char sniffDelimiter(String sample) {
        char best = ',';
        double bestScore = 0;
        for (char d : DELIMITERS) {
            List<Integer> counts = countPerRecord(sample, d, 20);
            if (counts.isEmpty() || counts.getFirst() == 0) {
                continue;
            }
            int first = counts.getFirst();
            long same = counts.stream().filter(c -> c == first).count();
            double score = (double) same / counts.size() * 1000 + first;
            if (score > bestScore) {
                bestScore = score;
                best = d;
            }
        }
        return best;
    }

    /** Delimiters outside quotes per record, for the first {@code records} complete records of the sample. */
    private static List<Integer> countPerRecord(String sample, char delimiter, int records) {
        List<Integer> counts = new java.util.ArrayList<>();
        boolean quoted = false;
        int count = 0;
        boolean blank = true;
        for (int i = 0; i < sample.length() && counts.size() < records; i++) {
            char ch = sample.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
                blank = false;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                if (!blank) {
                    counts.add(count);
                }
                count = 0;
                blank = true;
            } else {
                if (!quoted && ch == delimiter) {
                    count++;
                }
                blank = false;
            }
        }
        return counts;
    }
}
