package com.whatsdex.contacts.web;

import com.whatsdex.contacts.domain.Contact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Contacts as CSV: UTF-8 with a byte order mark (so Excel shows non-ASCII names), CRLF line ends and RFC 4180
 * quoting. Custom attributes go in one column as {@code key=value} pairs joined by {@code "; "}, so the column set
 * is known before the first row and the export needs no pass over the data beforehand.
 */
final class ContactsCsv {

    static final String HEADER =
            "name,phone,email,tags,opted_out,last_interaction_at,created_at,attributes,raw_phone,id";

    private final Writer out;

    ContactsCsv(Writer out) {
        this.out = out;
    }

    void header() {
        write("\uFEFF" + HEADER + "\r\n");
    }

    void row(Contact c) {
        StringBuilder line = new StringBuilder(160);
        line.append(text(c.name())).append(',');
        line.append(quote(c.phone())).append(',');
        line.append(text(c.email())).append(',');
        line.append(text(String.join(", ", c.tags()))).append(',');
        line.append(c.optedOut()).append(',');
        line.append(time(c.lastInteractionAt())).append(',');
        line.append(time(c.createdAt())).append(',');
        line.append(text(attributes(c.attributes()))).append(',');
        line.append(text(c.rawPhone())).append(',');
        line.append(c.id()).append("\r\n");
        write(line.toString());
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String attributes(Map<String, String> attributes) {
        return attributes.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String time(@Nullable Instant t) {
        return t == null ? "" : t.toString();
    }

    /**
     * Free text typed by people: a leading {@code = + - @} would make a spreadsheet run it as a formula, so it gets
     * a leading apostrophe (OWASP's advice for CSV injection).
     */
    static String text(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            value = "'" + value;
        }
        return quote(value);
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
    static String quote(String value) {
        boolean needs = false;
        for (int i = 0; i < value.length() && !needs; i++) {
            char ch = value.charAt(i);
            needs = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
        }
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
