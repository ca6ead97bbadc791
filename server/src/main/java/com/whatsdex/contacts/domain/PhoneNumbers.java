package com.whatsdex.contacts.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Phone numbers as people type them, turned into E.164 with libphonenumber and a default country. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern PHONE_LIKE = Pattern.compile("[+\\d\\s().\\-/]+");

    /** The outcome of parsing: the E.164 form, or why there is none. */
    public sealed interface Parsed {
        record Valid(String e164) implements Parsed {}

        record Invalid(String reason) implements Parsed {}
    }

    private PhoneNumbers() {}

    /**
     * Parses {@code raw} as typed ("0803 123 4567", "+234 803 123 4567", "00234…") with {@code defaultCountry} (ISO
     * 3166 alpha-2) for numbers without a country code.
     */
    public static Parsed parse(String raw, String defaultCountry) {
        String region = defaultCountry.toUpperCase(Locale.ROOT);
        if (raw.isBlank()) {
            return new Parsed.Invalid("is required");
        }
        try {
            PhoneNumber number = UTIL.parse(raw, region);
            if (!UTIL.isValidNumber(number)) {
                String where = UTIL.getRegionCodeForCountryCode(number.getCountryCode());
                return new Parsed.Invalid("is not a valid phone number" + ("ZZ".equals(where) ? "" : " for " + where));
            }
            return new Parsed.Valid(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return new Parsed.Invalid(
                    switch (e.getErrorType()) {
                        case INVALID_COUNTRY_CODE -> "has no valid country code (add it, e.g. +234)";
                        case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "is too short";
                        case TOO_LONG -> "is too long";
                        case NOT_A_NUMBER -> "is not a phone number";
                    });
        }
    }

    /**
     * The E.164 prefixes a search for {@code query} may mean, or an empty set when the query does not look like
     * (part of) a phone number. "0803 12" in Nigeria may be national ("+23480312…"); "234803", international
     * without the plus; "803 12", national without the trunk prefix.
     */
    public static Set<String> searchPrefixes(String query, String defaultCountry) {
        String q = query.strip();
        if (!PHONE_LIKE.matcher(q).matches()) {
            return Set.of();
        }
        String digits = q.replaceAll("\\D", "");
        if (q.startsWith("00")) {
            digits = digits.substring(2);
            q = "+" + digits;
        }
        if (digits.length() < 3 || digits.length() > 15) {
            return Set.of();
        }
        Set<String> prefixes = new LinkedHashSet<>();
        if (q.startsWith("+")) {
            prefixes.add("+" + digits);
            return prefixes;
        }
        String region = defaultCountry.toUpperCase(Locale.ROOT);
        int countryCode = UTIL.getCountryCodeForRegion(region);
        if (countryCode > 0) {
            @Nullable String trunk = UTIL.getNddPrefixForRegion(region, true);
            if (trunk != null && !trunk.isEmpty() && digits.startsWith(trunk)) {
                prefixes.add("+" + countryCode + digits.substring(trunk.length()));
            } else {
                prefixes.add("+" + countryCode + digits);
            }
        }
        if (digits.charAt(0) != '0') {
            prefixes.add("+" + digits);
        }
        prefixes.removeIf(p -> p.length() > 16);
        return prefixes;
    }
}
