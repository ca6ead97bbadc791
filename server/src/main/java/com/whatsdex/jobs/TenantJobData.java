package com.whatsdex.jobs;

import java.util.UUID;

/**
 * Data of a job that works for one workspace. It is stored as JSON, so implement it with a record of plain values
 * (ids, strings, numbers, instants), never entities. The job's handler runs as {@link #tenantId()}, so row-level
 * security applies to everything it reads and writes.
 */
public interface TenantJobData {

    UUID tenantId();
}
