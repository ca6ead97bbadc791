package com.whatsdex.contacts.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@link ContactFilter} as SQL conditions with named parameters. Search conditions are ranges on plain columns
 * with leakproof comparison operators, so that PostgreSQL can use them as index conditions under row-level security
 * (see V9__contacts_search_and_audiences.sql).
 */
record FilterSql(String where, Map<String, Object> params, boolean searches) {

    /**
     * @param defaultCountry asked only when the filter searches (a national phone number needs it), so a plain list
     *     costs no workspace lookup
     */
    static FilterSql of(ContactFilter filter, Supplier<String> defaultCountry) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.search() != null) {
            Set<String> phones = PhoneNumbers.searchPrefixes(filter.search(), defaultCountry.get());
            List<String> any = new ArrayList<>();
            if (!phones.isEmpty()) {
                int i = 0;
                for (String prefix : phones) {
                    any.add("(phone ~>=~ :phoneFrom%d and phone ~<~ :phoneTo%d)".formatted(i, i));
                    params.put("phoneFrom" + i, prefix);
                    params.put("phoneTo" + i, upperBound(prefix));
                    i++;
                }
            } else {
                String q = filter.search().toLowerCase(Locale.ROOT);
                params.put("qFrom", q);
                params.put("qTo", upperBound(q));
                any.add("(sort_name >= :qFrom and sort_name < :qTo)");
                any.add("(name_word_key >= :qFrom and name_word_key < :qTo)");
                any.add("(email_key >= :qFrom and email_key < :qTo)");
            }
            conditions.add("(" + String.join(" or ", any) + ")");
        }
        if (!filter.tags().isEmpty()) {
            conditions.add(
                    filter.match() == ContactFilter.TagMatch.all
                            ? "tags @> cast(:tags as text[])"
                            : "tags && cast(:tags as text[])");
            params.put("tags", filter.tags().toArray(String[]::new));
        }
        if (filter.optedInOnly()) {
            conditions.add("not opted_out");
        }
        return new FilterSql(
                conditions.isEmpty() ? "true" : String.join(" and ", conditions), params, filter.search() != null);
    }

    /** The smallest string greater than every string starting with {@code prefix} (in code point order). */
    static String upperBound(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        String head = prefix.substring(0, prefix.length() - Character.charCount(last));
        int next = last + 1;
        if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
            next = Character.MAX_SURROGATE + 1;
        }
        return next > Character.MAX_CODE_POINT ? prefix + "\uFFFF" : head + Character.toString(next);
    }
}
