package com.whatsdex.jobs;

import java.util.Locale;

/**
 * The isolated pools jobs run in. Each group is its own scheduler with its own table ({@code scheduled_tasks_<group>})
 * and threads, so work in one group can neither starve nor claim work of another.
 */
public enum WorkerGroup {
    /** Agent replies, spinning: interactive, low latency. */
    ai,
    /** Media download/upload, backups' file work: slow I/O. */
    media,
    /** Rollups, usage period close: batch work that may wait. */
    analytics,
    /** Campaign dispatch: one long-running job per campaign working through its recipient rows. */
    campaigns;

    /** The group's own db-scheduler table. */
    public String tableName() {
        return "scheduled_tasks_" + name().toLowerCase(Locale.ROOT);
    }
}
