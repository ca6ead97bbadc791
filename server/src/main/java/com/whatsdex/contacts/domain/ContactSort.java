package com.whatsdex.contacts.domain;

/** The orders of the contacts list; each is a keyset over one index. */
public enum ContactSort {
    /** Newest first (the default). */
    created_at,
    /** By name (or email, or phone when there is no name), A to Z. */
    name,
    /** Most recent conversation first; contacts never talked to last. */
    last_interaction_at
}
