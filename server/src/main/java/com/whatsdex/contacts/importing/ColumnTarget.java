package com.whatsdex.contacts.importing;

/** What a CSV column fills in. */
public enum ColumnTarget {
    name,
    first_name,
    middle_name,
    last_name,
    phone,
    email,
    tags,
    /** a custom attribute named after the column */
    attribute,
    ignore
}
