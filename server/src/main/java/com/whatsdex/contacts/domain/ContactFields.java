package com.whatsdex.contacts.domain;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The editable fields of a contact, validated and normalised. */
record ContactFields(
        @Nullable String name,
        String phone,
        @Nullable String rawPhone,
        @Nullable String email,
        List<String> tags,
        Map<String, String> attributes,
        boolean optedOut) {}
