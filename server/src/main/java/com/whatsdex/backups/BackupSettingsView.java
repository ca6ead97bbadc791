package com.whatsdex.backups;

import org.jspecify.annotations.Nullable;

/**
 * When backups run by themselves and how many Drive keeps.
 *
 * @param schedule {@code off}, {@code daily} or {@code weekly}
 * @param hour the hour of day (0 - 23) in the workspace's time zone
 * @param weekday for weekly backups, 1 = Monday … 7 = Sunday
 * @param retention how many backups to keep in Drive; older ones are deleted after each good backup
 * @param nextRunAt when the next scheduled backup is due, if scheduled
 */
public record BackupSettingsView(
        String schedule,
        int hour,
        int weekday,
        int retention,
        String timeZone,
        java.time.@Nullable Instant nextRunAt) {}
