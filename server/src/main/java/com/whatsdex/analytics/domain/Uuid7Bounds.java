package com.whatsdex.analytics.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * UUIDv7 ids start with their creation time in milliseconds, and PostgreSQL orders uuids byte by byte, so the
 * messages created in [t1, t2) are exactly those with ids in [bound(t1), bound(t2)): the bound is the time followed
 * by zero bits, below every id of that millisecond.
 */
final class Uuid7Bounds {

    private Uuid7Bounds() {}

    static UUID at(long epochMillis) {
        return new UUID(epochMillis << 16, 0L);
    }

    /** The lower bound of the ids created from the start of {@code day} in {@code zone}. */
    static UUID startOf(LocalDate day, ZoneId zone) {
        return at(day.atStartOfDay(zone).toInstant().toEpochMilli());
    }
}
