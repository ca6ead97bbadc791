package com.whatsdex.contacts.importing;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads RFC 4180 records one at a time from a stream: fields separated by the delimiter, optionally quoted, quotes
 * inside quoted fields doubled, line breaks (CRLF, LF or CR) inside quoted fields kept. Lenient where files in the
 * wild are: a quote inside an unquoted field is kept as text, text after a closing quote is appended. Memory is
 * one record; a record longer than {@link #MAX_RECORD_CHARS} (an unbalanced quote swallowing the file) fails.
 */
final class CsvParser {

    static final int MAX_RECORD_CHARS = 1 << 20;

    private final Reader in;
    private final char delimiter;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long records;
    private final StringBuilder field = new StringBuilder(64);

    CsvParser(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** How many records {@link #next()} has returned. */
    long records() {
        return records;
    }

    /** The next record, or null at the end. Blank lines are records with one empty field. */
    @Nullable
    List<String> next() throws IOException {
        int first = read();
        if (first < 0) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        field.setLength(0);
        int recordChars = 0;
        boolean quoted = false;
        boolean afterQuote = false; // a quoted field has been closed
        int ch = first;
        while (true) {
            if (ch < 0) {
                if (quoted) {
                    throw new CsvSyntaxException(
                            "record " + (records + 1) + " has a quoted field that is never closed");
                }
                fields.add(field.toString());
                break;
            }
            if (++recordChars > MAX_RECORD_CHARS) {
                throw new CsvSyntaxException("record " + (records + 1) + " is longer than " + MAX_RECORD_CHARS
                        + " characters (an unbalanced quote?)");
            }
            char c = (char) ch;
            if (quoted) {
                if (c == '"') {
                    int peek = read();
                    if (peek == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        ch = peek;
                        continue;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    int peek = read();
                    if (peek != '\n' && peek >= 0) {
                        position--; // a lone CR ends the record; keep what follows
                    }
                }
                fields.add(field.toString());
                break;
            } else if (c == '"' && field.isEmpty() && !afterQuote) {
                quoted = true;
            } else {
                field.append(c);
            }
            ch = read();
        }
        records++;
        return fields;
    }

    private int read() throws IOException {
        if (position == limit) {
            int n;
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
            if (n < 0) {
                return -1;
            }
            position = 0;
            limit = n;
        }
        return buffer[position++];
    }

    /** The file is not CSV this parser can read. */
    static final class CsvSyntaxException extends IOException {
        CsvSyntaxException(String message) {
            super(message);
        }
    }
}
