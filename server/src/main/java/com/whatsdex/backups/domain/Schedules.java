package com.whatsdex.backups.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;

/** The slots of a backup schedule in the workspace's time zone (a daylight-saving gap moves a slot by an hour). */
final class Schedules {

    private Schedules() {}

    /** The latest slot at or before {@code now}; null when the schedule is off. */
    static @Nullable Instant current(BackupRepository.Settings s, ZoneId zone, Instant now) {
        if ("off".equals(s.schedule())) {
            return null;
        }
        LocalDate day = now.atZone(zone).toLocalDate();
        for (int back = 0; back <= 8; back++) {
            LocalDate d = day.minusDays(back);
            if (matches(s, d)) {
                Instant slot = ZonedDateTime.of(d.atTime(s.hour(), 0), zone).toInstant();
                if (!slot.isAfter(now)) {
                    return slot;
                }
            }
        }
        return null;
    }

    /** The first slot after {@code now}; null when the schedule is off. */
    static @Nullable Instant next(BackupRepository.Settings s, ZoneId zone, Instant now) {
        if ("off".equals(s.schedule())) {
            return null;
        }
        LocalDate day = now.atZone(zone).toLocalDate();
        for (int ahead = 0; ahead <= 8; ahead++) {
            LocalDate d = day.plusDays(ahead);
            if (matches(s, d)) {
                Instant slot = ZonedDateTime.of(d.atTime(s.hour(), 0), zone).toInstant();
                if (slot.isAfter(now)) {
                    return slot;
                }
            }
        }
        throw new IllegalStateException("no slot within a week");
    }

    private static boolean matches(BackupRepository.Settings s, LocalDate d) {
        return "daily".equals(s.schedule()) || d.getDayOfWeek() == DayOfWeek.of(s.weekday());
    }
}
