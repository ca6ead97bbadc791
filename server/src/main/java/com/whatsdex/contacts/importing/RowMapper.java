package com.whatsdex.contacts.importing;

import com.whatsdex.contacts.domain.PhoneNumbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns one CSV record into a contact to merge, or the reason it cannot be one. Google Contacts puts several values
 * in one cell joined by {@code " ::: "}: the first valid phone and the first email are taken, every label becomes a
 * tag ({@code "* myContacts"}, Google's label for every contact, is dropped; {@code "* starred"} becomes
 * {@code starred}).
 */
final class RowMapper {

    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 320;
    static final int MAX_TAG = 50;
    static final int MAX_TAGS = 50;
    static final int MAX_ATTRIBUTE_VALUE = 1000;

    private static final Pattern MULTI = Pattern.compile("\\s*:::\\s*");
    private static final Pattern TAG_SEPARATORS = Pattern.compile("\\s*(?::::|[,;|])\\s*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** What a valid record becomes. */
    record Candidate(
            long rowNumber,
            String phone,
            String rawPhone,
            @Nullable String name,
            @Nullable String email,
            List<String> tags,
            Map<String, String> attributes) {}

    /** The outcome for one record. */
    sealed interface Outcome {
        record Valid(Candidate candidate) implements Outcome {}

        record Rejected(String error) implements Outcome {}

        /** Every cell empty: not counted as a row. */
        record Blank() implements Outcome {}
    }

    private final List<ColumnMapping> mapping;
    private final String defaultCountry;
    private final List<String> extraTags;

    RowMapper(List<ColumnMapping> mapping, String defaultCountry, List<String> extraTags) {
        // stable: only phone columns move, in the order they are worth trying
        this.mapping = mapping.stream()
                .sorted(java.util.Comparator.comparingInt(
                        (ColumnMapping c) -> c.target() == ColumnTarget.phone ? c.phonePriority() : 0))
                .toList();
        this.defaultCountry = defaultCountry;
        this.extraTags = extraTags;
    }

    Outcome map(long rowNumber, List<String> cells) {
        boolean blank = true;
        for (String cell : cells) {
            if (!cell.isBlank()) {
                blank = false;
                break;
            }
        }
        if (blank) {
            return new Outcome.Blank();
        }
        String name = null;
        List<String> nameParts = new ArrayList<>(3);
        String firstPhoneError = null;
        String firstRawPhone = null;
        String phone = null;
        String rawPhone = null;
        String email = null;
        Set<String> tags = new LinkedHashSet<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        String[] parts = new String[3];
        for (ColumnMapping column : mapping) {
            String value =
                    column.index() < cells.size() ? cells.get(column.index()).strip() : "";
            if (value.isEmpty()) {
                continue;
            }
            switch (column.target()) {
                case name -> name = name == null ? value : name;
                case first_name -> parts[0] = parts[0] == null ? value : parts[0];
                case middle_name -> parts[1] = parts[1] == null ? value : parts[1];
                case last_name -> parts[2] = parts[2] == null ? value : parts[2];
                case phone -> {
                    if (phone != null) {
                        continue;
                    }
                    for (String candidate : MULTI.split(value)) {
                        if (candidate.isBlank()) {
                            continue;
                        }
                        PhoneNumbers.Parsed parsed = PhoneNumbers.parse(candidate, defaultCountry);
                        if (parsed instanceof PhoneNumbers.Parsed.Valid v) {
                            phone = v.e164();
                            rawPhone = candidate;
                            break;
                        }
                        if (firstPhoneError == null) {
                            firstPhoneError = ((PhoneNumbers.Parsed.Invalid) parsed).reason();
                            firstRawPhone = candidate;
                        }
                    }
                }
                case email -> {
                    if (email == null) {
                        for (String candidate : MULTI.split(value)) {
                            if (EMAIL.matcher(candidate).matches() && candidate.length() <= MAX_EMAIL) {
                                email = candidate;
                                break;
                            }
                        }
                    }
                }
                case tags -> {
                    for (String tag : TAG_SEPARATORS.split(value)) {
                        String t = tag.strip();
                        if (t.startsWith("* ")) {
                            t = t.substring(2).strip();
                            if (t.equalsIgnoreCase("myContacts")) {
                                continue;
                            }
                        }
                        if (!t.isEmpty() && t.length() <= MAX_TAG) {
                            tags.add(t);
                        }
                    }
                }
                case attribute -> {
                    String key =
                            column.attributeKey() == null ? "column_" + (column.index() + 1) : column.attributeKey();
                    attributes.putIfAbsent(
                            key,
                            value.length() > MAX_ATTRIBUTE_VALUE ? value.substring(0, MAX_ATTRIBUTE_VALUE) : value);
                }
                case ignore -> {}
            }
        }
        if (phone == null) {
            return new Outcome.Rejected(
                    firstPhoneError == null
                            ? "no phone number"
                            : "phone \"" + clip(firstRawPhone) + "\" " + firstPhoneError);
        }
        if (name == null) {
            for (String part : parts) {
                if (part != null) {
                    nameParts.add(part);
                }
            }
            name = nameParts.isEmpty() ? null : String.join(" ", nameParts);
        }
        if (name != null && name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        tags.addAll(extraTags);
        List<String> tagList = new ArrayList<>(tags);
        if (tagList.size() > MAX_TAGS) {
            tagList = tagList.subList(0, MAX_TAGS);
        }
        return new Outcome.Valid(new Candidate(rowNumber, phone, rawPhone, name, email, tagList, attributes));
    }

    private static String clip(@Nullable String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
