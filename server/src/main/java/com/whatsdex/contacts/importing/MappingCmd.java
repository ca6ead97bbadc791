package com.whatsdex.contacts.importing;

import org.jspecify.annotations.Nullable;

/**
 * The user's choice for one column of the file.
 *
 * @param index the column's position, from 0
 * @param target what it fills in
 * @param attributeKey the custom attribute's key when {@code target} is {@code attribute} (default: from the header)
 */
public record MappingCmd(
        int index, ColumnTarget target, @Nullable String attributeKey) {}
