package com.whatsdex.backups.domain;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Backups' own limits.
 *
 * @param maxUpload the largest archive accepted for a restore by upload ({@code WHATSDEX_BACKUPS_MAX_UPLOAD})
 * @param sweepInterval how often the schedule looks for due backups
 */
@ConfigurationProperties("whatsdex.backups")
public record BackupProperties(
        @DefaultValue("4GB") DataSize maxUpload,
        @DefaultValue("1m") java.time.Duration sweepInterval) {}
